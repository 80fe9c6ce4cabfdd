/**
 * Finding a note's claim again after the article changed. Pure.
 *
 * In order, cheapest and most certain first:
 *  1. position — the quote is still exactly where it was (or where the edit moved it);
 *  2. quote    — the quote occurs elsewhere with agreeing context (prefix or suffix), nearest
 *                the old position among the best context matches; a long quote that occurs
 *                exactly once is accepted on its own (a moved paragraph changes the context);
 *  3. fuzzy    — the quote was edited: a similar text in a similar context (`fuzzy.ts`).
 * Otherwise null: the text is gone and the note is orphaned — never re-attached to a look-alike
 * elsewhere ("40 countries" in another paragraph is not the "30 countries" that was checked).
 */
import type { Span, TextEdit } from './edits';
import { fuzzyFind } from './fuzzy';
import type { TextAnchor, TextQuoteSelector } from './model';

/** Characters of context stored either side of a claim. */
export const CONTEXT_LENGTH = 32;
/** Context characters that must agree on one side for a quote found elsewhere. */
const MIN_CONTEXT_AGREEMENT = 8;
/** A quote at least this long, occurring once, is distinctive enough without context. */
const DISTINCTIVE_LENGTH = 20;
/** Occurrences of a quote examined; beyond this the quote is too common to place by itself. */
const MAX_OCCURRENCES = 10_000;

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface AnchorMatch extends Span {
  method: AnchorMethod;
}

/** The selectors for `text[start, end)`, with CONTEXT_LENGTH characters of context. */
export function selectorFor(text: string, start: number, end: number): TextAnchor {
  const prefixStart = avoidSplitPair(text, Math.max(0, start - CONTEXT_LENGTH));
  const suffixEnd = avoidSplitPair(text, Math.min(text.length, end + CONTEXT_LENGTH));
  return {
    selector: { exact: text.slice(start, end), prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) },
    position: { start, end },
  };
}

/** Moves a cut off the middle of a surrogate pair, so context never holds half an emoji. */
function avoidSplitPair(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return code >= 0xdc00 && code <= 0xdfff && offset > 0 ? offset + 1 : offset;
}

/** Where the anchored claim is in `text` now, or null when its text is gone. */
export function reanchor(text: string, anchor: TextAnchor, hint = anchor.position.start): AnchorMatch | null {
  const { exact } = anchor.selector;
  if (exact === '') return null;
  if (hint >= 0 && text.startsWith(exact, hint)) return { start: hint, end: hint + exact.length, method: 'position' };
  const quoted = findQuote(text, anchor.selector, hint);
  if (quoted !== null) return { start: quoted, end: quoted + exact.length, method: 'quote' };
  const fuzzy = fuzzyFind(text, anchor.selector, hint);
  return fuzzy ? { start: fuzzy.start, end: fuzzy.end, method: 'fuzzy' } : null;
}

function findQuote(text: string, quote: TextQuoteSelector, hint: number): number | null {
  let best: { at: number; agreement: number; distance: number } | null = null;
  let count = 0;
  let only = -1;
  for (let at = text.indexOf(quote.exact); at >= 0 && count < MAX_OCCURRENCES; at = text.indexOf(quote.exact, at + 1)) {
    count++;
    only = at;
    const before = sharedSuffixLength(text, at, quote.prefix);
    const after = sharedPrefixLength(text, at + quote.exact.length, quote.suffix);
    const prefixAgrees = quote.prefix === '' ? at === 0 : before >= Math.min(quote.prefix.length, MIN_CONTEXT_AGREEMENT);
    const suffixAgrees =
      quote.suffix === '' ? at + quote.exact.length === text.length : after >= Math.min(quote.suffix.length, MIN_CONTEXT_AGREEMENT);
    if (!prefixAgrees && !suffixAgrees) continue;
    const agreement = before + after;
    const distance = Math.abs(at - hint);
    if (!best || agreement > best.agreement || (agreement === best.agreement && distance < best.distance)) {
      best = { at, agreement, distance };
    }
  }
  if (best) return best.at;
  return count === 1 && quote.exact.trim().length >= DISTINCTIVE_LENGTH ? only : null;
}

/** How many characters before `end` in `text` equal the end of `prefix`. */
function sharedSuffixLength(text: string, end: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && n < end && text.charCodeAt(end - 1 - n) === prefix.charCodeAt(prefix.length - 1 - n)) n++;
  return n;
}

/** How many characters from `start` in `text` equal the start of `suffix`. */
function sharedPrefixLength(text: string, start: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && start + n < text.length && text.charCodeAt(start + n) === suffix.charCodeAt(n)) n++;
  return n;
}

/**
 * Whether an edit could have brought an orphaned quote back: some word of the quote appears in
 * the new text near the edit. Saves searching the whole document for every orphan on every
 * keystroke; a false "maybe" only costs one search.
 */
export function mayReappear(newText: string, edit: TextEdit, quote: TextQuoteSelector): boolean {
  const margin = quote.exact.length + CONTEXT_LENGTH;
  const near = newText.slice(Math.max(0, edit.start - margin), Math.min(newText.length, edit.newEnd + margin));
  for (const word of quote.exact.split(/[^\p{L}\p{N}]+/u)) {
    if (word !== '' && near.includes(word)) return true;
  }
  return false;
}
