/**
 * Issue #8, fuzzing the claim engine: random news-like documents laced with hostile characters
 * (surrogate pairs and lone surrogates, combining marks, RTL marks and scripts, zero-width
 * characters, BOM, NBSP, CR/LF/CRLF mixes, control characters, very long lines) never make
 * `analyze()` throw; every range lies inside the document on boundaries that do not split a
 * surrogate pair; the output is deterministic, and the block cache never changes it.
 *
 * Seeded (CLAIMCHECK_FUZZ_SEED), sized by CLAIMCHECK_FUZZ_SCALE. No timing assertions: the
 * linearity measurement is `server/scripts/bench-linearity.ts`; here the big documents only have
 * to finish (within a generous hang deadline) and be correct.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/analysis';
import { clearAnalysisCache } from '../../server/src/analysis/engine';
import {
  analysisProblems,
  applyEdit,
  articleArbitrary,
  markdownArticleArbitrary,
  concreteEdit,
  describeText,
  documentArbitrary,
  editArbitrary,
  FUZZ_SEED,
  languageArbitrary,
  NEWS_FRAGMENTS,
  HOSTILE_FRAGMENTS,
  runs,
} from './robustSupport';

/** A hang is a failure, not a wait: far above what any of these documents needs. */
const HANG_DEADLINE_MS = 10 * 60_000;

function analyseOrExplain(text: string, languageId: string): Analysis {
  try {
    return analyze(text, { languageId });
  } catch (err) {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    throw new Error(`analyze() threw on ${languageId} ${describeText(text)}: ${detail}`, { cause: err });
  }
}

function assertSound(text: string, languageId: string, analysis: Analysis): void {
  const problems = analysisProblems(text, analysis);
  assert.deepEqual(problems, [], `${languageId} ${describeText(text)}`);
}

void describe('fuzz: analyze() on hostile documents', () => {
  void test('never throws, ranges inside the text and on code point boundaries, deterministic with the cache warm or cleared', (t) => {
    let documents = 0;
    let claims = 0;
    let characters = 0;
    let cacheClears = 0;
    fc.assert(
      fc.property(documentArbitrary, languageArbitrary, fc.integer({ min: 0, max: 3 }), (text, languageId, coin) => {
        const first = analyseOrExplain(text, languageId);
        assertSound(text, languageId, first);
        // Warm: every block of this text is cached now.
        const again = analyseOrExplain(text, languageId);
        assert.deepEqual(again, first, `second run differs: ${languageId} ${describeText(text)}`);
        if (coin === 0) {
          // One document in four, cold: nothing cached, every block analysed afresh.
          clearAnalysisCache();
          cacheClears++;
          const cold = analyseOrExplain(text, languageId);
          assert.deepEqual(cold, first, `result with the cache cleared differs: ${languageId} ${describeText(text)}`);
        }
        documents++;
        claims += first.claims.length;
        characters += text.length;
      }),
      { seed: FUZZ_SEED, numRuns: runs(3000) },
    );
    t.diagnostic(`fuzz: ${documents} documents (${characters} characters, ${claims} claims, ${cacheClears} cold re-runs), 0 failures`);
    console.log(`fuzz: ${documents} documents, 0 failures`);
  });

  void test('the empty document and documents of one hostile fragment each', () => {
    for (const languageId of ['plaintext', 'markdown', 'news']) {
      assert.deepEqual(analyseOrExplain('', languageId), { claims: [], sentences: [] });
      for (const fragment of [...HOSTILE_FRAGMENTS, ...NEWS_FRAGMENTS]) {
        for (const text of [fragment, `${fragment} rose 12% in 2024.`, `Sales rose 12%${fragment} in 2024.`]) {
          assertSound(text, languageId, analyseOrExplain(text, languageId));
        }
      }
    }
  });

  void test('a claim next to a surrogate pair or a lone surrogate never takes half of it', () => {
    for (const around of ['😀', '\uD83D', '\uDE00', '👩‍👩‍👧', 'e\u0301', '\u200F', '\uFEFF']) {
      const text = `Exports rose 12%${around} in 2024${around}, officials said${around}.\n${around}A group of 30${around} countries agreed.`;
      const analysis = analyseOrExplain(text, 'plaintext');
      assertSound(text, 'plaintext', analysis);
      assert.ok(
        analysis.claims.some((c) => c.text.includes('12%')),
        `"12%" is still a claim beside ${JSON.stringify(around)}: ${JSON.stringify(analysis.claims.map((c) => c.text))}`,
      );
    }
  });
});

