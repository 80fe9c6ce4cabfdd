// Featurisation of one sentence for the check-worthiness model.
//
// Pure TypeScript (no Node or VS Code APIs) and allocation-light: the hot path
// tokenises once and hashes every feature straight into a fixed-size space with
// FNV-1a (32-bit) followed by a murmur3 finaliser, so the model is a plain array
// of weights indexed by hash. The same code runs at training time
// (server/scripts/train.ts) and at scoring time (model.ts), so any change to what
// is emitted here must bump FEATURE_VERSION and be followed by a retrain.
// Scoring goes through createWeightedSum (end of this file), a faster copy of
// forEachFeature's arithmetic: a change here must be mirrored there.

/** Bump whenever the features emitted for a sentence change. */
export const FEATURE_VERSION = 1;

export interface FeatureConfig {
  /** log2 of the size of the hashed feature space. */
  readonly hashBits: number;
  /** Emit word bigrams (including sentence-start and sentence-end markers). */
  readonly bigrams: boolean;
  /** Character n-grams inside word boundaries, from charMin to charMax; 0 disables. */
  readonly charMin: number;
  readonly charMax: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  hashBits: 18,
  bigrams: true,
  charMin: 3,
  charMax: 4,
};

/** What a feature came from, for explanations. */
export enum FeatureKind {
  /** A word (or number shape); `a` is the token. */
  Word = 0,
  /** Two adjacent tokens; `a` and `b` are the tokens. */
  Bigram = 1,
  /** A character n-gram of a word; `a` is the word it came from. */
  Char = 2,
  /** A hand-written feature; `a` is its name (a key of HAND_FEATURE_LABELS). */
  Hand = 3,
}

/**
 * Receives each feature of a sentence. Strings passed are ones the featuriser
 * already holds (tokens, constant names), so a sink that ignores them costs nothing.
 */
export type FeatureSink = (index: number, value: number, kind: FeatureKind, a: string, b: string) => void;

/**
 * Human-readable reasons for hand features, used by explainScore for hovers.
 * Features without a label here (the length buckets) are never shown as a reason.
 */
export const HAND_FEATURE_LABELS: Readonly<Record<string, string>> = {
  has_number: 'mentions a number',
  number_word: 'mentions a number',
  num_count_1: 'mentions a number',
  num_count_2: 'mentions a number',
  num_count_3: 'mentions a number',
  percent: 'mentions a percentage',
  currency: 'mentions an amount of money',
  scale_word: 'mentions a large quantity',
  year: 'mentions a year',
  decade: 'mentions a decade',
  month: 'mentions a date',
  comparison: 'describes a change or comparison',
  superlative: 'makes a superlative claim',
  record: 'claims a record or first',
  attribution: 'attributes a statement',
  institution: 'names an institution',
  proper_noun: 'names a person, place or body',
  past_tense: 'describes a past event',
  first_person: 'first-person statement',
  first_person_opinion: 'first-person opinion',
  first_person_future: 'first-person promise',
  opinion_word: 'opinion wording',
  modal: 'speculative or modal wording',
  future: 'about the future',
  question: 'a question',
  exclamation: 'an exclamation',
  greeting: 'greeting or thanks',
  second_person: 'addresses the listener',
  negation: 'negation',
  number_no_opinion: 'states a figure',
};

