/**
 * End-to-end measurements through the real server: `node out/server.js --stdio` driven by a
 * minimal JSON-RPC client (vscode-jsonrpc), as an editor drives it. Times are taken in this
 * process from just before a message is written to just after its answer is read, so they include
 * serialisation, the pipe and the server's event loop.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ConfigurationParams, DocumentDiagnosticReport, Hover, InitializeParams, Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serverNodeOptions } from '../../client/src/serverNodeOptions';
import { CACHE_DIR_ENV } from '../src/boot/cacheDir';
import { analyze } from '../src/analysis/engine';
import type { Article } from './benchCorpus';
import { summarize, type Summary } from './benchStats';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'out', 'server.js');

/** Generous: a 1 MB cold analysis on a loaded 2-core machine takes seconds. A hang still fails. */
const REQUEST_TIMEOUT_MS = 120_000;

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: no answer to ${what} within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface MemoryStatus {
  /** Peak resident set size (VmHWM), MB (10^6 bytes). */
  peakRssMB: number;
  /** Current resident set size (VmRSS), MB. */
  rssMB: number;
}

/** VmHWM and VmRSS of a process from /proc/<pid>/status; null where there is no /proc. */
export function memoryOf(pid: number): MemoryStatus | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => {
      const m = new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, 'm').exec(status);
      return m ? Number(m[1]) : Number.NaN;
    };
    return { peakRssMB: (kb('VmHWM') * 1024) / 1e6, rssMB: (kb('VmRSS') * 1024) / 1e6 };
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system) a process has used so far, ms, from /proc/<pid>/stat (clock ticks of
 * 10 ms, USER_HZ = 100 on Linux); null where there is no /proc.
 */
export function cpuTimeOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * The floor under every LSP latency here: a bare vscode-jsonrpc echo over stdio between two
 * Node processes (no server code at all), `count` requests shaped like a hover, after `warmup`.
 * On a small virtual machine its p99 is set by process scheduling, not by anyone's code.
 */
export async function measureTransportFloor(count: number, warmup = 100): Promise<Summary> {
  const echo = [
    `const rpc = require(${JSON.stringify(require.resolve('vscode-jsonrpc/node'))});`,
    'const c = rpc.createMessageConnection(new rpc.StreamMessageReader(process.stdin), new rpc.StreamMessageWriter(process.stdout));',
    "c.onRequest('echo', (params) => params);",
    'c.listen();',
  ].join('\n');
  const child = spawn(process.execPath, ['-e', echo], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    const params = { textDocument: { uri: 'file:///bench/echo.txt' }, position: { line: 12, character: 40 } };
    for (let i = 0; i < warmup; i++) await withDeadline(connection.sendRequest('echo', params), 'echo');
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await withDeadline(connection.sendRequest('echo', params), 'echo');
      times.push(performance.now() - t0);
    }
    return summarize(times);
  } finally {
    connection.dispose();
    child.kill();
  }
}

/**
 * A code-cache folder of the benchmark's own (server/src/boot/codeCache.ts), removed when it
 * exits: the user's cache is neither used nor touched, and every run starts from none.
 */
export function benchCacheDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'claimcheck-bench-cache-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let sharedCacheDir: string | undefined;

export interface BenchServerOptions {
  /** The server bundle to run; SERVER_BUNDLE (out/server.js) by default. */
  bundle?: string;
  /** Environment variables for the server, on top of this process's own. */
  env?: Readonly<Record<string, string>>;
}

export class BenchServer {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  /** performance.now() just before the process was spawned. */
  readonly spawnedAt: number;
  /** performance.now() when the answer to `initialize` arrived; NaN before. */
  initializedAt = Number.NaN;
  private stderr = '';
  private readonly refreshWaiters: (() => void)[] = [];
  /** Documents whose whole analysis the server has summarised. */
  readonly summarised = new Set<string>();
  /** Settles when the process has exited, with its exit code or signal. */
  private readonly exited: Promise<string>;

