/**
 * Issue #7 over LSP, against the built server (`node out/server.js --stdio`; run `npm run build`
 * first): a long document analysed cold never holds up the rest of the editor, and an analysis
 * overtaken by an edit is dropped rather than delivered.
 *
 * Orderings only, no timings: a hover on another document is answered while the long one is
 * still being analysed (the server works on it in slices), and no pull ever returns the claims
 * of a text that no longer exists.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
import { positionOf, REPO_ROOT, spawnServer, type LspClient } from './lspClient';

const SAMPLE = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'sample-article.news'), 'utf8');
const BODY = SAMPLE.split('\n\n').slice(1, -1);

/**
 * About `size` characters of news paragraphs, every one different, and different for each
 * `seed` (so that none is a cache hit and the whole document is analysed cold, which takes
 * seconds at this size).
 */
function coldArticle(size: number, seed: string): string {
  const parts = ['Allies agree long-term guarantees for Ukraine'];
  let length = parts[0].length;
  for (let i = 0; length < size; i++) {
    const paragraph = `${BODY[i % BODY.length]} Exports rose ${(i % 89) + 1}.${i % 7}% to £${i}m in ${1900 + (i % 120)}, officials said on day ${i} of ${seed}.`;
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n');
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

void describe('a long document analysed cold does not hold up the editor', () => {
  let client: LspClient;
  const small = 'file:///claimcheck-responsive/small.news';

  before(async () => {
    client = spawnServer();
    await client.initialize({ configuration: true, settings: { debounceMs: 0 } });
    await client.open(small, 'news', SAMPLE);
    // Loads the NLP model and warms the settings, so what follows is the long document's work.
    assert.ok((await client.pullDiagnostics(small)).length > 0);
  });

  after(async () => {
    try {
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });

  void test('a hover on another document is answered while a 4 MB article is still being analysed', { timeout: 300_000 }, async () => {
    const uri = 'file:///claimcheck-responsive/long.news';
    const text = coldArticle(4 * 1024 * 1024, 'the hover test');
    await client.open(uri, 'news', text);
    const order: string[] = [];
    const pull = client.pullDiagnostics(uri, 240_000).then((items) => {
      order.push('long document diagnostics');
      return items;
    });
    // Give the server time to fetch the settings and start on the long document.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const hover = await client.hover(small, positionOf(SAMPLE, '90%'));
    order.push('hover on the small document');
    assert.ok(hover, client.explain('no hover on the small document'));
    const items = await pull;
    assert.deepEqual(order, ['hover on the small document', 'long document diagnostics'], 'the hover waited for the long analysis');
    assert.ok(items.some((d) => messageOf(d).includes('%')), client.explain('the long document has its diagnostics in the end'));
    await client.close(uri);
  });

  void test('an edit during a long analysis: no pull returns the claims of the old text', { timeout: 300_000 }, async (t) => {
    const uri = 'file:///claimcheck-responsive/edited.news';
    const text = coldArticle(4 * 1024 * 1024, 'the edit test');
    await client.open(uri, 'news', text);
    const first = client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The headline (line 0) becomes a sentence with a figure no other paragraph has.
    const headline = text.slice(0, text.indexOf('\n'));
    const replacement = 'Exports to Narnia rose 77.7% in 2031, officials said.';
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: headline.length } }, text: replacement }]);
    const firstReport = await first;
    const hasNewClaim = (items: Diagnostic[]): boolean => items.some((d) => d.range.start.line === 0 && messageOf(d).includes('77.7%'));
    if (firstReport.kind === 'full') {
      // Only if the server took the edit before it started: then it must be the new text's.
      assert.ok(hasNewClaim(firstReport.items), client.explain('a pull returned diagnostics of the text before the edit'));
      t.diagnostic('the edit arrived before the analysis started');
    } else {
      t.diagnostic('the stale analysis was dropped (unchanged report)');
    }
    const second = await client.pullDiagnostics(uri, 240_000);
    assert.ok(hasNewClaim(second), client.explain('the pull after the edit lacks the new claim'));
    await client.close(uri);
  });
});
