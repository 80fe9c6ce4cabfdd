// Featurisation of one sentence for the check-worthiness model: forEachFeature is
// the reference definition of a sentence's features, and this file is the import
// point for the folder (the pieces it re-exports live in the modules below).
//
// Pure TypeScript (no Node or VS Code APIs) and allocation-light: a sentence is
// tokenised once (tokenize.ts) and every feature hashed straight into a
// fixed-size space (hashing.ts), so the model is a plain array of weights indexed
// by hash. The same code runs at training time (server/scripts/train.ts) and for
// explanations at scoring time (model.ts), so any change to what is emitted here
// must bump FEATURE_VERSION and be followed by a retrain. Scores themselves go
// through createWeightedSum (weightedSum.ts), a faster copy of forEachFeature's
// arithmetic: a change here must be mirrored there.

import { DEFAULT_FEATURE_CONFIG, FEATURE_VERSION, type FeatureConfig } from './featureConfig';
import { NS_BIGRAM, NS_CHAR, NS_HAND, NS_WORD, SEP, fnv1a, fnvStep, handFeatureIndex, mix } from './hashing';
import { tokenize, type Tokens } from './tokenize';
import {
  END,
  F_ATTRIBUTION,
  F_COMPARISON,
  F_CURRENCY,
  F_FIRST,
  F_FUTURE,
  F_GREETING,
  F_INSTITUTION,
  F_MODAL,
  F_MONTH,
  F_NEGATION,
  F_NUMBER_WORD,
  F_OPINION,
  F_PERCENT,
  F_RECORD,
  F_SCALE,
  F_SECOND,
  F_SUPERLATIVE,
  LEXICON,
  START,
  isWordToken,
} from './vocabulary';
import { createWeightedSum } from './weightedSum';

// Re-exported so that callers need only this module.
export {
  DEFAULT_FEATURE_CONFIG,
  FEATURE_VERSION,
  createWeightedSum,
  fnv1a,
  handFeatureIndex,
  tokenize,
  type FeatureConfig,
  type Tokens,
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

function charGramCount(t: string, lo: number, hi: number): number {
  if (!isWordToken(t)) return 0;
  const len = t.length + 2;
  let count = 0;
  for (let k = lo; k <= hi; k++) if (len >= k) count += len - k + 1;
  return count;
}

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
