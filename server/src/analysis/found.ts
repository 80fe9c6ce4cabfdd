/** What a rule finds inside one sentence: a token range, before it becomes a `Claim`. */
import type { ClaimKind, ClaimValue } from './types';

export interface Found {
  kind: ClaimKind;
  /** Inclusive token indexes. */
  first: number;
  last: number;
  value: ClaimValue | null;
  reasons: string[];
  /** A weaker signal than the kind usually is (an event found from any verb): adds nothing to the score. */
  weak?: boolean;
}

/** Overlapping finds: the larger structure wins, then the earlier one (guideline §4). */
export function resolveOverlaps(found: Found[]): Found[] {
  if (found.length === 0) return [];
  const bySize = [...found].sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  // Tokens already taken by a kept find: checking a find reads its own tokens, not every kept
  // find (that was quadratic in the finds of a sentence: 20,000 "5%" on one line took minutes).
  let low = bySize[0].first;
  let high = bySize[0].last;
  for (const f of bySize) {
    low = Math.min(low, f.first);
    high = Math.max(high, f.last);
  }
  const taken = new Uint8Array(high - low + 1);
  const kept: Found[] = [];
  for (const f of bySize) {
    let free = true;
    for (let t = f.first; t <= f.last && free; t++) free = taken[t - low] === 0;
    if (!free) continue;
    for (let t = f.first; t <= f.last; t++) taken[t - low] = 1;
    kept.push(f);
  }
  return kept.sort((a, b) => a.first - b.first);
}

/**
 * `covered(i)`: whether some find in `found` so far includes token `i` — the same answer as
 * `found.some((f) => f.first <= i && i <= f.last)`, in constant time once each find's tokens are
 * marked (finds pushed after the helper was made are marked on the next call).
 */
export function coverageOf(found: readonly Found[], s: number, e: number): (i: number) => boolean {
  const marks = new Uint8Array(Math.max(0, e - s + 1));
  let marked = 0;
  return (i: number): boolean => {
    for (; marked < found.length; marked++) {
      const f = found[marked];
      for (let t = Math.max(f.first, s); t <= Math.min(f.last, e); t++) marks[t - s] = 1;
    }
    return i >= s && i <= e && marks[i - s] === 1;
  };
}
