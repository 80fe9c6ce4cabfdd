/**
 * Diagnostics link repeated mentions of the same figure or event (relatedInformation), and do so
 * the same way on every pull; a claim of one kind never links to a claim of another kind with
 * the same words. The claims here are made the way the engine makes them (figure.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../../server/src/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/contract';
import { figureOf } from '../../server/src/analysis/figure';
import { toDiagnostics } from '../../server/src/lsp/diagnostics';

const TEXT = 'Officials said the talks collapsed. Later the talks collapsed again, and the talks collapsed.';

function claimAt(kind: Claim['kind'], occurrence: number, words: string): Claim {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = TEXT.indexOf(words, start + 1);
  return {
    id: `${kind}-${occurrence}`,
    kind,
    start,
    end: start + words.length,
    text: words,
    sentence: { start: 0, end: TEXT.length },
    value: null,
    source: null,
    score: 0.9,
    checkworthy: true,
    reasons: [],
    shownValue: words,
    figure: figureOf({ kind, text: words, value: null, shownValue: words }),
  };
}

void describe('repeated mentions in diagnostics', () => {
  // A claim of another kind with the same words comes first: keyed by words alone, the events
  // would point at it.
  const claims = [claimAt('quantity', 0, 'the talks collapsed'), claimAt('event', 1, 'the talks collapsed'), claimAt('event', 2, 'the talks collapsed')];
  const analysis: Analysis = { claims, sentences: [{ start: 0, end: TEXT.length, score: 0.9, checkworthy: true, source: null }] };
  const document = TextDocument.create('file:///repeats.txt', 'plaintext', 1, TEXT);
  const settings = { ...DEFAULT_SETTINGS, kinds: [...DEFAULT_SETTINGS.kinds], severity: { ...DEFAULT_SETTINGS.severity, quantity: 'information' as const, event: 'information' as const } };

  void test('events with the same words point at each other, not at a claim of another kind; the same on every pull', () => {
    for (let pull = 0; pull < 3; pull++) {
      const diagnostics = toDiagnostics(document, analysis, settings);
      const related = diagnostics.map((d) => (d.relatedInformation ?? []).map((r) => document.offsetAt(r.location.range.start)));
      assert.deepEqual(related, [[], [claims[2].start], [claims[1].start]], `pull ${pull + 1}`);
    }
  });
});
