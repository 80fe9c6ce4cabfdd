/** Parsing numerals as written in news: "6,000", "1.5", "thirty", "forty-three", "£30, 000". */
import { NUMBER_WORDS } from './lexicon';

// The patterns of functions called for every number token live out here: a regular expression
// literal makes a new RegExp object each time it is evaluated.
const NUMERAL = /^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$/;
const DIGIT_ORDINAL = /^(\d{1,3}(?:,\d{3})*|\d+)(?:st|nd|rd|th)$/i;
const FOUR_DIGITS = /^\d{4}$/;

/** A plain numeral ("6,000", "1.5", "2004"), or NaN. Thousands separators must be well placed. */
export function parseNumeral(token: string): number {
  if (!NUMERAL.test(token)) return NaN;
  return Number(token.includes(',') ? token.replace(/,/g, '') : token);
}

/** A number word ("thirty") or NaN. */
export function parseNumberWord(word: string): number {
  return NUMBER_WORDS.get(word) ?? NaN;
}

/** Digit ordinals like "2,838th" or "21st"; NaN otherwise. */
export function parseOrdinal(token: string): number {
  const m = DIGIT_ORDINAL.exec(token);
  return m ? Number(m[1].replace(/,/g, '')) : NaN;
}

const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7],
  ['eighth', 8], ['ninth', 9], ['tenth', 10],
]);

export function parseOrdinalWord(word: string): number {
  return ORDINAL_WORDS.get(word) ?? NaN;
}

export function isYear(n: number, token: string): boolean {
  return FOUR_DIGITS.test(token) && n >= 1800 && n <= 2100;
}