// Tokens: runs of letters, digits and in-word apostrophes, or a single symbol
// that carries meaning on its own. One character class with one quantifier, or
// one alternative of a single character: linear, no backtracking blow-up.
const TOKEN_RE = /[\p{L}\p{N}'’]+|[%$€£¥?!]/gu;
// A word that starts with a capital letter (a name, when not sentence-initial).
const UPPER_START_RE = /^\p{Lu}/u;

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

// ---- hashing ----

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a 32-bit over the UTF-16 code units of s, continuing from state h. */
export function fnv1a(s: string, h: number = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** One FNV-1a step for a single code unit. */
function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** murmur3 fmix32: spreads FNV's weak low bits before masking. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Namespaces so that the word "the", the bigram "the", the char gram "the" and
// a hand feature never share a hash by construction.
const NS_WORD = fnv1a('w\u0001');
const NS_BIGRAM = fnv1a('b\u0001');
const NS_CHAR = fnv1a('c\u0001');
const NS_HAND = fnv1a('h\u0001');
const SEP = 0x20;

/** Hashed index of a hand feature (exported for tests and explanations). */
export function handFeatureIndex(name: string, hashBits: number): number {
  return mix(fnv1a(name, NS_HAND)) & ((1 << hashBits) - 1);
}

// ---- tokenisation ----

const START = '<s>';
const END = '</s>';

const NUMBER_SHAPES = ['#d0', '#d1', '#d2', '#d3', '#d4', '#d5'];

/** Replaces a token that contains digits by a shape, so "1,234" and "987" look alike. */
function numberShape(tok: string): string {
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

function hasDigit(tok: string): boolean {
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

export interface Tokens {
  /** Lower-cased tokens with numbers replaced by shapes. */
  readonly tokens: string[];
  /** Number of tokens in the original text that start with a capital, not counting the first. */
  readonly capitalised: number;
}

/**
 * Splits a sentence into lower-cased tokens; numbers become shape tokens such as
 * "#d2", "#dec" or "#year". "3.9" and "40,000" stay one number: the regex splits
 * them at the separator and the loop joins adjacent digit runs back together.
 */
export function tokenize(text: string): Tokens {
  const tokens: string[] = [];
  let capitalised = 0;
  let numberEnd = -1;
  let numberDigits = 0;
  let numberDecimal = false;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const raw = m[0];
    let tok = raw;
    const c0 = tok.charCodeAt(0);
    const cn = tok.charCodeAt(tok.length - 1);
    if (c0 === 0x2019 || c0 === 0x27 || cn === 0x2019 || cn === 0x27) {
      tok = stripApostrophes(tok);
      if (tok.length === 0) continue;
    }
    if (hasDigit(tok)) {
      const digitsOnly = allDigits(tok);
      if (numberEnd >= 0 && m.index === numberEnd + 1 && digitsOnly) {
        const sep = text.charCodeAt(numberEnd);
        if (sep === 0x2e /* . */ || sep === 0x2c /* , */) {
          // Counts, not the joined text: a long "1,1,1,…" stays linear.
          if (sep === 0x2e) numberDecimal = true;
          numberDigits += tok.length;
          tokens[tokens.length - 1] = numberDecimal ? '#dec' : NUMBER_SHAPES[Math.min(numberDigits, 5)];
          numberEnd = m.index + raw.length;
          continue;
        }
      }
      tokens.push(numberShape(tok));
      // Only a plain digit run can be continued by ".5" or ",000".
      numberEnd = digitsOnly ? m.index + raw.length : -1;
      numberDigits = tok.length;
      numberDecimal = false;
      continue;
    }
    numberEnd = -1;
    if (tokens.length > 0 && UPPER_START_RE.test(tok)) capitalised++;
    let lower = tok.toLowerCase();
    if (lower.indexOf('’') >= 0) lower = lower.split('’').join("'");
    tokens.push(lower);
  }
  return { tokens, capitalised };
}

function allDigits(tok: string): boolean {
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function stripApostrophes(tok: string): string {
  let a = 0;
  let b = tok.length;
  while (a < b && (tok.charCodeAt(a) === 0x27 || tok.charCodeAt(a) === 0x2019)) a++;
  while (b > a && (tok.charCodeAt(b - 1) === 0x27 || tok.charCodeAt(b - 1) === 0x2019)) b--;
  return tok.slice(a, b);
}

// ---- features ----

/**
 * Emits every feature of `text` into `sink`. Word, bigram and char features of
 * a sentence are scaled so that each group has unit L2 norm (long sentences
 * don't win by length alone); hand features have value 1.
 */
export function forEachFeature(text: string, sink: FeatureSink, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): void {
  const mask = (1 << config.hashBits) - 1;
  const { tokens, capitalised } = tokenize(text);
  const n = tokens.length;

  // Hand features first: the sink sees them before the lexical ones.
  emitHandFeatures(tokens, capitalised, text, mask, sink);

  if (n === 0) return;

  // Unigrams.
  const wv = 1 / Math.sqrt(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    sink(mix(fnv1a(t, NS_WORD)) & mask, wv, FeatureKind.Word, t, '');
  }

  // Bigrams with sentence boundary markers.
  if (config.bigrams) {
    const bv = 1 / Math.sqrt(n + 1);
    let prev = START;
    let prevHash = fnv1a(START, NS_BIGRAM);
    for (let i = 0; i <= n; i++) {
      const t = i < n ? tokens[i] : END;
      const h = fnv1a(t, fnvStep(prevHash, SEP));
      sink(mix(h) & mask, bv, FeatureKind.Bigram, prev, t);
      prev = t;
      prevHash = fnv1a(t, NS_BIGRAM);
    }
  }

  // Character n-grams inside " word " (number shapes and symbols excluded).
  if (config.charMin > 0 && config.charMax >= config.charMin) {
    const lo = config.charMin;
    const hi = config.charMax;
    const cache = charGramCache(lo, hi);
    let count = 0;
    for (let i = 0; i < n; i++) count += charGramCount(tokens[i], lo, hi);
    if (count > 0) {
      const cv = 1 / Math.sqrt(count);
      for (let i = 0; i < n; i++) {
        const t = tokens[i];
        if (!isWordToken(t)) continue;
        let hashes = cache.get(t);
        if (hashes === undefined) {
          hashes = charGramHashes(t, lo, hi);
          if (cache.size >= CHAR_CACHE_LIMIT) cache.clear();
          cache.set(t, hashes);
        }
        for (let k = 0; k < hashes.length; k++) sink(hashes[k] & mask, cv, FeatureKind.Char, t, '');
      }
    }
  }
}

// Per-word memo of char n-gram hashes (before masking). A pure function's
// results, so clearing it when full changes nothing but speed.
const CHAR_CACHE_LIMIT = 50_000;
const charCaches = new Map<number, Map<string, Uint32Array>>();

function charGramCache(lo: number, hi: number): Map<string, Uint32Array> {
  const key = lo * 64 + hi;
  let cache = charCaches.get(key);
  if (cache === undefined) {
    cache = new Map();
    charCaches.set(key, cache);
  }
  return cache;
}

/** Hashes of the lo..hi-grams of " t ", in order of start then length. */
function charGramHashes(t: string, lo: number, hi: number): Uint32Array {
  const out = new Uint32Array(charGramCount(t, lo, hi));
  const len = t.length + 2;
  let k = 0;
  for (let s = 0; s + lo <= len; s++) {
    let h = NS_CHAR;
    const stop = Math.min(len, s + hi);
    for (let e = s; e < stop; e++) {
      const code = e === 0 || e === len - 1 ? SEP : t.charCodeAt(e - 1);
      h = fnvStep(h, code);
      if (e - s + 1 >= lo) out[k++] = mix(h >>> 0);
    }
  }
  return out;
}

function isWordToken(t: string): boolean {
  const c = t.charCodeAt(0);
  return c !== 35 /* # */ && t.length > 1;
}

function charGramCount(t: string, lo: number, hi: number): number {
  if (!isWordToken(t)) return 0;
  const len = t.length + 2;
  let count = 0;
  for (let k = lo; k <= hi; k++) if (len >= k) count += len - k + 1;
  return count;
}

// Word lists folded into one lexicon of bit flags: one Map lookup per token.
const F_NUMBER_WORD = 1 << 0;
const F_SCALE = 1 << 1;
const F_PERCENT = 1 << 2;
const F_CURRENCY = 1 << 3;
const F_MONTH = 1 << 4;
const F_COMPARISON = 1 << 5;
const F_SUPERLATIVE = 1 << 6;
const F_RECORD = 1 << 7;
const F_ATTRIBUTION = 1 << 8;
const F_INSTITUTION = 1 << 9;
const F_OPINION = 1 << 10;
const F_MODAL = 1 << 11;
const F_FUTURE = 1 << 12;
const F_GREETING = 1 << 13;
const F_SECOND = 1 << 14;
const F_NEGATION = 1 << 15;
const F_FIRST = 1 << 16;

const LEXICON: ReadonlyMap<string, number> = (() => {
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

const handHashes = new Map<string, number>();

function handHash(name: string): number {
  let h = handHashes.get(name);
  if (h === undefined) {
    h = mix(fnv1a(name, NS_HAND));
    handHashes.set(name, h);
  }
  return h;
}

function emitHand(name: string, mask: number, sink: FeatureSink): void {
  sink(handHash(name) & mask, 1, FeatureKind.Hand, name, '');
}

function emitHandFeatures(tokens: string[], capitalised: number, text: string, mask: number, sink: FeatureSink): void {
  const n = tokens.length;
  let numbers = 0;
  let year = false;
  let decade = false;
  let pastTense = false;
  let question = false;
  let exclamation = false;
  let percent = false;
  let firstPersonOpinion = false;
  let firstPersonFuture = false;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const c0 = t.charCodeAt(0);
    if (c0 === 35 /* # */) {
      numbers++;
      if (t === '#year') year = true;
      else if (t === '#decade') decade = true;
      continue;
    }
    if (c0 === 63 /* ? */ && t.length === 1) {
      question = true;
      continue;
    }
    if (c0 === 33 /* ! */ && t.length === 1) {
      exclamation = true;
      continue;
    }
    if (t.length > 4 && t.endsWith('ed')) pastTense = true;
    const flags = LEXICON.get(t);
    if (flags === undefined) continue;
    seen |= flags;
    if (flags & F_NUMBER_WORD) numbers++;
    // "per" counts only in "per cent".
    if (flags & F_PERCENT && (t !== 'per' || (i + 1 < n && tokens[i + 1] === 'cent'))) percent = true;
    if (flags & F_FIRST) {
      // "I think", "we believe", "I'm going to", "we will": look at the next two tokens.
      for (let j = i + 1; j < n && j <= i + 2; j++) {
        const next = LEXICON.get(tokens[j]) ?? 0;
        if (next & F_OPINION) firstPersonOpinion = true;
        if (next & (F_FUTURE | F_MODAL)) firstPersonFuture = true;
      }
    }
  }
  const numberWord = (seen & F_NUMBER_WORD) !== 0;
  const currency = (seen & F_CURRENCY) !== 0;
  const scale = (seen & F_SCALE) !== 0;
  const month = (seen & F_MONTH) !== 0;
  const comparison = (seen & F_COMPARISON) !== 0;
  const superlative = (seen & F_SUPERLATIVE) !== 0;
  const record = (seen & F_RECORD) !== 0;
  const attribution = (seen & F_ATTRIBUTION) !== 0;
  const institution = (seen & F_INSTITUTION) !== 0;
  const opinion = (seen & F_OPINION) !== 0;
  const modal = (seen & F_MODAL) !== 0;
  const future = (seen & F_FUTURE) !== 0;
  const greeting = (seen & F_GREETING) !== 0;
  const second = (seen & F_SECOND) !== 0;
  const negation = (seen & F_NEGATION) !== 0;
  const firstPerson = (seen & F_FIRST) !== 0;
  if (text.indexOf('%') >= 0) percent = true;
  if (numbers > 0) emitHand('has_number', mask, sink);
  if (numberWord) emitHand('number_word', mask, sink);
  if (numbers === 1) emitHand('num_count_1', mask, sink);
  else if (numbers === 2) emitHand('num_count_2', mask, sink);
  else if (numbers >= 3) emitHand('num_count_3', mask, sink);
  if (percent) emitHand('percent', mask, sink);
  if (currency) emitHand('currency', mask, sink);
  if (scale) emitHand('scale_word', mask, sink);
  if (year) emitHand('year', mask, sink);
  if (decade) emitHand('decade', mask, sink);
  if (month) emitHand('month', mask, sink);
  if (comparison) emitHand('comparison', mask, sink);
  if (superlative) emitHand('superlative', mask, sink);
  if (record) emitHand('record', mask, sink);
  if (attribution) emitHand('attribution', mask, sink);
  if (institution) emitHand('institution', mask, sink);
  if (capitalised > 0) emitHand('proper_noun', mask, sink);
  if (pastTense) emitHand('past_tense', mask, sink);
  if (firstPerson) emitHand('first_person', mask, sink);
  if (firstPersonOpinion) emitHand('first_person_opinion', mask, sink);
  if (firstPersonFuture) emitHand('first_person_future', mask, sink);
  if (opinion) emitHand('opinion_word', mask, sink);
  if (modal) emitHand('modal', mask, sink);
  if (future) emitHand('future', mask, sink);
  if (question) emitHand('question', mask, sink);
  if (exclamation) emitHand('exclamation', mask, sink);
  if (greeting) emitHand('greeting', mask, sink);
  if (second) emitHand('second_person', mask, sink);
  if (negation) emitHand('negation', mask, sink);
  if ((numbers > 0 || percent || currency || scale) && !firstPersonOpinion && !question) emitHand('number_no_opinion', mask, sink);
  emitHand(n < 5 ? 'len_0' : n < 10 ? 'len_1' : n < 20 ? 'len_2' : n < 35 ? 'len_3' : 'len_4', mask, sink);
}

// ---- fast weighted sum (scoring) ----
//
// Scoring only needs bias + Σ weight[index] × value, yet forEachFeature pays for
// generality on every feature: a regex match, a substring and a lower-cased copy
// per token, a Map lookup per word, and a five-argument callback per feature.
// createWeightedSum computes the same sum from char codes into reused typed
// arrays, adding the same products in the same order (hand features, words,
// bigrams, char n-grams), so the double it returns is bit-identical.
//
// forEachFeature stays the definition (training and explanations use it);
// test/unit/checkworthinessFastPath.test.ts checks that the two agree, so a
// change to what forEachFeature emits must be mirrored here.

// Character classes of TOKEN_RE, and \p{Lu} of UPPER_START_RE, per code point.
const CLASS_KNOWN = 1;
const CLASS_RUN = 2; // [\p{L}\p{N}'’]: extends a token run
const CLASS_SYMBOL = 4; // [%$€£¥?!]: a token of its own
const CLASS_UPPER = 8; // \p{Lu}
const RUN_CHAR_RE = /^[\p{L}\p{N}'’]$/u;
const SYMBOL_CHAR_RE = /^[%$€£¥?!]$/u;

// Classes are looked up by regex once per code point and remembered.
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function computeClass(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (
    CLASS_KNOWN |
    (RUN_CHAR_RE.test(ch) ? CLASS_RUN : 0) |
    (SYMBOL_CHAR_RE.test(ch) ? CLASS_SYMBOL : 0) |
    (UPPER_START_RE.test(ch) ? CLASS_UPPER : 0)
  );
}

// ASCII is filled up front, so the tokenizer's common case is one array read.
for (let c = 0; c < 0x80; c++) bmpClasses[c] = computeClass(c);

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let c = bmpClasses[cp];
    if (c === 0) bmpClasses[cp] = c = computeClass(cp);
    return c;
  }
  let c = astralClasses.get(cp);
  if (c === undefined) astralClasses.set(cp, (c = computeClass(cp)));
  return c;
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// Buffer sizes: the initial ones fit ordinary sentences; a buffer grown past
// RETAIN_CHARS by a huge one is dropped afterwards rather than kept for good.
const INITIAL_CHARS = 1024;
const INITIAL_TOKENS = 256;
const RETAIN_CHARS = 1 << 16;

/**
 * The tokens of one sentence as tokenize() would return them, stored back to
 * back as UTF-16 code units: token i is chars[starts[i] .. starts[i + 1]).
 * One instance is reused for every sentence (scoring is synchronous).
 */
class TokenBuffer {
  chars: Uint16Array = new Uint16Array(INITIAL_CHARS);
  starts: Int32Array = new Int32Array(INITIAL_TOKENS + 1);
  /** mix(fnv1a(token, NS_WORD)) per token: the unigram hash and the lexicon key. */
  wordHashes: Int32Array = new Int32Array(INITIAL_TOKENS);
  /** LEXICON flags per token, 0 when the token is not in it. */
  lexFlags: Int32Array = new Int32Array(INITIAL_TOKENS);
  count = 0;
  capitalised = 0;

  reset(): void {
    this.count = 0;
    this.capitalised = 0;
    this.starts[0] = 0;
  }

  /** Makes room for one more token of up to `maxChars` code units; returns where it starts. */
  open(maxChars: number): number {
    const at = this.starts[this.count];
    if (at + maxChars > this.chars.length) this.chars = grow16(this.chars, at + maxChars);
    if (this.count + 2 > this.starts.length) {
      const size = this.starts.length * 2;
      this.starts = grow32(this.starts, size);
      this.wordHashes = new Int32Array(size);
      this.lexFlags = new Int32Array(size);
    }
    return at;
  }

  close(end: number): void {
    this.starts[++this.count] = end;
  }

  /** Appends `s` as a token. */
  pushString(s: string): void {
    let at = this.open(s.length);
    for (let k = 0; k < s.length; k++) this.chars[at++] = s.charCodeAt(k);
    this.close(at);
  }

  /** Replaces the last token by `s` (a number joined with its ".5" or ",000"). */
  replaceLast(s: string): void {
    this.count--;
    this.pushString(s);
  }

  /** True when token i is exactly `s`. */
  tokenIs(i: number, s: string): boolean {
    return sameChars(s, this.chars, this.starts[i], this.starts[i + 1]);
  }

  /** Drops buffers a huge sentence grew past RETAIN_CHARS. */
  shrink(): void {
    if (this.chars.length > RETAIN_CHARS) this.chars = new Uint16Array(INITIAL_CHARS);
    if (this.starts.length > RETAIN_CHARS) {
      this.starts = new Int32Array(INITIAL_TOKENS + 1);
      this.wordHashes = new Int32Array(INITIAL_TOKENS);
      this.lexFlags = new Int32Array(INITIAL_TOKENS);
    }
  }
}

function grow16(a: Uint16Array, min: number): Uint16Array {
  const b = new Uint16Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function grow32(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function sameChars(s: string, chars: Uint16Array, start: number, end: number): boolean {
  if (end - start !== s.length) return false;
  for (let k = 0; k < s.length; k++) if (chars[start + k] !== s.charCodeAt(k)) return false;
  return true;
}

const buffer = new TokenBuffer();

/**
 * tokenize(text) into `buffer`, without a regex or a string per token. Mirrors
 * tokenize() step by step: runs of TOKEN_RE's first alternative or one symbol,
 * apostrophes stripped, digit tokens shaped and joined across "." and ",".
 */
function tokenizeInto(buf: TokenBuffer, text: string): void {
  buf.reset();
  const number = { end: -1, digits: 0, decimal: false };
  const len = text.length;
  let i = 0;
  while (i < len) {
    const cls = classAt(text, i);
    const width = codePointWidth(text, i);
    if (cls & CLASS_RUN) {
      let j = i + width;
      while (j < len && classAt(text, j) & CLASS_RUN) j += codePointWidth(text, j);
      addRawToken(buf, text, i, j, number);
      i = j;
    } else {
      if (cls & CLASS_SYMBOL) addRawToken(buf, text, i, i + width, number);
      i += width;
    }
  }
}

// A /u regex walks code points: a surrogate pair is one, a lone surrogate is one.
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 0x80 ? bmpClasses[c] : classOf(text.codePointAt(i) as number);
}

function codePointWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** State of the digit run that a following ".5" or ",000" would continue. */
interface NumberRun {
  /** End of the last raw digit-only token, or -1 when the last token was not one. */
  end: number;
  digits: number;
  decimal: boolean;
}

/** One TOKEN_RE match text[rawStart, rawEnd), as the body of tokenize()'s loop. */
function addRawToken(buf: TokenBuffer, text: string, rawStart: number, rawEnd: number, number: NumberRun): void {
  let a = rawStart;
  let b = rawEnd;
  while (a < b && isApostrophe(text.charCodeAt(a))) a++;
  while (b > a && isApostrophe(text.charCodeAt(b - 1))) b--;
  if (a === b) return;

  let digits = 0;
  let ascii = true;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) digits++;
    else if (c >= 0x80 && c !== 0x2019) ascii = false;
  }

  if (digits > 0) {
    const digitsOnly = digits === b - a;
    if (number.end >= 0 && rawStart === number.end + 1 && digitsOnly) {
      const sep = text.charCodeAt(number.end);
      if (sep === 0x2e /* . */ || sep === 0x2c /* , */) {
        if (sep === 0x2e) number.decimal = true;
        number.digits += b - a;
        buf.replaceLast(number.decimal ? '#dec' : NUMBER_SHAPES[Math.min(number.digits, 5)]);
        number.end = rawEnd;
        return;
      }
    }
    buf.pushString(numberShapeAt(text, a, b, digits));
    number.end = digitsOnly ? rawEnd : -1;
    number.digits = b - a;
    number.decimal = false;
    return;
  }

  number.end = -1;
  if (buf.count > 0 && classOf(text.codePointAt(a) as number) & CLASS_UPPER) buf.capitalised++;
  if (ascii) pushLowerAscii(buf, text, a, b);
  else pushLowerUnicode(buf, text.slice(a, b));
}

/** numberShape(text.slice(a, b)), given its count of ASCII digits. */
function numberShapeAt(text: string, a: number, b: number, digits: number): string {
  const length = b - a;
  if (digits === length) {
    if (digits === 4) {
      const c0 = text.charCodeAt(a);
      const c1 = text.charCodeAt(a + 1);
      if ((c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48)) return '#year';
    }
    return NUMBER_SHAPES[Math.min(digits, 5)];
  }
  // Here 1 <= digits < length, so the token has at least two code units.
  const last = text.charCodeAt(b - 1);
  const prev = text.charCodeAt(b - 2);
  if (last === 0x73 /* s */ && digits === length - 1) return '#decade';
  if (prev === 0x27 /* ' */ && last === 0x73 && digits === length - 2) return '#decade';
  const ordinal =
    (prev === 0x74 /* t */ && last === 0x68) /* h */ ||
    (prev === 0x73 /* s */ && last === 0x74) /* t */ ||
    (prev === 0x6e /* n */ && last === 0x64) /* d */ ||
    (prev === 0x72 /* r */ && last === 0x64); /* d */
  if (ordinal && digits === length - 2) return '#ordinal';
  return '#mixed';
}

/** toLowerCase plus ’ → ', for a token of ASCII and ’ only: no string needed. */
function pushLowerAscii(buf: TokenBuffer, text: string, a: number, b: number): void {
  let at = buf.open(b - a);
  const chars = buf.chars;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    chars[at++] = c >= 65 && c <= 90 ? c + 32 : c === 0x2019 ? 0x27 : c;
  }
  buf.close(at);
}

/** The general case: String#toLowerCase (context- and length-changing rules included). */
function pushLowerUnicode(buf: TokenBuffer, token: string): void {
  const lower = token.toLowerCase();
  let at = buf.open(lower.length);
  const chars = buf.chars;
  for (let k = 0; k < lower.length; k++) {
    const c = lower.charCodeAt(k);
    chars[at++] = c === 0x2019 ? 0x27 : c;
  }
  buf.close(at);
}

/** fnv1a over chars[start, end), continuing from state h. */
function fnvChars(chars: Uint16Array, start: number, end: number, h: number): number {
  for (let k = start; k < end; k++) h = Math.imul(h ^ chars[k], FNV_PRIME);
  return h >>> 0;
}

// LEXICON as an open-addressing table keyed by the word hash each token needs
// anyway, so looking a token up costs no string. Keys are checked char by char.
const LEX_SLOTS = 1024;
const lexKeys = new Int32Array(LEX_SLOTS);
const lexFlagsBySlot = new Int32Array(LEX_SLOTS); // 0: empty slot (every LEXICON entry has a flag)
const lexWords: string[] = new Array<string>(LEX_SLOTS).fill('');
for (const [word, flags] of LEXICON) {
  const key = mix(fnv1a(word, NS_WORD)) | 0;
  let slot = key & (LEX_SLOTS - 1);
  while (lexFlagsBySlot[slot] !== 0) slot = (slot + 1) & (LEX_SLOTS - 1);
  lexKeys[slot] = key;
  lexFlagsBySlot[slot] = flags;
  lexWords[slot] = word;
}

function lexiconFlags(key: number, chars: Uint16Array, start: number, end: number): number {
  for (let slot = key & (LEX_SLOTS - 1); lexFlagsBySlot[slot] !== 0; slot = (slot + 1) & (LEX_SLOTS - 1)) {
    if (lexKeys[slot] === key && sameChars(lexWords[slot], chars, start, end)) return lexFlagsBySlot[slot];
  }
  return 0;
}

/** Fills wordHashes and lexFlags for every token in buf. */
function hashTokens(buf: TokenBuffer): void {
  const { chars, starts, wordHashes, lexFlags } = buf;
  for (let i = 0; i < buf.count; i++) {
    const key = mix(fnvChars(chars, starts[i], starts[i + 1], NS_WORD)) | 0;
    wordHashes[i] = key;
    lexFlags[i] = lexiconFlags(key, chars, starts[i], starts[i + 1]);
  }
}

/** Hand feature names, in the order emitHandFeatures emits them. */
const HAND_FEATURE_ORDER = [
  'has_number', 'number_word', 'num_count_1', 'num_count_2', 'num_count_3', 'percent',
  'currency', 'scale_word', 'year', 'decade', 'month', 'comparison', 'superlative',
  'record', 'attribution', 'institution', 'proper_noun', 'past_tense', 'first_person',
  'first_person_opinion', 'first_person_future', 'opinion_word', 'modal', 'future',
  'question', 'exclamation', 'greeting', 'second_person', 'negation', 'number_no_opinion',
  'len_0', 'len_1', 'len_2', 'len_3', 'len_4',
] as const;

type HandWeights = Readonly<Record<(typeof HAND_FEATURE_ORDER)[number], number>>;

/**
 * emitHandFeatures' sum: bias plus the weight of each hand feature that fires,
 * added in the same order (a hand feature's value is 1, so weight × 1 = weight).
 */
function addHandWeights(z: number, buf: TokenBuffer, text: string, hw: HandWeights): number {
  const n = buf.count;
  const { chars, starts, lexFlags } = buf;
  let numbers = 0;
  let year = false;
  let decade = false;
  let pastTense = false;
  let question = false;
  let exclamation = false;
  let percent = false;
  let firstPersonOpinion = false;
  let firstPersonFuture = false;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const start = starts[i];
    const length = starts[i + 1] - start;
    const c0 = chars[start];
    if (c0 === 35 /* # */) {
      numbers++;
      if (buf.tokenIs(i, '#year')) year = true;
      else if (buf.tokenIs(i, '#decade')) decade = true;
      continue;
    }
    if (c0 === 63 /* ? */ && length === 1) {
      question = true;
      continue;
    }
    if (c0 === 33 /* ! */ && length === 1) {
      exclamation = true;
      continue;
    }
    if (length > 4 && chars[start + length - 2] === 0x65 /* e */ && chars[start + length - 1] === 0x64 /* d */) {
      pastTense = true;
    }
    const flags = lexFlags[i];
    if (flags === 0) continue;
    seen |= flags;
    if (flags & F_NUMBER_WORD) numbers++;
    if (flags & F_PERCENT && (!buf.tokenIs(i, 'per') || (i + 1 < n && buf.tokenIs(i + 1, 'cent')))) percent = true;
    if (flags & F_FIRST) {
      for (let j = i + 1; j < n && j <= i + 2; j++) {
        if (lexFlags[j] & F_OPINION) firstPersonOpinion = true;
        if (lexFlags[j] & (F_FUTURE | F_MODAL)) firstPersonFuture = true;
      }
    }
  }
  const currency = (seen & F_CURRENCY) !== 0;
  const scale = (seen & F_SCALE) !== 0;
  if (text.indexOf('%') >= 0) percent = true;
  if (numbers > 0) z += hw.has_number;
  if (seen & F_NUMBER_WORD) z += hw.number_word;
  if (numbers === 1) z += hw.num_count_1;
  else if (numbers === 2) z += hw.num_count_2;
  else if (numbers >= 3) z += hw.num_count_3;
  if (percent) z += hw.percent;
  if (currency) z += hw.currency;
  if (scale) z += hw.scale_word;
  if (year) z += hw.year;
  if (decade) z += hw.decade;
  if (seen & F_MONTH) z += hw.month;
  if (seen & F_COMPARISON) z += hw.comparison;
  if (seen & F_SUPERLATIVE) z += hw.superlative;
  if (seen & F_RECORD) z += hw.record;
  if (seen & F_ATTRIBUTION) z += hw.attribution;
  if (seen & F_INSTITUTION) z += hw.institution;
  if (buf.capitalised > 0) z += hw.proper_noun;
  if (pastTense) z += hw.past_tense;
  if (seen & F_FIRST) z += hw.first_person;
  if (firstPersonOpinion) z += hw.first_person_opinion;
  if (firstPersonFuture) z += hw.first_person_future;
  if (seen & F_OPINION) z += hw.opinion_word;
  if (seen & F_MODAL) z += hw.modal;
  if (seen & F_FUTURE) z += hw.future;
  if (question) z += hw.question;
  if (exclamation) z += hw.exclamation;
  if (seen & F_GREETING) z += hw.greeting;
  if (seen & F_SECOND) z += hw.second_person;
  if (seen & F_NEGATION) z += hw.negation;
  if ((numbers > 0 || percent || currency || scale) && !firstPersonOpinion && !question) z += hw.number_no_opinion;
  z += n < 5 ? hw.len_0 : n < 10 ? hw.len_1 : n < 20 ? hw.len_2 : n < 35 ? hw.len_3 : hw.len_4;
  return z;
}

const START_BIGRAM_STATE = fnv1a(START, NS_BIGRAM);

/** The bigram sum of forEachFeature, including the <s> and </s> markers. */
function addBigramWeights(z: number, buf: TokenBuffer, dense: Float64Array, mask: number): number {
  const n = buf.count;
  const { chars, starts } = buf;
  const bv = 1 / Math.sqrt(n + 1);
  let prevState = START_BIGRAM_STATE;
  for (let i = 0; i < n; i++) {
    const h = fnvChars(chars, starts[i], starts[i + 1], fnvStep(prevState, SEP));
    z += dense[mix(h) & mask] * bv;
    prevState = fnvChars(chars, starts[i], starts[i + 1], NS_BIGRAM);
  }
  z += dense[mix(fnv1a(END, fnvStep(prevState, SEP))) & mask] * bv;
  return z;
}

/** The char n-gram sum of forEachFeature: grams of " token ", by start then length. */
function addCharWeights(z: number, buf: TokenBuffer, dense: Float64Array, mask: number, lo: number, hi: number): number {
  const n = buf.count;
  const { chars, starts } = buf;
  let count = 0;
  for (let i = 0; i < n; i++) count += charGramCountAt(chars, starts[i], starts[i + 1], lo, hi);
  if (count === 0) return z;
  const cv = 1 / Math.sqrt(count);
  for (let i = 0; i < n; i++) {
    const first = starts[i];
    const tokenLength = starts[i + 1] - first;
    if (chars[first] === 35 /* # */ || tokenLength <= 1) continue; // isWordToken
    const len = tokenLength + 2;
    for (let s = 0; s + lo <= len; s++) {
      let h = NS_CHAR;
      const stop = Math.min(len, s + hi);
      for (let e = s; e < stop; e++) {
        h = fnvStep(h, e === 0 || e === len - 1 ? SEP : chars[first + e - 1]);
        if (e - s + 1 >= lo) z += dense[mix(h >>> 0) & mask] * cv;
      }
    }
  }
  return z;
}

/** charGramCount for the token chars[start, end). */
function charGramCountAt(chars: Uint16Array, start: number, end: number, lo: number, hi: number): number {
  if (chars[start] === 35 /* # */ || end - start <= 1) return 0;
  const len = end - start + 2;
  let count = 0;
  for (let k = lo; k <= hi; k++) if (len >= k) count += len - k + 1;
  return count;
}

/**
 * Returns a function of a sentence giving bias + Σ dense[index] × value over
 * the features forEachFeature(text, sink, config) emits, summed in the order it
 * emits them: the same double the accumulating sink would end with, about twice
 * as fast. `dense` is read on every call, except the hand features' weights,
 * which are read once here: do not change `dense` afterwards.
 */
export function createWeightedSum(
  dense: Float64Array,
  bias: number,
  config: FeatureConfig = DEFAULT_FEATURE_CONFIG,
): (text: string) => number {
  const mask = (1 << config.hashBits) - 1;
  if (dense.length < mask + 1) throw new Error('createWeightedSum: dense is smaller than the hashed feature space');
  const hw = Object.fromEntries(
    HAND_FEATURE_ORDER.map((name) => [name, dense[handFeatureIndex(name, config.hashBits)]]),
  ) as HandWeights;
  const chars = config.charMin > 0 && config.charMax >= config.charMin;

  return (text: string): number => {
    const buf = buffer;
    tokenizeInto(buf, text);
    hashTokens(buf);
    let z = addHandWeights(bias, buf, text, hw);
    const n = buf.count;
    if (n > 0) {
      const wv = 1 / Math.sqrt(n);
      for (let i = 0; i < n; i++) z += dense[buf.wordHashes[i] & mask] * wv;
      if (config.bigrams) z = addBigramWeights(z, buf, dense, mask);
      if (chars) z = addCharWeights(z, buf, dense, mask, config.charMin, config.charMax);
    }
    buf.shrink();
    return z;
  };
}
