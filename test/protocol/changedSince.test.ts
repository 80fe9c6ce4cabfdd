/**
 * `claimcheck.changedSince` over LSP, against the built server and a real git repository: only
 * the claims on lines added or changed since a ref are shown, the text in the editor (saved or
 * not) compared with the file at the ref; when the ref cannot be used, every claim is shown and
 * one information diagnostic says why.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import type { DocumentSummary } from '../../server/src/contract';
import { COMMITTED_ARTICLE, gitRepository, type GitRepository } from '../support/gitRepository';
import { positionOf, spawnServer, textOf, type LspClient } from './lspClient';

const COMMITTED = COMMITTED_ARTICLE;
const ADDED = 'Exports rose 12% to £3m in 2024, officials said.';
/** The committed article with a paragraph typed in the editor, not saved. */
const EDITED = `${COMMITTED}\n${ADDED}\n`;

function lastSummary(client: LspClient, uri: string): DocumentSummary | undefined {
  return client.summaries.filter((s) => s.uri === uri).at(-1);
}

function claimTexts(text: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => String(d.code).startsWith('claim.') && d.code !== 'claim.scope').map((d) => textOf(text, d.range));
}

void describe('claimcheck.changedSince: only the claims changed since a git ref', () => {
  let client: LspClient;
  let tmp = '';
  let repo = '';
  let git: GitRepository['git'];

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-changed-since-'));
    repo = path.join(tmp, 'newsroom');
    const repository = gitRepository(repo);
    repository.commit('article.txt', COMMITTED, 'first');
    repository.git('tag', '-a', 'v1', '-m', 'published');
    // Objects in a pack file, as in any repository git has tidied.
    repository.git('gc', '-q');
    git = repository.git;
    client = spawnServer();
    await client.initialize({ configuration: true, settings: { debounceMs: 0, changedSince: 'HEAD' } });
  });

  after(async () => {
    try {
      await client.stop();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  void test('the claims of the paragraph typed since HEAD, not saved; none of the committed ones, in every view', async () => {
    const uri = pathToFileURL(path.join(repo, 'article.txt')).href;
    await client.open(uri, 'plaintext', EDITED);
    const shown = claimTexts(EDITED, await client.pullDiagnostics(uri));
    assert.ok(shown.some((t) => t.includes('12%')), client.explain(`the new paragraph's claims: ${JSON.stringify(shown)}`));
    assert.ok(!shown.some((t) => t.includes('30 countries') || t.includes('90%')), `committed claims shown: ${JSON.stringify(shown)}`);
    const summary = lastSummary(client, uri);
    assert.deepEqual([summary?.claims, summary?.changedSince], [shown.length, 'HEAD'], 'the status bar counts the claims since HEAD, and says so');
    assert.equal(await client.hover(uri, positionOf(EDITED, '30 countries')), null, 'a hover on a claim out of scope');
    assert.ok(await client.hover(uri, positionOf(EDITED, '12%')), client.explain('a hover on the new claim'));
    await client.close(uri);
  });

  void test('an edit to a committed line brings its claims into scope', async () => {
    const uri = pathToFileURL(path.join(repo, 'article.txt')).href;
    await client.open(uri, 'plaintext', COMMITTED);
    assert.deepEqual(claimTexts(COMMITTED, await client.pullDiagnostics(uri)), [], 'nothing changed since HEAD');
    const line = COMMITTED.split('\n')[2];
    await client.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: line.length } }, text: line.replace('30', '31') }]);
    const text = COMMITTED.replace('30 countries', '31 countries');
    const shown = claimTexts(text, await client.pullDiagnostics(uri));
    assert.ok(shown.some((t) => t.includes('31 countries')), client.explain(`after the edit: ${JSON.stringify(shown)}`));
    assert.ok(!shown.some((t) => t.includes('90%')));
    await client.close(uri);
  });

  void test('a file new since the ref is new all through; an empty setting shows every claim', async () => {
    const file = path.join(repo, 'new-story.txt');
    writeFileSync(file, COMMITTED);
    const uri = pathToFileURL(file).href;
    await client.open(uri, 'plaintext', COMMITTED);
    const diagnostics = await client.pullDiagnostics(uri);
    assert.ok(claimTexts(COMMITTED, diagnostics).some((t) => t.includes('30 countries')));
    assert.ok(!diagnostics.some((d) => d.code === 'claim.scope'), 'no problem to report');
    await client.close(uri);

    await client.setSettings({ debounceMs: 0, changedSince: '' });
    const committed = pathToFileURL(path.join(repo, 'article.txt')).href;
    await client.open(committed, 'plaintext', EDITED);
    const all = claimTexts(EDITED, await client.pullDiagnostics(committed));
    assert.ok(all.some((t) => t.includes('30 countries')) && all.some((t) => t.includes('12%')), JSON.stringify(all));
    await client.close(committed);
    await client.setSettings({ debounceMs: 0, changedSince: 'HEAD' });
  });

  void test('an annotated tag or an abbreviated commit id names the same version', async () => {
    const uri = pathToFileURL(path.join(repo, 'article.txt')).href;
    for (const ref of ['v1', git('rev-parse', '--short', 'HEAD')]) {
      await client.setSettings({ debounceMs: 0, changedSince: ref });
      await client.open(uri, 'plaintext', EDITED);
      const shown = claimTexts(EDITED, await client.pullDiagnostics(uri));
      assert.ok(shown.some((t) => t.includes('12%')) && !shown.some((t) => t.includes('30 countries')), client.explain(`${ref}: ${JSON.stringify(shown)}`));
      await client.close(uri);
    }
    await client.setSettings({ debounceMs: 0, changedSince: 'HEAD' });
  });

  void test('a ref that is no commit, or a file outside any repository: every claim, and a diagnostic says why', async () => {
    await client.setSettings({ debounceMs: 0, changedSince: 'no-such-branch' });
    const uri = pathToFileURL(path.join(repo, 'article.txt')).href;
    await client.open(uri, 'plaintext', EDITED);
    let diagnostics = await client.pullDiagnostics(uri);
    assert.equal(
      diagnostics.find((d) => d.code === 'claim.scope')?.message,
      'claimcheck.changedSince: "no-such-branch" is not a branch, tag or commit of this repository; showing every claim',
    );
    assert.ok(claimTexts(EDITED, diagnostics).some((t) => t.includes('30 countries')));
    assert.equal(lastSummary(client, uri)?.changedSince, null, 'the status bar does not claim a limit that did not apply');
    await client.close(uri);

    await client.setSettings({ debounceMs: 0, changedSince: 'HEAD' });
    const loose = path.join(tmp, 'loose.txt');
    writeFileSync(loose, COMMITTED);
    const looseUri = pathToFileURL(loose).href;
    await client.open(looseUri, 'plaintext', COMMITTED);
    diagnostics = await client.pullDiagnostics(looseUri);
    assert.equal(diagnostics.find((d) => d.code === 'claim.scope')?.message, 'claimcheck.changedSince: loose.txt is not in a git repository; showing every claim');
    assert.ok(claimTexts(COMMITTED, diagnostics).some((t) => t.includes('30 countries')));
    await client.close(looseUri);
  });
});
