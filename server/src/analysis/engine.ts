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
import { figureOf } from './figure';
import { formatValue } from './formatValue';
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

/**
 * Work that pauses (yields) after each block, so that a caller can spread it over time. A
 * document analysed from scratch also says, at each pause, what it has found so far.
 */
export type Steps<T> = Generator<Progress | undefined, T, void>;

/**
 * A whole-document analysis under way: `soFar()` is the analysis of the paragraphs done so far,
 * claims numbered as they will be in the end (a repeat's number depends only on the claims
 * before it). Nothing the final analysis shares is changed by asking.
 */
export interface Progress {
  soFar(): Analysis;
  /** The document offset the paragraphs done reach (claims before it are final). */
  reached: number;
  /** How much of the document is done, 0..1 (by characters). */
  fraction: number;
}

/** A stretch being analysed: what it holds so far, and the document offset it has reached. */
interface StretchSoFar {
  stretch: Stretch;
  reached: number;
}

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
): Generator<StretchSoFar, Stretch, void> {
  const whole = start === 0 && end === text.length;
  const masked =
    wholeMasked !== undefined ? wholeMasked.slice(start, end) : maskNonProse(whole ? text : text.slice(start, end), languageId);
  const blocks = splitBlocks(masked, atDocumentStart);
  if (whole) makeRoom(blocks.length);
  const out: Stretch = { claims: [], baseIds: [], sentences: [], firstBlock: blocks.length > 0 ? start + blocks[0].start : -1 };
  for (const block of blocks) {
    const result = analyseBlockCached(masked.slice(block.start, block.end), block.headline);
    const offset = start + block.start;
    const first = out.sentences.length;
    for (const s of result.sentences) out.sentences.push(moved(s, offset));
    for (const c of result.claims) {
      // The claim's sentence range is the sentence itself: one object per sentence, not two.
      const sentence = out.sentences[first + c.sentence];
      const claimStart = c.start + offset;
      const claimEnd = c.end + offset;
      const claimText = detach(text.slice(claimStart, claimEnd)); // kept by later versions: must not keep this one alive
      const shownValue = formatValue({ kind: c.kind, text: claimText, value: c.value });
      out.baseIds.push(c.baseId);
      out.claims.push({
        id: '', // numberRepeats
        kind: c.kind,
        start: claimStart,
        end: claimEnd,
        text: claimText,
        sentence,
        value: c.value,
        source: sentence.source,
        score: sentence.score,
        checkworthy: sentence.checkworthy,
        reasons: c.reasons,
        // From the document's text, not the block's: blocks are cached by their masked text.
        shownValue,
        figure: figureOf({ kind: c.kind, text: claimText, value: c.value, shownValue }),
      });
    }
    yield { stretch: out, reached: start + block.end };
  }
  return out;
}

/** A stretch's steps, pausing without saying what they found (an edit's re-analysis). */
function* quietly<T>(steps: Generator<StretchSoFar, T, void>): Steps<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield undefined;
  }
}

/** A whole document's steps, saying at each pause what the paragraphs done so far hold. */
function* withProgress(steps: Generator<StretchSoFar, Stretch, void>, text: string, languageId: string): Steps<Stretch> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const done = step.value.stretch;
    // Counted now: the stretch goes on growing after this pause.
    const claimCount = done.claims.length;
    const sentenceCount = done.sentences.length;
    let found: Analysis | undefined;
    yield {
      // Worked out once per pause, however many requests ask (a hover, a code action, a pull).
      soFar: () => {
        if (found) return found;
        const ids = new ClaimIdFactory();
        const claims = done.claims.slice(0, claimCount).map((claim, i) => ({ ...claim, id: ids.next(done.baseIds[i]) }));
        found = { claims: unsuppressed(claims, text, languageId), sentences: done.sentences.slice(0, sentenceCount) };
        return found;
      },
      reached: step.value.reached,
      fraction: text.length === 0 ? 1 : step.value.reached / text.length,
    };
  }
}

/** Claims without those a Markdown comment switches off (`claimcheck-disable-next-line`). */
function unsuppressed(claims: Claim[], text: string, languageId: string): Claim[] {
  if (languageId !== 'markdown' || !text.includes('claimcheck-disable-next-line')) return claims;
  const suppressions = findSuppressions(text);
  return claims.filter((c) => !isSuppressed(c, suppressions));
}

