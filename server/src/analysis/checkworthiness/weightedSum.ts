// The fast scoring path of the check-worthiness model.
//
// Scoring only needs bias + Σ weight[index] × value, yet forEachFeature pays for
// generality on every feature: a regex match, a substring and a lower-cased copy
// per token, a Map lookup per word, and a five-argument callback per feature.
// createWeightedSum computes the same sum from char codes in reused typed
// arrays (fastTokenizer.ts), adding the same products in the same order (hand
// features, words, bigrams, char n-grams), so the double it returns is
// bit-identical.
//
// forEachFeature stays the definition (training and explanations use it);
// test/unit/checkworthinessFastPath.test.ts checks that the two agree, so a
// change to what forEachFeature (features.ts) emits must be mirrored here.

import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './featureConfig';
import { TokenBuffer, hashTokens, tokenizeInto } from './fastTokenizer';
import { NS_BIGRAM, NS_CHAR, SEP, fnv1a, fnvChars, fnvStep, handFeatureIndex, mix } from './hashing';
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
  START,
} from './vocabulary';

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

// One buffer for every sentence (scoring is synchronous): what saves the allocations.
const buffer = new TokenBuffer();

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
