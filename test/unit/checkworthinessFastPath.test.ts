// The check-worthiness scorer's fast path (createWeightedSum in weightedSum.ts)
// must give exactly the probability of the reference path: forEachFeature into
// an accumulating sink over the dense weights, then the same sigmoid.
//   node --import tsx --test test/unit/checkworthinessFastPath.test.ts
// Sentences are generated here from a seeded PRNG, with the odd Unicode and
// number shapes the tokenizer has special cases for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreSentence } from '../../server/src/analysis/checkworthiness/model';
import {
  DEFAULT_FEATURE_CONFIG,
  createWeightedSum,
  fnv1a,
  forEachFeature,
  type FeatureConfig,
} from '../../server/src/analysis/checkworthiness/features';
import weights from '../../server/src/analysis/checkworthiness/weights.json';
import { mulberry32 } from '../../server/scripts/seededRandom';

// ---- the reference: what model.ts computed before the fast path ----

function referenceSum(text: string, dense: Float64Array, bias: number, config: FeatureConfig): number {
  let sum = bias;
  forEachFeature(text, (index, value) => (sum += dense[index] * value), config);
  return sum;
}

/** model.ts's sigmoid, copied: the comparison is of the whole probability. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function committedDense(): Float64Array {
  const dense = new Float64Array(1 << weights.hashBits);
  for (let k = 0; k < weights.idx.length; k++) dense[weights.idx[k]] = weights.w[k];
  return dense;
}

/** A weight on every index, so a feature hashed to the wrong index always shows. */
function randomDense(hashBits: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const dense = new Float64Array(1 << hashBits);
  for (let i = 0; i < dense.length; i++) dense[i] = (random() - 0.5) * 4;
  return dense;
}

// ---- sentences ----

const PIECES = [
  // plain and capitalised words, lexicon words, past tense
  'the', 'The', 'deficit', 'Deficit', 'unemployment', 'rose', 'fell', 'increased', 'reported', 'said',
  'Congress', 'Smith', 'London', 'record', 'first', 'highest', 'never', 'more', 'than', 'since',
  'I', 'we', 'We', 'think', 'believe', 'will', "I'll", 'I’ll', 'going', 'to', 'should', 'not', "don't",
  'don’t', 'you', 'your', 'thank', 'Thanks', 'per', 'cent', 'percent', 'million', 'billion', 'dozen',
  'twice', 'March', 'May', 'january', 'a', 'x', 'ed', 'need', 'opinion', 'HELLO', 'Bill', 'tax',
  // numbers and number shapes
  '0', '7', '12', '123', '1234', '12345', '123456', '1998', '2001', '2024', '1899', '2100', '3.9', '40,000',
  '1,234,567', '0.5', '.5', '5.', '1.2.3', '1,5', '80s', '1980s', "1980's", '1980’s', '20th', '3rd', '2nd',
  '1st', '5TH', '12a', 'a1', 'x2y', "'95", '’95', "5'", 'covid19', '1,1,1,1,1', '9.99',
  // symbols
  '%', '$', '€', '£', '¥', '?', '!', '!!', '?!', '$35', '35%', '£4.2m', '€1bn', '¥500',
  // apostrophes on their own and at the edges
  "'", '’', "''", "'quoted'", '’tis', "rock'n'roll", "o'clock", 'O’Brien', "isn't", 'it’s',
  // non-ASCII letters, digits and marks
  'café', 'cafe\u0301', 'naïve', 'Über', 'straße', 'STRASSE', 'ẞ', 'İstanbul', 'ıi', 'ΣΟΦΟΣ', 'Σ', 'ǅemal',
  'Ωmega', 'Ⅻ', '٣٤', '１２', '²', '½', 'x²', 'ﬁne', 'Ǆ', 'Москва', '北京', 'عربي', 'हिन्दी',
  // astral code points: letters, digits, emoji, and lone surrogates
  '𝔘𝔫𝔦', '𐐀𐐁', '𐐨', '𝟙𝟚', '😀', 'a😀b', '👍🏽', '\ud800', '\udc00', 'a\ud800b', '\udc00\ud800',
  // punctuation that splits tokens
  '-', '—', '–', ',', '.', ';', ':', '(', ')', '"', '“', '”', '#', '#d2', '@', '&', '/', '\\', '…',
];

const JOINERS = [' ', ' ', ' ', ' ', ' ', '', '\u00a0', '\t', '\n', ', ', '. ', '-', '/', '.', ','];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function generatedSentence(random: () => number): string {
  const words = Math.floor(random() * 40);
  let s = random() < 0.1 ? pick(random, JOINERS) : '';
  for (let k = 0; k < words; k++) {
    if (k > 0) s += pick(random, JOINERS);
    const r = random();
    if (r < 0.02) s += 'ab'.repeat(1 + Math.floor(random() * 300)); // very long word
    else if (r < 0.03) s += '9'.repeat(1 + Math.floor(random() * 40)); // long digit run
    else s += pick(random, PIECES);
  }
  if (random() < 0.5) s += pick(random, ['.', '?', '!', '', ' ', '…']);
  return s;
}

