/**
 * Issue #8, no network: the built language server (a full LSP session over stdio) and the CLI
 * (a scan on worker threads, and `score` from stdin) run with every Node networking call trapped
 * (test/fixtures/trap-network.cjs, loaded through NODE_OPTIONS so worker threads and any Node
 * child process get it too). A trapped call prints "NETWORK CALL: …" and exits with code 99;
 * the test asserts neither happened, that the trap was really armed, and that the server sent no
 * `telemetry/event`. Needs `npm run build` (out/server.js, out/cli.js).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { LspClient, positionOf, REPO_ROOT, SERVER_BUNDLE, waitFor } from '../protocol/lspClient';

const TRAP = path.join(REPO_ROOT, 'test', 'fixtures', 'trap-network.cjs');
const CLI_BUNDLE = path.join(REPO_ROOT, 'out', 'cli.js');
const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const SAMPLE_PATH = path.join(WORKSPACE, 'sample-article.news');
const SAMPLE = readFileSync(SAMPLE_PATH, 'utf8');
const ARMED = /network trap armed \(pid \d+, (?:main thread|worker \d+)\)/g;

/** The environment every trapped process runs with. */
function trappedEnv(): NodeJS.ProcessEnv {
  const options = [process.env.NODE_OPTIONS ?? '', `--require ${JSON.stringify(TRAP)}`].join(' ').trim();
  return { ...process.env, NODE_OPTIONS: options };
}

function assertNoNetwork(what: string, stderr: string, status: number | null): void {
  assert.doesNotMatch(stderr, /NETWORK CALL/, `${what} tried to use the network:\n${stderr}`);
  assert.notEqual(status, 99, `${what} exited with the trap's code 99:\n${stderr}`);
  assert.match(stderr, ARMED, `${what}: the network trap was not loaded:\n${stderr}`);
}

function requireBundles(): void {
  for (const bundle of [SERVER_BUNDLE, CLI_BUNDLE]) {
    if (!existsSync(bundle)) throw new Error(`${path.relative(REPO_ROOT, bundle)} is missing: run npm run build first`);
  }
}

void describe('the network trap itself', () => {
  const probes: [string, string][] = [
    ['dns.lookup', "require('node:dns').lookup('localhost', () => {})"],
    ['dns.promises.resolve4', "require('node:dns').promises.resolve4('localhost').catch(() => {})"],
    ['net.connect', "require('node:net').connect(9, '127.0.0.1').on('error', () => {})"],
    ['net.Socket#connect', "new (require('node:net').Socket)().connect(9, '127.0.0.1').on('error', () => {})"],
    ['http.get', "require('node:http').get('http://127.0.0.1:9/').on('error', () => {})"],
    ['https.request', "require('node:https').request('https://127.0.0.1:9/').on('error', () => {})"],
    ['tls.connect', "require('node:tls').connect(9, '127.0.0.1').on('error', () => {})"],
    ['fetch', "fetch('http://127.0.0.1:9/').catch(() => {})"],
    ['dgram.createSocket', "require('node:dgram').createSocket('udp4')"],
  ];
  for (const [name, code] of probes) {
    void test(`catches ${name} before anything leaves the machine`, () => {
      const result = spawnSync(process.execPath, ['-e', code], { env: trappedEnv(), encoding: 'utf8', timeout: 30_000 });
      assert.equal(result.status, 99, `exit ${result.status}; stderr:\n${result.stderr}`);
      assert.match(result.stderr, new RegExp(`NETWORK CALL: ${name.replace(/[.#]/g, '\\$&')}`));
    });
  }

  void test('leaves pipes alone: a child spoken to over stdio works', () => {
    const result = spawnSync(process.execPath, ['-e', "process.stdin.pipe(process.stdout)"], {
      env: trappedEnv(),
      input: 'hello over a pipe',
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'hello over a pipe');
  });
});

void describe('no network: the language server and the CLI', () => {
  void test('a full LSP session over stdio: initialize, open, pull, hover, symbols, scan command, shutdown', { timeout: 120_000 }, async (t) => {
    requireBundles();
    const proc = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { cwd: REPO_ROOT, env: trappedEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      proc.once('close', (code, signal) => resolve({ code, signal }));
    });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    let telemetry = 0;
    connection.onNotification('telemetry/event', () => {
      telemetry++;
    });
    const client = new LspClient(connection, { stderr: () => stderr, process: proc, exited });
    try {
      const uri = pathToFileURL(SAMPLE_PATH).href;
      await client.initialize({ configuration: true, settings: { debounceMs: 0 } });
      await client.open(uri, 'news', SAMPLE);
      const diagnostics = await client.pullDiagnostics(uri);
      assert.ok(diagnostics.length > 0, client.explain('no diagnostics on the sample article'));
      const hover = await client.hover(uri, positionOf(SAMPLE, '90%'));
      assert.ok(hover, client.explain('no hover on "90%"'));
      await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      await connection.sendRequest('workspace/executeCommand', { command: 'claimcheck.server.scanDocument', arguments: [uri] }).catch(() => null);
      await waitFor(() => client.summaries.length > 0, 5_000, () => client.explain('a document summary'));
      await client.close(uri);
      await client.shutdown(); // asserts exit code 0
    } finally {
      client.dispose();
    }
    const { code } = await exited;
    assertNoNetwork('the language server', stderr, code);
    assert.equal(telemetry, 0, 'the server sent telemetry/event notifications');
    t.diagnostic(`server: ${stderr.match(ARMED)?.length ?? 0} trapped process(es), 0 network calls, 0 telemetry events`);
  });

  void test('claimcheck scan on two worker threads, and score from stdin', { timeout: 120_000 }, (t) => {
    requireBundles();
    const second = path.join(REPO_ROOT, 'README.md');
    const scan = spawnSync(process.execPath, [CLI_BUNDLE, 'scan', SAMPLE_PATH, second, '--format', 'json', '--jobs', '2', '--workspace', WORKSPACE], {
      cwd: REPO_ROOT,
      env: trappedEnv(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    assertNoNetwork('claimcheck scan', scan.stderr, scan.status);
    assert.ok(scan.status === 0 || scan.status === 1, `claimcheck scan exited ${scan.status}:\n${scan.stderr}`);
    const report = JSON.parse(scan.stdout) as { files: { path: string; claims: unknown[] }[] };
    assert.equal(report.files.length, 2);
    assert.ok(report.files.every((f) => f.claims.length > 0), 'both files have claims');
    const armed = scan.stderr.match(ARMED) ?? [];
    assert.ok(armed.some((line) => line.includes('worker')), `the trap was not armed in the worker threads:\n${scan.stderr}`);

    const score = spawnSync(process.execPath, [CLI_BUNDLE, 'score', '-'], {
      cwd: REPO_ROOT,
      env: trappedEnv(),
      input: 'Profits rose 20% last year.\nThe cat sat on the mat.\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    assertNoNetwork('claimcheck score', score.stderr, score.status);
    assert.equal(score.status, 0, score.stderr);
    assert.equal(score.stdout.trim().split('\n').length, 2);
    t.diagnostic(`CLI: ${armed.length} trapped threads in the scan, 0 network calls`);
  });
});
