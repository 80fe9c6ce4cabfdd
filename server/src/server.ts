/**
 * Wiring: registers every handler on a connection. Works on any connection (stdio, IPC or
 * in-memory streams in tests); `main.ts` is the only place one is created.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type DocumentDiagnosticReport,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  Commands,
  DocumentSummaryNotification,
  GetDocumentSummaryRequest,
  ListClaimsRequest,
  ScanTextRequest,
  SetDocumentEnabledNotification,
  type ClaimCheckSettings,
  type DocumentSummary,
} from './contract';
import { analyze, type Analysis, type Claim } from './analysis';
import { connectionLogger } from './logger';
import { AnalysisCache } from './lsp/documentAnalysis';
import { AnalysisProgress } from './lsp/analysisProgress';
import { ChangeScopes } from './lsp/changeScope';
import { ExcludedFiles } from './lsp/excluded';
import { workspaceRoots } from './paths/workspace';
import { documentLevel, isReported, otherLanguageHints, toDiagnostics } from './lsp/diagnostics';
import { claimCodeActions } from './lsp/codeActions';
import { contentSkipReason, guarded } from './lsp/guard';
import { hover } from './lsp/hover';
import { listClaims } from './lsp/claimList';
import { registerNotes } from './lsp/notesCommands';
import { PARTIAL_AFTER_MS, PullScheduler } from './lsp/pullScheduler';
import { claimSymbols } from './lsp/symbols';
import { SettingsStore } from './settingsStore';
import { summarize } from './lsp/summary';
import { SERVER_VERSION } from './version';
import { preloadNlp } from './analysis/nlp';

export const SERVER_NAME = 'claimcheck-language-server';

/** An open document's current analysis and the claims the settings let the user see. */
interface ClaimsView {
  document: TextDocument;
  analysis: Analysis;
  shown: (claim: Claim) => boolean;
  shownClaims: () => Claim[];
}

/** Why a document matched by `claimcheck.exclude` is not analysed (the status item shows it). */
export const EXCLUDED = 'excluded by claimcheck.exclude';


