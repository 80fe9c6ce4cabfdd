/**
 * Issue #8 over LSP, against the built server (`node out/server.js --stdio`; run `npm run build`
 * first):
 *
 * - big files: above claimcheck.maxFileSize one information diagnostic says so ("file is 12.4 MB,
 *   limit 5 MB — see claimcheck.maxFileSize") and nothing is analysed;
 * - binary content: one information diagnostic "binary content — not analysed", nothing analysed;
 * - crashes: a request that throws (malformed parameters, a document opened without text, an
 *   unknown command) is logged and answered with an error, and the server keeps serving; broken
 *   notifications too. The process is still running at the end and exits with code 0.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, MessageType, type Diagnostic } from 'vscode-languageserver';
import { positionOf, REPO_ROOT, spawnServer, type LspClient } from './lspClient';

const SAMPLE = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'sample-article.news'), 'utf8');
const MB = 1024 * 1024;

let uriCounter = 0;
function freshUri(name: string): string {
  uriCounter++;
  return `file:///claimcheck-robust-server/${uriCounter}-${name}.news`;
}

/** `SAMPLE` repeated (each copy numbered, so it is not all one cached block) to `size` characters. */
function articleOfSize(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = `${SAMPLE.replace('30 countries', `${30 + (i % 50)} countries`)}\n\n`;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** Exactly one information diagnostic with `message`, and no sign of an analysis. */
async function assertSkipped(client: LspClient, uri: string, message: string): Promise<void> {
  const diagnostics = await client.pullDiagnostics(uri);
  assert.equal(diagnostics.length, 1, client.explain(`expected one diagnostic, got ${JSON.stringify(diagnostics).slice(0, 2000)}`));
  const [only] = diagnostics;
  assert.equal(messageOf(only), message);
  assert.equal(only.severity, DiagnosticSeverity.Information);
  assert.equal(only.source, 'ClaimCheck');
  assert.equal(only.code, 'claim.skipped');
  // Nothing analysed: no analysis to summarise, no hover, no symbols.
  assert.equal(await client.getDocumentSummary(uri), null, client.explain('the document was analysed'));
  assert.equal(await client.hover(uri, { line: 0, character: 3 }), null);
  assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
  const summary = client.summaries.filter((s) => s.uri === uri).pop();
  assert.equal(summary?.skipped, message, client.explain(`summary: ${JSON.stringify(summary)}`));
  assert.equal(summary?.claims, 0);
}

void describe('big and binary documents over LSP', () => {
  let client: LspClient;

  before(async () => {
    client = spawnServer();
    await client.initialize({ configuration: true, settings: { debounceMs: 0 } });
  });

  after(async () => {
    try {
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });

  void test('a 12.4 MB article with the default 5 MB limit: "file is 12.4 MB, limit 5 MB — see claimcheck.maxFileSize", nothing analysed', { timeout: 120_000 }, async () => {
    const uri = freshUri('big');
    const text = articleOfSize(Math.round(12.4 * MB));
    await client.open(uri, 'news', text);
    await assertSkipped(client, uri, 'file is 12.4 MB, limit 5 MB — see claimcheck.maxFileSize');

    // Cut down below the limit with one incremental change: analysed; grown back: skipped again.
    const keep = SAMPLE.length;
    const lines = text.slice(0, keep).split('\n');
    const end = text.split('\n');
    await client.change(uri, 2, [
      {
        range: { start: { line: lines.length - 1, character: lines[lines.length - 1].length }, end: { line: end.length - 1, character: end[end.length - 1].length } },
        text: '',
      },
    ]);
    const analysed = await client.pullDiagnostics(uri);
    assert.ok(analysed.some((d) => d.code !== 'claim.skipped'), client.explain('no claims once the document is small'));
    assert.ok(analysed.every((d) => d.code !== 'claim.skipped'));
    assert.ok(await client.getDocumentSummary(uri));
    await client.change(uri, 3, [{ text }]);
    const diagnostics = await client.pullDiagnostics(uri);
    assert.deepEqual(diagnostics.map(messageOf), ['file is 12.4 MB, limit 5 MB — see claimcheck.maxFileSize']);
    // The summary the status bar asks for says so too, not what the small version had.
    const summary = await client.getDocumentSummary(uri);
    assert.equal(summary?.skipped, 'file is 12.4 MB, limit 5 MB — see claimcheck.maxFileSize', client.explain(JSON.stringify(summary)));
    assert.equal(summary?.claims, 0);
    await client.close(uri);
  });

  void test('binary content: "binary content — not analysed", nothing analysed; once the bytes are gone it is analysed', async () => {
    const uri = freshUri('binary');
    const binary = `\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000${SAMPLE}`;
    await client.open(uri, 'news', binary);
    await assertSkipped(client, uri, 'binary content — not analysed');
    await client.change(uri, 2, [{ text: SAMPLE }]);
    const diagnostics = await client.pullDiagnostics(uri);
    assert.ok(diagnostics.length > 1 && diagnostics.every((d) => d.code !== 'claim.skipped'), client.explain('the text is analysed again'));
  });

  void test('a document full of control characters but no NUL is binary too; a text with tabs and a stray control character is not', async () => {
    const soup = freshUri('soup');
    await client.open(soup, 'news', Array.from({ length: 2000 }, (_, i) => String.fromCharCode(1 + (i % 31))).join(''));
    await assertSkipped(client, soup, 'binary content — not analysed');
    const text = freshUri('tabs');
    await client.open(text, 'news', `Col\tValue\r\n\u001b[1mBold\u001b[0m: ${SAMPLE}`);
    const diagnostics = await client.pullDiagnostics(text);
    assert.ok(diagnostics.every((d) => d.code !== 'claim.skipped'), client.explain('tabs and an escape sequence are text'));
  });
});

void describe('crashes: a failing request is logged and answered with an error; the server keeps serving', () => {
  let client: LspClient;
  const uri = freshUri('alive');

  before(async () => {
    client = spawnServer();
    await client.initialize({ configuration: true, settings: { debounceMs: 0 } });
    await client.open(uri, 'news', SAMPLE);
  });

  after(() => client.dispose());

  async function assertStillServing(): Promise<void> {
    const diagnostics = await client.pullDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'claim.percentage' || d.code === 'claim.change'), client.explain('the server stopped serving'));
    assert.ok(await client.hover(uri, positionOf(SAMPLE, '90%')), client.explain('no hover after the failure'));
  }

  async function assertErrorResponse(method: string, params: unknown, message: RegExp): Promise<void> {
    const logsBefore = client.logs.length;
    await assert.rejects(client.connection.sendRequest(method, params), (err: unknown) => {
      assert.ok(err instanceof Error, String(err));
      assert.match(err.message, message);
      return true;
    });
    // Logged through the server's logger (window/logMessage, type Error), with the request named.
    const logged = client.logs.slice(logsBefore).find((l) => l.type === MessageType.Error && l.message.includes(`${method} failed`));
    assert.ok(logged, client.explain(`no error logged for ${method}`));
    await assertStillServing();
  }

  void test('hover with a malformed position', async () => {
    await assertErrorResponse('textDocument/hover', { textDocument: { uri }, position: null }, /ClaimCheck: textDocument\/hover failed/);
  });

  void test('a diagnostic pull without a text document', async () => {
    await assertErrorResponse('textDocument/diagnostic', {}, /ClaimCheck: textDocument\/diagnostic failed/);
  });

  void test('an unknown command', async () => {
    await assertErrorResponse('workspace/executeCommand', { command: 'claimcheck.server.noSuchCommand', arguments: [] }, /unknown command claimcheck\.server\.noSuchCommand/);
  });

  void test('a document opened without text: its requests fail, every other document is served', async () => {
    const broken = freshUri('no-text');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: broken, languageId: 'news', version: 1, text: null } });
    await assert.rejects(client.pullDiagnostics(broken), /textDocument\/diagnostic failed/);
    await assertStillServing();
  });

  void test('broken notifications (a change with a null range, a change to an unknown document, garbage) are survived', async () => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: null, text: 'x' }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: freshUri('never-opened'), version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didClose', {});
    await client.connection.sendNotification('workspace/didChangeConfiguration', 42);
    await client.connection.sendNotification('claimcheck/noSuchNotification', { x: 1 });
    await assertStillServing();
  });

  void test('after all that the process is still running and shuts down cleanly (exit code 0)', async () => {
    await assertStillServing();
    await client.shutdown();
  });
});
