/**
 * The claim engine: mask what is not prose, cut the text into blocks, analyse each block with
 * wink-nlp and the claim rules (blockAnalysis.ts), and assemble claims with document offsets
 * and stable ids.
 *
 * Two kinds of reuse keep typing cheap. Blocks are cached by content, so a block analysed
 * before is never analysed again. And given the previous analysis of the same document, only
 * the paragraphs an edit touched are masked, split and looked up at all (editRegion.ts); the
 * claims and sentences before them are kept as they are, those after them are shifted.
 */
import { analyseBlockCached, clearBlockCache, makeRoom } from './blockAnalysis';
import { ClaimIdFactory } from './claimId';
import { detach } from './detach';
import { editRegion, hasMultiParagraphMarkup } from './editRegion';
import { maskNonProse } from './mask';
import { splitBlocks } from './segment';
import { findSuppressions, isSuppressed } from './suppressions';
import type { Analysis, AnalyzeOptions, Claim, Sentence } from './types';

/** Claims, base ids and sentences of a stretch of the document, with document offsets. */
interface Stretch {
  claims: Claim[];
  /** Parallel to claims: the id before repeats are numbered. */
  baseIds: string[];
  sentences: Sentence[];
  /** Where the first block starts (the document's first block alone may be a headline); -1 when none. */
  firstBlock: number;
}

/**
 * What the next analysis of the same document starts from: the whole document as a stretch,
 * its claims taken before Markdown suppressions (the next edit can delete a suppression).
 */
interface DocumentState extends Stretch {
  text: string;
  languageId: string;
  /** The text masked whole, kept for Markdown whose masking spans paragraphs (maskedWhole). */
  masked: string | undefined;
}

const states = new WeakMap<Analysis, DocumentState>();

/** Work that pauses (yields) after each block, so that a caller can spread it over time. */
export type Steps<T> = Generator<void, T, void>;

/**
 * The document masked whole, when its masking reaches across blank lines (Markdown code fences,
 * comments, front matter); undefined when each paragraph can be masked on its own.
 */
function maskedWhole(text: string, languageId: string): string | undefined {
  return languageId === 'markdown' && hasMultiParagraphMarkup(text) ? maskNonProse(text, languageId) : undefined;
}

/**
 * Analyses text[start, end), a run of whole paragraphs. `atDocumentStart`: no block precedes
 * it, so its first block may be the headline. `wholeMasked`: the document masked whole (see
 * maskedWhole), else the stretch is masked here. Claims get their ids later (numberRepeats).
 */
function* analyseStretch(
  text: string,
  start: number,
  end: number,
  languageId: string,
  atDocumentStart: boolean,
  wholeMasked: string | undefined,
): Steps<Stretch> {
  const whole = start === 0 && end === text.length;
  const masked =
    wholeMasked !== undefined ? wholeMasked.slice(start, end) : maskNonProse(whole ? text : text.slice(start, end), languageId);
  const blocks = splitBlocks(masked, atDocumentStart);
  if (whole) makeRoom(blocks.length);
  const out: Stretch = { claims: [], baseIds: [], sentences: [], firstBlock: blocks.length > 0 ? start + blocks[0].start : -1 };
  for (const block of blocks) {
    const result = analyseBlockCached(masked.slice(block.start, block.end), block.headline);
    const offset = start + block.start;
    const ranges = result.sentences.map((s) => ({ start: s.start + offset, end: s.end + offset }));
    for (const [i, s] of result.sentences.entries()) {
      out.sentences.push({ start: ranges[i].start, end: ranges[i].end, score: s.score, checkworthy: s.checkworthy, source: s.source });
    }
    for (const c of result.claims) {
      const sentence = result.sentences[c.sentence];
      const claimStart = c.start + offset;
      const claimEnd = c.end + offset;
      out.baseIds.push(c.baseId);
      out.claims.push({
        id: '', // numberRepeats
        kind: c.kind,
        start: claimStart,
        end: claimEnd,
        text: detach(text.slice(claimStart, claimEnd)), // kept by later versions: must not keep this one alive
        sentence: ranges[c.sentence],
        value: c.value,
        source: sentence.source,
        score: sentence.score,
        checkworthy: sentence.checkworthy,
        reasons: c.reasons,
      });
    }
    yield;
  }
  return out;
}

/**
 * Gives claims their ids in document order (exact repeats get "-2", "-3"), copying a kept claim
 * whose number changed. `only`: the base ids whose numbering an edit can have changed (those of
 * the claims it removed or added); every other claim keeps its id.
 */
function numberRepeats(claims: Claim[], baseIds: readonly string[], only?: ReadonlySet<string>): void {
  const ids = new ClaimIdFactory();
  for (let i = 0; i < claims.length; i++) {
    if (only && !only.has(baseIds[i])) continue;
    const id = ids.next(baseIds[i]);
    const claim = claims[i];
    if (claim.id === '') claim.id = id; // new in this analysis, not shared with an earlier one
    else if (claim.id !== id) claims[i] = { ...claim, id };
  }
}

