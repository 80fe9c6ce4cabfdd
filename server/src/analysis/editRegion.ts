/**
 * Where two versions of a document differ, widened to whole paragraphs: the stretch an edit
 * can change the analysis of. Everything outside it analyses exactly as before, because every
 * step of the engine is local to a paragraph (text between blank lines): masking patterns never
 * span a blank line (but for the Markdown constructs of hasMultiParagraphMarkup, whose masking
 * is compared whole), blocks never cross one, and wink reads one block at a time.
 */
import { commonPrefix, commonSuffix, type TextEdit } from '../text/diff';
import { isSpace } from './mask';

const LF = 10;
const CR = 13;

/**
 * Markdown whose masking reaches across blank lines (front matter, code fences, HTML comments,
 * which also carry the suppression directives): such documents are masked whole on every
 * version, and the masked versions are compared too (see editRegion).
 */
export function hasMultiParagraphMarkup(text: string): boolean {
  return text.startsWith('---') || text.includes('```') || text.includes('~~~') || text.includes('<!--');
}

/**
 * The start of the last whitespace-only line that, with the line break ending it, lies inside
 * text[0, limit - 1); 0 when there is none. The margin of one keeps a CR at the limit, whose
 * LF may have changed, from counting as a whole line break.
 */
function blankLineBefore(text: string, limit: number): number {
  let lineEnd = -1; // index of the line break that ends the line being read, once one is seen
  let blank = true;
  for (let i = limit - 2; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c !== LF && c !== CR) {
      if (!isSpace(c)) blank = false;
      continue;
    }
    // A CRLF is one line break: step back to its CR.
    const breakStart = c === LF && i > 0 && text.charCodeAt(i - 1) === CR ? i - 1 : i;
    if (lineEnd >= 0 && blank) return i + 1;
    lineEnd = breakStart;
    blank = true;
    i = breakStart;
  }
  return 0;
}

/**
 * The start of the first whitespace-only line that begins after a line break found at or after
 * `from`; text.length when there is none.
 */
function blankLineAfter(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== LF && c !== CR) continue;
    const lineStart = c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    let j = lineStart;
    while (j < text.length && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR && isSpace(text.charCodeAt(j))) j++;
    if (j === text.length || text.charCodeAt(j) === LF || text.charCodeAt(j) === CR) return lineStart;
    i = j - 1;
  }
  return text.length;
}

/**
 * The paragraphs of `newText` that differ from `oldText`, or null when nothing differs.
 * `masked`: both versions masked whole, for Markdown whose masking reaches across blank lines
 * (a code fence opened by the edit hides everything after it): then what differs in either the
 * text or its masking counts, and paragraphs are those of the masked text, the one analysed.
 */
export function editRegion(oldText: string, newText: string, masked?: { old: string; new: string }): TextEdit | null {
  if (oldText === newText && (masked === undefined || masked.old === masked.new)) return null;
  const shorter = Math.min(oldText.length, newText.length);
  let prefix = commonPrefix(oldText, newText);
  let suffix = commonSuffix(oldText, newText, shorter - prefix);
  if (masked) {
    prefix = Math.min(prefix, commonPrefix(masked.old, masked.new));
    suffix = Math.min(suffix, commonSuffix(masked.old, masked.new, shorter - prefix));
  }
  const lines = masked?.new ?? newText;
  const start = blankLineBefore(lines, prefix);
  const newEnd = blankLineAfter(lines, newText.length - suffix);
  return { start, oldEnd: newEnd - (newText.length - oldText.length), newEnd };
}
