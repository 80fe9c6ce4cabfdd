/**
 * Issue #8, incremental correctness through the real server: random sequences of incremental
 * `didChange` edits — inserts, deletes and replacements anywhere, inside claims, across CRLF and
 * surrogate pairs, several changes per notification, now and then a full-text change — give
 * exactly the diagnostics (ranges, codes, messages, claim ids) that a fresh open of the same
 * text gives with the engine's block cache cleared.
 *
 * The model of the text is applied with this file's own position arithmetic (lspClient.ts), not
 * with the server's TextDocument, so a sync bug would show as a divergence. Most sequences run
 * in-process (fast); some run against the built bundle over stdio (run `npm run build` first).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { clearAnalysisCache } from '../../server/src/analysis/engine';
import { concreteEdit, describeText, documentArbitrary, editArbitrary, FUZZ_SEED, runs, type EditSpec } from '../unit/robustSupport';
import { offsetAt, positionAt, spawnServer, startInProcessServer, type LspClient } from './lspClient';

const SETTINGS = { debounceMs: 0 };

let uriCounter = 0;
function freshUri(languageId: string): string {
  uriCounter++;
  const extension = languageId === 'markdown' ? 'md' : languageId === 'news' ? 'news' : 'txt';
  return `file:///claimcheck-robust-incremental/${uriCounter}.${extension}`;
}

interface Step {
  /** The changes of one didChange notification, as specs applied in order. */
  specs: EditSpec[];
  /** Replace the whole text instead (a full-document change). */
  full: boolean;
  /** Pull diagnostics after this notification and compare. */
  pull: boolean;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  specs: fc.array(editArbitrary, { minLength: 1, maxLength: 3 }),
  full: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  pull: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
});

const sequenceArbitrary = fc.record({
  initial: documentArbitrary,
  languageId: fc.constantFrom('plaintext', 'markdown', 'news'),
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 10 }),
});

/** Turns specs into LSP changes against the model text, and applies them to the model. */
function toChanges(text: string, step: Step): { changes: TextDocumentContentChangeEvent[]; text: string } {
  let model = text;
  const changes: TextDocumentContentChangeEvent[] = [];
  for (const spec of step.specs) {
    if (step.full) {
      const edit = concreteEdit(model, spec);
      model = model.slice(0, edit.start) + edit.text + model.slice(edit.end);
      continue;
    }
    const edit = concreteEdit(model, spec);
    const range = { start: positionAt(model, edit.start), end: positionAt(model, edit.end) };
    // What the position means to LSP: an offset between "\r" and "\n" is clamped to the line's end.
    const start = offsetAt(model, range.start);
    const end = Math.max(start, offsetAt(model, range.end));
    changes.push({ range, text: spec.text });
    model = model.slice(0, start) + spec.text + model.slice(end);
  }
  if (step.full) changes.push({ text: model });
  return { changes, text: model };
}

/** Diagnostics with the document's own URI (in related information) written as "<document>". */
function normalised(diagnostics: Diagnostic[], uri: string): unknown {
  return JSON.parse(JSON.stringify(diagnostics).split(JSON.stringify(uri)).join('"<document>"'));
}

/** Diagnostics of a fresh open of `text` in the reference server, with the block cache cleared. */
async function freshDiagnostics(reference: LspClient, text: string, languageId: string): Promise<unknown> {
  clearAnalysisCache();
  const uri = freshUri(languageId);
  await reference.open(uri, languageId, text);
  const diagnostics = await reference.pullDiagnostics(uri);
  await reference.close(uri);
  return normalised(diagnostics, uri);
}

interface Tally {
  sequences: number;
  edits: number;
  notifications: number;
  comparisons: number;
}

async function replay(
  target: LspClient,
  reference: LspClient,
  sequence: { initial: string; languageId: string; steps: Step[] },
  tally: Tally,
): Promise<void> {
  const { initial, languageId, steps } = sequence;
  const uri = freshUri(languageId);
  let text = initial;
  await target.open(uri, languageId, text);
  let version = 1;
  for (const [i, step] of steps.entries()) {
    const next = toChanges(text, step);
    version++;
    await target.change(uri, version, next.changes);
    text = next.text;
    tally.notifications++;
    tally.edits += step.specs.length;
    if (step.pull || i === steps.length - 1) {
      const incremental = normalised(await target.pullDiagnostics(uri), uri);
      const fresh = await freshDiagnostics(reference, text, languageId);
      tally.comparisons++;
      assert.deepEqual(
        incremental,
        fresh,
        target.explain(`divergence after ${i + 1} notification(s), ${languageId}, text now ${describeText(text)}; initial ${describeText(initial)}`),
      );
    }
  }
  await target.close(uri);
  tally.sequences++;
}

void describe('incremental sync: random edit sequences give exactly the diagnostics of a fresh open', () => {
  let inProcess: LspClient;

  before(async () => {
    inProcess = startInProcessServer();
    await inProcess.initialize({ configuration: true, settings: SETTINGS, processId: null });
  });

  after(() => inProcess.dispose());

  void test('in-process server', { timeout: 10 * 60_000 }, async (t) => {
    const tally: Tally = { sequences: 0, edits: 0, notifications: 0, comparisons: 0 };
    await fc.assert(
      fc.asyncProperty(sequenceArbitrary, (sequence) => replay(inProcess, inProcess, sequence, tally)),
      { seed: FUZZ_SEED + 2, numRuns: runs(400) },
    );
    const line = `incremental: ${tally.sequences} sequences, ${tally.edits} edits in ${tally.notifications} notifications, ${tally.comparisons} comparisons, 0 divergences`;
    t.diagnostic(line);
    console.log(line);
  });

  void test('the built server over stdio (node out/server.js --stdio)', { timeout: 10 * 60_000 }, async (t) => {
    const stdio = spawnServer();
    try {
      await stdio.initialize({ configuration: true, settings: SETTINGS });
      const tally: Tally = { sequences: 0, edits: 0, notifications: 0, comparisons: 0 };
      await fc.assert(
        fc.asyncProperty(sequenceArbitrary, (sequence) => replay(stdio, inProcess, sequence, tally)),
        { seed: FUZZ_SEED + 3, numRuns: runs(60) },
      );
      const line = `incremental over stdio: ${tally.sequences} sequences, ${tally.edits} edits, ${tally.comparisons} comparisons, 0 divergences`;
      t.diagnostic(line);
      console.log(line);
      await stdio.shutdown();
    } finally {
      stdio.dispose();
    }
  });
});
