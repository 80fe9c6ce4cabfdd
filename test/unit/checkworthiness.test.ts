// Unit tests of the sentence check-worthiness model (server/src/analysis/checkworthiness).
//   node --import tsx --test test/unit/checkworthiness.test.ts
// The sentences below were written for these tests, not taken from the dataset.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import {
  CHECKWORTHY_THRESHOLD,
  explainScore,
  isCheckWorthy,
  scoreSentence,
} from '../../server/src/analysis/checkworthiness/model';
import {
  DEFAULT_FEATURE_CONFIG,
  FEATURE_VERSION,
  fnv1a,
  forEachFeature,
  tokenize,
} from '../../server/src/analysis/checkworthiness/features';
import weights from '../../server/src/analysis/checkworthiness/weights.json';
import {
  claimBusterAvailable,
  claimBusterDir,
  prf,
  readClaimBuster,
} from '../../server/scripts/eval-claimbuster';

const WEIGHTS_FILE = path.resolve(__dirname, '../../server/src/analysis/checkworthiness/weights.json');

const STATISTICS = [
  'Unemployment in the county fell to 3.9 percent in March, the lowest rate since 2001.',
  'The city spent $4.2 million on road repairs last year, twice what it spent in 2019.',
  'Violent crime rose by 12 percent over the past decade, according to state police figures.',
  'The state has cut funding for public universities by 20 percent since 2010.',
  'More than 40,000 residents lost their health insurance after the program was cancelled.',
];

const NOT_CLAIMS = [
  'Thank you all for coming tonight, it is wonderful to see so many friendly faces.',
  'I think we all deserve a little more kindness from each other.',
  'Good evening, and welcome to the debate.',
  'What would you do about it?',
  'I love this town and I always will.',
];

test('weights file: right feature version, under 5 MB, threshold in (0, 1)', () => {
  assert.equal(weights.featureVersion, FEATURE_VERSION);
  assert.ok(weights.idx.length > 1000, 'weights.json looks empty: run npm run train');
  assert.equal(weights.idx.length, weights.w.length);
  assert.ok(statSync(WEIGHTS_FILE).size < 5 * 1024 * 1024);
  assert.ok(CHECKWORTHY_THRESHOLD > 0 && CHECKWORTHY_THRESHOLD < 1);
  for (let k = 1; k < weights.idx.length; k++) assert.ok(weights.idx[k] > weights.idx[k - 1], 'idx ascending');
  assert.ok(weights.idx[weights.idx.length - 1] < 2 ** weights.hashBits);
});

test('sentences stating a statistic score above the threshold', () => {
  for (const s of STATISTICS) {
    const p = scoreSentence(s);
    assert.ok(p >= CHECKWORTHY_THRESHOLD, `${p.toFixed(3)} < ${CHECKWORTHY_THRESHOLD} for: ${s}`);
    assert.equal(isCheckWorthy(s), true);
  }
});

test('greetings, opinions and questions score below the threshold', () => {
  for (const s of NOT_CLAIMS) {
    const p = scoreSentence(s);
    assert.ok(p < CHECKWORTHY_THRESHOLD, `${p.toFixed(3)} >= ${CHECKWORTHY_THRESHOLD} for: ${s}`);
    assert.equal(isCheckWorthy(s), false);
  }
});

test('scores are probabilities for odd inputs, and the empty string does not throw', () => {
  const odd = [
    '',
    ' ',
    '?',
    '%%%',
    '12345',
    '’’’',
    'Ünïcödé wörds — “quoted” and emoji 🎉 here.',
    'x'.repeat(10_000),
    'the '.repeat(2_000),
    '1 2 3 4 5 6 7 8 9 10 percent $ € £',
  ];
  for (const s of odd) {
    const p = scoreSentence(s);
    assert.ok(Number.isFinite(p) && p >= 0 && p <= 1, `score ${p} for ${JSON.stringify(s.slice(0, 30))}`);
    assert.ok(Array.isArray(explainScore(s)));
  }
});

