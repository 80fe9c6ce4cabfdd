// The token vocabulary both featurisers share: what a token is (TOKEN_RE), the
// shapes numbers are reduced to, the sentence markers, which tokens get char
// n-grams, and the word lists behind the hand features, folded into one lexicon.
// One definition for the reference featuriser (tokenize.ts, features.ts) and the
// scoring path (fastTokenizer.ts, weightedSum.ts), which must agree exactly:
// changing what a sentence's features are means bumping FEATURE_VERSION and
// retraining.

// Tokens: runs of letters, digits and in-word apostrophes, or a single symbol
// that carries meaning on its own. One character class with one quantifier, or
// one alternative of a single character: linear, no backtracking blow-up.
export const TOKEN_RE = /[\p{L}\p{N}'’]+|[%$€£¥?!]/gu;
// A word that starts with a capital letter (a name, when not sentence-initial).
export const UPPER_START_RE = /^\p{Lu}/u;

// Sentence boundary markers, the outer words of the first and last bigram.
export const START = '<s>';
export const END = '</s>';

// Shape of a plain digit run by its number of digits; #d5 stands for five or more.
export const NUMBER_SHAPES = ['#d0', '#d1', '#d2', '#d3', '#d4', '#d5'];

/** Replaces a token that contains digits by a shape, so "1,234" and "987" look alike. */
export function numberShape(tok: string): string {
  let digits = 0;
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits === tok.length) {
    if (digits === 4) {
      const c0 = tok.charCodeAt(0);
      const c1 = tok.charCodeAt(1);
      if ((c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48)) return '#year';
    }
    return NUMBER_SHAPES[Math.min(digits, 5)];
  }
  // "1980s", "80s", "20th", "3rd"
  if (tok.endsWith('s') && digits === tok.length - 1) return '#decade';
  if (tok.endsWith("'s") && digits === tok.length - 2) return '#decade';
  if (tok.endsWith('th') || tok.endsWith('st') || tok.endsWith('nd') || tok.endsWith('rd')) {
    if (digits === tok.length - 2) return '#ordinal';
  }
  return '#mixed';
}

/** Whether a token gets char n-grams: not a number shape, and not a lone symbol. */
export function isWordToken(t: string): boolean {
  const c = t.charCodeAt(0);
  return c !== 35 /* # */ && t.length > 1;
}

