/**
 * Which of the engine's claims a range of text means: the one it overlaps most (for an empty
 * range, the one containing it), optionally of one kind. Pure.
 */
import type { Claim } from '../analysis';
import type { ClaimKind } from '../contract';

export function claimAt(claims: readonly Claim[], start: number, end: number, kind?: ClaimKind): Claim | undefined {
  let best: { claim: Claim; overlap: number } | undefined;
  for (const claim of claims) {
    if (kind !== undefined && claim.kind !== kind) continue;
    const overlap = start === end ? (claim.start <= start && start <= claim.end ? 0 : -1) : Math.min(claim.end, end) - Math.max(claim.start, start);
    if (overlap < 0 || (overlap === 0 && start !== end)) continue;
    if (!best || overlap > best.overlap) best = { claim, overlap };
  }
  return best?.claim;
}