/** Claims and sentences at or after `from` in the previous version, moved by `delta`. */
function shiftedTail(state: DocumentState, from: number, delta: number): Stretch {
  const out: Stretch = { claims: [], baseIds: [], sentences: [], firstBlock: -1 };
  // Object literals rather than spreads: this runs for thousands of claims on every keystroke.
  for (const s of state.sentences) {
    if (s.start < from) continue;
    out.sentences.push(delta === 0 ? s : { start: s.start + delta, end: s.end + delta, score: s.score, checkworthy: s.checkworthy, source: s.source });
  }
  // Claims of one sentence share one range object, before and after the shift.
  let range: Claim['sentence'] | undefined;
  let moved: Claim['sentence'] = { start: 0, end: 0 };
  for (let i = 0; i < state.claims.length; i++) {
    const c = state.claims[i];
    if (c.start < from) continue;
    out.baseIds.push(state.baseIds[i]);
    if (delta === 0) {
      out.claims.push(c);
      continue;
    }
    if (c.sentence !== range) {
      range = c.sentence;
      moved = { start: range.start + delta, end: range.end + delta };
    }
    out.claims.push({
      id: c.id,
      kind: c.kind,
      start: c.start + delta,
      end: c.end + delta,
      text: c.text,
      sentence: moved,
      value: c.value,
      source: c.source,
      score: c.score,
      checkworthy: c.checkworthy,
      reasons: c.reasons,
    });
  }
  return out;
}

/**
 * The document's analysis given its previous state, re-analysing only what the edit touched;
 * null when the whole document must be analysed. Claims come back numbered.
 */
function* reanalyse(state: DocumentState, text: string, languageId: string, masked: string | undefined): Steps<Stretch | null> {
  // Masked whole now but not before (or the other way round): the masked versions cannot be compared.
  if ((masked === undefined) !== (state.masked === undefined)) return null;
  const region = editRegion(state.text, text, masked !== undefined && state.masked !== undefined ? { old: state.masked, new: masked } : undefined);
  if (!region) return { claims: state.claims.slice(), baseIds: state.baseIds, sentences: state.sentences.slice(), firstBlock: state.firstBlock };
  const delta = region.newEnd - region.oldEnd;
  const firstBlockBefore = state.firstBlock >= 0 && state.firstBlock < region.start;
  const middle = yield* analyseStretch(text, region.start, region.newEnd, languageId, !firstBlockBefore, masked);
  // Only the document's first block can be a headline. When an edit above it moves that role
  // into or out of the re-analysed paragraphs, blocks after them would change too: rare, and
  // the whole document is analysed then.
  let firstBlock: number;
  if (firstBlockBefore) firstBlock = state.firstBlock;
  else if (middle.firstBlock >= 0) {
    if (state.firstBlock >= region.oldEnd) return null; // a new first block above the headline
    firstBlock = middle.firstBlock;
  } else if (state.firstBlock >= region.oldEnd) firstBlock = state.firstBlock + delta;
  else if (state.firstBlock >= 0) return null; // the headline was deleted: the next block becomes it
  else firstBlock = -1;
  const tail = shiftedTail(state, region.oldEnd, delta);
  // Claims and sentences are in document order, and the region starts between paragraphs.
  const head = (starts: readonly { start: number }[]): number => {
    const i = starts.findIndex((item) => item.start >= region.start);
    return i < 0 ? starts.length : i;
  };
  const headClaims = head(state.claims);
  const headSentences = head(state.sentences);
  const removed = state.baseIds.slice(headClaims, state.baseIds.length - tail.baseIds.length);
  const claims = state.claims.slice(0, headClaims).concat(middle.claims, tail.claims);
  const baseIds = state.baseIds.slice(0, headClaims).concat(middle.baseIds, tail.baseIds);
  numberRepeats(claims, baseIds, new Set([...removed, ...middle.baseIds]));
  return { claims, baseIds, sentences: state.sentences.slice(0, headSentences).concat(middle.sentences, tail.sentences), firstBlock };
}

/**
 * `analyze`, one block at a time: the language server runs these steps in slices, so that a
 * long document never holds up other requests, and drops them when the text changes first.
 */
export function* analysisSteps(text: string, options: AnalyzeOptions, previous?: Analysis): Steps<Analysis> {
  const { languageId } = options;
  const state = previous ? states.get(previous) : undefined;
  const masked = maskedWhole(text, languageId);
  let stretch = state && state.languageId === languageId ? yield* reanalyse(state, text, languageId, masked) : null;
  if (!stretch) {
    stretch = yield* analyseStretch(text, 0, text.length, languageId, true, masked);
    numberRepeats(stretch.claims, stretch.baseIds);
  }
  let claims = stretch.claims;
  if (languageId === 'markdown' && text.includes('claimcheck-disable-next-line')) {
    const suppressions = findSuppressions(text);
    claims = claims.filter((c) => !isSuppressed(c, suppressions));
  }
  const analysis: Analysis = { claims, sentences: stretch.sentences };
  states.set(analysis, { ...stretch, text, languageId, masked });
  return analysis;
}

/** Runs steps to the end. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Analyses a document. `previous`: the analysis of an earlier version of the same document
 * (an editor passes it on every change); the result is the same as without it, only faster.
 */
export function analyze(text: string, options: AnalyzeOptions, previous?: Analysis): Analysis {
  return finish(analysisSteps(text, options, previous));
}

/** For benchmarks and tests: forget every cached block. */
export function clearAnalysisCache(): void {
  clearBlockCache();
}
