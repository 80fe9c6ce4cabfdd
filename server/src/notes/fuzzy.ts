/**
 * Approximate matching for a quote whose text was edited ("30 countries" → "31 countries").
 * Pure, and bounded: never O(n²) on a large document.
 *
 * Only a few candidate places are examined: where the quote's rarest words occur, and where its
 * prefix's end or suffix's start occur. Around each, Sellers' algorithm (edit distance with a
 * free start and end in the text) finds the best-matching substring in a window about three
 * times the quote's length. Cost: O(candidates × quote length²) plus a few indexOf scans.
 *
 * A match must resemble the quote (QUOTE_THRESHOLD) *and* sit in a similar context
 * (CONTEXT_THRESHOLD): "40 countries" elsewhere in the article is not "30 countries" edited.
 */
import type { Span } from './edits';
import type { TextQuoteSelector } from './model';

/** Longer quotes are not matched approximately (claims are a few words; this bounds the cost). */
export const MAX_FUZZY_QUOTE_LENGTH = 200;
const QUOTE_THRESHOLD = 0.6;
const CONTEXT_THRESHOLD = 0.5;
const MAX_CANDIDATES = 32;
/** Occurrences counted per word when looking for the rarest; more means "too common to help". */
const MAX_OCCURRENCES_PER_WORD = 64;
const RAREST_WORDS = 3;
/** Characters of context compared on each side. */
const CONTEXT_WINDOW = 16;
/** A word can be extended by at most this many characters when snapping to word boundaries. */
const MAX_SNAP = 32;

export interface FuzzyMatch extends Span {
  /** 0..1: how much the matched text resembles the quote. */
  similarity: number;
}

export function fuzzyFind(text: string, quote: TextQuoteSelector, hint: number): FuzzyMatch | null {
  const exact = quote.exact;
  if (exact.trim() === '' || exact.length > MAX_FUZZY_QUOTE_LENGTH) return null;
  const slack = Math.max(8, Math.ceil(exact.length / 2));
  let best: (FuzzyMatch & { score: number; distance: number }) | null = null;
  for (const start of candidateStarts(text, quote, hint, slack)) {
    const windowStart = Math.max(0, start - slack);
    const windowEnd = Math.min(text.length, start + exact.length + slack);
    const found = bestSubstring(exact, text, windowStart, windowEnd);
    if (!found) continue;
    const span = snapToWords(text, bracketByContext(text, found, quote, slack), exact);
    if (span.end <= span.start) continue;
    const similarity = similarityOf(exact, text.slice(span.start, span.end));
    if (similarity < QUOTE_THRESHOLD) continue;
    const context = contextSimilarity(text, span, quote);
    if (context < CONTEXT_THRESHOLD) continue;
    const score = similarity * 0.7 + context * 0.3;
    const distance = Math.abs(span.start - hint);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { ...span, similarity, score, distance };
    }
  }
  return best ? { start: best.start, end: best.end, similarity: best.similarity } : null;
}

/** Expected start offsets of the quote, nearest the hint first, at most MAX_CANDIDATES. */
function candidateStarts(text: string, quote: TextQuoteSelector, hint: number, slack: number): number[] {
  const starts: number[] = [];
  const lower = foldCase(text);
  for (const word of rarestWords(lower, quote.exact)) {
    for (const at of occurrences(lower, word.text, MAX_OCCURRENCES_PER_WORD)) starts.push(at - word.offset);
  }
  const prefixTail = foldCase(quote.prefix.slice(-CONTEXT_WINDOW));
  if (prefixTail.trim().length >= 6) {
    for (const at of occurrences(lower, prefixTail, MAX_OCCURRENCES_PER_WORD)) starts.push(at + prefixTail.length);
  }
  const suffixHead = foldCase(quote.suffix.slice(0, CONTEXT_WINDOW));
  if (suffixHead.trim().length >= 6) {
    for (const at of occurrences(lower, suffixHead, MAX_OCCURRENCES_PER_WORD)) starts.push(at - quote.exact.length);
  }
  starts.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
  // Candidates closer than half the slack search the same window: keep the first.
  const distinct: number[] = [];
  for (const s of starts) {
    if (distinct.length >= MAX_CANDIDATES) break;
    if (distinct.every((d) => Math.abs(d - s) > slack / 2)) distinct.push(s);
  }
  return distinct;
}

interface Word {
  text: string;
  offset: number;
}

/** The quote's words that occur least often (but at least once) in the text. */
function rarestWords(lowerText: string, exact: string): Word[] {
  const words: Word[] = [];
  for (const m of foldCase(exact).matchAll(/[\p{L}\p{N}]+/gu)) {
    if (m[0].length >= 2 && !words.some((w) => w.text === m[0])) words.push({ text: m[0], offset: m.index });
  }
  return words
    .map((word) => ({ word, count: occurrences(lowerText, word.text, MAX_OCCURRENCES_PER_WORD).length }))
    .filter((w) => w.count > 0)
    .sort((a, b) => a.count - b.count)
    .slice(0, RAREST_WORDS)
    .map((w) => w.word);
}

function occurrences(text: string, needle: string, limit: number): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = text.indexOf(needle); at >= 0 && found.length < limit; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Lower case when that keeps every offset ("İ" lower-cases to two code units): offsets found in
 * the folded text must be offsets into the original.
 */
