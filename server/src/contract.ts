/**
 * The wire contract between the ClaimCheck client (VS Code extension) and the language server.
 *
 * Every command id, custom request/notification and the settings shape lives here and nowhere
 * else: the client and the server both import this module, so an id is never written twice.
 * This module must stay free of `vscode` imports (the server and the CLI import it too).
 */
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';

/** The kinds of claim the engine reports, in the order the README documents them. */
export const CLAIM_KINDS = ['quantity', 'percentage', 'money', 'change', 'comparison', 'temporal', 'event'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Languages the server analyses by default (VS Code language ids). */
export const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'news'] as const;

/** Diagnostic `source` for everything ClaimCheck reports. */
export const DIAGNOSTIC_SOURCE = 'ClaimCheck';

/**
 * Commands. `client.*` ids are implemented in the extension (they need UI); `server.*` ids are
 * executed by the language server through `workspace/executeCommand`, so any LSP editor can call them.
 */
export const Commands = {
  client: {
    restartServer: 'claimcheck.restartServer',
    showOutput: 'claimcheck.showOutput',
  },
  server: {
    /** Re-analyse one document now, regardless of `claimcheck.run`. Args: [uri]. */
    scanDocument: 'claimcheck.server.scanDocument',
  },
} as const;

/** The analysis summary of one document, as shown in the language status item. */
export interface DocumentSummary {
  uri: string;
  version: number | null;
  claims: number;
  checkworthy: number;
  byKind: Partial<Record<ClaimKind, number>>;
  /** Why the document was not analysed (too large, binary, language disabled), if it was not. */
  skipped: string | null;
}

/** server → client: the summary of the document that was just analysed. */
export const DocumentSummaryNotification = new NotificationType<DocumentSummary>('claimcheck/documentSummary');

/** client → server: the summary for one document (e.g. when the active editor changes). */
export const GetDocumentSummaryRequest = new RequestType<{ uri: string }, DocumentSummary | null, void>(
  'claimcheck/getDocumentSummary',
);

/** One reported claim, as the client's views (List Claims, Next Claim, the Claims view) need it. */
export interface ClaimInfo {
  id: string;
  kind: ClaimKind;
  text: string;
  range: Range;
  /** The normalised value as shown to people ("> 90%", "30 countries"). */
  value: string;
  score: number;
  source: string | null;
  /** The source note's status, or "unverified" when there is none. */
  status: string;
}

/** client → server: the reported claims of an open document, in document order. */
export const ListClaimsRequest = new RequestType<{ uri: string }, ClaimInfo[] | null, void>('claimcheck/listClaims');

/** client → server: turn analysis off (or back on) for one document ("Toggle for This Document"). */
export const SetDocumentEnabledNotification = new NotificationType<{ uri: string; enabled: boolean }>(
  'claimcheck/setDocumentEnabled',
);

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'none';
export type RunMode = 'onType' | 'onSave' | 'manual';

/**
 * The `claimcheck.*` settings. The defaults below are the single source of truth on the server
 * side; a test fails when `package.json` `contributes.configuration` drifts from them.
 */
export interface ClaimCheckSettings {
  enable: boolean;
  languages: string[];
  kinds: ClaimKind[];
  minScore: number;
  severity: Record<ClaimKind, SeverityName>;
  run: RunMode;
  debounceMs: number;
  maxFileSize: number;
  maxDiagnostics: number;
  exclude: string[];
}

export const DEFAULT_SETTINGS: ClaimCheckSettings = {
  enable: true,
  languages: [...DEFAULT_LANGUAGES],
  kinds: [...CLAIM_KINDS],
  minScore: 0,
  severity: {
    quantity: 'information',
    percentage: 'information',
    money: 'information',
    change: 'information',
    comparison: 'information',
    temporal: 'information',
    event: 'information',
  },
  run: 'onType',
  debounceMs: 300,
  maxFileSize: 5 * 1024 * 1024,
  maxDiagnostics: 200,
  exclude: [],
};
