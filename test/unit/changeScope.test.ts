/**
 * `claimcheck.changedSince` line by line (server/src/lsp/changeScope.ts), on a real repository:
 * line endings that differ between the repository and the editor (git's autocrlf on Windows)
 * change no line, and a claim whose lines were not touched stays out of scope even when an
 * edit moved it down the document.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis';
import { ChangeScopes } from '../../server/src/lsp/changeScope';
import { COMMITTED_ARTICLE, gitRepository } from '../support/gitRepository';

const COMMITTED = COMMITTED_ARTICLE;

let tmp = '';
let file = '';

before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-change-scope-'));
  const repository = gitRepository(path.join(tmp, 'newsroom'));
  repository.commit('article.txt', COMMITTED, 'first');
  file = path.join(repository.dir, 'article.txt');
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The texts of the claims in scope for `text` as the editor has it. */
async function claimsInScope(text: string, version = 1): Promise<string[]> {
  const document = TextDocument.create(pathToFileURL(file).href, 'plaintext', version, text);
  const scopes = new ChangeScopes();
  const scope = await scopes.scopeOf(document, 'HEAD');
  return scopes.restrict(document, analyze(text, { languageId: 'plaintext' }), scope).claims.map((c) => c.text);
}

void describe('claims in scope since a git ref, line by line', () => {
  void test('the committed text with CRLF line ends in the editor: no line changed', async () => {
    assert.deepEqual(await claimsInScope(COMMITTED.replace(/\n/g, '\r\n')), []);
  });

  void test('a paragraph typed above the committed ones: only its claims, though every line below moved', async () => {
    const typed = COMMITTED.replace('\n\n', '\n\nExports rose 12% to £3m in 2024, officials said.\n\n');
    const shown = await claimsInScope(typed);
    assert.ok(shown.some((t) => t.includes('12%')), JSON.stringify(shown));
    assert.ok(!shown.some((t) => t.includes('30 countries') || t.includes('90%')), JSON.stringify(shown));
  });

  void test('asked again for the same version, the same restricted analysis; for the next version, the new lines', async () => {
    const scopes = new ChangeScopes();
    const uri = pathToFileURL(file).href;
    const typed = COMMITTED.replace('\n\n', '\n\nExports rose 12% in 2024.\n\n');
    const first = TextDocument.create(uri, 'plaintext', 1, typed);
    const analysis = analyze(typed, { languageId: 'plaintext' });
    const once = scopes.restrict(first, analysis, await scopes.scopeOf(first, 'HEAD'));
    assert.equal(scopes.restrict(first, analysis, await scopes.scopeOf(first, 'HEAD')), once);
    const edited = typed.replace('over 90%', 'over 95%');
    const second = TextDocument.create(uri, 'plaintext', 2, edited);
    const again = scopes.restrict(second, analyze(edited, { languageId: 'plaintext' }), await scopes.scopeOf(second, 'HEAD'));
    assert.deepEqual(once.claims.map((c) => c.text).filter((t) => t.includes('95%')), []);
    assert.ok(again.claims.some((c) => c.text.includes('95%')), JSON.stringify(again.claims.map((c) => c.text)));
  });

  void test('a claim on an edited line is in scope, with CRLF line ends too', async () => {
    const edited = COMMITTED.replace('over 90%', 'over 95%').replace(/\n/g, '\r\n');
    const shown = await claimsInScope(edited);
    assert.ok(shown.some((t) => t.includes('95%')), JSON.stringify(shown));
    assert.ok(!shown.some((t) => t.includes('30 countries')), JSON.stringify(shown));
  });
});