  /**
   * `nodeArgs`: options for node itself; by default the ones the VS Code extension starts the
   * server with, so that what is measured is the server as it runs there (bench-profile.ts adds
   * `--cpu-prof`). `options`: another bundle and extra environment variables, for A/B runs of
   * variants (bench-startup.ts). The code cache is one folder for the whole benchmark unless
   * `env` names another.
   */
  constructor(nodeArgs: readonly string[] = serverNodeOptions(), { bundle = SERVER_BUNDLE, env = {} }: BenchServerOptions = {}) {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
    sharedCacheDir ??= benchCacheDir();
    this.spawnedAt = performance.now();
    this.process = spawn(process.execPath, [...nodeArgs, bundle, '--stdio'], {
      cwd: REPO_ROOT,
      env: { ...process.env, [CACHE_DIR_ENV]: sharedCacheDir, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.process.once('close', (code, signal) => resolve(String(code ?? signal))));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    // debounceMs 0: the benchmark measures how long fresh diagnostics take to compute, not the
    // deliberate pause (300 ms by default) the server waits for while someone types.
    this.connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
      params.items.map((item) => (item.section === 'claimcheck' ? { debounceMs: 0 } : null)),
    );
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      for (const waiter of this.refreshWaiters.splice(0)) waiter();
      return null;
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    // The server sends a document's summary only once its whole analysis is done.
    this.connection.onNotification('claimcheck/documentSummary', ({ uri }: { uri: string }) => {
      this.summarised.add(uri);
    });
    this.connection.listen();
  }

  /** Resolves at the server's next `workspace/diagnostic/refresh` request. */
  nextRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  get pid(): number {
    if (this.process.pid === undefined) throw new Error(`server did not start: ${this.stderr}`);
    return this.process.pid;
  }

  private async request<R>(method: string, params: unknown): Promise<R> {
    // A server that dies (say, out of memory on a huge document) never answers: fail then, with
    // its stderr, rather than at the deadline.
    const died = this.exited.then((how): never => {
      throw new Error(`the server exited (${how}) before answering`);
    });
    try {
      return await withDeadline(Promise.race([this.connection.sendRequest<R>(method, params), died]), method);
    } catch (err) {
      throw new Error(`${method} failed: ${err instanceof Error ? err.message : String(err)}\nserver stderr:\n${this.stderr}`, { cause: err });
    }
  }

  /**
   * `initialize`, then `initialized`; with `delayMs`, waits that long afterwards, as an editor busy
   * setting up its own features would before it opens a document (bench-startup.ts --client-delay).
   * `refreshSupport`: the client can be asked to pull again (VS Code can), so a long document's
   * first pull is answered with the part analysed so far (see measureOpenInParts).
   */
  async initialize(delayMs = 0, refreshSupport = false): Promise<void> {
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: 'claimcheck-bench', version: '0' },
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, diagnostics: { refreshSupport } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          diagnostic: { dynamicRegistration: false },
          hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
        },
      },
    };
    await this.request('initialize', params);
    this.initializedAt = performance.now();
    await this.connection.sendNotification('initialized', {});
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  open(uri: string, text: string, languageId = 'plaintext'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Inserts `text` at `position`. */
  insert(uri: string, version: number, position: Position, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, text }],
    });
  }

  async pull(uri: string): Promise<number> {
    const report = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    if (report.kind !== 'full') throw new Error(`expected a full diagnostic report, got ${report.kind}`);
    return report.items.length;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  memory(): MemoryStatus | null {
    return memoryOf(this.pid);
  }

  async shutdown(): Promise<void> {
    try {
      await this.request('shutdown', null);
      await this.connection.sendNotification('exit');
      await withDeadline(this.exited, 'exit');
    } finally {
      this.connection.dispose();
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
    }
  }
}

// ---------------------------------------------------------------------------------------------

export interface StartResult {
  /** Spawn → `initialize` answered, ms. */
  initialize: Summary;
  /** Spawn → first `textDocument/diagnostic` answered for a typical article, ms. */
  firstDiagnostics: Summary;
  /** CPU time the server process had used by then, ms (10 ms resolution). */
  serverCpuMs: Summary;
  /** The last server's memory at that point. */
  memory: MemoryStatus | null;
  diagnostics: number;
  /**
   * The same for the very first start after an install or update, before the server has written
   * its code cache (server/src/boot/codeCache.ts), ms: one run, not in the figures above.
   */
  firstWithoutCodeCache: { initialize: number; firstDiagnostics: number };
}