void describe('fuzz: incremental analysis never changes results (engine-level edits)', () => {
  void test('random edit sequences: re-analysing from the previous version, or with the block cache warm, equals a cold analysis', (t) => {
    let sequences = 0;
    let edits = 0;
    let reused = 0;
    fc.assert(
      fc.property(documentArbitrary, languageArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 12 }), (initial, languageId, specs) => {
        clearAnalysisCache();
        let text = initial;
        let previous = analyseOrExplain(text, languageId);
        for (const spec of specs) {
          const before = previous;
          text = applyEdit(text, concreteEdit(text, spec));
          // As an editor does while typing: the previous version's analysis is passed along.
          const incremental = analyze(text, { languageId }, previous);
          assertSound(text, languageId, incremental);
          // Only the block cache warm from the previous version.
          const warm = analyseOrExplain(text, languageId);
          clearAnalysisCache();
          const cold = analyseOrExplain(text, languageId);
          assert.deepEqual(incremental, cold, `incremental divergence after an edit: ${languageId} ${describeText(text)}`);
          assert.deepEqual(warm, cold, `cache divergence after an edit: ${languageId} ${describeText(text)}`);
          reused += incremental.claims.filter((c) => before.claims.includes(c)).length;
          previous = incremental;
          edits++;
        }
        sequences++;
      }),
      { seed: FUZZ_SEED + 1, numRuns: runs(400) },
    );
    // Claims kept as they were (not re-created) show that the incremental path was taken.
    assert.ok(reused > 0, 'no claim object was ever reused: the incremental path never ran');
    t.diagnostic(`engine incremental: ${sequences} sequences, ${edits} edits, ${reused} claims reused, 0 divergences`);
    console.log(`engine incremental: ${sequences} sequences, ${edits} edits, ${reused} claims reused, 0 divergences`);
  });

  void test('articles of many paragraphs, typed into: re-analysing from the previous version equals a cold analysis', (t) => {
    let edits = 0;
    let reused = 0;
    fc.assert(
      fc.property(articleArbitrary, languageArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 20 }), (initial, languageId, specs) => {
        let text = initial;
        let previous = analyseOrExplain(text, languageId);
        for (const spec of specs) {
          text = applyEdit(text, concreteEdit(text, spec));
          const incremental = analyze(text, { languageId }, previous);
          clearAnalysisCache();
          const cold = analyseOrExplain(text, languageId);
          assert.deepEqual(incremental, cold, `incremental divergence after an edit: ${languageId} ${describeText(text)}`);
          reused += incremental.claims.filter((c) => previous.claims.includes(c)).length;
          previous = incremental;
          edits++;
        }
      }),
      { seed: FUZZ_SEED + 2, numRuns: runs(200) },
    );
    assert.ok(reused > edits, `only ${reused} claims reused in ${edits} edits: the incremental path hardly ran`);
    t.diagnostic(`engine incremental, articles: ${edits} edits, ${reused} claims reused, 0 divergences`);
    console.log(`engine incremental, articles: ${edits} edits, ${reused} claims reused, 0 divergences`);
  });

  void test('Markdown articles with fences, comments and front matter, typed into: re-analysing equals a cold analysis', (t) => {
    let edits = 0;
    let reused = 0;
    fc.assert(
      fc.property(markdownArticleArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 20 }), (initial, specs) => {
        let text = initial;
        let previous = analyseOrExplain(text, 'markdown');
        for (const spec of specs) {
          text = applyEdit(text, concreteEdit(text, spec));
          const incremental = analyze(text, { languageId: 'markdown' }, previous);
          clearAnalysisCache();
          const cold = analyseOrExplain(text, 'markdown');
          assert.deepEqual(incremental, cold, `incremental divergence after an edit: markdown ${describeText(text)}`);
          reused += incremental.claims.filter((c) => previous.claims.includes(c)).length;
          previous = incremental;
          edits++;
        }
      }),
      { seed: FUZZ_SEED + 3, numRuns: runs(200) },
    );
    assert.ok(reused > edits / 4, `only ${reused} claims reused in ${edits} edits: the incremental path hardly ran`);
    t.diagnostic(`engine incremental, Markdown with markup: ${edits} edits, ${reused} claims reused, 0 divergences`);
    console.log(`engine incremental, Markdown with markup: ${edits} edits, ${reused} claims reused, 0 divergences`);
  });
});

