/**
 * The wire contract between the ClaimCheck client (VS Code extension) and the language server.
 *
 * Every command id, custom request/notification and the settings shape lives here and nowhere
 * else: the client and the server both import this module, so an id is never written twice.
 * This module must stay free of `vscode` imports (the server and the CLI import it too).
 */
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';
import type { Note, NoteStatus } from './notes/model';

/** The kinds of claim the engine reports, in the order the README documents them. */
export const CLAIM_KINDS = ['quantity', 'percentage', 'money', 'change', 'comparison', 'temporal', 'event'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Languages the server analyses by default (VS Code language ids). */
/** `text` is what Neovim and Helix call plain text. */
export const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'news', 'text'] as const;

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
    scanDocument: 'claimcheck.scanDocument',
    scanWorkspace: 'claimcheck.scanWorkspace',
    listClaims: 'claimcheck.listClaims',
    nextClaim: 'claimcheck.nextClaim',
    previousClaim: 'claimcheck.previousClaim',
    nextUnverifiedClaim: 'claimcheck.nextUnverifiedClaim',
    toggleDocument: 'claimcheck.toggleDocument',
    /** Sets `claimcheck.changedSince` from a quick pick: HEAD, another ref, or every claim. */
    showChangedSince: 'claimcheck.showChangedSince',
    claimsGroupByKind: 'claimcheck.claims.groupByKind',
    claimsGroupByStatus: 'claimcheck.claims.groupByStatus',
    revealClaim: 'claimcheck.revealClaim',
    /** Args: none (claim at the cursor) or a {@link ClaimTarget}. Asks for URL, quote, verdict, note. */
    addSourceNote: 'claimcheck.addSourceNote',
    markVerified: 'claimcheck.markVerified',
    markDisputed: 'claimcheck.markDisputed',
    markFalse: 'claimcheck.markFalse',
    markNeedsContext: 'claimcheck.markNeedsContext',
    /** Asks for a reason. */
    dismissClaim: 'claimcheck.dismissClaim',
    /** Dismisses every claim of the target's kind in its file; asks for a reason. */
    dismissKindInFile: 'claimcheck.dismissKindInFile',
    /** Args: a {@link ClaimTarget} plus `status`: applies it to every claim with the same figure. */
    setStatusOfSimilar: 'claimcheck.setStatusOfSimilar',
    undoNoteChange: 'claimcheck.undoNoteChange',
    exportReport: 'claimcheck.exportReport',
  },
  server: {
    /** Re-analyse one document now, regardless of `claimcheck.run`. Args: [uri]. */
    scanDocument: 'claimcheck.server.scanDocument',
    // Source notes. Each takes one argument object, typed below: `arguments: [args]`.
    /** Add a note to a claim (or apply the fields to its existing note). {@link AddNoteArgs} → {@link NoteCommandResult}. */
    addNote: 'claimcheck.server.addNote',
    /** {@link SetStatusArgs} → {@link NoteCommandResult}. A reason is required for "dismissed". */
    setStatus: 'claimcheck.server.setStatus',
    /** {@link AddSourceArgs} → {@link NoteCommandResult}. */
    addSource: 'claimcheck.server.addSource',
    /** Dismiss a note's claim, or a claim without a note. {@link DismissArgs} → {@link NoteCommandResult}. */
    dismiss: 'claimcheck.server.dismiss',
    /** Revert the document's last notes change. {@link NotesDocumentArgs} → {@link NoteCommandResult}. */
    undo: 'claimcheck.server.undo',
    /** {@link NoteIdArgs} → {@link NoteCommandResult}. */
    deleteNote: 'claimcheck.server.deleteNote',
    /** Point a (usually orphaned) note at a claim. {@link ReattachArgs} → {@link NoteCommandResult}. */
    reattach: 'claimcheck.server.reattach',
    /** {@link NotesDocumentArgs} → {@link ListNotesResult}. */
    listNotes: 'claimcheck.server.listNotes',
    /** {@link ExportNotesArgs} → {@link ExportNotesResult} (the content; the client writes it). */
    exportNotes: 'claimcheck.server.exportNotes',
    /** Merge W3C Web Annotations into the document's notes. {@link ImportAnnotationsArgs} → {@link ImportAnnotationsResult}. */
    importAnnotations: 'claimcheck.server.importAnnotations',
  },
} as const;

