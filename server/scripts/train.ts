// Trains the sentence check-worthiness model and writes
// server/src/analysis/checkworthiness/weights.json.
//
//   node --import tsx server/scripts/train.ts      (or: npm run train)
//
// Data: the ClaimBuster dataset, Arslan, Hassan, Li, Tremayne, "A Benchmark Dataset
// of Check-worthy Factual Claims", ICWSM 2020. Training uses ONLY crowdsourced.csv,
// minus any sentence whose id or text also occurs in groundtruth.csv, minus repeated
// texts (the first occurrence is kept). Hyper-parameters and the decision threshold are chosen by stratified k-fold
// cross-validation on that training set; groundtruth.csv is only scored at the end,
// as a held-out report.
//
// Model: binary logistic regression (Verdict 1 vs. {0, -1}) over the hashed features
// of features.ts, trained by Adagrad SGD with a sparse L2 penalty and an optional
// positive-class weight; the number of epochs (early stopping) is the main
// regulariser. Buckets seen in fewer than MIN_DF training sentences keep a zero
// weight. An exact L2 optimum by full-batch L-BFGS was tried first: the same CV F1
// (0.691 at its best λ) for over four times the CPU time on a grid a sixth the size.
//
// Deterministic: the fold assignment and each epoch's order come from a seeded
// PRNG, and nothing else is random.

import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_FEATURE_CONFIG,
  FEATURE_VERSION,
  forEachFeature,
  type FeatureConfig,
} from '../src/analysis/checkworthiness/features';
import { createScorer, type CheckworthinessWeights } from '../src/analysis/checkworthiness/model';
import {
  claimBusterAvailable,
  claimBusterDir,
  prf,
  readClaimBuster,
  type ClaimBusterRow,
} from './eval-claimbuster';
import { mulberry32 } from './seededRandom';

export const WEIGHTS_PATH = path.resolve(__dirname, '..', 'src', 'analysis', 'checkworthiness', 'weights.json');

const SEED = 20200608;
const FOLDS = 5;
/** Hashed buckets must occur in at least this many training sentences to get a weight. */
const MIN_DF = 2;
/** Adagrad base learning rates tried by cross-validation. */
const LEARNING_RATES = [0.05, 0.1];
/** Sparse L2 strengths tried by cross-validation. */
const LAMBDAS = [1e-4, 1e-3];
/** Positive-class weights tried by cross-validation (1 = unweighted). */
const POS_WEIGHTS = [1, 2];
/** Epoch counts tried by cross-validation (read off one run per setting, so free). */
const EPOCHS = [3, 5, 8, 12];
/** Significant digits kept in weights.json. */
const WEIGHT_DIGITS = 4;

// ---------------------------------------------------------------------------
// Data

/** Lower-cased, whitespace-collapsed text used to detect repeated sentences. */
export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface TrainingSet {
  readonly rows: ClaimBusterRow[];
  readonly droppedOverlap: number;
  readonly droppedDuplicates: number;
}

/** crowdsourced.csv minus anything that also appears in groundtruth.csv, minus repeated texts. */
export function buildTrainingSet(crowd: readonly ClaimBusterRow[], test: readonly ClaimBusterRow[]): TrainingSet {
  const testIds = new Set(test.map((r) => r.id));
  const testTexts = new Set(test.map((r) => normaliseText(r.text)));
  const seen = new Set<string>();
  const rows: ClaimBusterRow[] = [];
  let droppedOverlap = 0;
  let droppedDuplicates = 0;
  for (const r of crowd) {
    const key = normaliseText(r.text);
    if (testIds.has(r.id) || testTexts.has(key)) {
      droppedOverlap++;
      continue;
    }
    if (seen.has(key)) {
      droppedDuplicates++;
      continue;
    }
    seen.add(key);
    rows.push(r);
  }
  return { rows, droppedOverlap, droppedDuplicates };
}

// ---------------------------------------------------------------------------
// Sparse design matrix