// Words whose word hash equals a lexicon word's ("thousand", "report", "morning"):
// the fast path finds lexicon words by hash and must still compare the letters.
const LEXICON_HASH_TWINS: ReadonlyArray<readonly [string, string]> = [
  ['aaelabd', 'thousand'],
  ['aahbdag', 'report'],
  ['aackbnt', 'morning'],
];

const FIXED = [
  ...LEXICON_HASH_TWINS.map(([twin]) => `The ${twin} rose by ${twin} in 2001.`),
  '',
  ' ',
  '\u00a0\t\n ',
  "'",
  '’’’',
  '?!',
  'Unemployment in the county fell to 3.9 percent in March, the lowest rate since 2001.',
  'I think we will win, and we’ll cut taxes by 20 per cent.',
  'In 1998, Smith’s firm paid $35 — 12% more!',
  'It fell 3.9 points, to 40,000 in 2001, 12 more.',
  'x'.repeat(10_000),
  'the '.repeat(2_000),
  '1,'.repeat(5_000),
  "a'".repeat(5_000),
  'İ'.repeat(3_000),
  '😀'.repeat(3_000),
  'ΟΔΟΣ ΟΔΟΣ. Σ',
];

function sentences(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const out = [...FIXED];
  for (let k = 0; k < count; k++) out.push(generatedSentence(random));
  return out;
}

/** Describes up to five disagreements, or '' when there is none. */
function mismatches(texts: readonly string[], fast: (t: string) => number, slow: (t: string) => number): string {
  const found: string[] = [];
  let total = 0;
  for (const t of texts) {
    const a = fast(t);
    const b = slow(t);
    if (Object.is(a, b)) continue;
    total++;
    if (found.length < 5) found.push(`${JSON.stringify(t.slice(0, 120))}: fast ${a}, reference ${b}`);
  }
  return total === 0 ? '' : `${total} of ${texts.length} differ, e.g.\n${found.join('\n')}`;
}

// ---- tests ----

test('the lexicon hash twins really share a word hash', () => {
  const ns = fnv1a('w\u0001');
  for (const [twin, word] of LEXICON_HASH_TWINS) assert.equal(fnv1a(twin, ns), fnv1a(word, ns), twin);
});

test('scoreSentence equals forEachFeature + dense weights + sigmoid, bit for bit', () => {
  const dense = committedDense();
  const config: FeatureConfig = {
    hashBits: weights.hashBits,
    bigrams: weights.bigrams,
    charMin: weights.charMin,
    charMax: weights.charMax,
  };
  const reference = (t: string): number => sigmoid(referenceSum(t, dense, weights.bias, config));
  assert.equal(mismatches(sentences(4000, 20240611), scoreSentence, reference), '');
});

test('the weighted sum equals the reference with a weight on every feature index', () => {
  const texts = sentences(3000, 7);
  const dense = randomDense(DEFAULT_FEATURE_CONFIG.hashBits, 1);
  const fast = createWeightedSum(dense, 0.25, DEFAULT_FEATURE_CONFIG);
  assert.equal(mismatches(texts, fast, (t) => referenceSum(t, dense, 0.25, DEFAULT_FEATURE_CONFIG)), '');
});

test('the weighted sum follows every feature configuration', () => {
  const configs: FeatureConfig[] = [
    { hashBits: 12, bigrams: false, charMin: 0, charMax: 0 },
    { hashBits: 14, bigrams: true, charMin: 1, charMax: 2 },
    { hashBits: 16, bigrams: false, charMin: 2, charMax: 5 },
    { hashBits: 10, bigrams: true, charMin: 4, charMax: 3 }, // charMax < charMin: no char n-grams
    { hashBits: 18, bigrams: true, charMin: 5, charMax: 5 },
  ];
  const texts = sentences(500, 99);
  configs.forEach((config, k) => {
    const dense = randomDense(config.hashBits, 100 + k);
    const fast = createWeightedSum(dense, -1, config);
    const diff = mismatches(texts, fast, (t) => referenceSum(t, dense, -1, config));
    assert.equal(diff, '', JSON.stringify(config));
  });
});

test('scores do not depend on the sentences scored before (reused buffers)', () => {
  const texts = sentences(300, 3);
  const first = texts.map((t) => scoreSentence(t));
  const again = [...texts].reverse().map((t) => scoreSentence(t)).reverse();
  assert.deepEqual(again, first);
});
