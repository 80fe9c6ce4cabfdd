/**
 * One block (a run of lines wink analyses together) → its sentences and claims, with offsets
 * relative to the block. Cached by content: the same block text always gives the same result,
 * wherever it sits in whichever document.
 */
import { CHECKWORTHY_THRESHOLD, scoreSentence } from './checkworthiness/model';
import { baseClaimId, contextWords } from './claimId';
import { detach } from './detach';
import { resolveOverlaps, type Found } from './found';
import { isFurniture } from './furniture';
import { otherLanguageOf } from './language';
import { tokenize, type TokenStream } from './nlp';
import { findSource } from './rules/attribution';
import { findComparisons } from './rules/comparison';
import { findEvents } from './rules/event';
import { findNumeric } from './rules/numeric';
import { findTemporal } from './rules/temporal';
import { scoreFindings } from './score';
import type { Claim, ClaimValue, Sentence } from './types';

/** A claim relative to its block, before the document gives it an offset and an id. */
export interface BlockClaim {
  /** Computed with the block, so unchanged blocks cost nothing on the next analysis. */
  baseId: string;
  kind: Claim['kind'];
  start: number;
  end: number;
  /** Index into the block's sentences. */
  sentence: number;
  value: ClaimValue | null;
  reasons: string[];
}

export interface BlockResult {
  /** Offsets relative to the block. */
  sentences: Sentence[];
  claims: BlockClaim[];
}

/**
 * `modelSaysCheckworthy`: the model already finds the sentence check-worthy, so a plain
 * subject–verb–object clause in it is taken as an event even when its verb is not on the
 * list of official actions.
 */
function analyseSentence(ts: TokenStream, s: number, e: number, headline: boolean, modelSaysCheckworthy: boolean): Found[] {
  const found = resolveOverlaps([...findNumeric(ts, s, e), ...findComparisons(ts, s, e), ...findTemporal(ts, s, e)]);
  const hasCore = found.some((f) => f.kind !== 'temporal');
  if (!hasCore) {
    // Dates keep their own spans (guideline: "The tour begins in San Diego" + "on 28 March").
    const events = findEvents(ts, s, e, headline, modelSaysCheckworthy).map((ev) => {
      const inner = found.find((t) => t.first > ev.first && t.first <= ev.last);
      if (!inner) return ev;
      let last = inner.first - 1;
      while (last > ev.first && (ts.pos[last] === 'ADP' || ts.pos[last] === 'PUNCT' || ts.pos[last] === 'CCONJ')) last--;
      return { ...ev, last };
    });
    return resolveOverlaps([...events, ...found]);
  }
  return found;
}

function analyseBlock(blockText: string, headline: boolean): BlockResult {
  const language = otherLanguageOf(blockText);
  if (language !== null) {
    const start = blockText.length - blockText.trimStart().length;
    return { sentences: [{ start, end: blockText.trimEnd().length, score: 0, checkworthy: false, source: null, language }], claims: [] };
  }
  const ts = tokenize(blockText);
  const result: BlockResult = { sentences: [], claims: [] };
  for (const [s, e] of ts.sentences) {
    if (e < s) continue;
    const start = ts.start[s];
    const end = ts.end[e];
    const text = blockText.slice(start, end);
    if (text.trim().length === 0) continue;
    const furniture = isFurniture(text);
    const model = furniture ? 0 : scoreSentence(text);
    const found = furniture ? [] : analyseSentence(ts, s, e, headline && start === ts.start[0], model >= CHECKWORTHY_THRESHOLD);
    const source = found.length > 0 ? findSource(ts, s, e, blockText, headline) : null;
    const score = furniture ? { score: 0, checkworthy: false } : scoreFindings(model, found, source !== null);
    const index = result.sentences.length;
    result.sentences.push({ start, end, score: score.score, checkworthy: score.checkworthy, source });
    for (const f of found) {
      const claimReasons = [...f.reasons];
      if (source) claimReasons.push(`attributed to ${source}`);
      // A sentence-final period that wink kept on the last token ("£82.7m.") is not part of the claim.
      const lastToken = ts.value[f.last];
      const trim = lastToken.length > 1 && /^[A-Za-z]+\.$/.test(lastToken) && f.last === e ? 1 : 0;
      const claimStart = ts.start[f.first];
      const claimEnd = ts.end[f.last] - trim;
      result.claims.push({
        baseId: baseClaimId(f.kind, blockText.slice(claimStart, claimEnd), contextWords(blockText, claimStart, claimEnd, { start, end })),
        kind: f.kind,
        start: claimStart,
        end: claimEnd,
        sentence: index,
        value: f.value,
        reasons: claimReasons,
      });
    }
  }
  return result;
}

const CACHE_LIMIT = 20_000;
/** CACHE_LIMIT, or room for twice the blocks of the largest document seen lately (see makeRoom). */
let cacheLimit = CACHE_LIMIT;
// Headlines and body blocks apart, so that a key is the block text itself (no concatenated copy).
const headlineCache = new Map<string, BlockResult>();
const bodyCache = new Map<string, BlockResult>();

/**
 * A document with more blocks than the cache holds evicted its own first blocks before its last
 * ones were in, so every re-analysis started cold (a 5 MB article: 8 s per edit). Room for the
 * whole document, before and after an edit.
 */
export function makeRoom(blocks: number): void {
  cacheLimit = Math.max(CACHE_LIMIT, 2 * blocks);
}

/** The analysis of a block, from the cache when the same text was analysed before. */
export function analyseBlockCached(blockText: string, headline: boolean): BlockResult {
  const cache = headline ? headlineCache : bodyCache;
  const hit = cache.get(blockText);
  if (hit) {
    // Refresh recency: Map iteration order is insertion order, so re-insert.
    cache.delete(blockText);
    cache.set(blockText, hit);
    return hit;
  }
  // Everything the result and wink keep (the cache key, remembered words, sources) is cut from
  // this copy, never from the document, which must not outlive its version.
  const own = detach(blockText);
  const result = analyseBlock(own, headline);
  cache.set(own, result);
  while (cache.size > cacheLimit) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return result;
}

/** For benchmarks and tests: forget every cached block. */
export function clearBlockCache(): void {
  headlineCache.clear();
  bodyCache.clear();
}