/** Compressed sparse rows over the hashed feature space. */
export interface Csr {
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
  readonly rows: number;
}

/** Featurises every text; within a row, repeated buckets are merged and columns sorted. */
export function featurise(texts: readonly string[], config: FeatureConfig): Csr {
  const rowPtr = new Int32Array(texts.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const pending = new Map<number, number>();
  const collect = (index: number, value: number): void => {
    pending.set(index, (pending.get(index) ?? 0) + value);
  };
  for (let i = 0; i < texts.length; i++) {
    pending.clear();
    forEachFeature(texts[i], collect, config);
    const keys = [...pending.keys()].sort((a, b) => a - b);
    for (const c of keys) {
      cols.push(c);
      vals.push(pending.get(c) as number);
    }
    rowPtr[i + 1] = cols.length;
  }
  return { rowPtr, col: Int32Array.from(cols), val: Float64Array.from(vals), rows: texts.length };
}

// ---------------------------------------------------------------------------
// Seeded randomness


function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/** Stratified fold number (0..k-1) for each row. */
export function stratifiedFolds(labels: readonly boolean[], k: number, seed: number): Int32Array {
  const rand = mulberry32(seed);
  const folds = new Int32Array(labels.length);
  for (const cls of [true, false]) {
    const members = shuffle(
      labels.map((y, i) => (y === cls ? i : -1)).filter((i) => i >= 0),
      rand,
    );
    members.forEach((row, n) => {
      folds[row] = n % k;
    });
  }
  return folds;
}

// ---------------------------------------------------------------------------
// Logistic regression by Adagrad

export interface FitParams {
  /** Adagrad base learning rate. */
  readonly eta: number;
  /** L2 strength, applied to the weights a sentence touches when it is visited. */
  readonly lambda: number;
  /** Weight of a check-worthy sentence's loss; others weigh 1. */
  readonly posWeight: number;
  readonly epochs: number;
  readonly minDf: number;
}

/** Training rows of X restricted to the buckets frequent enough among them, renumbered densely. */
export interface CompactDesign {
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
  readonly labels: Uint8Array;
  /** Hashed bucket of each compact column. */
  readonly bucketOf: Int32Array;
  /** Compact column of each hashed bucket, or -1. */
  readonly compactOf: Int32Array;
}

/** Keeps `rows` of X and the buckets that occur in at least minDf of them. */
export function compactDesign(X: Csr, rows: readonly number[], labels: readonly boolean[], hashSize: number, minDf: number): CompactDesign {
  // Rows of X have sorted, distinct columns, so a count per entry is a document frequency.
  const df = new Int32Array(hashSize);
  for (const r of rows) for (let k = X.rowPtr[r]; k < X.rowPtr[r + 1]; k++) df[X.col[k]]++;
  const compactOf = new Int32Array(hashSize).fill(-1);
  let m = 0;
  for (let c = 0; c < hashSize; c++) if (df[c] >= minDf) compactOf[c] = m++;
  const bucketOf = new Int32Array(m);
  let nnz = 0;
  for (let c = 0; c < hashSize; c++) {
    if (compactOf[c] >= 0) {
      bucketOf[compactOf[c]] = c;
      nnz += df[c];
    }
  }
  const rowPtr = new Int32Array(rows.length + 1);
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  const lab = new Uint8Array(rows.length);
  let at = 0;
  rows.forEach((r, i) => {
    for (let k = X.rowPtr[r]; k < X.rowPtr[r + 1]; k++) {
      const c = compactOf[X.col[k]];
      if (c >= 0) {
        col[at] = c;
        val[at] = X.val[k];
        at++;
      }
    }
    rowPtr[i + 1] = at;
    lab[i] = labels[r] ? 1 : 0;
  });
  return { rowPtr, col, val, labels: lab, bucketOf, compactOf };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : 1 - 1 / (1 + Math.exp(z));
}

/**
 * Adagrad on the weighted logistic loss. Returns the compact weights with the bias
 * last. `onEpoch` sees the weights after each epoch (1-based), e.g. to score
 * held-out rows at several epoch counts from one run.
 */
export function trainAdagrad(
  D: CompactDesign,
  p: Omit<FitParams, 'epochs' | 'minDf'>,
  epochs: number,
  seed: number,
  onEpoch?: (epoch: number, theta: Float64Array) => void,
): Float64Array {
  const m = D.bucketOf.length;
  const n = D.labels.length;
  const { rowPtr, col, val, labels } = D;
  const theta = new Float64Array(m + 1);
  const sumSq = new Float64Array(m + 1).fill(1e-8);
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = mulberry32(seed);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, rand);
    for (let o = 0; o < n; o++) {
      const i = order[o];
      const k0 = rowPtr[i];
      const k1 = rowPtr[i + 1];
      let z = theta[m];
      for (let k = k0; k < k1; k++) z += theta[col[k]] * val[k];
      const y = labels[i];
      const g = (y === 1 ? p.posWeight : 1) * (sigmoid(z) - y);
      for (let k = k0; k < k1; k++) {
        const c = col[k];
        const gc = g * val[k] + p.lambda * theta[c];
        sumSq[c] += gc * gc;
        theta[c] -= (p.eta * gc) / Math.sqrt(sumSq[c]);
      }
      sumSq[m] += g * g;
      theta[m] -= (p.eta * g) / Math.sqrt(sumSq[m]);
    }
    onEpoch?.(epoch, theta);
  }
  return theta;
}