// Word lists behind the hand features (lower-cased, ’ written as ').
const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen',
  'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy',
  'eighty', 'ninety', 'hundred', 'hundreds', 'dozen', 'dozens', 'half', 'third',
  'quarter', 'twice', 'double', 'doubled', 'tripled', 'triple',
]);
const SCALE_WORDS = new Set([
  'thousand', 'thousands', 'million', 'millions', 'billion', 'billions',
  'trillion', 'trillions',
]);
const PERCENT_WORDS = new Set(['percent', 'per', 'percentage', 'percentages', '%']);
const CURRENCY_WORDS = new Set([
  '$', '€', '£', '¥', 'dollar', 'dollars', 'euro', 'euros', 'pound', 'pounds',
  'cents', 'yen',
]);
// "May" is left out: as a modal it is far more common.
const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september',
  'october', 'november', 'december',
]);
const COMPARISON_WORDS = new Set([
  'more', 'less', 'fewer', 'higher', 'lower', 'increase', 'increased', 'increases',
  'decrease', 'decreased', 'decreases', 'rose', 'risen', 'rise', 'fell', 'fallen',
  'grew', 'grown', 'growth', 'cut', 'cuts', 'raised', 'reduced', 'doubled', 'tripled',
  'than', 'up', 'down', 'since', 'compared', 'average', 'rate',
]);
const SUPERLATIVE_WORDS = new Set([
  'most', 'least', 'largest', 'biggest', 'highest', 'lowest', 'fastest', 'worst',
  'best', 'smallest', 'greatest', 'only', 'every', 'never', 'ever',
]);
const RECORD_WORDS = new Set(['record', 'first', 'last', 'history', 'historic', 'all-time']);
const ATTRIBUTION_WORDS = new Set([
  'said', 'says', 'according', 'reported', 'report', 'announced', 'voted', 'vote',
  'votes', 'passed', 'signed', 'study', 'survey', 'data', 'statistics', 'poll',
]);
const INSTITUTION_WORDS = new Set([
  'congress', 'senate', 'government', 'administration', 'federal', 'state', 'states',
  'court', 'department', 'bill', 'law', 'budget', 'tax', 'taxes', 'deficit', 'debt',
  'jobs', 'unemployment', 'economy', 'spending', 'program', 'countries', 'country',
]);
const FIRST_PERSON = new Set([
  'i', "i'm", "i've", "i'll", "i'd", 'we', "we're", "we've", "we'll", "we'd", 'my',
  'our', 'me', 'us',
]);
const OPINION_WORDS = new Set([
  'think', 'believe', 'feel', 'hope', 'want', 'wish', 'agree', 'disagree', 'love',
  'proud', 'great', 'wonderful', 'terrible', 'good', 'bad', 'important', 'wrong',
  'right', 'need', 'needs', 'should', 'ought', 'must', 'going', 'let', "let's",
  'honor', 'glad', 'sure', 'frankly', 'really', 'opinion',
]);
const MODAL_WORDS = new Set([
  'would', 'could', 'should', 'might', 'may', 'can', 'must', 'ought', "won't",
  "wouldn't", "couldn't", "can't", 'maybe', 'perhaps',
]);
const FUTURE_WORDS = new Set(['will', "i'll", "we'll", "won't", 'going', 'tomorrow', 'future']);
const GREETING_WORDS = new Set([
  'thank', 'thanks', 'hello', 'welcome', 'congratulations', 'evening', 'applause',
  'morning', 'goodnight', 'bless', 'pleasure',
]);
const SECOND_PERSON = new Set(['you', "you're", "you've", 'your', 'yourself']);
const NEGATIONS = new Set(['not', 'no', "don't", "didn't", "doesn't", "isn't", "wasn't", 'nothing', 'nobody']);

// Word lists folded into one lexicon of bit flags: one Map lookup per token.
export const F_NUMBER_WORD = 1 << 0;
export const F_SCALE = 1 << 1;
export const F_PERCENT = 1 << 2;
export const F_CURRENCY = 1 << 3;
export const F_MONTH = 1 << 4;
export const F_COMPARISON = 1 << 5;
export const F_SUPERLATIVE = 1 << 6;
export const F_RECORD = 1 << 7;
export const F_ATTRIBUTION = 1 << 8;
export const F_INSTITUTION = 1 << 9;
export const F_OPINION = 1 << 10;
export const F_MODAL = 1 << 11;
export const F_FUTURE = 1 << 12;
export const F_GREETING = 1 << 13;
export const F_SECOND = 1 << 14;
export const F_NEGATION = 1 << 15;
export const F_FIRST = 1 << 16;

export const LEXICON: ReadonlyMap<string, number> = (() => {
  const lex = new Map<string, number>();
  const add = (words: ReadonlySet<string>, flag: number): void => {
    for (const w of words) lex.set(w, (lex.get(w) ?? 0) | flag);
  };
  add(NUMBER_WORDS, F_NUMBER_WORD);
  add(SCALE_WORDS, F_SCALE);
  add(PERCENT_WORDS, F_PERCENT);
  add(CURRENCY_WORDS, F_CURRENCY);
  add(MONTHS, F_MONTH);
  add(COMPARISON_WORDS, F_COMPARISON);
  add(SUPERLATIVE_WORDS, F_SUPERLATIVE);
  add(RECORD_WORDS, F_RECORD);
  add(ATTRIBUTION_WORDS, F_ATTRIBUTION);
  add(INSTITUTION_WORDS, F_INSTITUTION);
  add(OPINION_WORDS, F_OPINION);
  add(MODAL_WORDS, F_MODAL);
  add(FUTURE_WORDS, F_FUTURE);
  add(GREETING_WORDS, F_GREETING);
  add(SECOND_PERSON, F_SECOND);
  add(NEGATIONS, F_NEGATION);
  add(FIRST_PERSON, F_FIRST);
  return lex;
})();
