/**
 * Issue #7 over LSP, against the built server (`node out/server.js --stdio`; run `npm run build`
 * first): a long document analysed cold never holds up the rest of the editor, and an analysis
 * overtaken by an edit is dropped rather than delivered.
 *
 * Orderings only, no timings: a hover on another document is answered while the long one is
 * still being analysed (the server works on it in slices), and no pull ever returns the claims
 * of a text that no longer exists. A client that can be asked to pull again gets a long
 * document's diagnostics in two parts: the top of the document first, then all of them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver';
import { positionOf, REPO_ROOT, spawnServer, waitFor, type InitializeOptions, type LspClient } from './lspClient';

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

/**
 * A server with the sample article open and its diagnostics pulled: that loads the NLP model and
 * warms the settings, so what a test measures next is the long document's work.
 */
async function warmServer(options: InitializeOptions, smallUri: string): Promise<LspClient> {
  const client = spawnServer();
  await client.initialize(options);
  await client.open(smallUri, 'news', SAMPLE);
  assert.ok((await client.pullDiagnostics(smallUri)).length > 0);
  return client;
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

void describe('a long document analysed cold does not hold up the editor', () => {
  let client: LspClient;
  const small = 'file:///claimcheck-responsive/small.news';

  before(async () => {
    // A client that cannot be asked to pull again: each pull waits for the whole analysis.
    client = await warmServer({ configuration: true, refreshSupport: false, settings: { debounceMs: 0 } }, small);
  });

  after(() => client.stop());

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

/** What a user sees of a diagnostic, and the claim it stands for; not the same-figure links. */
function shown(d: Diagnostic): string {
  return JSON.stringify([d.range, d.severity, d.code, messageOf(d), d.data]);
}

void describe('a long document just opened: the top of its diagnostics first, then all of them', () => {
  let client: LspClient;

  before(async () => {
    client = await warmServer({ configuration: true, workDoneProgress: true, settings: { debounceMs: 0, maxDiagnostics: 100_000 } }, 'file:///claimcheck-partial/small.news');
  });

  after(() => client.stop());

  function pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  function full(report: DocumentDiagnosticReport, what: string): FullDocumentDiagnosticReport {
    assert.equal(report.kind, 'full', client.explain(`${what}: a full report`));
    return report as FullDocumentDiagnosticReport;
  }

  /** Opens a 2 MB document never seen before, pulls, then pulls again when the server asks. */
  async function twoParts(name: string): Promise<{ first: FullDocumentDiagnosticReport; second: FullDocumentDiagnosticReport; uri: string }> {
    const uri = `file:///claimcheck-partial/${name}.news`;
    await client.open(uri, 'news', coldArticle(2 * 1024 * 1024, name));
    const refreshes = client.refreshRequests;
    const first = full(await pull(uri), 'the first pull');
    assert.equal(client.refreshRequests, refreshes, 'the server asked for a new pull before the first one was answered');
    assert.ok(!client.summaries.some((s) => s.uri === uri), 'a summary counted part of the document as all of it');
    await waitFor(() => client.refreshRequests > refreshes, 240_000, () => client.explain('a workspace/diagnostic/refresh request once the analysis is done'));
    const second = full(await pull(uri, first.resultId), 'the pull after the refresh request');
    return { first, second, uri };
  }

  void test('the first answer is the top of the document, the second all of it, the first unchanged within it', { timeout: 300_000 }, async () => {
    const { first, second, uri } = await twoParts('on-type');
    assert.ok(first.items.length > 0, client.explain('the first answer has the claims at the top of the document'));
    assert.ok(first.items.length < second.items.length, `first ${first.items.length}, then ${second.items.length} diagnostics`);
    assert.deepEqual(first.items.map(shown), second.items.slice(0, first.items.length).map(shown));
    const lastLine = (items: Diagnostic[]): number => Math.max(...items.map((d) => d.range.start.line));
    assert.ok(lastLine(first.items) < lastLine(second.items) / 2, 'the first answer reaches far down the document');
    const summary = client.summaries.find((s) => s.uri === uri);
    assert.equal(summary?.claims, second.items.length, 'the summary counts the whole document');
    await client.close(uri);
  });

  void test('meanwhile the editor shows "analysing <file>" with a rising percentage, ended once the analysis is done', { timeout: 300_000 }, async () => {
    const tokens = client.progressTokens.length;
    const { uri } = await twoParts('progress');
    assert.equal(client.progressTokens.length, tokens + 1, client.explain('one progress created for the document'));
    const token = client.progressTokens[tokens];
    await waitFor(() => client.progress.some((p) => p.token === token && p.value.kind === 'end'), 10_000, () => client.explain('the end of the progress'));
    const notices = client.progress.filter((p) => p.token === token).map((p) => p.value);
    const [begin, ...rest] = notices;
    assert.ok(begin.kind === 'begin', `the progress begins: ${JSON.stringify(notices)}`);
    assert.equal(begin.title, 'ClaimCheck');
    assert.equal(begin.message, 'analysing progress.news');
    assert.equal(rest.at(-1)?.kind, 'end');
    const percentages = [begin.percentage, ...rest.map((n) => (n.kind === 'report' ? n.percentage : undefined))].filter((p) => p !== undefined);
    assert.ok(percentages.length >= 2, `the percentage moves: ${JSON.stringify(notices)}`);
    assert.ok(percentages.every((p, i) => p >= 0 && p < 100 && (i === 0 || p >= percentages[i - 1])), `percentages ${percentages.join(', ')}`);
    assert.ok(percentages.at(-1)! > percentages[0], `percentages ${percentages.join(', ')}`);
    await client.close(uri);
  });

  void test('a hover on a claim at the top of a long document just opened is answered while the rest is analysed', { timeout: 300_000 }, async () => {
    const uri = 'file:///claimcheck-partial/early-hover.news';
    const text = coldArticle(2 * 1024 * 1024, 'the early hover test');
    await client.open(uri, 'news', text);
    const tokens = client.progressTokens.length;
    const refreshes = client.refreshRequests;
    full(await pull(uri), 'the first pull');
    const token = await waitFor(() => client.progressTokens[tokens], 10_000, () => client.explain('the analysis progress'));
    const ended = (): boolean => client.progress.some((p) => p.token === token && p.value.kind === 'end');
    const hover = await client.hover(uri, positionOf(text, '1.0%'));
    // The progress ends when the analysis is done: the hover came while it was not.
    assert.equal(ended(), false, 'the hover waited for the whole analysis');
    assert.ok(hover, client.explain('a hover on the claim at the top'));
    await waitFor(() => client.refreshRequests > refreshes && ended(), 240_000, () => client.explain('the end of the analysis'));
    await client.close(uri);
  });

  void test('when diagnostics refresh on save only, the pull after the first part is still fresh', { timeout: 300_000 }, async () => {
    await client.setSettings({ debounceMs: 0, maxDiagnostics: 100_000, run: 'onSave' });
    const { first, second, uri } = await twoParts('on-save');
    assert.ok(first.items.length < second.items.length, `first ${first.items.length}, then ${second.items.length} diagnostics`);
    await client.close(uri);
    await client.setSettings({ debounceMs: 0, maxDiagnostics: 100_000 });
  });

  void test('a capped first answer says its count of claims not shown is a count so far', { timeout: 300_000 }, async () => {
    await client.setSettings({ debounceMs: 0, maxDiagnostics: 5 });
    const { first, second, uri } = await twoParts('capped');
    const cap = (report: FullDocumentDiagnosticReport): string => messageOf(report.items.find((d) => d.code === 'claim.cap') ?? assert.fail('no claim.cap diagnostic'));
    assert.match(cap(first), /^\d+ more claims not shown so far, still analysing/);
    assert.match(cap(second), /^\d+ more claims not shown \(claimcheck\.maxDiagnostics is 5\)$/);
    assert.deepEqual(first.items.filter((d) => d.code !== 'claim.cap').map(shown), second.items.filter((d) => d.code !== 'claim.cap').map(shown));
    await client.close(uri);
    await client.setSettings({ debounceMs: 0, maxDiagnostics: 100_000 });
  });

  void test('an edit after the first part: the new text is analysed, the old text\'s analysis never answers', { timeout: 300_000 }, async () => {
    const uri = 'file:///claimcheck-partial/edited.news';
    const text = coldArticle(2 * 1024 * 1024, 'the partial edit test');
    await client.open(uri, 'news', text);
    const first = full(await pull(uri), 'the first pull');
    const headline = text.slice(0, text.indexOf('\n'));
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: headline.length } }, text: 'Exports to Narnia rose 77.7% in 2031, officials said.' }]);
    const hasNewClaim = (items: Diagnostic[]): boolean => items.some((d) => d.range.start.line === 0 && messageOf(d).includes('77.7%'));
    assert.ok(!hasNewClaim(first.items));
    const refreshes = client.refreshRequests;
    const second = full(await pull(uri, first.resultId), 'the pull after the edit');
    assert.ok(hasNewClaim(second.items), client.explain('the pull after the edit lacks the new claim'));
    await waitFor(() => client.refreshRequests > refreshes, 240_000, () => client.explain('a refresh request once the new text is analysed'));
    const third = full(await pull(uri, second.resultId), 'the pull after the refresh request');
    assert.ok(hasNewClaim(third.items), client.explain('the whole analysis lacks the new claim'));
    assert.ok(third.items.length >= second.items.length);
    await client.close(uri);
  });
});