test('scores and explanations are deterministic across calls', () => {
  for (const s of [...STATISTICS, ...NOT_CLAIMS]) {
    const a = scoreSentence(s);
    const b = scoreSentence(s);
    assert.equal(a, b);
    assert.deepEqual(explainScore(s), explainScore(s));
  }
  // Interleaving other sentences must not change a score (no state leaks between calls).
  const first = scoreSentence(STATISTICS[0]);
  for (const s of NOT_CLAIMS) scoreSentence(s);
  assert.equal(scoreSentence(STATISTICS[0]), first);
});

test('explainScore gives up to three short, non-empty reasons for a factual sentence', () => {
  for (const s of STATISTICS) {
    const reasons = explainScore(s);
    assert.ok(reasons.length >= 1 && reasons.length <= 3, `${reasons.length} reasons for: ${s}`);
    for (const r of reasons) {
      assert.equal(typeof r, 'string');
      assert.ok(r.length > 0 && r.length <= 60, `reason ${JSON.stringify(r)}`);
    }
    assert.equal(new Set(reasons).size, reasons.length, 'no repeated reason');
  }
  const numeric = explainScore('Unemployment in the county fell to 3.9 percent in March, the lowest rate since 2001.');
  assert.ok(
    numeric.some((r) => /number|percent|year|rate|lowest/.test(r)),
    `expected a number-related reason, got ${JSON.stringify(numeric)}`,
  );
});

test('a statistic scores higher than the same sentence without its figure', () => {
  const withFigure = scoreSentence('Sales at the plant dropped 35 percent in 2022.');
  const withoutFigure = scoreSentence('I feel sales at the plant could do better.');
  assert.ok(withFigure > withoutFigure, `${withFigure} <= ${withoutFigure}`);
});

test('FNV-1a 32-bit matches the reference values', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  assert.equal(fnv1a('foobar'), 0xbf9cf968);
});

test('tokenize lower-cases words and turns numbers into shapes', () => {
  const { tokens } = tokenize('In 1998, Smith’s firm paid $35 — 12% more!');
  assert.deepEqual(tokens, ['in', '#year', "smith's", 'firm', 'paid', '$', '#d2', '#d2', '%', 'more', '!']);
  assert.deepEqual(tokenize('It fell 3.9 points, to 40,000 in 2001, 12 more.').tokens, [
    'it', 'fell', '#dec', 'points', 'to', '#d5', 'in', '#year', '#d2', 'more',
  ]);
});

test('features stay inside the hashed space and are the same on every call', () => {
  const collect = (s: string): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    forEachFeature(s, (i, v) => out.push([i, v]));
    return out;
  };
  const s = 'The deficit doubled to $1.4 trillion in 2009.';
  const a = collect(s);
  assert.ok(a.length > 20);
  for (const [i, v] of a) {
    assert.ok(Number.isInteger(i) && i >= 0 && i < 2 ** DEFAULT_FEATURE_CONFIG.hashBits);
    assert.ok(Number.isFinite(v) && v > 0);
  }
  assert.deepEqual(collect(s), a);
});

// Speed on hostile input is measured by `npm run bench` and guarded by the ReDoS test; here
// the hostile inputs must simply score like any other text: a probability, the same each time.
test('long pathological input scores to a probability, deterministically', () => {
  const inputs = ["'".repeat(50_000), 'a'.repeat(50_000), "a'".repeat(25_000), '1,'.repeat(25_000)];
  for (const s of inputs) {
    const score = scoreSentence(s);
    assert.ok(score >= 0 && score <= 1, `${score} for ${JSON.stringify(s.slice(0, 10))}…`);
    assert.equal(scoreSentence(s), score);
  }
});

test('ClaimBuster groundtruth: check-worthy F1 of the committed model is at least 0.75', (t) => {
  if (!claimBusterAvailable()) {
    t.skip(`needs ../shared/data/claimbuster (not found at ${claimBusterDir()})`);
    return;
  }
  const rows = readClaimBuster('groundtruth.csv');
  const result = prf(
    rows.map((r) => scoreSentence(r.text) >= CHECKWORTHY_THRESHOLD),
    rows.map((r) => r.verdict === 1),
  );
  assert.ok(result.f1 >= 0.75, `F1 ${result.f1.toFixed(3)} (P ${result.precision.toFixed(3)}, R ${result.recall.toFixed(3)})`);
});
