/**
 * What changed between two versions of a document, as one replaced region, and how a span moves
 * through it. Pure.
 *
 * The LSP document store hands the server the new text, not the edit; the smallest region that
 * differs (common prefix and suffix trimmed) is exact for a single edit and a safe superset for
 * several. Spans outside that region are only shifted; spans it touches are searched for again.
 */
import { commonPrefix, commonSuffix, type TextEdit } from '../text/diff';

export type { TextEdit };

export interface Span {
  start: number;
  end: number;
}

/**
 * The one region that differs, or null when the texts are equal (exact for a single edit, a safe
 * superset for several). Runs on every keystroke in a document with notes.
 */
export function diffRegion(oldText: string, newText: string): TextEdit | null {
  if (oldText === newText) return null;
  const prefix = commonPrefix(oldText, newText);
  const suffix = commonSuffix(oldText, newText, Math.min(oldText.length, newText.length) - prefix);
  return { start: prefix, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

export type SpanFate = { touched: false; span: Span } | { touched: true; hint: number };

/**
 * A span entirely before the edit stays; entirely after it shifts. Text inserted exactly at a
 * span's start or end is outside it (the claim did not change). Anything else touched the span:
 * `hint` is where to look first.
 */
export function mapSpan(span: Span, edit: TextEdit): SpanFate {
  const delta = edit.newEnd - edit.oldEnd;
  if (span.end <= edit.start) return { touched: false, span };
  if (span.start >= edit.oldEnd) return { touched: false, span: { start: span.start + delta, end: span.end + delta } };
  return { touched: true, hint: Math.min(span.start, edit.start) };
}