/** The analysis summary of one document, as shown in the language status item. */
export interface DocumentSummary {
  uri: string;
  version: number | null;
  claims: number;
  checkworthy: number;
  byKind: Partial<Record<ClaimKind, number>>;
  /** Reported claims whose note cites at least one source. */
  sourced: number;
  /** Reported claims whose note says disputed or false. */
  disputed: number;
  /** Why the document was not analysed (too large, binary, language disabled), if it was not. */
  skipped: string | null;
  /** The git ref the counts are limited to (`claimcheck.changedSince`); null: every claim. */
  changedSince: string | null;
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

/**
 * client → server: analyse a file that is not open in the editor (Scan Workspace). The client
 * reads the file; the server applies the file's settings and returns its reported claims.
 */
export const ScanTextRequest = new RequestType<{ uri: string; languageId: string; text: string }, ClaimInfo[], void>(
  'claimcheck/scanText',
);

/** client → server: turn analysis off (or back on) for one document ("Toggle for This Document"). */
export const SetDocumentEnabledNotification = new NotificationType<{ uri: string; enabled: boolean }>(
  'claimcheck/setDocumentEnabled',
);

/** What the client's note commands act on (from a code action, a hover link or the Claims view). */
export interface ClaimTarget {
  uri: string;
  claimId: string;
  kind: ClaimKind;
  range: Range;
}

// --- Source notes (server commands above; the format itself is server/src/notes/model.ts) ------

/**
 * The claim a notes command is about: an engine claim id (from ListClaimsRequest), or a range —
 * the claim overlapping it, or with `kind` the range's text itself when no claim is there.
 */
export interface ClaimRef {
  claimId?: string;
  range?: Range;
  kind?: ClaimKind;
}

export interface NoteSourceInput {
  url: string;
  title?: string;
  /** The passage of the source that bears on the claim. */
  quote?: string;
  /** YYYY-MM-DD; today when omitted. */
  accessed?: string;
}

export interface NotesDocumentArgs {
  uri: string;
}
export interface NoteIdArgs extends NotesDocumentArgs {
  noteId: string;
}
export interface AddNoteArgs extends NotesDocumentArgs {
  claim: ClaimRef;
  status?: NoteStatus;
  /** Free text, appended to the note's text. */
  note?: string;
  reason?: string;
  source?: NoteSourceInput;
}
export interface SetStatusArgs extends NoteIdArgs {
  status: NoteStatus;
  reason?: string;
}
export interface AddSourceArgs extends NoteIdArgs {
  source: NoteSourceInput;
}
/** Exactly one of `noteId` and `claim`. */
export interface DismissArgs extends NotesDocumentArgs {
  noteId?: string;
  claim?: ClaimRef;
  reason: string;
}
export interface ReattachArgs extends NoteIdArgs {
  claim: ClaimRef;
}
export type NotesExportFormat = 'webAnnotation' | 'claimReview' | 'markdown' | 'csv';
export interface ExportNotesArgs extends NotesDocumentArgs {
  format: NotesExportFormat;
}
export interface ImportAnnotationsArgs extends NotesDocumentArgs {
  /** A W3C Web Annotation collection, page, array or single annotation: JSON or its text. */
  annotations: unknown;
}

/** A note as the server reports it: the stored note plus where its claim is now. */
export interface NoteInfo extends Note {
  /** null when the note is orphaned (its claim's text is gone). */
  range: Range | null;
  orphaned: boolean;
  /** How the claim was last found: where it was, by its quote elsewhere, or approximately. */
  anchoredBy: 'position' | 'quote' | 'fuzzy' | null;
}

export interface NoteCommandResult {
  note: NoteInfo | null;
  /** Whether the change reached the notes file (false for untitled documents and on errors). */
  saved: boolean;
  /** Why it was not saved; the change is kept in memory and retried. */
  error: string | null;
}

export interface ListNotesResult {
  uri: string;
  /** The notes file (workspace-relative), or null when notes are kept in memory. */
  notesFile: string | null;
  /** Why the notes file cannot be read or written, if so. */
  error: string | null;
  notes: NoteInfo[];
}

export interface ExportNotesResult {
  format: NotesExportFormat;
  mediaType: string;
  /** A suggested file name ("a.txt.annotations.jsonld"). */
  fileName: string;
  content: string;
}

export interface ImportAnnotationsResult extends NoteCommandResult {
  added: number;
  replaced: number;
  unchanged: number;
  /** One line per annotation skipped or adjusted. */
  warnings: string[];
}

/** server → client: the notes of a document changed (an operation, a reload, an orphan). */
export const NotesChangedNotification = new NotificationType<{ uri: string }>('claimcheck/notesChanged');

/** Where notes files live: `.claimcheck/notes/<path>.json` in the workspace, or next to the article. */
export type NotesLocation = 'workspace' | 'sidecar';

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
  /** Severity of claims that have a note, by its status (unverified claims use `severity`). */
  statusSeverity: Record<'verified' | 'disputed' | 'false' | 'needs-context' | 'dismissed', SeverityName>;
  run: RunMode;
  debounceMs: number;
  maxFileSize: number;
  maxDiagnostics: number;
  exclude: string[];
  notesLocation: NotesLocation;
  /**
   * A git ref ("HEAD", "origin/main"): only claims on lines added or changed since it are shown.
   * Empty: every claim.
   */
  changedSince: string;
}

/**
 * What `claimcheck.changedSince` accepts besides "": a ref is passed to git's object lookup, so
 * none may read as an option (a leading "-") or hold white space.
 */
export const GIT_REF_PATTERN = /^[^\s-]\S*$/;

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
  statusSeverity: { verified: 'hint', disputed: 'warning', false: 'warning', 'needs-context': 'information', dismissed: 'none' },
  run: 'onType',
  debounceMs: 300,
  maxFileSize: 5 * 1024 * 1024,
  maxDiagnostics: 200,
  exclude: [],
  notesLocation: 'workspace',
  changedSince: '',
};
