/**
 * Process-level A/B measurements of the language server (issue #7): start → first diagnostics
 * and peak RSS, for one or more server bundles and node options, runs interleaved so that a
 * change in the (shared, 2-core) machine's load hits every variant alike.
 *
 *   node --import tsx server/scripts/bench-startup.ts [--runs N] [--memory-runs N] [--what start,many,large,huge]
 *        [--client-delay MS] [--variant LABEL=BUNDLE[,NODE_OPTION|env:NAME=VALUE...]]...
 *
 * Without --variant: out/server.js as built. Each variant is spawned as
 * `node [NODE_OPTIONS] BUNDLE --stdio` and driven over LSP as benchLsp.ts does:
 * - start: spawn → initialize → didOpen of a typical article → its diagnostics pulled (ms), and
 *   the peak RSS then; with --client-delay, the client waits that long after `initialized`
 *   before the didOpen, as an editor busy setting up its features would;
 * - many: 20 articles opened and pulled, then 200 hovers; peak RSS;
 * - large: a 1 MB document opened and pulled, 30 one-character edits each pulled (p50, p95),
 *   220 hovers; peak RSS (about the sequence of `npm run bench -- --quick`);
 * - huge: a document just under 5 MiB (maxFileSize's default) opened and pulled, then 3 edits:
 *   the server must survive it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { ConfigurationParams, DocumentDiagnosticReport } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildDocument, loadCorpus, spreadArticles, typicalArticle } from './benchCorpus';
import { memoryOf, REPO_ROOT } from './benchLsp';
import { median } from './benchStats';

interface Variant {
  label: string;
  bundle: string;
  nodeArgs: string[];
  env: Record<string, string>;
}

class Server {
  private readonly child;
  private readonly connection;
  private stderr = '';
  private closing = false;
  readonly spawnedAt = performance.now();

  constructor(variant: Variant) {
    this.child = spawn(process.execPath, [...variant.nodeArgs, variant.bundle, '--stdio'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...variant.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.child.once('close', (code, signal) => {
      if (this.closing) return;
      console.error(`${variant.label}: the server exited (${code ?? signal})\n${this.stderr}`);
      process.exit(1);
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
      params.items.map((item) => (item.section === 'claimcheck' ? { debounceMs: 0 } : null)),
    );
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('claimcheck/documentSummary', () => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** performance.now() when the initialize answer arrived. */
  answeredAt = Number.NaN;

  async initialize(delayMs = 0): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, diagnostics: { refreshSupport: false } },
        textDocument: { diagnostic: { dynamicRegistration: false }, hover: { contentFormat: ['markdown'] } },
      },
    });
    this.answeredAt = performance.now();
    await this.connection.sendNotification('initialized', {});
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  private async request<R>(method: string, params: unknown): Promise<R> {
    try {
      return await this.connection.sendRequest<R>(method, params);
    } catch (err) {
      throw new Error(`${method}: ${String(err)}\nstderr: ${this.stderr}`, { cause: err });
    }
  }

  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  }

  async insert(uri: string, version: number, line: number, character: number, text: string): Promise<void> {
    const position = { line, character };
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text }] });
  }

  async pull(uri: string): Promise<number> {
    const report = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    return report.kind === 'full' ? report.items.length : -1;
  }

  hover(uri: string, line: number, character: number): Promise<unknown> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  peakMB(): number {
    return memoryOf(this.pid)?.peakRssMB ?? Number.NaN;
  }

  async shutdown(): Promise<void> {
    this.closing = true;
    const exited = new Promise((resolve) => this.child.once('close', resolve));
    await this.request('shutdown', null);
    await this.connection.sendNotification('exit');
    await exited;
    this.connection.dispose();
  }
}

function parseVariant(spec: string): Variant {
  const eq = spec.indexOf('=');
  const [bundle, ...options] = spec.slice(eq + 1).split(',');
  const env = Object.fromEntries(options.filter((o) => o.startsWith('env:')).map((o) => o.slice(4).split('=', 2)));
  return { label: spec.slice(0, eq), bundle: path.resolve(bundle), nodeArgs: options.filter((o) => !o.startsWith('env:')), env };
}

