/**
 * The claim engine: mask what is not prose, cut the text into blocks, analyse each block with
 * wink-nlp and the claim rules, and assemble claims with document offsets and stable ids.
 *
 * Blocks are cached by content, so an edit re-analyses only the block it touched; everything
 * else is shifted to its new offset.
 */
import { CHECKWORTHY_THRESHOLD, scoreSentence } from './checkworthiness/model';
import { baseClaimId, ClaimIdFactory, contextWords } from './claimId';
import { resolveOverlaps, type Found } from './found';
import { isFurniture } from './furniture';
import { maskNonProse } from './mask';
import { tokenize, type TokenStream } from './nlp';
import { findSource } from './rules/attribution';
import { findComparisons } from './rules/comparison';
import { findEvents } from './rules/event';
import { findNumeric } from './rules/numeric';
import { findTemporal } from './rules/temporal';
import { scoreFindings } from './score';
import { splitBlocks } from './segment';
import { findSuppressions, isSuppressed } from './suppressions';
import type { Analysis, AnalyzeOptions, Claim, ClaimValue, Sentence } from './types';

/** A claim relative to its block, before ids are given. */
interface BlockClaim {
  /** Computed with the block, so unchanged blocks cost nothing on the next analysis. */
  baseId: string;
  kind: Claim['kind'];
  start: number;
  end: number;
  sentence: number;
  value: ClaimValue | null;
  reasons: string[];
}

interface BlockResult {
  sentences: (Omit<Sentence, 'start' | 'end'> & { start: number; end: number })[];
  claims: BlockClaim[];
}

const CACHE_LIMIT = 20_000;
/** CACHE_LIMIT, or room for twice the blocks of the document analysed last (see analyze). */
let cacheLimit = CACHE_LIMIT;
const blockCache = new Map<string, BlockResult>();

function cached(key: string, compute: () => BlockResult): BlockResult {
  const hit = blockCache.get(key);
  if (hit) {
    // Refresh recency: Map iteration order is insertion order, so re-insert.
    blockCache.delete(key);
    blockCache.set(key, hit);
    return hit;
  }
  const result = compute();
  blockCache.set(key, result);
  while (blockCache.size > cacheLimit) {
    const oldest = blockCache.keys().next().value;
    if (oldest === undefined) break;
    blockCache.delete(oldest);
  }
  return result;
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

export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const masked = maskNonProse(text, options.languageId);
  const claims: Claim[] = [];
  const sentences: Sentence[] = [];
  const ids = new ClaimIdFactory();
  const blocks = splitBlocks(masked);
  // A document with more blocks than the cache holds evicted its own first blocks before its last
  // ones were in, so every re-analysis started cold (a 5 MB article: 8 s per edit). Room for the
  // whole document, before and after an edit.
  cacheLimit = Math.max(CACHE_LIMIT, 2 * blocks.length);
  for (const block of blocks) {
    const blockText = masked.slice(block.start, block.end);
    const result = cached(`${block.headline ? 'H' : 'B'}${blockText}`, () => analyseBlock(blockText, block.headline));
    const offset = block.start;
    const firstSentence = sentences.length;
    for (const s of result.sentences) {
      sentences.push({ ...s, start: s.start + offset, end: s.end + offset });
    }
    for (const c of result.claims) {
      const sentence = sentences[firstSentence + c.sentence];
      const start = c.start + offset;
      const end = c.end + offset;
      const claimText = text.slice(start, end);
      claims.push({
        id: ids.next(c.baseId),
        kind: c.kind,
        start,
        end,
        text: claimText,
        sentence: { start: sentence.start, end: sentence.end },
        value: c.value,
        source: sentence.source,
        score: sentence.score,
        checkworthy: sentence.checkworthy,
        reasons: c.reasons,
      });
    }
  }
  if (options.languageId === 'markdown' && text.includes('claimcheck-disable-next-line')) {
    const suppressions = findSuppressions(text);
    return { claims: claims.filter((c) => !isSuppressed(c, suppressions)), sentences };
  }
  return { claims, sentences };
}

/** For benchmarks and tests: forget every cached block. */
export function clearAnalysisCache(): void {
  blockCache.clear();
}
