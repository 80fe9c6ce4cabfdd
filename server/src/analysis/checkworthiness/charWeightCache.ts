// The weights of each word's char n-grams, remembered for the words met lately.
//
// A word's char n-grams, their hashes and so their weights are the same in every
// sentence, and the common words recur in all of them. Without this, every
// occurrence hashed each of its grams (four FNV steps and a murmur finaliser per
// start) and read each weight from the 2 MB weight table at random, missing the
// cache: the largest part of scoring a sentence. The weights are stored in the
// order addCharWeights adds them, so the caller multiplies and adds exactly the
// same doubles in the same order: the sum stays bit-identical.
//
// Keyed by the word hash each token has anyway (TokenBuffer.wordHashes), with the
// word's code units compared on a match (two words can share a hash), in an
// open-addressing table over one pool of weights. When either fills up it is
// emptied and refilled by the words that come next: a bound on memory, and the
// common words are back within a sentence or two.

import { sameChars } from './fastTokenizer';
import { NS_CHAR, SEP, fnvStep, mix } from './hashing';

const SLOTS = 1 << 14;
/** Words kept before the table is emptied: half the slots, so probes stay short. */
const MAX_WORDS = SLOTS >> 1;
/** Weights kept (1 MB): about a dozen per word of ordinary length. */
const POOL_SIZE = 1 << 17;
/** Longer tokens (URLs, runs of letters) are rare and would crowd the pool: not kept. */
export const MAX_CACHED_LENGTH = 40;

/** Number of char n-grams, of lo to hi code units, of the token chars[start, end) padded with SEP. */
export function charGramCountAt(chars: Uint16Array, start: number, end: number, lo: number, hi: number): number {
  if (chars[start] === 35 /* # */ || end - start <= 1) return 0;
  const len = end - start + 2;
  let count = 0;
  for (let k = lo; k <= hi; k++) if (len >= k) count += len - k + 1;
  return count;
}

/**
 * Writes the weights of the char n-grams of " token " into out[at...], by start then length:
 * the order in which forEachFeature (features.ts) emits them.
 */
export function writeCharGramWeights(
  out: Float64Array,
  at: number,
  chars: Uint16Array,
  first: number,
  tokenLength: number,
  dense: Float64Array,
  mask: number,
  lo: number,
  hi: number,
): void {
  const len = tokenLength + 2;
  let k = at;
  for (let s = 0; s + lo <= len; s++) {
    let h = NS_CHAR;
    const stop = Math.min(len, s + hi);
    for (let e = s; e < stop; e++) {
      h = fnvStep(h, e === 0 || e === len - 1 ? SEP : chars[first + e - 1]);
      if (e - s + 1 >= lo) out[k++] = dense[mix(h >>> 0) & mask];
    }
  }
}

/** One per weight table and gram range (createWeightedSum makes it). */
export class CharWeightCache {
  /** The weights, for the caller to read from `offsetOf`'s answer. */
  readonly pool = new Float64Array(POOL_SIZE);
  private readonly keys = new Int32Array(SLOTS);
  private readonly words: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  private readonly offsets = new Int32Array(SLOTS);
  private used = 0;
  private count = 0;

  constructor(
    readonly dense: Float64Array,
    readonly mask: number,
    private readonly lo: number,
    private readonly hi: number,
  ) {}

  /**
   * Where in `pool` the `grams` weights of the token chars[first, first + tokenLength) start
   * (a word token of at most MAX_CACHED_LENGTH code units); `key`: its word hash.
   */
  offsetOf(key: number, chars: Uint16Array, first: number, tokenLength: number, grams: number): number {
    const last = SLOTS - 1;
    let slot = key & last;
    for (let word = this.words[slot]; word !== undefined; word = this.words[slot]) {
      if (this.keys[slot] === key && sameChars(word, chars, first, first + tokenLength)) return this.offsets[slot];
      slot = (slot + 1) & last;
    }
    if (this.count >= MAX_WORDS || this.used + grams > POOL_SIZE) {
      this.clear();
      slot = key & last;
    }
    const at = this.used;
    writeCharGramWeights(this.pool, at, chars, first, tokenLength, this.dense, this.mask, this.lo, this.hi);
    this.keys[slot] = key;
    this.words[slot] = String.fromCharCode(...chars.subarray(first, first + tokenLength));
    this.offsets[slot] = at;
    this.used += grams;
    this.count++;
    return at;
  }

  private clear(): void {
    this.words.fill(undefined);
    this.used = 0;
    this.count = 0;
  }
}