/** A sentence `delta` characters further on (a new object: the cached one is shared). */
function moved(s: Sentence, delta: number): Sentence {
  const out: Sentence = { start: s.start + delta, end: s.end + delta, score: s.score, checkworthy: s.checkworthy, source: s.source };
  if (s.language !== undefined) out.language = s.language;
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

/** Index of the first item starting at or after `offset`; items in document order. */
function firstFrom(items: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where an edit cuts the previous version's lists: [head, tail) is what the edit replaced. */
interface Cuts {
  headClaims: number;
  tailClaims: number;
  headSentences: number;
  tailSentences: number;
}

/**
 * The previous version's claims and sentences with the edited stretch replaced by `middle`: the
 * head kept as it is, the tail moved by `delta`. This runs for thousands of claims on every
 * keystroke, so each list is written once, at its final length, and a moved claim's sentence is
 * the moved sentence itself (no spreads, no intermediate arrays: in a 1 MB document this cut
 * what each keystroke allocates here from 1.7 to 1.2 MB).
 */
function splice(state: DocumentState, middle: Stretch, cuts: Cuts, delta: number): Omit<Stretch, 'firstBlock'> {
  const old = state.sentences;
  const sentences: Sentence[] = new Array<Sentence>(cuts.headSentences + middle.sentences.length + old.length - cuts.tailSentences);
  let n = 0;
  for (let i = 0; i < cuts.headSentences; i++) sentences[n++] = old[i];
  for (const s of middle.sentences) sentences[n++] = s;
  const firstMoved = n;
  for (let i = cuts.tailSentences; i < old.length; i++) {
    const s = old[i];
    sentences[n++] = delta === 0 ? s : moved(s, delta);
  }
  const length = cuts.headClaims + middle.claims.length + state.claims.length - cuts.tailClaims;
  const claims: Claim[] = new Array<Claim>(length);
  const baseIds: string[] = new Array<string>(length);
  let m = 0;
  for (let i = 0; i < cuts.headClaims; i++, m++) {
    claims[m] = state.claims[i];
    baseIds[m] = state.baseIds[i];
  }
  for (let i = 0; i < middle.claims.length; i++, m++) {
    claims[m] = middle.claims[i];
    baseIds[m] = middle.baseIds[i];
  }
  let j = firstMoved;
  for (let i = cuts.tailClaims; i < state.claims.length; i++, m++) {
    const c = state.claims[i];
    baseIds[m] = state.baseIds[i];
    if (delta === 0) {
      claims[m] = c;
      continue;
    }
    // Claims and sentences are both in document order: the moved sentence is found walking on.
    const start = c.sentence.start + delta;
    const end = c.sentence.end + delta;
    while (j < n && sentences[j].start < start) j++;
    const sentence = j < n && sentences[j].start === start && sentences[j].end === end ? sentences[j] : { start, end };
    claims[m] = {
      id: c.id,
      kind: c.kind,
      start: c.start + delta,
      end: c.end + delta,
      text: c.text,
      sentence,
      value: c.value,
      source: c.source,
      score: c.score,
      checkworthy: c.checkworthy,
      reasons: c.reasons,
      shownValue: c.shownValue,
      figure: c.figure,
    };
  }
  return { claims, baseIds, sentences };
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
  const middle = yield* quietly(analyseStretch(text, region.start, region.newEnd, languageId, !firstBlockBefore, masked));
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
  // The region starts and ends between paragraphs, so each cut falls between blocks.
  const cuts: Cuts = {
    headClaims: firstFrom(state.claims, region.start),
    tailClaims: firstFrom(state.claims, region.oldEnd),
    headSentences: firstFrom(state.sentences, region.start),
    tailSentences: firstFrom(state.sentences, region.oldEnd),
  };
  const removed = state.baseIds.slice(cuts.headClaims, cuts.tailClaims);
  const { claims, baseIds, sentences } = splice(state, middle, cuts, delta);
  numberRepeats(claims, baseIds, new Set([...removed, ...middle.baseIds]));
  return { claims, baseIds, sentences, firstBlock };
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
    stretch = yield* withProgress(analyseStretch(text, 0, text.length, languageId, true, masked), text, languageId);
    numberRepeats(stretch.claims, stretch.baseIds);
  }
  const analysis: Analysis = { claims: unsuppressed(stretch.claims, text, languageId), sentences: stretch.sentences };
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

/** For benchmarks: also forget the words wink learnt from earlier texts (nlp.ts), as after a start. */
export { forgetLearnedWords } from './nlp';
