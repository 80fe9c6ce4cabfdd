/**
 * A paragraph in another language over LSP (built server): one hint says it was not analysed,
 * and no claim is flagged inside it; the English paragraph beside it keeps its claims.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { spawnServer, textOf, type LspClient } from './lspClient';

const ENGLISH = 'A group of 30 countries has been working on security guarantees for Ukraine, NATO Secretary General Mark Rutte said on Tuesday.';
const SPANISH = 'El gobierno recortó más del 90% de los presupuestos de ayuda, la mayor reducción desde 1990, según el ministerio.';
const TEXT = `${ENGLISH}\n\n${SPANISH}\n`;

void describe('a paragraph in another language', () => {
  let client: LspClient;

  before(async () => {
    client = spawnServer();
    await client.initialize({ configuration: true, settings: { debounceMs: 0 } });
  });

  after(() => client.stop());

  void test('one hint on it says it was not analysed; no claim inside it; the English claims stay', async () => {
    const uri = 'file:///claimcheck-languages/bilingual.txt';
    await client.open(uri, 'plaintext', TEXT);
    const diagnostics = await client.pullDiagnostics(uri);
    const hints = diagnostics.filter((d) => d.code === 'claim.language');
    assert.equal(hints.length, 1, client.explain(JSON.stringify(diagnostics)));
    assert.equal(hints[0].severity, DiagnosticSeverity.Hint);
    assert.equal(textOf(TEXT, hints[0].range), SPANISH);
    assert.equal(hints[0].message, 'Not analysed: ClaimCheck reads English, and this paragraph is in Spanish.');
    const claims = diagnostics.filter((d) => d.code !== 'claim.language');
    assert.ok(claims.some((d) => textOf(TEXT, d.range).includes('30 countries')), JSON.stringify(claims));
    assert.ok(!claims.some((d) => d.range.start.line === 2), `claims flagged in the Spanish paragraph: ${JSON.stringify(claims)}`);
    await client.close(uri);
  });
});
