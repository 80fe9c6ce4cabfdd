/**
 * Where two versions of a text differ: the common prefix and suffix trimmed off. Pure; used by
 * the engine (which paragraphs to analyse again) and the notes (how spans move).
 *
 * O(n), but compared a chunk at a time: V8 compares two string slices natively, about 25 times
 * faster than a charCodeAt loop, and this runs on every keystroke in a 1 MB document.
 */

/** `oldText[start, oldEnd)` was replaced by `newText[start, newEnd)`. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const CHUNK = 1024;

export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix, at most `max` (so that it never overlaps a common prefix). */
export function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i + CHUNK <= max && a.slice(a.length - i - CHUNK, a.length - i) === b.slice(b.length - i - CHUNK, b.length - i)) i += CHUNK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
