/** Reported claims → the `ClaimInfo` records the client's views show. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Claim } from '../analysis';
import type { ClaimInfo } from '../contract';
import { toRange } from './positions';

export function listClaims(
  document: TextDocument,
  claims: readonly Claim[],
  statusOf: (claim: Claim) => string = () => 'unverified',
): ClaimInfo[] {
  return claims.map((claim) => ({
    id: claim.id,
    kind: claim.kind,
    text: claim.text,
    range: toRange(document, claim.start, claim.end),
    value: claim.shownValue,
    score: claim.score,
    source: claim.source,
    status: statusOf(claim),
  }));
}
