/**
 * The ClaimCheck extension inside a real VS Code (code-server's extension host, or desktop VS Code
 * under @vscode/test-electron), driven only through the `vscode` API. Everything that waits for
 * the language server polls with a deadline.
 *
 * Registration is a function (called by ./index.ts after mocha's `pre-require`), so the tdd
 * globals `suite`/`test` exist when it runs even though esbuild bundles this file statically.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { claimDiagnostics, hoverText, waitFor, waitForClaimDiagnostics, workspaceFolder } from './helpers';

const EXTENSION_ID = 'claimcheck.claimcheck';
const DIAGNOSTICS_TIMEOUT_MS = 30_000;

interface ClaimCheckApi {
  context: { running: boolean };
}

export function registerExtensionTests(): void {
  suite('ClaimCheck extension', () => {
    let api: ClaimCheckApi | undefined;
    let articleUri: vscode.Uri;
    let article: vscode.TextDocument;

    suiteSetup(() => {
      articleUri = vscode.Uri.joinPath(workspaceFolder().uri, 'sample-article.news');
    });

    test('is installed and activates with its language server running', async () => {
      const extension = vscode.extensions.getExtension<ClaimCheckApi>(EXTENSION_ID);
      assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
      api = await extension.activate();
      assert.equal(extension.isActive, true);
      assert.ok(api && typeof api.context.running === 'boolean', 'activate() returns { context } with a boolean `running`');
      const running = api;
      await waitFor(() => running.context.running, 30_000, 'the ClaimCheck language server to be running');
      console.log(`[claimcheck] extension ${EXTENSION_ID} ${extension.packageJSON.version} active, server running`);
    });

    test('opens sample-article.news as a `news` document', async () => {
      article = await vscode.workspace.openTextDocument(articleUri);
      await vscode.window.showTextDocument(article);
      assert.equal(article.languageId, 'news');
      assert.ok(article.getText().includes('A group of 30 countries'), 'fixture text changed?');
    });

    test('publishes ClaimCheck diagnostics on the article\'s claims', async () => {
      const diagnostics = await waitForClaimDiagnostics(articleUri, 'ClaimCheck diagnostics on sample-article.news', undefined, DIAGNOSTICS_TIMEOUT_MS);
      console.log(`[claimcheck] sample-article.news: ${diagnostics.length} ClaimCheck diagnostics`);
      for (const d of diagnostics) {
        console.log(`[claimcheck]   ${d.range.start.line + 1}:${d.range.start.character + 1} ${JSON.stringify(article.getText(d.range))} ${d.message.split('\n')[0]}`);
      }
      const thirty = diagnostics.find((d) => article.getText(d.range).includes('30'));
      assert.ok(thirty, `no ClaimCheck diagnostic covers "30" in "A group of 30 countries"; ranges: ${diagnostics.map((d) => JSON.stringify(article.getText(d.range))).join(', ')}`);
      assert.ok(article.lineAt(thirty.range.start.line).text.includes('A group of 30 countries'));
      const texts = diagnostics.map((d) => article.getText(d.range)).join(' | ');
      assert.ok(/90\s?%/.test(texts), `"over 90%" is not flagged: ${texts}`);
      assert.ok(texts.includes('6,000'), `"more than 6,000 student visas" is not flagged: ${texts}`);
    });

    test('hovering a claim shows ClaimCheck\'s hover', async () => {
      const thirty = claimDiagnostics(articleUri).find((d) => article.getText(d.range).includes('30'));
      assert.ok(thirty, 'the "30 countries" diagnostic is gone');
      const offset = article.getText(thirty.range).indexOf('30');
      const position = thirty.range.start.translate(0, offset + 1);
      const hovers = await waitFor(async () => {
        const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', articleUri, position);
        return result.some((h) => hoverText(h).includes('ClaimCheck')) ? result : undefined;
      }, 15_000, 'a ClaimCheck hover at "30"');
      const text = hovers.map(hoverText).find((t) => t.includes('ClaimCheck')) ?? '';
      console.log(`[claimcheck] hover at ${position.line + 1}:${position.character + 1}: ${JSON.stringify(text)}`);
      assert.ok(text.startsWith('**ClaimCheck**'), `hover markdown does not start with **ClaimCheck**: ${text}`);
    });

    test('"ClaimCheck: Restart Server" brings back a server that answers', async () => {
      assert.ok(api, 'activation test did not run');
      const running = api;
      await vscode.commands.executeCommand('claimcheck.restartServer');
      await waitFor(() => running.context.running, 30_000, 'the restarted server to be running');
      // A claim that was not in the document before the restart: only the new server can flag it.
      const editor = await vscode.window.showTextDocument(article);
      const marker = 'After the restart, officials counted 7,777 new applications.';
      const end = article.lineAt(article.lineCount - 1).range.end;
      const applied = await editor.edit((b) => b.insert(end, `\n${marker}\n`));
      assert.ok(applied, 'could not edit the article');
      console.log('[claimcheck] restarted the server, then appended a new claim ("7,777") to the article');
      try {
        const diagnostics = await waitForClaimDiagnostics(
          articleUri,
          'a ClaimCheck diagnostic on the claim added after the restart',
          (ds) => ds.some((d) => article.getText(d.range).includes('7,777')),
          DIAGNOSTICS_TIMEOUT_MS,
        );
        console.log(`[claimcheck] after restart: ${diagnostics.length} ClaimCheck diagnostics, including the new "7,777" claim`);
      } finally {
        // Leave the fixture copy as it was, pass or fail.
        await vscode.window.showTextDocument(article);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      assert.equal(article.isDirty, false);
    });

    test('an untitled plaintext document gets ClaimCheck diagnostics', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'plaintext',
        content: 'The company said on Monday it would cut 45% of jobs by the end of the year.\n',
      });
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.uri.scheme, 'untitled');
      try {
        const diagnostics = await waitForClaimDiagnostics(doc.uri, 'ClaimCheck diagnostics on an untitled plaintext document', undefined, DIAGNOSTICS_TIMEOUT_MS);
        const texts = diagnostics.map((d) => doc.getText(d.range));
        console.log(`[claimcheck] untitled plaintext: ${diagnostics.length} ClaimCheck diagnostics: ${texts.map((t) => JSON.stringify(t)).join(', ')}`);
        assert.ok(texts.some((t) => t.includes('45')), `"45% of jobs" is not flagged: ${texts.join(', ')}`);
      } finally {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  });
}