/**
 * Server start to first diagnostics for `article`, `runs` times, each a fresh process, after one
 * start with an empty code-cache folder (measured too) has filled it, as the first start after
 * an install does for every later one.
 */
export async function measureStart(article: Article, runs: number): Promise<StartResult> {
  const init: number[] = [];
  const first: number[] = [];
  const cpu: number[] = [];
  let diagnostics = 0;
  let memory: MemoryStatus | null = null;
  const env = { [CACHE_DIR_ENV]: benchCacheDir() };
  let firstWithoutCodeCache = { initialize: Number.NaN, firstDiagnostics: Number.NaN };
  for (let i = -1; i < runs; i++) {
    const server = new BenchServer(serverNodeOptions(), { env });
    try {
      await server.initialize();
      const initialize = performance.now() - server.spawnedAt;
      const uri = `file:///bench/start-${i}.txt`;
      await server.open(uri, article.text);
      diagnostics = await server.pull(uri);
      const firstDiagnostics = performance.now() - server.spawnedAt;
      if (i < 0) {
        firstWithoutCodeCache = { initialize, firstDiagnostics };
        continue;
      }
      init.push(initialize);
      first.push(firstDiagnostics);
      const used = cpuTimeOf(server.pid);
      if (used !== null) cpu.push(used);
      memory = server.memory();
    } finally {
      // The server writes its code cache as it exits (the first time).
      await server.shutdown();
    }
  }
  return { initialize: summarize(init), firstDiagnostics: summarize(first), serverCpuMs: summarize(cpu), memory, diagnostics, firstWithoutCodeCache };
}

export interface LargeDocumentResult {
  chars: number;
  /** didOpen → first pull answered (a cold 1 MB analysis plus the transfer), ms. */
  openToDiagnostics: number;
  /** The server's CPU time for that, ms; null without /proc. */
  openServerCpuMs: number | null;
  /** didChange (one character) → pull answered, ms. */
  edit: Summary;
  /** The server's CPU time per timed edit (mean over all of them), ms; null without /proc. */
  editServerCpuMs: number | null;
  hover: Summary;
  hoverHits: number;
  /** The server after all of the above. */
  memory: MemoryStatus | null;
}

/**
 * Claim midpoints spread over the text, for hovers: up to `count` reported (check-worthy) claims.
 * (measureHovers cycles through them when there are fewer.)
 */
function hoverPositions(text: string, count: number): Position[] {
  const document = TextDocument.create('file:///bench/positions.txt', 'plaintext', 1, text);
  const claims = analyze(text, { languageId: 'plaintext' }).claims.filter((c) => c.checkworthy);
  const step = Math.max(1, claims.length / count);
  const positions: Position[] = [];
  for (let i = 0; i < claims.length && positions.length < count; i += step) {
    const c = claims[Math.floor(i)];
    positions.push(document.positionAt(c.start + ((c.end - c.start) >> 1)));
  }
  return positions;
}

async function measureHovers(server: BenchServer, uri: string, text: string, count: number, warmup: number): Promise<{ summary: Summary; hits: number }> {
  const positions = hoverPositions(text, count);
  for (let i = 0; i < warmup && positions.length > 0; i++) await server.hover(uri, positions[i % positions.length]);
  if (positions.length === 0) return { summary: summarize([]), hits: 0 };
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < count; i++) {
    const position = positions[i % positions.length];
    const t0 = performance.now();
    const result = await server.hover(uri, position);
    times.push(performance.now() - t0);
    if (result !== null) hits++;
  }
  return { summary: summarize(times), hits };
}

/**
 * One server, one large document: open it, pull; then `edits` one-character insertions typed in
 * the middle of the document (a word in a paragraph), each followed by a pull; then hovers on
 * claims all over the document; then the server's peak RSS.
 */
