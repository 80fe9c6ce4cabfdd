// Feature hashing for the check-worthiness model: every feature (word, bigram,
// char n-gram, hand feature) is hashed straight into a fixed-size index space, so
// the model is a plain array of weights and needs no vocabulary of its own.
// FNV-1a (32-bit) can be continued code unit by code unit, which both featurisers
// rely on (a bigram's hash continues from its first word's); murmur3's finaliser
// then spreads FNV's weak low bits before the index is masked. Any change here
// moves every index: bump FEATURE_VERSION (featureConfig.ts) and retrain.

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

/** fnv1a over chars[start, end), continuing from state h. */
export function fnvChars(chars: Uint16Array, start: number, end: number, h: number): number {
  for (let k = start; k < end; k++) h = Math.imul(h ^ chars[k], FNV_PRIME);
  return h >>> 0;
}

/** One FNV-1a step for a single code unit. */
export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** murmur3 fmix32: spreads FNV's weak low bits before masking. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Namespaces so that the word "the", the bigram "the", the char gram "the" and
// a hand feature never share a hash by construction.
export const NS_WORD = fnv1a('w\u0001');
export const NS_BIGRAM = fnv1a('b\u0001');
export const NS_CHAR = fnv1a('c\u0001');
export const NS_HAND = fnv1a('h\u0001');
// The space between the two words of a bigram, and around a word for its char n-grams.
export const SEP = 0x20;

/** Hashed index of a hand feature (for the scoring path's hand weights, explanations and tests). */
export function handFeatureIndex(name: string, hashBits: number): number {
  return mix(fnv1a(name, NS_HAND)) & ((1 << hashBits) - 1);
}
