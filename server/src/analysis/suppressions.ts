/**
 * Inline suppressions in Markdown: `<!-- claimcheck-disable-next-line -->` silences every claim
 * on the next non-blank line, `<!-- claimcheck-disable-next-line percentage money -->` only
 * those kinds. Decisions that belong to one sentence stay next to it in the article.
 */
import { CLAIM_KINDS, type ClaimKind } from '../contract';
import type { Claim } from './types';

// The kinds are read from the captured text afterwards; one bounded class keeps this linear.
const DIRECTIVE = /<!--[ \t]*claimcheck-disable-next-line([^>\n]{0,200})-->/g;

export interface Suppression {
  /** Offsets of the silenced line. */
  start: number;
  end: number;
  /** Kinds silenced; all when empty. */
  kinds: ClaimKind[];
}

export function findSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const kinds = (m[1] ?? '')
      .trim()
      .split(/[ \t]+/)
      .filter((k): k is ClaimKind => (CLAIM_KINDS as readonly string[]).includes(k));
    // Words that are not kinds ("percentages", a typo) must not widen the directive to every kind.
    if (kinds.length === 0 && (m[1] ?? '').trim().length > 0) continue;
    // The next non-blank line after the directive's own line.
    let lineStart = text.indexOf('\n', m.index + m[0].length);
    while (lineStart >= 0) {
      const next = text.indexOf('\n', lineStart + 1);
      const line = text.slice(lineStart + 1, next < 0 ? text.length : next);
      if (line.trim().length > 0) {
        out.push({ start: lineStart + 1, end: next < 0 ? text.length : next, kinds });
        break;
      }
      lineStart = next;
    }
  }
  return out;
}

export function isSuppressed(claim: Pick<Claim, 'start' | 'kind'>, suppressions: readonly Suppression[]): boolean {
  return suppressions.some(
    (s) => claim.start >= s.start && claim.start < s.end && (s.kinds.length === 0 || s.kinds.includes(claim.kind)),
  );
}
