// Sentence check-worthiness model: L2-regularised logistic regression over
// hashed word, bigram, character n-gram and hand features (features.ts),
// trained on the ClaimBuster crowdsourced sentences by server/scripts/train.ts.
// Data: Arslan, Hassan, Li, Tremayne, "A Benchmark Dataset of Check-worthy
// Factual Claims", ICWSM 2020.
//
// Pure TypeScript: the weights are a JSON file bundled by esbuild, expanded into
// a dense array once, on first use.

import weightsJson from './weights.json';
import {
  FEATURE_VERSION,
  FeatureKind,
  HAND_FEATURE_LABELS,
  createWeightedSum,
  forEachFeature,
  type FeatureConfig,
} from './features';

/** Shape of weights.json as written by server/scripts/train.ts. */
export interface CheckworthinessWeights {
  /** FEATURE_VERSION of the featuriser the weights were trained with. */
  readonly featureVersion: number;
  readonly model: string;
  readonly hashBits: number;
  readonly bigrams: boolean;
  readonly charMin: number;
  readonly charMax: number;
  readonly bias: number;
  /** Decision threshold on the probability, chosen by cross-validation on the training data. */
  readonly threshold: number;
  /** Hashed feature indices with a non-zero weight, ascending. */
  readonly idx: readonly number[];
  /** Weights, parallel to idx. */
  readonly w: readonly number[];
}

/** A loaded model: dense weights plus the feature configuration they need. */
export interface CheckworthinessScorer {
  readonly threshold: number;
  score(text: string): number;
  explain(text: string, max?: number): string[];
}

const WEIGHTS = weightsJson as CheckworthinessWeights;

/**
 * Probability at or above which a sentence is called check-worthy. Chosen on the
 * training data (out-of-fold predictions of k-fold cross-validation over the
 * ClaimBuster crowdsourced set), never on the held-out groundtruth set.
 */
export const CHECKWORTHY_THRESHOLD: number = WEIGHTS.threshold;

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Builds a scorer from a weights object (the committed one, or a fresh one in train.ts). */
export function createScorer(weights: CheckworthinessWeights): CheckworthinessScorer {
  if (weights.featureVersion !== FEATURE_VERSION) {
    throw new Error(
      `check-worthiness weights were trained with feature version ${weights.featureVersion}, ` +
        `the featuriser is version ${FEATURE_VERSION}: run npm run train`,
    );
  }
  if (weights.idx.length !== weights.w.length) throw new Error('check-worthiness weights: idx and w differ in length');
  const config: FeatureConfig = {
    hashBits: weights.hashBits,
    bigrams: weights.bigrams,
    charMin: weights.charMin,
    charMax: weights.charMax,
  };
  const dense = new Float64Array(1 << weights.hashBits);
  for (let k = 0; k < weights.idx.length; k++) dense[weights.idx[k]] = weights.w[k];
  const bias = weights.bias;

  // The same sum as accumulating dense[index] * value over forEachFeature, in
  // the same order, without a callback per feature (see createWeightedSum).
  const weightedSum = createWeightedSum(dense, bias, config);
  const score = (text: string): number => sigmoid(weightedSum(text));

  const explain = (text: string, max = 3): string[] => {
    // Group contributions by what a reader would recognise: a hand feature's
    // label, a word (its unigram plus its character n-grams), or a word pair.
    const groups = new Map<string, number>();
    const add = (key: string, c: number): void => {
      groups.set(key, (groups.get(key) ?? 0) + c);
    };
    forEachFeature(
      text,
      (index, value, kind, a, b) => {
        const c = dense[index] * value;
        if (c === 0) return;
        switch (kind) {
          case FeatureKind.Hand: {
            const label = HAND_FEATURE_LABELS[a];
            if (label !== undefined) add(label, c);
            break;
          }
          case FeatureKind.Word:
          case FeatureKind.Char:
            add(wordLabel(a), c);
            break;
          case FeatureKind.Bigram:
            if (a !== '<s>' && b !== '</s>') add(`“${displayToken(a)} ${displayToken(b)}”`, c);
            break;
        }
      },
      config,
    );
    return [...groups.entries()]
      .filter(([, c]) => c > 0)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .slice(0, Math.max(0, max))
      .map(([label]) => label);
  };

  return { threshold: weights.threshold, score, explain };
}

const SHAPE_LABELS: Readonly<Record<string, string>> = {
  '#year': 'mentions a year',
  '#decade': 'mentions a decade',
  '#ordinal': 'mentions a number',
  '#mixed': 'mentions a number',
  '#d1': 'mentions a number',
  '#d2': 'mentions a number',
  '#d3': 'mentions a number',
  '#d4': 'mentions a number',
  '#d5': 'mentions a number',
  '#dec': 'mentions a number',
};

function wordLabel(token: string): string {
  const shape = SHAPE_LABELS[token];
  if (shape !== undefined) return shape;
  if (token === '%') return 'mentions a percentage';
  if (token === '$' || token === '€' || token === '£' || token === '¥') return 'mentions an amount of money';
  if (token === '?') return 'a question';
  return `“${token}”`;
}

function displayToken(token: string): string {
  return SHAPE_LABELS[token] !== undefined ? 'N' : token;
}

let defaultScorer: CheckworthinessScorer | undefined;

function scorer(): CheckworthinessScorer {
  defaultScorer ??= createScorer(WEIGHTS);
  return defaultScorer;
}

/** Probability (0..1) that a sentence is a check-worthy factual claim. */
export function scoreSentence(text: string): number {
  return scorer().score(text);
}

/** True when scoreSentence(text) reaches CHECKWORTHY_THRESHOLD. */
export function isCheckWorthy(text: string): boolean {
  return scoreSentence(text) >= CHECKWORTHY_THRESHOLD;
}

/**
 * Up to three short, human-readable reasons that pushed the score up, most
 * important first (e.g. "mentions a percentage", "“unemployment”"), for hovers.
 */
export function explainScore(text: string): string[] {
  return scorer().explain(text, 3);
}