function foldCase(s: string): string {
  const lower = s.toLowerCase();
  return lower.length === s.length ? lower : s;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
}

/** Case-insensitive, and any whitespace equals any other (a re-wrapped line is not an edit). */
function sameChar(a: number, b: number): boolean {
  return a === b || (isSpace(a) && isSpace(b));
}

/**
 * Sellers' algorithm: the substring of `text[from, to)` with the smallest edit distance to
 * `pattern`, start and end free. Two rolling rows; each cell remembers where its match began.
 */
function bestSubstring(pattern: string, text: string, from: number, to: number): (Span & { distance: number }) | null {
  const p = foldCase(pattern);
  const t = foldCase(text.slice(from, to));
  const m = p.length;
  const n = t.length;
  if (n === 0) return null;
  let prevCost = new Int32Array(n + 1);
  let prevStart = Int32Array.from({ length: n + 1 }, (_, j) => j);
  let curCost = new Int32Array(n + 1);
  let curStart = new Int32Array(n + 1);
  for (let i = 1; i <= m; i++) {
    curCost[0] = i;
    curStart[0] = 0;
    const pc = p.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      let cost = prevCost[j - 1] + (sameChar(pc, t.charCodeAt(j - 1)) ? 0 : 1);
      let start = prevStart[j - 1];
      if (prevCost[j] + 1 < cost) {
        cost = prevCost[j] + 1;
        start = prevStart[j];
      }
      if (curCost[j - 1] + 1 < cost) {
        cost = curCost[j - 1] + 1;
        start = curStart[j - 1];
      }
      curCost[j] = cost;
      curStart[j] = start;
    }
    [prevCost, curCost] = [curCost, prevCost];
    [prevStart, curStart] = [curStart, prevStart];
  }
  let bestEnd = 1;
  for (let j = 2; j <= n; j++) if (prevCost[j] < prevCost[bestEnd]) bestEnd = j;
  return { start: from + prevStart[bestEnd], end: from + bestEnd, distance: prevCost[bestEnd] };
}

/** Characters of the prefix's end / suffix's start used to find the claim's boundaries. */
const BOUNDARY_CONTEXT = 8;

/**
 * Edit distance alone favours a shorter match: "More than 4,000 coastal homes" scores worse
 * against "More than 4,000 homes" than "More than 4,000 coastal" does. Where the end of the
 * prefix or the start of the suffix is still found next to the match, it marks the boundary.
 */
function bracketByContext(text: string, span: Span, quote: TextQuoteSelector, slack: number): Span {
  let { start, end } = span;
  const tail = quote.prefix.slice(-BOUNDARY_CONTEXT);
  if (tail.trim().length >= 3) {
    const at = nearestOccurrence(text, tail, start - tail.length, start - slack - tail.length, start + slack);
    if (at !== null && at + tail.length < end) start = at + tail.length;
  }
  const head = quote.suffix.slice(0, BOUNDARY_CONTEXT);
  if (head.trim().length >= 3) {
    const at = nearestOccurrence(text, head, end, end - slack, end + slack + head.length);
    if (at !== null && at > start) end = at;
  }
  return { start, end };
}

/** The occurrence of `needle` starting within [from, to] nearest to `target`, or null. */
function nearestOccurrence(text: string, needle: string, target: number, from: number, to: number): number | null {
  let best: number | null = null;
  for (let at = text.indexOf(needle, Math.max(0, from)); at >= 0 && at <= to; at = text.indexOf(needle, at + 1)) {
    if (best === null || Math.abs(at - target) < Math.abs(best - target)) best = at;
  }
  return best;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Claims are whole words: a match that starts or ends inside a word is widened to the word
 * ("0 countries" in "310 countries" → "310 countries"), and edge whitespace the quote does not
 * have is dropped.
 */
function snapToWords(text: string, span: Span, exact: string): Span {
  let { start, end } = span;
  if (!/^\s/.test(exact)) while (start < end && /\s/.test(text[start])) start++;
  if (!/\s$/.test(exact)) while (end > start && /\s/.test(text[end - 1])) end--;
  for (let n = 0; n < MAX_SNAP && isWordChar(text[start - 1]) && isWordChar(text[start]); n++) start--;
  for (let n = 0; n < MAX_SNAP && isWordChar(text[end]) && isWordChar(text[end - 1]); n++) end++;
  return { start, end };
}

/** 1 − normalised edit distance, with the same case and whitespace tolerance. */
export function similarityOf(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - levenshtein(foldCase(a), foldCase(b)) / longer;
}

function levenshtein(a: string, b: string): number {
  let prev = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j - 1] + (sameChar(ac, b.charCodeAt(j - 1)) ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** How well the text around `span` matches the quote's prefix or suffix (the better side). */
function contextSimilarity(text: string, span: Span, quote: TextQuoteSelector): number {
  const side = (expected: string, actual: string, atEdge: boolean): number => {
    if (expected === '') return atEdge ? 1 : 0;
    return similarityOf(expected, actual);
  };
  const prefix = quote.prefix.slice(-CONTEXT_WINDOW);
  const suffix = quote.suffix.slice(0, CONTEXT_WINDOW);
  const before = text.slice(Math.max(0, span.start - prefix.length), span.start);
  const after = text.slice(span.end, span.end + suffix.length);
  return Math.max(side(prefix, before, span.start === 0), side(suffix, after, span.end === text.length));
}