/** Probability for row `row` of X under compact weights theta. */
export function predictCompact(X: Csr, row: number, D: CompactDesign, theta: Float64Array): number {
  let z = theta[D.bucketOf.length];
  for (let k = X.rowPtr[row]; k < X.rowPtr[row + 1]; k++) {
    const c = D.compactOf[X.col[k]];
    if (c >= 0) z += theta[c] * X.val[k];
  }
  return sigmoid(z);
}

/** Weights over the full hashed space plus bias. */
export interface LinearModel {
  readonly w: Float64Array;
  readonly bias: number;
}

/** Expands compact weights to the full hashed space. */
export function expandModel(D: CompactDesign, theta: Float64Array, hashSize: number): LinearModel {
  const m = D.bucketOf.length;
  const w = new Float64Array(hashSize);
  for (let j = 0; j < m; j++) w[D.bucketOf[j]] = theta[j];
  return { w, bias: theta[m] };
}

/** The threshold (a score value) maximising positive-class F1, and that F1. */
export function bestThreshold(scores: readonly number[], labels: readonly boolean[]): { threshold: number; f1: number } {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const positives = labels.filter(Boolean).length;
  let tp = 0;
  let fp = 0;
  let best = { threshold: 1, f1: 0 };
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (labels[i]) tp++;
    else fp++;
    // Only cut between distinct scores.
    if (k + 1 < order.length && scores[order[k + 1]] === scores[i]) continue;
    const precision = tp / (tp + fp);
    const recall = tp / positives;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1) {
      // Midway to the next lower score, so that small rounding of the weights does not flip ties.
      const next = k + 1 < order.length ? scores[order[k + 1]] : 0;
      best = { threshold: (scores[i] + next) / 2, f1 };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Cross-validation

export interface CvResult {
  readonly params: FitParams;
  readonly f1: number;
  readonly threshold: number;
  readonly oof: Float64Array;
}

/**
 * Out-of-fold F1 of every setting of the grid. One Adagrad run per fold and
 * (eta, lambda, posWeight) scores the held-out fold after each epoch count in `epochs`.
 */
export function crossValidate(
  X: Csr,
  labels: readonly boolean[],
  hashSize: number,
  grid: { etas: readonly number[]; lambdas: readonly number[]; posWeights: readonly number[]; epochs: readonly number[]; minDf: number },
  folds: Int32Array,
  k: number,
  seed: number,
): CvResult[] {
  const maxEpochs = Math.max(...grid.epochs);
  const settings: FitParams[] = [];
  for (const posWeight of grid.posWeights) {
    for (const lambda of grid.lambdas) {
      for (const eta of grid.etas) {
        for (const epochs of grid.epochs) settings.push({ eta, lambda, posWeight, epochs, minDf: grid.minDf });
      }
    }
  }
  const oof = settings.map(() => new Float64Array(labels.length));
  for (let fold = 0; fold < k; fold++) {
    const train: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < labels.length; i++) (folds[i] === fold ? held : train).push(i);
    const D = compactDesign(X, train, labels, hashSize, grid.minDf);
    for (let s = 0; s < settings.length; s += grid.epochs.length) {
      const base = settings[s];
      trainAdagrad(D, base, maxEpochs, seed + fold, (epoch, theta) => {
        const e = grid.epochs.indexOf(epoch);
        if (e < 0) return;
        for (const i of held) oof[s + e][i] = predictCompact(X, i, D, theta);
      });
    }
  }
  return settings.map((params, g) => {
    const { threshold, f1 } = bestThreshold(Array.from(oof[g]), labels);
    return { params, f1, threshold, oof: oof[g] };
  });
}

