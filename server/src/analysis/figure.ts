/**
 * What a claim states, as a key: claims with the same key state the same figure ("£82.7m" twice,
 * "30 countries" and "30 countries") or report the same event ("the talks collapsed" twice).
 * Worked out once, when the claim is made, because every diagnostics pull groups all of a
 * document's claims by it (7,600 in a 1 MB document).
 */
import type { Claim } from './types';

export function figureOf(claim: Pick<Claim, 'kind' | 'text' | 'value' | 'shownValue'>): string {
  if (!claim.value || claim.kind === 'event') return `${claim.kind}|${claim.text.toLowerCase()}`;
  return `${claim.kind}|${claim.shownValue}`;
}
