/**
 * A small scripted LSP client for protocol tests.
 *
 * `spawnServer()` runs the built bundle exactly as Neovim/Helix do (`node out/server.js --stdio`);
 * `startInProcessServer()` runs `startServer` in this process over a pair of in-memory streams.
 * Both return an `LspClient` with one method per protocol step the tests need. Every request has
 * a deadline, and every failure message carries the server's stderr and its recent log messages.
 *
 * Positions are never counted by hand: `positionOf(text, needle)` finds them by searching.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type {
  ConfigurationParams,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeParams,
  InitializeResult,
  LogMessageParams,
  Position,
  ProgressToken,
  Range,
  TextDocumentContentChangeEvent,
  WorkDoneProgressBegin,
  WorkDoneProgressCreateParams,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
} from 'vscode-languageserver';
import type { DocumentSummary } from '../../server/src/contract';
import { startServer } from '../../server/src/server';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'out', 'server.js');

/** Deadline for one request/response round trip. Generous: a hang is a failure, not a wait. */
const REQUEST_TIMEOUT_MS = 5_000;
/** Deadline for the server process to exit after `exit`. */
const EXIT_TIMEOUT_MS = 5_000;
const POLL_MS = 10;

/** One `$/progress` notification of work-done progress. */
export interface WorkDoneProgressNotice {
  token: ProgressToken;
  value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

export interface InitializeOptions {
  /** Advertise `workspace.configuration` (the VS Code way). Default true. */
  configuration?: boolean;
  /** Advertise `workspace.diagnostics.refreshSupport`. Default: same as `configuration`. */
  refreshSupport?: boolean;
  /** Advertise `window.workDoneProgress` (server-initiated progress). Default false. */
  workDoneProgress?: boolean;
  /** Sent as `initializationOptions` (the Neovim/Helix way). */
  initializationOptions?: unknown;
  /** The `claimcheck` section answered to `workspace/configuration`. Default `{}`. */
  settings?: unknown;
  /** Defaults to this process for a spawned server; always null in-process (see below). */
  processId?: number | null;
  /** Workspace folders (file URIs). Default none. */
  workspaceFolders?: string[];
}

interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `probe` until it returns a truthy value, or throws `label` (plus context) at the deadline. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  timeoutMs: number,
  label: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label()}`);
    await new Promise<void>((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export class LspClient {
  /** The `claimcheck` section returned for `workspace/configuration`; change with `setSettings`. */
  settings: unknown = {};
  readonly logs: LogMessageParams[] = [];
  readonly summaries: DocumentSummary[] = [];
  /** Every `workspace/configuration` request the server made. */
  readonly configurationRequests: ConfigurationParams[] = [];
  /** How many `workspace/diagnostic/refresh` requests the server sent. */
  refreshRequests = 0;
  /** Every `$/progress` notification the server sent, in order. */
  readonly progress: WorkDoneProgressNotice[] = [];
  /** The tokens of the server's `window/workDoneProgress/create` requests. */
  readonly progressTokens: ProgressToken[] = [];
  private disposed = false;

  private readonly stderr: () => string;
  private readonly process: ChildProcessWithoutNullStreams | null;
  private readonly exited: Promise<ExitInfo> | null;
  private readonly onDispose: () => void;

  constructor(
    readonly connection: MessageConnection,
    session: {
      stderr: () => string;
      process?: ChildProcessWithoutNullStreams;
      exited?: Promise<ExitInfo>;
      onDispose?: () => void;
    },
  ) {
    this.stderr = session.stderr;
    this.process = session.process ?? null;
    this.exited = session.exited ?? null;
    this.onDispose = session.onDispose ?? (() => undefined);
    connection.onNotification('window/logMessage', (params: LogMessageParams) => {
      this.logs.push(params);
    });
    connection.onNotification('claimcheck/documentSummary', (summary: DocumentSummary) => {
      this.summaries.push(summary);
    });
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => {
        if (item.section === 'claimcheck') return this.settings;
        if (item.section === undefined) return { claimcheck: this.settings };
        return null;
      });
    });
    connection.onRequest('window/workDoneProgress/create', ({ token }: WorkDoneProgressCreateParams) => {
      this.progressTokens.push(token);
      return null;
    });
    connection.onNotification('$/progress', (params: WorkDoneProgressNotice) => {
      this.progress.push(params);
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      return null;
    });
    connection.listen();
  }

  /** `message` plus the server's stderr and its last log messages, for assertion messages. */
  explain(message: string): string {
    const stderr = this.stderr().trim();
    const logs = this.logs
      .slice(-20)
      .map((l) => `  [${l.type}] ${l.message}`)
      .join('\n');
    return [
      message,
      `--- server stderr ---\n${stderr === '' ? '(empty)' : stderr}`,
      `--- last server log messages ---\n${logs === '' ? '(none)' : logs}`,
    ].join('\n');
  }

  private async request<R>(method: string, params: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<R> {
    try {
      const response = this.connection.sendRequest<R>(method, params);
      // A server that dies mid-request fails the request at once rather than at the deadline.
      const died = this.exited?.then((exit): never => {
        throw new Error(`server exited (code ${exit.code}, signal ${exit.signal ?? 'none'}) before answering`);
      });
      const answer = died ? Promise.race([response, died]) : response;
      return await withDeadline(answer, timeoutMs, () => this.explain(`no response to ${method}`));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (message.includes('--- server stderr ---')) throw err;
      throw new Error(this.explain(`${method} failed: ${message}`), { cause: err });
    }
  }

  private notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async initialize(options: InitializeOptions = {}): Promise<InitializeResult> {
    const configuration = options.configuration ?? true;
    if (options.settings !== undefined) this.settings = options.settings;
    const params: InitializeParams = {
      processId: options.processId !== undefined ? options.processId : this.process ? process.pid : null,
      clientInfo: { name: 'claimcheck-protocol-tests', version: '0' },
      rootUri: null,
      workspaceFolders: options.workspaceFolders?.map((uri) => ({ uri, name: uri.split('/').pop() ?? uri })) ?? null,
      capabilities: {
        workspace: {
          configuration,
          didChangeConfiguration: { dynamicRegistration: false },
          diagnostics: { refreshSupport: options.refreshSupport ?? configuration },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: false },
        },
        window: { workDoneProgress: options.workDoneProgress ?? false },
      },
      initializationOptions: options.initializationOptions,
    };
    const result = await this.request<InitializeResult>('initialize', params);
    await this.notify('initialized', {});
    return result;
  }

  /** Replaces the settings and tells the server, as VS Code does (`settings: null`, pull model). */
  async setSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.didChangeConfiguration(null);
  }

  /** `workspace/didChangeConfiguration` with the given pushed settings (Neovim style) or null. */
  didChangeConfiguration(settings: unknown): Promise<void> {
    return this.notify('workspace/didChangeConfiguration', { settings });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** `textDocument/diagnostic`; asserts a full report and returns its items. */
  async pullDiagnostics(uri: string, timeoutMs?: number): Promise<Diagnostic[]> {
    const report = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }, timeoutMs);
    if (report.kind !== 'full') throw new Error(this.explain(`expected a full diagnostic report, got ${JSON.stringify(report)}`));
    return report.items;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  getDocumentSummary(uri: string): Promise<DocumentSummary | null> {
    return this.request<DocumentSummary | null>('claimcheck/getDocumentSummary', { uri });
  }

  /** `shutdown()`, then `dispose()` whatever happened: the end of a test file's server. */
  async stop(): Promise<void> {
    try {
      await this.shutdown();
    } finally {
      this.dispose();
    }
  }

  /**
   * `shutdown` then `exit`, and for a spawned server: waits for the process to end and asserts
   * exit code 0. Never call on an in-process server (its `exit` would end this process).
   */
  async shutdown(): Promise<void> {
    if (!this.process || !this.exited) throw new Error('shutdown() is for spawned servers; use dispose() in-process');
    const result = await this.request<unknown>('shutdown', null);
    if (result !== null && result !== undefined) throw new Error(this.explain(`shutdown returned ${JSON.stringify(result)}`));
    await this.notify('exit');
    const exit = await withDeadline(this.exited, EXIT_TIMEOUT_MS, () => this.explain('server process did not exit after exit'));
    this.connection.dispose();
    if (exit.code !== 0) {
      throw new Error(this.explain(`server exited with code ${exit.code} (signal ${exit.signal ?? 'none'}), expected 0`));
    }
  }

  /** Ends the session however it stands: kills a spawned server still running. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.connection.dispose();
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
    this.onDispose();
  }
}

/** Spawns `node out/server.js --stdio`. Fails clearly when the bundle has not been built. */
export function spawnServer(): LspClient {
  if (!existsSync(SERVER_BUNDLE)) {
    throw new Error(`${path.relative(REPO_ROOT, SERVER_BUNDLE)} is missing: run npm run build first`);
  }
  const proc = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  // 'close' rather than 'exit': it fires once stderr has been read to the end, so it is complete.
  const exited = new Promise<ExitInfo>((resolve) => {
    proc.once('close', (code, signal) => resolve({ code, signal }));
  });
  proc.once('error', (err) => {
    stderr += `\n[spawn error] ${err.message}`;
  });
  proc.stdin.on('error', (err) => {
    stderr += `\n[stdin error] ${err.message}`;
  });
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  return new LspClient(connection, { stderr: () => stderr, process: proc, exited });
}

/**
 * Runs the server in this process over two in-memory streams.
 *
 * Caveats of `createConnection` from 'vscode-languageserver/node': an `exit` notification calls
 * `process.exit`, and a non-null `processId` starts a 3 s watchdog interval that keeps this
 * process alive. So initialize with `processId: null` (the default here) and never call
 * `shutdown()`; `dispose()` ends both connections. Passing MessageReader/Writer objects rather
 * than raw streams avoids the library's other `process.exit` on stream end/close.
 */
export function startInProcessServer(): LspClient {
  const clientToServer = new PassThrough();
  const serverToClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(clientToServer), new StreamMessageWriter(serverToClient));
  startServer(serverConnection);
  const connection = createMessageConnection(new StreamMessageReader(serverToClient), new StreamMessageWriter(clientToServer));
  return new LspClient(connection, {
    stderr: () => '(in-process server: no stderr)',
    onDispose: () => serverConnection.dispose(),
  });
}

// ---------------------------------------------------------------------------------------------
// Text positions. LSP positions are (line, UTF-16 code unit); a line ends at \r\n, \n or \r.
// JavaScript string indices are UTF-16 code units already, so only line breaks need care.

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The LSP position of a UTF-16 offset into `text`. */
export function positionAt(text: string, offset: number): Position {
  if (offset < 0 || offset > text.length) throw new RangeError(`offset ${offset} outside text of length ${text.length}`);
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** The UTF-16 offset of an LSP position in `text` (clamped to the line, as LSP requires). */
export function offsetAt(text: string, position: Position): number {
  const starts = lineStarts(text);
  if (position.line >= starts.length) return text.length;
  if (position.line < 0) return 0;
  const start = starts[position.line];
  let end = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  // Exclude the line break itself.
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return Math.min(start + Math.max(0, position.character), end);
}

/** Offset of the `occurrence`-th (0-based) `needle` in `text`; throws when there is none. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurrence ${occurrence} not found in text`);
  }
  return index;
}

/** The position where the `occurrence`-th `needle` starts. */
export function positionOf(text: string, needle: string, occurrence = 0): Position {
  return positionAt(text, offsetOf(text, needle, occurrence));
}

/** The range covering the `occurrence`-th `needle`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  const start = offsetOf(text, needle, occurrence);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

/** The text a range covers. */
export function textOf(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Applies incremental (or full) content changes in order, as the server's TextDocument does. */
export function applyChanges(text: string, changes: TextDocumentContentChangeEvent[]): string {
  let result = text;
  for (const change of changes) {
    if ('range' in change) {
      result = result.slice(0, offsetAt(result, change.range.start)) + change.text + result.slice(offsetAt(result, change.range.end));
    } else {
      result = change.text;
    }
  }
  return result;
}
