/**
 * What changed between two versions of a document, as one replaced region, and how a span moves
 * through it. Pure.
 *
 * The LSP document store hands the server the new text, not the edit; the smallest region that
 * differs (common prefix and suffix trimmed) is exact for a single edit and a safe superset for
 * several. Spans outside that region are only shifted; spans it touches are searched for again.
 */

export interface Span {
  start: number;
  end: number;
}

/** `oldText[start, oldEnd)` was replaced by `newText[start, newEnd)`. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Characters compared at once while skipping the common prefix and suffix. */
const CHUNK = 1024;

/**
 * The one region that differs, or null when the texts are equal. O(n), but in chunks compared
 * as strings (memcmp speed) rather than a character at a time: this runs on every keystroke in
 * a document with notes, and a 1 MB article must stay well under a frame.
 */
export function diffRegion(oldText: string, newText: string): TextEdit | null {
  if (oldText === newText) return null;
  const shorter = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix + CHUNK <= shorter && oldText.slice(prefix, prefix + CHUNK) === newText.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  const room = shorter - prefix;
  let suffix = 0;
  while (
    suffix + CHUNK <= room &&
    oldText.slice(oldText.length - suffix - CHUNK, oldText.length - suffix) === newText.slice(newText.length - suffix - CHUNK, newText.length - suffix)
  ) {
    suffix += CHUNK;
  }
  while (suffix < room && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
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
