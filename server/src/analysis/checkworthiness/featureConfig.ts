// Settings and version of the hashed feature space, shared by the reference
// featuriser (features.ts) and the scoring path (weightedSum.ts). Trained weights
// record both (server/scripts/train.ts), so a model is only ever scored with the
// features it was trained on.

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