export function startServer(connection: Connection): void {
  const log = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  const excluded = new ExcludedFiles();
  const analyses = new AnalysisCache((document, version) => documents.get(document.uri) === document && document.version === version);
  let settingsStore: SettingsStore | undefined;
  let canRefreshDiagnostics = false;
  let interactiveClient = false;
  const scheduler = new PullScheduler();
  const progress = new AnalysisProgress(connection, (document) => analyses.fractionDone(document));
  const scopes = new ChangeScopes();
  /** Documents the user switched off with "Toggle for This Document". */
  const disabled = new Set<string>();
  /** Documents whose open event has not yet been followed by an edit (no debounce on open). */
  const justOpened = new Set<string>();

  function refreshDiagnostics(): void {
    // Only clients that said they support it get a refresh request; others pull again on their own.
    if (!canRefreshDiagnostics) return;
    connection.languages.diagnostics.refresh().catch((err: unknown) => log.warn(`diagnostics refresh failed: ${String(err)}`));
  }

  const settingsFor = (uri: string): Promise<ClaimCheckSettings> => {
    if (!settingsStore) throw new Error('settings requested before initialize');
    return settingsStore.get(uri);
  };

  const notes = registerNotes(connection, documents, analyses, log, {
    settingsFor,
    // A notes change without a text change (an operation, a reload) still needs fresh diagnostics.
    changed: (uri) => {
      scheduler.saved(uri);
      refreshDiagnostics();
    },
  });

  /** Why a document is not analysed, or null when it is. */
  function skipReason(document: TextDocument, settings: ClaimCheckSettings): string | null {
    if (!settings.enable) return 'ClaimCheck is disabled (claimcheck.enable)';
    if (disabled.has(document.uri)) return 'ClaimCheck is off for this document';
    if (!settings.languages.includes(document.languageId)) return `language "${document.languageId}" is not enabled`;
    if (excluded.isExcluded(document.uri, settings.exclude)) return EXCLUDED;
    // Too large, or binary: one information diagnostic says so, nothing is analysed.
    return contentSkipReason(document.getText(), settings.maxFileSize);
  }

  /**
   * The analysis of the document as it is now, computed in slices (other requests are answered
   * meanwhile); null when the document changed before it was ready: an answer about a text that
   * no longer exists is worse than none, and the client asks again.
   */
  async function currentAnalysis(document: TextDocument): Promise<Analysis | null> {
    const version = document.version;
    const analysis = await analyses.whenReady(document);
    return analysis && document.version === version ? analysis : null;
  }

  /**
   * What a pull's diagnostics come from: the document's analysis or, when it is computed from
   * scratch and takes longer than PARTIAL_AFTER_MS, the part done by then (`complete` false;
   * the client is asked to pull again once the rest is ready, and that pull is fresh). Only for
   * clients that can be asked. Null when the document changed before anything was ready. An
   * analysis that takes longer than that shows its progress meanwhile, whatever the client.
   */
  async function analysisForPull(document: TextDocument): Promise<{ analysis: Analysis; complete: boolean } | null> {
    // Set first: starting the analysis runs its first slice (and masks the whole text) at once.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), PARTIAL_AFTER_MS);
    });
    const whole = currentAnalysis(document);
    const complete = async (): Promise<{ analysis: Analysis; complete: boolean } | null> => {
      const analysis = await whole;
      return analysis && { analysis, complete: true };
    };
    const first = await Promise.race([whole, late]).finally(() => clearTimeout(timer));
    if (first !== 'late') return first && { analysis: first, complete: true };
    progress.show(document, whole).catch((err: unknown) => log.warn(`analysis progress failed: ${String(err)}`));
    if (!canRefreshDiagnostics) return complete();
    const soFar = analyses.soFar(document);
    if (!soFar || soFar.claims.length === 0) return complete();
    scheduler.answeredInPart(document.uri);
    // The rest: a document changed meanwhile is pulled again anyway (its analysis is dropped).
    void whole.then((analysis) => analysis && refreshDiagnostics(), () => undefined);
    return { analysis: soFar, complete: false };
  }

  /**
   * The analysis as the user sees it: only the claims `claimcheck.changedSince` keeps, and why
   * every claim is kept when its ref cannot be used. Null when the document changed meanwhile.
   */
  async function scoped(
    document: TextDocument,
    analysis: Analysis,
    settings: ClaimCheckSettings,
  ): Promise<{ analysis: Analysis; problem: string | null; since: string | null } | null> {
    const version = document.version;
    const scope = await scopes.scopeOf(document, settings.changedSince);
    if (document.version !== version) return null;
    const problem = scope.all ? scope.problem : null;
    const since = settings.changedSince !== '' && problem === null ? settings.changedSince : null;
    return { analysis: scopes.restrict(document, analysis, scope), problem, since };
  }

  /**
   * What a request about one open document works from: the document, its settings, its current
   * analysis and which claims the user sees. 'skipped' when the document is not analysed (off,
   * excluded, too big, binary); undefined when it is not open or changed before its analysis was
   * ready (the client asks again). With `at`, a request about that place only (a hover): it is
   * answered from the part of a long analysis already done when that part reaches it.
   */
  async function claimsView(uri: string, at?: Position): Promise<ClaimsView | 'skipped' | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    const settings = await settingsFor(uri);
    if (skipReason(document, settings)) return 'skipped';
    // A request about one place of a long document just opened: the part done may already hold it.
    const early = at === undefined ? undefined : analyses.soFar(document, document.offsetAt(at));
    const whole = early ?? (await currentAnalysis(document));
    const view = whole && (await scoped(document, whole, settings));
    if (!view) return undefined;
    const { analysis } = view;
    const shown = (claim: Claim): boolean => isReported(claim, settings);
    return { document, analysis, shown, shownClaims: () => analysis.claims.filter(shown) };
  }

  /** The document's diagnostics; null when it changed before they were ready (they would be stale). */
  async function diagnose(document: TextDocument): Promise<Diagnostic[] | null> {
    const settings = await settingsFor(document.uri);
    const reason = skipReason(document, settings);
    if (reason) {
      void connection.sendNotification(DocumentSummaryNotification, summarize(document, null, reason));
      // Switched off or excluded: quiet. Too big or binary: one diagnostic says why.
      if (!settings.enable || disabled.has(document.uri) || !settings.languages.includes(document.languageId) || reason === EXCLUDED) return [];
      return [documentLevel('claim.skipped', DiagnosticSeverity.Information, reason)];
    }
    const basis = await analysisForPull(document);
    const view = basis && (await scoped(document, basis.analysis, settings));
    if (!basis || !view) return null;
    const { analysis } = view;
    // Counts of part of the document would be wrong: the summary waits for the whole.
    if (basis.complete) {
      void connection.sendNotification(
        DocumentSummaryNotification,
        summarize(document, analysis, null, (c) => isReported(c, settings), notes.noteOf(document.uri), view.since),
      );
    }
    const scopeProblem = view.problem ? [documentLevel('claim.scope', DiagnosticSeverity.Information, view.problem)] : [];
    return [
      ...toDiagnostics(document, analysis, settings, notes.statusOf(document.uri), basis.complete),
      ...otherLanguageHints(document, analysis),
      ...scopeProblem,
      ...notes.diagnostics(document),
    ];
  }

  connection.onInitialize((params): InitializeResult => {
    const pull = params.capabilities.workspace?.configuration === true;
    canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    settingsStore = new SettingsStore(connection, log, pull, params.initializationOptions);
    notes.initialize(params);
    excluded.setRoots(workspaceRoots(params));
    // The VS Code extension says so; its quick fixes open input boxes instead of using defaults.
    interactiveClient = (params.initializationOptions as { client?: unknown } | undefined)?.client === 'vscode';
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: { label: 'ClaimCheck' },
        executeCommandProvider: { commands: Object.values(Commands.server) },
        // A renamed or moved article takes its notes file along (notes/rename.ts).
        workspace: { fileOperations: { didRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  // wink's model takes 50–70 ms to load. Loaded once the client has the `initialize` answer, that
  // overlaps with what the editor does next (setting up features, sending the open documents);
  // not earlier, or the answer itself would wait. A timer, so that the notification's handling
  // finishes first.
  connection.onInitialized(() => {
    setTimeout(preloadNlp, 0);
  });

  connection.onDidChangeConfiguration((change) => {
    settingsStore?.clear(change.settings);
    scheduler.markAllDue();
    refreshDiagnostics();
  });

  connection.languages.diagnostics.on(guarded(log, 'textDocument/diagnostic', async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    if (!documents.get(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const settings = await settingsFor(uri);
    if (settings.run === 'onType' && !(await scheduler.waitForQuiet(uri, settings.debounceMs, token))) {
      // A newer edit or the client cancelled: this answer would be stale anyway.
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: params.previousResultId ?? '' };
    }
    const document = documents.get(uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const decision = scheduler.decide(uri, settings.run, params.previousResultId);
    if (decision.kind === 'unchanged') return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: decision.resultId };
    const items = decision.kind === 'empty' ? [] : await diagnose(document);
    // The text changed while it was analysed: the client pulls again for the new text.
    if (items === null) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: params.previousResultId ?? '' };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: decision.resultId, items };
  }));

  connection.onCodeAction(guarded(log, 'textDocument/codeAction', async (params) => {
    // Not from a part: "Mark all N similar claims" must count the whole document.
    const view = await claimsView(params.textDocument.uri);
    if (view === undefined || view === 'skipped') return null;
    return claimCodeActions({
      document: view.document,
      claims: view.shownClaims(),
      diagnostics: params.context.diagnostics,
      interactiveClient,
    });
  }));

  connection.onDocumentSymbol(guarded(log, 'textDocument/documentSymbol', async (params) => {
    const view = await claimsView(params.textDocument.uri);
    if (view === 'skipped') return [];
    return view ? claimSymbols(view.document, view.shownClaims()) : null;
  }));

  connection.onRequest(ListClaimsRequest, guarded(log, ListClaimsRequest.method, async ({ uri }) => {
    const view = await claimsView(uri);
    if (view === 'skipped') return [];
    return view ? listClaims(view.document, view.shownClaims(), notes.statusOf(uri)) : null;
  }));

  connection.onRequest(ScanTextRequest, guarded(log, ScanTextRequest.method, async ({ uri, languageId, text }) => {
    const document = TextDocument.create(uri, languageId, 0, text);
    const settings = await settingsFor(uri);
    if (skipReason(document, settings)) return [];
    const view = await scoped(document, analyze(text, { languageId }), settings);
    // A file scanned, not open: its scope is not wanted again.
    if (!documents.get(uri)) scopes.forget(uri);
    return listClaims(document, (view?.analysis.claims ?? []).filter((c) => isReported(c, settings)));
  }));

  connection.onNotification(SetDocumentEnabledNotification, ({ uri, enabled }) => {
    if (enabled) disabled.delete(uri);
    else disabled.add(uri);
    scheduler.scanRequested(uri);
    refreshDiagnostics();
  });

  connection.onHover(guarded(log, 'textDocument/hover', async (params) => {
    const view = await claimsView(params.textDocument.uri, params.position);
    if (view === undefined || view === 'skipped') return null;
    return hover(view.document, view.analysis, params.position, view.shown, notes.noteOf(view.document.uri), interactiveClient);
  }));

  connection.onRequest(GetDocumentSummaryRequest, guarded(log, GetDocumentSummaryRequest.method, async ({ uri }): Promise<DocumentSummary | null> => {
    const document = documents.get(uri);
    const analysis = analyses.peek(uri);
    if (!document || !analysis) return null;
    const settings = await settingsFor(uri);
    // A document that has since grown too big (or was switched off) has no claims to count,
    // whatever an earlier version's analysis said.
    const reason = skipReason(document, settings);
    if (reason) return summarize(document, null, reason);
    // The last analysis may be of an earlier version: its counts are a moment old, never wrong for long.
    const view = await scoped(document, analysis, settings);
    if (!view) return null;
    return summarize(document, view.analysis, null, (c) => isReported(c, settings), notes.noteOf(uri), view.since);
  }));

  connection.onExecuteCommand(guarded(log, 'workspace/executeCommand', async (params) => {
    if (notes.handles(params.command)) return notes.execute(params.command, params.arguments);
    if (params.command === Commands.server.scanDocument) {
      const [uri] = (params.arguments ?? []) as unknown[];
      if (typeof uri === 'string') scheduler.scanRequested(uri);
      else for (const d of documents.all()) scheduler.scanRequested(d.uri);
      refreshDiagnostics();
      return null;
    }
    throw new Error(`unknown command ${params.command}`);
  }));

  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  documents.onDidChangeContent((e) => {
    if (!justOpened.delete(e.document.uri)) scheduler.changed(e.document.uri);
  });
  documents.onDidSave((e) => {
    scheduler.saved(e.document.uri);
    refreshDiagnostics();
  });
  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    scopes.forget(e.document.uri);
    settingsStore?.forget(e.document.uri);
    scheduler.forget(e.document.uri);
    justOpened.delete(e.document.uri);
  });

  documents.listen(connection);
  connection.listen();
}
