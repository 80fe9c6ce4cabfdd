/**
 * The standalone language server as Neovim and Helix run it: the package's
 * `claimcheck-language-server` bin (out/server.js, run `npm run build` first), found by name on
 * PATH through a link like the one `npm install` creates, started with `--stdio`, plus one run
 * through `npx claimcheck-language-server --stdio`. Each session is initialize → didOpen → pull
 * diagnostics → hover → shutdown/exit (exit code 0), with settings passed the ways those editors
 * pass them: `workspace/configuration` answers and a pushed `didChangeConfiguration` (Neovim's
 * `settings`), or `initializationOptions` alone with no `workspace/configuration` capability
 * (Helix's `config`, Neovim's `init_options`).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { LspClient, offsetOf, positionAt, REPO_ROOT, SERVER_BUNDLE, textOf } from './lspClient';

const BIN_NAME = 'claimcheck-language-server';
const ARTICLE = '# Budget\n\nTurnout was 64% in the last election. The council spent £82.7m on roads, officials said.\n';
const PLAIN = 'Turnout was 64% in the last election.\n';

interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Spawns `command args` (looked up on `env.PATH`) and wraps it in the scripted LSP client. */
function spawnCommand(command: string, args: string[], env: NodeJS.ProcessEnv): LspClient {
  const proc = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<ExitInfo>((resolve) => proc.once('close', (code, signal) => resolve({ code, signal })));
  proc.once('error', (err) => (stderr += `\n[spawn error] ${err.message}`));
  proc.stdin.on('error', (err) => (stderr += `\n[stdin error] ${err.message}`));
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  return new LspClient(connection, { stderr: () => stderr, process: proc, exited });
}

function describeDiagnostics(text: string, diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${String(d.code)} ${JSON.stringify(textOf(text, d.range))}`).join('\n') || '(no diagnostics)';
}

function codes(diagnostics: Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => String(d.code)))].sort();
}

/** Hover markdown at one code unit into `needle`. */
async function hoverText(client: LspClient, uri: string, text: string, needle: string): Promise<string> {
  const hover = await client.hover(uri, positionAt(text, offsetOf(text, needle) + 1));
  assert.ok(hover, client.explain(`no hover on ${needle}`));
  return (hover.contents as MarkupContent).value;
}

let binDir: string;
let env: NodeJS.ProcessEnv;

before(() => {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`${path.relative(REPO_ROOT, SERVER_BUNDLE)} is missing: run npm run build first`);
  // What `npm install` does with package.json "bin": a link named after the bin, on PATH.
  binDir = mkdtempSync(path.join(tmpdir(), 'claimcheck-bin-'));
  symlinkSync(SERVER_BUNDLE, path.join(binDir, BIN_NAME));
  env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };
});

after(() => rmSync(binDir, { recursive: true, force: true }));

void describe('claimcheck-language-server bin', () => {
  void test('package.json declares the bin, and out/server.js is an executable node script', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
    assert.equal(path.resolve(REPO_ROOT, pkg.bin[BIN_NAME]), SERVER_BUNDLE);
    assert.ok(pkg.files.includes('out/server.js'), 'out/server.js is packed');
    assert.ok(readFileSync(SERVER_BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n'), 'starts with a node shebang');
    accessSync(SERVER_BUNDLE, constants.X_OK);
  });

  void test('Neovim style: settings through workspace/configuration and didChangeConfiguration; filetype "text"', async () => {
    const client = spawnCommand(BIN_NAME, ['--stdio'], env);
    try {
      // nvim answers workspace/configuration from `settings`; Neovim's language id for .txt is "text".
      const init = await client.initialize({ configuration: true, settings: { languages: ['text', 'markdown', 'news'] } });
      assert.equal(init.serverInfo?.name, BIN_NAME);
      const uri = 'file:///nvim/article.txt';
      await client.open(uri, 'text', PLAIN);
      const diagnostics = await client.pullDiagnostics(uri);
      assert.ok(diagnostics.some((d) => textOf(PLAIN, d.range).includes('64%')), client.explain(describeDiagnostics(PLAIN, diagnostics)));
      assert.match(await hoverText(client, uri, PLAIN, '64%'), /Percentage/);

      // "text" is a default language, so a Neovim text buffer is analysed with no settings at all;
      // taking it out of claimcheck.languages switches those buffers off.
      client.settings = {};
      await client.didChangeConfiguration({ claimcheck: {} });
      assert.ok((await client.pullDiagnostics(uri)).length > 0, client.explain('"text" is a default language'));
      client.settings = { languages: ['markdown', 'news'] };
      await client.didChangeConfiguration({ claimcheck: client.settings });
      assert.deepEqual(await client.pullDiagnostics(uri), [], client.explain('"text" was removed from languages'));
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });

  void test('Helix style: settings only through initializationOptions, no workspace/configuration capability', async () => {
    const client = spawnCommand(BIN_NAME, ['--stdio'], env);
    try {
      await client.initialize({ configuration: false, initializationOptions: { claimcheck: { kinds: ['percentage'] } } });
      const uri = 'file:///helix/article.md';
      await client.open(uri, 'markdown', ARTICLE);
      const diagnostics = await client.pullDiagnostics(uri);
      assert.deepEqual(codes(diagnostics), ['claim.percentage'], client.explain(describeDiagnostics(ARTICLE, diagnostics)));
      assert.match(await hoverText(client, uri, ARTICLE, '64%'), /ClaimCheck/);
      assert.equal(await client.hover(uri, positionAt(ARTICLE, offsetOf(ARTICLE, '82.7m') + 1)), null, 'money claims are filtered out');
      assert.equal(client.configurationRequests.length, 0, 'the server never asks a client without the capability');

      // Settings pushed later replace the initial ones (the bare section is accepted too).
      await client.didChangeConfiguration({ kinds: ['money'] });
      const after = await client.pullDiagnostics(uri);
      assert.deepEqual(codes(after), ['claim.money'], client.explain(describeDiagnostics(ARTICLE, after)));
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });

  void test('npx claimcheck-language-server --stdio starts the same server', async () => {
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const client = spawnCommand(npx, ['--offline', '--no-install', BIN_NAME, '--stdio'], { ...process.env, npm_config_update_notifier: 'false' });
    try {
      const init = await client.initialize({ configuration: false });
      assert.equal(init.serverInfo?.name, BIN_NAME);
      const uri = 'file:///npx/article.md';
      await client.open(uri, 'markdown', ARTICLE);
      const diagnostics = await client.pullDiagnostics(uri);
      assert.ok(diagnostics.some((d) => textOf(ARTICLE, d.range).includes('64%')), client.explain(describeDiagnostics(ARTICLE, diagnostics)));
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });
});
