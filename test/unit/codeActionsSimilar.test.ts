/**
 * "Mark all N similar claims verified": the quick fix counts the claims that state the same
 * figure (same kind, same value as shown), as the client's command that applies it does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/contract';
import { claimCodeActions } from '../../server/src/lsp/codeActions';
import { isReported, toDiagnostics } from '../../server/src/lsp/diagnostics';

const TEXT = [
  'Food prices rose 5% in May, the statistics office said.',
  'Wages rose 5% in June, according to the same office.',
  'Rents rose 7% over the year, the office said.',
  'The government spent £82.7m on the scheme, officials said.',
  'Critics said the £82.7m scheme had failed.',
].join('\n\n');

function similarActionTitles(claimText: string): string[] {
  const document = TextDocument.create('file:///similar.txt', 'plaintext', 1, TEXT);
  const settings = { ...DEFAULT_SETTINGS, minScore: 0 };
  const analysis = analyze(TEXT, { languageId: 'plaintext' });
  const claims = analysis.claims.filter((c) => isReported(c, settings));
  const diagnostic = toDiagnostics(document, analysis, settings).find((d) => document.getText(d.range) === claimText);
  assert.ok(diagnostic, `a diagnostic on "${claimText}"; claims: ${claims.map((c) => c.text).join(' | ')}`);
  return claimCodeActions({ document, claims, diagnostics: [diagnostic], interactiveClient: true })
    .map((a) => a.title)
    .filter((t) => t.includes('similar'));
}

void test('the quick fix counts the claims of the same kind and value, and is not offered for a figure stated once', () => {
  const percent = analyze(TEXT, { languageId: 'plaintext' }).claims.filter((c) => c.text.includes('5%'));
  assert.ok(percent.length >= 2, 'both 5% claims are found');
  assert.deepEqual(similarActionTitles(percent[0].text), ['Mark all 2 similar claims (↑ 5%) verified']);
  const seven = analyze(TEXT, { languageId: 'plaintext' }).claims.find((c) => c.text.includes('7%'));
  assert.ok(seven);
  assert.deepEqual(similarActionTitles(seven.text), []);
  const money = analyze(TEXT, { languageId: 'plaintext' }).claims.find((c) => c.text.includes('£82.7m'));
  assert.ok(money);
  assert.deepEqual(similarActionTitles(money.text), ['Mark all 2 similar claims (£82.7m) verified']);
});
