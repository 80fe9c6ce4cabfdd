/**
 * Owns the LanguageClient's lifecycle: start, stop, restart, and a bounded automatic restart
 * when the server process dies.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { Commands, DocumentSummaryNotification, type DocumentSummary } from '../../server/src/contract';
import { documentSelector, readClientConfig } from './config';
import { serverNodeOptions } from './serverNodeOptions';
import { CACHE_DIR_ENV } from '../../server/src/boot/cacheDir';
import { ClaimStatus } from './status';

/** Crashes tolerated within `CRASH_WINDOW_MS` before ClaimCheck stops restarting the server. */
export const MAX_RESTARTS = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

export class ClientContext implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private status: ClaimStatus | undefined;
  private crashes: number[] = [];
  private readonly summaries = new vscode.EventEmitter<DocumentSummary>();
  /** Each analysis summary the server sends (one handler per method on the connection, so we fan out here). */
  readonly onDocumentSummary = this.summaries.event;

  constructor(private readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('ClaimCheck', { log: true });
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const config = readClientConfig();
    const selector = documentSelector(config);
    this.status?.dispose();
    this.status = new ClaimStatus(selector);

    const serverModule = this.extension.asAbsolutePath(path.join('out', 'server.js'));
    // The server keeps V8's code cache of its bundle in the extension's own storage, which VS
    // Code removes with the extension (server/src/boot/codeCache.ts).
    const env = { ...process.env, [CACHE_DIR_ENV]: path.join(this.extension.globalStorageUri.fsPath, 'code-cache') };
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: serverNodeOptions(), env } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...serverNodeOptions(), '--nolazy', '--inspect=6010'], env } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector,
      outputChannel: this.output,
      synchronize: { configurationSection: 'claimcheck' },
      errorHandler: this.errorHandler(),
      // Tells the server to offer the interactive quick fixes (input boxes) implemented here.
      initializationOptions: { client: 'vscode' },
      // Hover cards carry command links (Add source note, Mark verified, Dismiss): only those run.
      markdown: {
        isTrusted: { enabledCommands: [Commands.client.addSourceNote, Commands.client.markVerified, Commands.client.dismissClaim] },
        supportHtml: false,
      },
    };
    this.client = new LanguageClient('claimcheck', 'ClaimCheck', serverOptions, clientOptions);
    this.client.onNotification(DocumentSummaryNotification, (summary) => {
      this.status?.update(summary);
      this.summaries.fire(summary);
    });
    await this.client.start();
    this.output.info('ClaimCheck language server started');
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) await client.stop();
  }

  async restart(): Promise<void> {
    this.crashes = [];
    await this.stop();
    await this.start();
  }

  refreshStatus(): void {
    this.status?.render();
  }

  private errorHandler(): ErrorHandler {
    return {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
        this.crashes.push(now);
        if (this.crashes.length <= MAX_RESTARTS) {
          this.output.warn(`ClaimCheck server stopped unexpectedly; restarting (${this.crashes.length}/${MAX_RESTARTS})`);
          return { action: CloseAction.Restart };
        }
        const message = `The ClaimCheck server crashed ${this.crashes.length} times in 3 minutes and will not be restarted. Use "ClaimCheck: Restart Server" once the cause is fixed.`;
        this.status?.serverStopped('server stopped');
        void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
          if (choice) this.output.show();
        });
        return { action: CloseAction.DoNotRestart, message, handled: true };
      },
    };
  }

  dispose(): void {
    this.summaries.dispose();
    this.status?.dispose();
    this.output.dispose();
  }
}