// ---------------------------------------------------------------------------
// Output

function roundSig(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

export function toWeightsFile(
  model: LinearModel,
  config: FeatureConfig,
  threshold: number,
): CheckworthinessWeights {
  const idx: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < model.w.length; i++) {
    const v = roundSig(model.w[i], WEIGHT_DIGITS);
    if (v !== 0) {
      idx.push(i);
      w.push(v);
    }
  }
  return {
    featureVersion: FEATURE_VERSION,
    model: 'logistic-regression',
    hashBits: config.hashBits,
    bigrams: config.bigrams,
    charMin: config.charMin,
    charMax: config.charMax,
    bias: roundSig(model.bias, 6),
    threshold: roundSig(threshold, 4),
    idx,
    w,
  };
}

/** JSON with metadata one key a line and the two big arrays each on one line. */
export function serialiseWeights(weights: CheckworthinessWeights, training: Record<string, unknown>): string {
  const { idx, w, ...meta } = weights;
  const lines = Object.entries({ ...meta, training }).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  lines.push(`  "idx": ${JSON.stringify(idx)}`, `  "w": ${JSON.stringify(w)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

function pct(x: number): string {
  return x.toFixed(4);
}

function main(): void {
  const started = Date.now();
  const dir = claimBusterDir();
  if (!claimBusterAvailable(dir)) {
    console.error(
      `cannot train: ClaimBuster dataset not found at ${dir} (needs crowdsourced.csv and groundtruth.csv; ` +
        `set CLAIMBUSTER_DIR to point elsewhere). The committed weights.json is left unchanged.`,
    );
    process.exitCode = 1;
    return;
  }
  const config = DEFAULT_FEATURE_CONFIG;
  const hashSize = 1 << config.hashBits;
  const crowd = readClaimBuster('crowdsourced.csv', dir);
  const test = readClaimBuster('groundtruth.csv', dir);
  const { rows, droppedOverlap, droppedDuplicates } = buildTrainingSet(crowd, test);
  const labels = rows.map((r) => r.verdict === 1);
  const positives = labels.filter(Boolean).length;
  console.log(`ClaimBuster (Arslan et al., ICWSM 2020) at ${dir}`);
  console.log(
    `training size: ${rows.length} sentences from crowdsourced.csv (${crowd.length} read, ` +
      `${droppedOverlap} dropped as also in groundtruth.csv, ${droppedDuplicates} repeated texts dropped); ` +
      `${positives} check-worthy (${((100 * positives) / rows.length).toFixed(1)}%)`,
  );
  console.log(
    `features: v${FEATURE_VERSION}, 2^${config.hashBits} hashed buckets, words` +
      `${config.bigrams ? ' + bigrams' : ''}${config.charMin > 0 ? ` + char ${config.charMin}-${config.charMax}-grams` : ''} + hand features`,
  );

  const X = featurise(
    rows.map((r) => r.text),
    config,
  );
  console.log(`featurised: ${X.col.length} non-zeros (${(X.col.length / X.rows).toFixed(0)} per sentence)`);

  const folds = stratifiedFolds(labels, FOLDS, SEED);
  const grid = { etas: LEARNING_RATES, lambdas: LAMBDAS, posWeights: POS_WEIGHTS, epochs: EPOCHS, minDf: MIN_DF };
  const cv = crossValidate(X, labels, hashSize, grid, folds, FOLDS, SEED);
  console.log(
    `${FOLDS}-fold stratified cross-validation (seed ${SEED}), ${cv.length} settings; ` +
      `out-of-fold check-worthy F1 at the best threshold, by epochs ${EPOCHS.join(' / ')}:`,
  );
  for (let s = 0; s < cv.length; s += EPOCHS.length) {
    const p = cv[s].params;
    const f1s = cv.slice(s, s + EPOCHS.length).map((r) => pct(r.f1));
    console.log(`  posWeight ${p.posWeight}  λ ${p.lambda.toExponential(0)}  η ${p.eta}:  ${f1s.join('  ')}`);
  }
  let best = cv[0];
  for (const r of cv) if (r.f1 > best.f1) best = r;
  const bp = best.params;
  console.log(
    `chosen: posWeight ${bp.posWeight}, λ ${bp.lambda}, η ${bp.eta}, ${bp.epochs} epochs, minDf ${bp.minDf}; ` +
      `CV F1 ${pct(best.f1)}; threshold ${best.threshold.toFixed(4)} (out-of-fold F1-optimal)`,
  );

  // Final model on all training sentences.
  const D = compactDesign(
    X,
    rows.map((_, i) => i),
    labels,
    hashSize,
    bp.minDf,
  );
  const model = expandModel(D, trainAdagrad(D, bp, bp.epochs, SEED), hashSize);
  const weights = toWeightsFile(model, config, best.threshold);
  const training = {
    data: 'ClaimBuster crowdsourced.csv (Arslan, Hassan, Li, Tremayne, ICWSM 2020)',
    sentences: rows.length,
    positives,
    folds: FOLDS,
    seed: SEED,
    optimiser: 'adagrad',
    eta: bp.eta,
    lambda: bp.lambda,
    posWeight: bp.posWeight,
    epochs: bp.epochs,
    minDf: bp.minDf,
    cvF1: roundSig(best.f1, 4),
  };
  writeFileSync(WEIGHTS_PATH, serialiseWeights(weights, training));
  const bytes = statSync(WEIGHTS_PATH).size;
  console.log(
    `wrote ${path.relative(process.cwd(), WEIGHTS_PATH)}: ${weights.idx.length} non-zero weights, ` +
      `model file size ${(bytes / 1024).toFixed(0)} KiB (${bytes} bytes)`,
  );

  // Held-out report: groundtruth.csv through the same code path as the runtime model.
  const scorer = createScorer(weights);
  const gold = test.map((r) => r.verdict === 1);
  const result = prf(
    test.map((r) => scorer.score(r.text) >= scorer.threshold),
    gold,
  );
  const baseline = prf(
    test.map(() => true),
    gold,
  );
  console.log(`held-out groundtruth.csv (${test.length} sentences, ${gold.filter(Boolean).length} check-worthy):`);
  console.log(`  model            precision ${pct(result.precision)}  recall ${pct(result.recall)}  F1 ${pct(result.f1)}`);
  console.log(
    `  flag-everything  precision ${pct(baseline.precision)}  recall ${pct(baseline.recall)}  F1 ${pct(baseline.f1)}`,
  );
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) main();