export async function measureLargeDocument(text: string, edits: number, hovers: number): Promise<LargeDocumentResult> {
  const server = new BenchServer();
  const uri = 'file:///bench/large.txt';
  try {
    await server.initialize();
    const openCpu = cpuTimeOf(server.pid);
    let t0 = performance.now();
    await server.open(uri, text);
    await server.pull(uri);
    const openToDiagnostics = performance.now() - t0;
    const openCpuAfter = cpuTimeOf(server.pid);
    const openServerCpuMs = openCpu !== null && openCpuAfter !== null ? openCpuAfter - openCpu : null;

    // The cursor: just after a word near the middle, inside a paragraph.
    let offset = text.indexOf(' ', text.length >> 1);
    while (offset > 0 && /\s/.test(text[offset - 1])) offset = text.indexOf(' ', offset + 1);
    const document = TextDocument.create(uri, 'plaintext', 1, text);
    const position = document.positionAt(offset);
    const typed = ' and then some more words were typed here';
    const warmup = Math.min(5, edits);
    const times: number[] = [];
    let version = 1;
    let current = text;
    let cpuBefore: number | null = null;
    for (let i = 0; i < warmup + edits; i++) {
      if (i === warmup) cpuBefore = cpuTimeOf(server.pid);
      const ch = typed[i % typed.length];
      version++;
      t0 = performance.now();
      await server.insert(uri, version, position, ch);
      await server.pull(uri);
      if (i >= warmup) times.push(performance.now() - t0);
      current = current.slice(0, offset) + ch + current.slice(offset);
      position.character++;
      offset++;
    }
    const cpuAfter = cpuTimeOf(server.pid);
    const editServerCpuMs = cpuBefore !== null && cpuAfter !== null && edits > 0 ? (cpuAfter - cpuBefore) / edits : null;
    const hover = await measureHovers(server, uri, current, hovers, 20);
    return { chars: text.length, openToDiagnostics, openServerCpuMs, edit: summarize(times), editServerCpuMs, hover: hover.summary, hoverHits: hover.hits, memory: server.memory() };
  } finally {
    await server.shutdown();
  }
}

export interface OpenInPartsResult {
  /** didOpen → the first pull answered, with the top of the document's diagnostics, ms. */
  firstPart: number;
  firstPartDiagnostics: number;
  /** didOpen → the server's refresh request, then the pull after it answered: all of them, ms. */
  whole: number;
  wholeDiagnostics: number;
}

/**
 * A client that can be asked to pull again (VS Code) opens a large document: how soon the first
 * diagnostics show (the part analysed so far), and how soon all of them do.
 */
export async function measureOpenInParts(text: string): Promise<OpenInPartsResult> {
  const server = new BenchServer();
  const uri = 'file:///bench/large-in-parts.txt';
  try {
    await server.initialize(0, true);
    const refreshed = server.nextRefresh();
    const t0 = performance.now();
    await server.open(uri, text);
    const firstPartDiagnostics = await server.pull(uri);
    const firstPart = performance.now() - t0;
    // Analysed before the server's deadline for a first part: that answer was the whole.
    if (server.summarised.has(uri)) return { firstPart, firstPartDiagnostics, whole: firstPart, wholeDiagnostics: firstPartDiagnostics };
    await refreshed;
    const wholeDiagnostics = await server.pull(uri);
    return { firstPart, firstPartDiagnostics, whole: performance.now() - t0, wholeDiagnostics };
  } finally {
    await server.shutdown();
  }
}

export interface ManyArticlesResult {
  articles: number;
  hover: Summary;
  hoverHits: number;
  memory: MemoryStatus | null;
}

/** One server with `articles` open and their diagnostics pulled; hovers on the first of them. */
export async function measureManyArticles(articles: readonly Article[], hovers: number): Promise<ManyArticlesResult> {
  const server = new BenchServer();
  try {
    await server.initialize();
    for (const [i, article] of articles.entries()) {
      const uri = `file:///bench/article-${i}.txt`;
      await server.open(uri, article.text);
      await server.pull(uri);
    }
    // Hover on the longest open article, so there are claims to hover on.
    const longest = articles.reduce((best, a, i) => (a.text.length > articles[best].text.length ? i : best), 0);
    const hover = await measureHovers(server, `file:///bench/article-${longest}.txt`, articles[longest].text, hovers, 20);
    return { articles: articles.length, hover: hover.summary, hoverHits: hover.hits, memory: server.memory() };
  } finally {
    await server.shutdown();
  }
}
