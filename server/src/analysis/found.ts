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
  const bySize = [...found].sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const kept: Found[] = [];
  for (const f of bySize) {
    if (!kept.some((k) => f.first <= k.last && k.first <= f.last)) kept.push(f);
  }
  return kept.sort((a, b) => a.first - b.first);
}