/**
 * A `size`-character document cycling through 600 distinct paragraphs: long enough to exercise
 * every offset path at 5 MB, repetitive enough (like boilerplate in real archives) that the block
 * cache keeps it to seconds.
 */
function bigNewsDocument(size: number, lineBreak: string): string {
  const pool = Array.from({ length: 600 }, (_, i) => {
    const a = NEWS_FRAGMENTS[i % NEWS_FRAGMENTS.length];
    const b = HOSTILE_FRAGMENTS[(i * 7) % HOSTILE_FRAGMENTS.length];
    return `${a} Exports rose ${i % 97}% to £${(i % 89) + 1}bn ${b}in ${1950 + (i % 70)}, officials said.`;
  });
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const paragraph = pool[i % pool.length] + lineBreak + lineBreak;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return parts.join('').slice(0, size);
}

void describe('big documents (no timing asserted: they must finish and be correct)', () => {
  void test('a 5 MB news document is analysed completely and soundly', { timeout: HANG_DEADLINE_MS }, (t) => {
    const text = bigNewsDocument(5 * 1024 * 1024, '\r\n');
    assert.equal(text.length, 5 * 1024 * 1024);
    const analysis = analyseOrExplain(text, 'news');
    assertSound(text, 'news', analysis);
    // Claims all the way to the end, not only in the first blocks.
    assert.ok(analysis.claims.length > 10_000, `only ${analysis.claims.length} claims`);
    const last = analysis.claims[analysis.claims.length - 1];
    assert.ok(last.end > text.length - 2_000, `last claim ends at ${last.end} of ${text.length}`);
    t.diagnostic(`5 MB document: ${analysis.claims.length} claims, ${analysis.sentences.length} sentences`);
  });

  void test('single-line documents of hostile shapes, up to 1 MB, finish (no superlinear path) and are sound', { timeout: HANG_DEADLINE_MS }, (t) => {
    const fill = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const MB = 1024 * 1024;
    // [name, repeated unit, size]. The first group was quadratic before issue #8 (a 1 MB run of
    // digits would have taken hours); the rest are token-heavy, so smaller.
    const shapes: [string, string, number][] = [
      ['digits, no spaces', '0123456789', MB],
      ['dots, no spaces', '.', MB],
      ['e-mail-like run without "@"', 'a.b-c+', MB],
      ['backticks and letters', '`a', MB],
      ['astral emoji', '😀', MB],
      ['lone surrogates', '\uD83D', MB],
      ['combining marks', 'e\u0301\u0336', MB],
      ['NUL and control characters', '\u0000\u0001\u001B', MB],
      ['one line of 40,000 percentages', '5% ', 120 * 1024],
      ['zero-width characters between BOMs', 'a\u200B\u200D\uFEFF', 100 * 1024],
      ['unclosed HTML comments', '<!-- ', 100 * 1024],
      ['link definitions without "]:"', '[ ', 100 * 1024],
      ['RTL override and Arabic', '\u202Eمحمد ', 100 * 1024],
      ['CR-only line breaks', 'Sales rose 12%.\r', 100 * 1024],
    ];
    for (const [name, unit, size] of shapes) {
      const text = fill(unit, size);
      for (const languageId of ['plaintext', 'markdown']) {
        const analysis = analyseOrExplain(text, languageId);
        assertSound(text, languageId, analysis);
      }
      t.diagnostic(`${Math.round(size / 1024)} KB ${name}: sound`);
    }
  });
});
