// Featurisation of one sentence for the check-worthiness model.
//
// Pure TypeScript (no Node or VS Code APIs) and allocation-light: the hot path
// tokenises once and hashes every feature straight into a fixed-size space with
// FNV-1a (32-bit) followed by a murmur3 finaliser, so the model is a plain array
// of weights indexed by hash. The same code runs at training time
// (server/scripts/train.ts) and at scoring time (model.ts), so any change to what
// is emitted here must bump FEATURE_VERSION and be followed by a retrain.

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
  charMax: 5,
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

/** Human-readable reasons for hand features, used by explainScore for hovers. */
export const HAND_FEATURE_LABELS: Readonly<Record<string, string>> = {
  has_number: 'mentions a number',
  number_word: 'mentions a number',
  num_count_1: 'mentions a number',
  num_count_2: 'mentions several numbers',
  num_count_3: 'mentions several numbers',
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
  len_0: 'very short sentence',
  len_1: 'short sentence',
  len_2: 'medium-length sentence',
  len_3: 'long sentence',
  len_4: 'very long sentence',
  number_no_opinion: 'states a figure',
};

// Tokens: runs of letters, digits and in-word apostrophes, or a single symbol
// that carries meaning on its own. One character class with one quantifier, or
// one alternative of a single character: linear, no backtracking blow-up.
const TOKEN_RE = /[\p{L}\p{N}'’]+|[%$€£¥?!]/gu;
// Letters only (used to spot a capitalised word in the original text).
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
    return digits === 1 ? '#d1' : digits === 2 ? '#d2' : digits === 3 ? '#d3' : '#d4';
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

/** Splits a sentence into lower-cased tokens; numbers become shape tokens such as "#d2" or "#year". */
export function tokenize(text: string): Tokens {
  const tokens: string[] = [];
  let capitalised = 0;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    let tok = m[0];
    if (tok.charCodeAt(0) === 0x2019 || tok.charCodeAt(0) === 0x27 || tok.charCodeAt(tok.length - 1) === 0x2019 || tok.charCodeAt(tok.length - 1) === 0x27) {
      tok = stripApostrophes(tok);
      if (tok.length === 0) continue;
    }
    if (hasDigit(tok)) {
      tokens.push(numberShape(tok));
      continue;
    }
    if (tokens.length > 0 && UPPER_START_RE.test(tok)) capitalised++;
    let lower = tok.toLowerCase();
    if (lower.indexOf('’') >= 0) lower = lower.replace(/’/g, "'");
    tokens.push(lower);
  }
  return { tokens, capitalised };
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
    let count = 0;
    for (let i = 0; i < n; i++) count += charGramCount(tokens[i], lo, hi);
    if (count > 0) {
      const cv = 1 / Math.sqrt(count);
      for (let i = 0; i < n; i++) {
        const t = tokens[i];
        if (!isWordToken(t)) continue;
        const len = t.length + 2;
        for (let s = 0; s + lo <= len; s++) {
          let h = NS_CHAR;
          const stop = Math.min(len, s + hi);
          for (let e = s; e < stop; e++) {
            const code = e === 0 || e === len - 1 ? SEP : t.charCodeAt(e - 1);
            h = fnvStep(h, code);
            if (e - s + 1 >= lo) sink(mix(h >>> 0) & mask, cv, FeatureKind.Char, t, '');
          }
        }
      }
    }
  }
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

function emitHandFeatures(tokens: string[], capitalised: number, text: string, mask: number, sink: FeatureSink): void {
  const hand = (name: string): void => {
    sink(mix(fnv1a(name, NS_HAND)) & mask, 1, FeatureKind.Hand, name, '');
  };
  const n = tokens.length;
  let numbers = 0;
  let numberWord = false;
  let percent = false;
  let currency = false;
  let scale = false;
  let year = false;
  let decade = false;
  let month = false;
  let comparison = false;
  let superlative = false;
  let record = false;
  let attribution = false;
  let institution = false;
  let pastTense = false;
  let opinion = false;
  let modal = false;
  let future = false;
  let greeting = false;
  let second = false;
  let negation = false;
  let question = false;
  let exclamation = false;
  let firstPerson = false;
  let firstPersonOpinion = false;
  let firstPersonFuture = false;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t.charCodeAt(0) === 35 /* # */) {
      numbers++;
      if (t === '#year') year = true;
      else if (t === '#decade') decade = true;
      continue;
    }
    if (t === '?') { question = true; continue; }
    if (t === '!') { exclamation = true; continue; }
    if (NUMBER_WORDS.has(t)) { numberWord = true; numbers++; }
    if (SCALE_WORDS.has(t)) scale = true;
    if (PERCENT_WORDS.has(t)) {
      if (t !== 'per' || (i + 1 < n && tokens[i + 1] === 'cent')) percent = true;
    }
    if (CURRENCY_WORDS.has(t)) currency = true;
    if (MONTHS.has(t)) month = true;
    if (COMPARISON_WORDS.has(t)) comparison = true;
    if (SUPERLATIVE_WORDS.has(t)) superlative = true;
    if (RECORD_WORDS.has(t)) record = true;
    if (ATTRIBUTION_WORDS.has(t)) attribution = true;
    if (INSTITUTION_WORDS.has(t)) institution = true;
    if (OPINION_WORDS.has(t)) opinion = true;
    if (MODAL_WORDS.has(t)) modal = true;
    if (FUTURE_WORDS.has(t)) future = true;
    if (GREETING_WORDS.has(t)) greeting = true;
    if (SECOND_PERSON.has(t)) second = true;
    if (NEGATIONS.has(t)) negation = true;
    if (t.length > 4 && t.endsWith('ed')) pastTense = true;
    if (FIRST_PERSON.has(t)) {
      firstPerson = true;
      // "I think", "we believe", "I'm going to", "we will": look at the next two tokens.
      for (let j = i + 1; j < n && j <= i + 2; j++) {
        const u = tokens[j];
        if (OPINION_WORDS.has(u)) firstPersonOpinion = true;
        if (FUTURE_WORDS.has(u) || MODAL_WORDS.has(u)) firstPersonFuture = true;
      }
    }
  }
  if (text.indexOf('%') >= 0) percent = true;
  if (numbers > 0) hand('has_number');
  if (numberWord) hand('number_word');
  if (numbers === 1) hand('num_count_1');
  else if (numbers === 2) hand('num_count_2');
  else if (numbers >= 3) hand('num_count_3');
  if (percent) hand('percent');
  if (currency) hand('currency');
  if (scale) hand('scale_word');
  if (year) hand('year');
  if (decade) hand('decade');
  if (month) hand('month');
  if (comparison) hand('comparison');
  if (superlative) hand('superlative');
  if (record) hand('record');
  if (attribution) hand('attribution');
  if (institution) hand('institution');
  if (capitalised > 0) hand('proper_noun');
  if (pastTense) hand('past_tense');
  if (firstPerson) hand('first_person');
  if (firstPersonOpinion) hand('first_person_opinion');
  if (firstPersonFuture) hand('first_person_future');
  if (opinion) hand('opinion_word');
  if (modal) hand('modal');
  if (future) hand('future');
  if (question) hand('question');
  if (exclamation) hand('exclamation');
  if (greeting) hand('greeting');
  if (second) hand('second_person');
  if (negation) hand('negation');
  if ((numbers > 0 || percent || currency || scale) && !firstPersonOpinion && !question) hand('number_no_opinion');
  hand(n < 5 ? 'len_0' : n < 10 ? 'len_1' : n < 20 ? 'len_2' : n < 35 ? 'len_3' : 'len_4');
}
