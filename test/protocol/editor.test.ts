/**
 * Protocol tests of the editor features over LSP (so Neovim and Helix get them too): claims as
 * document symbols, the claim list for the client's views, repeated figures linked, per-document
 * toggle, and the run modes (on type with debounce, on save, manual).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DocumentDiagnosticReport, DocumentSymbol } from 'vscode-languageserver';
import type { ClaimInfo } from '../../server/src/contract';
import { positionOf, spawnServer, textOf, type LspClient } from './lspClient';

const ARTICLE = [
  'Budget cuts hit regional arts',
  '',
  'The council cut 12% of its arts budget in April 2024, officials said.',
  '',
  'A group of 30 countries signed the pledge. Later, the same 30 countries met again.',
  '',
].join('\n');

let counter = 0;
const freshUri = (name: string) => `file:///claimcheck-editor-tests/${++counter}-${name}.news`;

async function pullReport(client: LspClient, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
    textDocument: { uri },
    previousResultId,
  });
}

describe('editor features over LSP', () => {
  let client: LspClient;

  before(async () => {
    client = spawnServer();
    const result = await client.initialize({ settings: { debounceMs: 0 } });
    assert.ok(result.capabilities.documentSymbolProvider, 'documentSymbolProvider advertised');
  });

  after(async () => {
    await client.shutdown();
  });

  test('claims are document symbols with their kind and value', async () => {
    const uri = freshUri('symbols');
    await client.open(uri, 'news', ARTICLE);
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const cut = symbols.find((s) => textOf(ARTICLE, s.range) === 'council cut 12%');
    assert.ok(cut, `symbols: ${symbols.map((s) => s.name).join(', ')}`);
    assert.match(cut.detail ?? '', /Change/);
    assert.ok(symbols.some((s) => s.name === 'A group of 30 countries'));
  });

  test('the claim list carries range, value and status for the client views', async () => {
    const uri = freshUri('list');
    await client.open(uri, 'news', ARTICLE);
    const claims = await client.connection.sendRequest<ClaimInfo[]>('claimcheck/listClaims', { uri });
    const group = claims.find((c) => c.text === 'A group of 30 countries');
    assert.ok(group);
    assert.equal(group.kind, 'quantity');
    assert.equal(group.value, '30 countries');
    assert.equal(group.status, 'unverified');
    assert.equal(textOf(ARTICLE, group.range), 'A group of 30 countries');
    const starts = claims.map((c) => c.range.start.line * 1000 + c.range.start.character);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'claims come in document order');
  });

  test('repeated mentions of the same figure are linked with related information', async () => {
    const uri = freshUri('related');
    await client.open(uri, 'news', ARTICLE);
    const diagnostics = await client.pullDiagnostics(uri);
    const first = diagnostics.find((d) => textOf(ARTICLE, d.range) === 'A group of 30 countries');
    assert.ok(first?.relatedInformation?.length, 'the first mention points at the second');
    assert.equal(textOf(ARTICLE, first.relatedInformation[0].location.range), '30 countries');
  });

  test('Toggle for This Document switches its diagnostics off and on', async () => {
    const uri = freshUri('toggle');
    await client.open(uri, 'news', ARTICLE);
    assert.ok((await client.pullDiagnostics(uri)).length > 0);
    await client.connection.sendNotification('claimcheck/setDocumentEnabled', { uri, enabled: false });
    assert.deepEqual(await client.pullDiagnostics(uri), []);
    await client.connection.sendNotification('claimcheck/setDocumentEnabled', { uri, enabled: true });
    assert.ok((await client.pullDiagnostics(uri)).length > 0);
  });
});

describe('run modes', () => {
  test('onSave: edits keep the previous result until the document is saved', async () => {
    const client = spawnServer();
    try {
      await client.initialize({ settings: { run: 'onSave' } });
      const uri = freshUri('onsave');
      await client.open(uri, 'news', ARTICLE);
      const first = await pullReport(client, uri);
      assert.equal(first.kind, 'full');
      const resultId = first.kind === 'full' ? first.resultId : undefined;
      const at = positionOf(ARTICLE, 'A group');
      await client.change(uri, 2, [{ range: { start: at, end: at }, text: 'Turnout rose 5% in 2023. ' }]);
      const afterEdit = await pullReport(client, uri, resultId);
      assert.equal(afterEdit.kind, 'unchanged', 'no fresh squiggles while editing in onSave mode');
      await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const afterSave = await pullReport(client, uri, resultId);
      assert.equal(afterSave.kind, 'full');
      assert.ok(afterSave.kind === 'full' && afterSave.items.some((d) => String(d.message).includes('5%')), 'the new claim appears after save');
    } finally {
      await client.shutdown();
    }
  });

  test('manual: nothing until Scan Document, then the claims', async () => {
    const client = spawnServer();
    try {
      await client.initialize({ settings: { run: 'manual' } });
      const uri = freshUri('manual');
      await client.open(uri, 'news', ARTICLE);
      assert.deepEqual(await client.pullDiagnostics(uri), []);
      await client.connection.sendRequest('workspace/executeCommand', { command: 'claimcheck.server.scanDocument', arguments: [uri] });
      assert.ok((await client.pullDiagnostics(uri)).length > 0);
    } finally {
      await client.shutdown();
    }
  });

  test('onType: a pull right after an edit waits for the pause, then has the new claim', async () => {
    const client = spawnServer();
    try {
      await client.initialize({ settings: { debounceMs: 150 } });
      const uri = freshUri('debounce');
      await client.open(uri, 'news', ARTICLE);
      await client.pullDiagnostics(uri);
      const at = positionOf(ARTICLE, 'A group');
      await client.change(uri, 2, [{ range: { start: at, end: at }, text: 'Turnout rose 5% in 2023. ' }]);
      const items = await client.pullDiagnostics(uri);
      assert.ok(items.some((d) => String(d.message).includes('5%')), 'the claim typed appears once the writer pauses');
    } finally {
      await client.shutdown();
    }
  });
});

describe('quick fixes', () => {
  test('other editors get server-side actions that work without the extension', async () => {
    const client = spawnServer();
    try {
      await client.initialize({ settings: { debounceMs: 0 } });
      const uri = freshUri('actions');
      await client.open(uri, 'news', ARTICLE);
      const diagnostics = await client.pullDiagnostics(uri);
      const cut = diagnostics.find((d) => textOf(ARTICLE, d.range) === 'council cut 12%');
      assert.ok(cut);
      const actions = await client.connection.sendRequest<{ title: string; isPreferred?: boolean; command?: { command: string; arguments?: unknown[] } }[]>(
        'textDocument/codeAction',
        { textDocument: { uri }, range: cut.range, context: { diagnostics: [cut] } },
      );
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Mark verified') && titles.includes('Mark disputed') && titles.includes('Dismiss claim'), titles.join(', '));
      assert.equal(actions.filter((a) => a.isPreferred).length, 1, 'exactly one preferred action');
      const verify = actions.find((a) => a.title === 'Mark verified');
      assert.equal(verify?.command?.command, 'claimcheck.server.addNote');
      await client.connection.sendRequest('workspace/executeCommand', verify!.command);
      const after = await client.pullDiagnostics(uri);
      const verified = after.find((d) => textOf(ARTICLE, d.range) === 'council cut 12%');
      assert.ok(verified, 'a verified claim is still shown (as a hint by default)');
      assert.equal(verified.severity, 4, 'verified → Hint');
      assert.match(String(verified.message), /verified/);
      // The other quick fixes are still valid after one was applied.
      const again = await client.connection.sendRequest<{ title: string }[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: verified.range,
        context: { diagnostics: [verified] },
      });
      assert.ok(again.some((a) => a.title === 'Mark disputed') && !again.some((a) => a.title === 'Mark verified'));
    } finally {
      await client.shutdown();
    }
  });

  test('VS Code gets the interactive actions, and Markdown a suppression comment', async () => {
    const client = spawnServer();
    try {
      await client.initialize({ settings: { debounceMs: 0 }, initializationOptions: { client: 'vscode' } });
      const uri = freshUri('actions-md').replace(/\.news$/, '.md');
      const md = 'Turnout fell 3% in 2024, officials said.\n';
      await client.open(uri, 'markdown', md);
      const diagnostics = await client.pullDiagnostics(uri);
      const fell = diagnostics.find((d) => textOf(md, d.range).includes('3%'));
      assert.ok(fell, JSON.stringify(diagnostics.map((d) => textOf(md, d.range))));
      const actions = await client.connection.sendRequest<{ title: string; isPreferred?: boolean; command?: { command: string }; edit?: { changes: Record<string, { newText: string }[]> } }[]>(
        'textDocument/codeAction',
        { textDocument: { uri }, range: fell.range, context: { diagnostics: [fell] } },
      );
      const preferred = actions.find((a) => a.isPreferred);
      assert.equal(preferred?.title, 'Add source note…');
      assert.equal(preferred?.command?.command, 'claimcheck.addSourceNote');
      const silence = actions.find((a) => a.edit);
      assert.ok(silence, actions.map((a) => a.title).join(', '));
      assert.match(silence.edit!.changes[uri][0].newText, /<!-- claimcheck-disable-next-line change -->/);
    } finally {
      await client.shutdown();
    }
  });
});