async function hovers(server: Server, uri: string, text: string, count: number): Promise<void> {
  const doc = TextDocument.create(uri, 'plaintext', 1, text);
  for (let i = 0; i < count; i++) {
    const p = doc.positionAt(Math.floor((text.length * (i + 0.5)) / count));
    await server.hover(uri, p.line, p.character);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '9' },
      what: { type: 'string', default: 'start,many,large' },
      variant: { type: 'string', multiple: true },
      'client-delay': { type: 'string', default: '0' },
      'memory-runs': { type: 'string', default: '3' },
    },
  });
  const runs = Number(values.runs);
  /** ms the client waits after `initialized` before opening the document (an editor's own work). */
  const clientDelay = Number(values['client-delay']);
  const what = new Set(values.what.split(','));
  const variants = (values.variant ?? ['as-built=out/server.js']).map(parseVariant);
  const corpus = loadCorpus();
  const typical = typicalArticle(corpus.articles);
  const results = new Map<string, Map<string, number[]>>(variants.map((v) => [v.label, new Map()]));
  const record = (v: Variant, metric: string, x: number): void => {
    const m = results.get(v.label)!;
    m.set(metric, [...(m.get(metric) ?? []), x]);
  };

  if (what.has('start')) {
    for (let r = 0; r < runs; r++) {
      for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
        const s = new Server(v);
        await s.initialize(clientDelay);
        record(v, 'initialize answered ms', s.answeredAt - s.spawnedAt);
        await s.open('file:///bench/start.txt', typical.text);
        record(v, 'diagnostics', await s.pull('file:///bench/start.txt'));
        record(v, 'start→diagnostics ms', performance.now() - s.spawnedAt);
        record(v, 'start peak RSS MB', s.peakMB());
        await s.shutdown();
      }
    }
  }
  const memRuns = Number(values['memory-runs']);
  if (what.has('many')) {
    const twenty = spreadArticles(corpus.articles, 20);
    for (let r = 0; r < memRuns; r++) {
      for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
        const s = new Server(v);
        await s.initialize();
        for (const [i, a] of twenty.entries()) {
          await s.open(`file:///bench/a${i}.txt`, a.text);
          await s.pull(`file:///bench/a${i}.txt`);
        }
        const longest = twenty.reduce((b, a, i) => (a.text.length > twenty[b].text.length ? i : b), 0);
        await hovers(s, `file:///bench/a${longest}.txt`, twenty[longest].text, 220);
        record(v, '20 articles peak RSS MB', s.peakMB());
        await s.shutdown();
      }
    }
  }
  for (const [key, chars, edits] of [
    ['large', 1024 * 1024, 30],
    // Just under claimcheck.maxFileSize's default (5 MiB), which the server would skip.
    ['huge', 5 * 1024 * 1024 - 16_384, 3],
  ] as const) {
    if (!what.has(key)) continue;
    const text = buildDocument(corpus.articles, chars);
    const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
    const mid = doc.positionAt(text.indexOf(' ', text.length >> 1));
    for (let r = 0; r < memRuns; r++) {
      for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
        const s = new Server(v);
        await s.initialize();
        const uri = `file:///bench/${key}.txt`;
        const t0 = performance.now();
        await s.open(uri, text);
        record(v, `${key}: diagnostics`, await s.pull(uri));
        record(v, `${key}: open→diagnostics ms`, performance.now() - t0);
        const times: number[] = [];
        for (let i = 0; i < edits; i++) {
          const t1 = performance.now();
          await s.insert(uri, i + 2, mid.line, mid.character + i, 'x');
          await s.pull(uri);
          times.push(performance.now() - t1);
        }
        times.sort((a, b) => a - b);
        record(v, `${key}: edit p50 ms`, times[Math.floor(times.length / 2)]);
        record(v, `${key}: edit p95 ms`, times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]);
        if (key === 'large') await hovers(s, uri, text, 220);
        record(v, `${key}: peak RSS MB`, s.peakMB());
        await s.shutdown();
      }
    }
  }

  const metrics = [...new Set([...results.values()].flatMap((m) => [...m.keys()]))];
  const width = Math.max(...metrics.map((m) => m.length));
  console.log(`${''.padEnd(width)}  ${variants.map((v) => v.label.padStart(22)).join('')}`);
  for (const metric of metrics) {
    const cells = variants.map((v) => {
      const xs = results.get(v.label)!.get(metric) ?? [];
      const cell = xs.length === 0 ? '-' : `${median(xs).toFixed(0)} [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;
      return cell.padStart(22);
    });
    console.log(`${metric.padEnd(width)}  ${cells.join('')}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
