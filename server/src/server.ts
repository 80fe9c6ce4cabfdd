/**
 * Wiring: registers every handler on a connection. Works on any connection (stdio, IPC or
 * in-memory streams in tests); `main.ts` is the only place one is created.
 */
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  Commands,
  DIAGNOSTIC_SOURCE,
  DocumentSummaryNotification,
  GetDocumentSummaryRequest,
  type ClaimCheckSettings,
  type DocumentSummary,
} from './contract';
import { connectionLogger } from './logger';
import { AnalysisCache } from './lsp/documentAnalysis';
import { isReported, toDiagnostics } from './lsp/diagnostics';
import { hover } from './lsp/hover';
import { SettingsStore } from './settingsStore';
import { summarize } from './lsp/summary';
import { SERVER_VERSION } from './version';

export const SERVER_NAME = 'claimcheck-language-server';


/** "12.4 MB", "830 KB", "100 characters": sizes in characters, as the setting counts them. */
function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
  if (chars >= 10 * 1024) return `${Math.round(chars / 1024)} KB`;
  return `${chars} characters`;
}

export function startServer(connection: Connection): void {
  const log = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  const analyses = new AnalysisCache();
  let settingsStore: SettingsStore | undefined;
  let canRefreshDiagnostics = false;

  const settingsFor = (uri: string): Promise<ClaimCheckSettings> => {
    if (!settingsStore) throw new Error('settings requested before initialize');
    return settingsStore.get(uri);
  };

  /** Why a document is not analysed, or null when it is. */
  function skipReason(document: TextDocument, settings: ClaimCheckSettings): string | null {
    if (!settings.enable) return 'ClaimCheck is disabled (claimcheck.enable)';
    if (!settings.languages.includes(document.languageId)) return `language "${document.languageId}" is not enabled`;
    const length = document.getText().length;
    if (length > settings.maxFileSize) {
      return `file is ${formatSize(length)}, limit ${formatSize(settings.maxFileSize)} — see claimcheck.maxFileSize`;
    }
    return null;
  }

  async function diagnose(document: TextDocument): Promise<Diagnostic[]> {
    const settings = await settingsFor(document.uri);
    const reason = skipReason(document, settings);
    if (reason) {
      void connection.sendNotification(DocumentSummaryNotification, summarize(document, null, reason));
      if (!settings.enable || !settings.languages.includes(document.languageId)) return [];
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: DIAGNOSTIC_SOURCE,
          code: 'claim.skipped',
          message: reason,
        },
      ];
    }
    const analysis = analyses.get(document);
    void connection.sendNotification(DocumentSummaryNotification, summarize(document, analysis, null));
    return toDiagnostics(document, analysis, settings);
  }

  connection.onInitialize((params): InitializeResult => {
    const pull = params.capabilities.workspace?.configuration === true;
    canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    settingsStore = new SettingsStore(connection, log, pull, params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(Commands.server) },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    settingsStore?.clear(change.settings);
    // Only clients that said they support it get a refresh request; others pull again on their own.
    if (canRefreshDiagnostics) {
      connection.languages.diagnostics.refresh().catch((err: unknown) => log.warn(`diagnostics refresh failed: ${String(err)}`));
    }
  });

  connection.languages.diagnostics.on(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: await diagnose(document) };
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await settingsFor(document.uri);
    if (skipReason(document, settings)) return null;
    return hover(document, analyses.get(document), params.position, (claim) => isReported(claim, settings));
  });

  connection.onRequest(GetDocumentSummaryRequest, ({ uri }): DocumentSummary | null => {
    const document = documents.get(uri);
    if (!document) return null;
    const analysis = analyses.peek(uri);
    return analysis ? summarize(document, analysis, null) : null;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === Commands.server.scanDocument) {
      if (canRefreshDiagnostics) await connection.languages.diagnostics.refresh();
      return null;
    }
    throw new Error(`unknown command ${params.command}`);
  });

  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    settingsStore?.forget(e.document.uri);
  });

  documents.listen(connection);
  connection.listen();
}
