/**
 * LSP adapter for source notes. `registerNotes()` is the one call `server.ts` makes; it connects
 * the editor-neutral NotesService (`../notes/`) to the connection:
 *  - the `claimcheck.server.*` notes commands (`NotesCommands`, below): arguments checked, LSP
 *    ranges ↔ offsets, results as `NoteInfo`, user mistakes as InvalidParams with a message;
 *  - document events and notes file watching (`notesDocuments.ts`);
 *  - document-level diagnostics (`notesDiagnostics.ts`), appended by server.ts's `diagnose`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Claim } from '../analysis';
import {
  Commands,
  NotesChangedNotification,
  type ClaimCheckSettings,
  type ClaimKind,
  type ClaimRef,
  type ExportNotesResult,
  type ImportAnnotationsResult,
  type ListNotesResult,
  type NoteCommandResult,
  type NoteInfo,
  type NotesExportFormat,
} from '../contract';
import type { Logger } from '../logger';
import { reanchor } from '../notes/anchor';
import { authorName } from '../notes/author';
import * as args from '../notes/commandArgs';
import { claimAt } from '../notes/claimAt';
import { exportNotes } from '../notes/export';
import { fromWebAnnotations } from '../notes/import/webAnnotation';
import type { Note } from '../notes/model';
import { NoteInputError } from '../notes/operations';
import { placeFor } from '../notes/places';
import { moveNotesOnRename } from '../notes/rename';
import { findStrayNotes } from '../notes/strays';
import { workspaceFor, workspaceRoots } from '../paths/workspace';
import { NotesService, type ClaimTarget, type NotesChange, type NoteView } from '../notes/service';
import { isReported } from './diagnostics';
import type { AnalysisCache } from './documentAnalysis';
import { notesDiagnostics } from './notesDiagnostics';
import { NotesDocumentSync, type NotesUi } from './notesDocuments';
import { toRange } from './positions';

/** What server.ts gives the notes feature besides the connection. */
export interface NotesWiring {
  settingsFor(uri: string): Promise<ClaimCheckSettings>;
  /** Notes changed without a text change (an operation, a reload): diagnostics must be pulled afresh. */
  changed(uri: string): void;
}

export interface NotesFeature {
  initialize(params: InitializeParams): void;
  handles(command: string): boolean;
  execute(command: string, commandArgs: unknown[] | undefined): Promise<unknown>;
  /** Document-level diagnostics: an unreadable notes file, unsaved changes, orphaned notes. */
  diagnostics(document: TextDocument): Diagnostic[];
  /** The note status of a claim of an open document ("unverified" without a note). */
  statusOf(uri: string): (claim: Claim) => string;
  /** The note attached to a claim of an open document, if any (for the hover card). */
  noteOf(uri: string): (claim: Claim) => Note | undefined;
}

const NOTES_COMMANDS = new Set<string>([
  Commands.server.addNote,
  Commands.server.setStatus,
  Commands.server.addSource,
  Commands.server.dismiss,
  Commands.server.undo,
  Commands.server.deleteNote,
  Commands.server.reattach,
  Commands.server.listNotes,
  Commands.server.exportNotes,
  Commands.server.importAnnotations,
]);

export function registerNotes(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  analyses: AnalysisCache,
  log: Logger,
  wiring: NotesWiring,
): NotesFeature {
  let roots: string[] = [];
  const ui: NotesUi = {
    changed(uri) {
      wiring.changed(uri);
      connection.sendNotification(NotesChangedNotification, { uri }).catch((err: unknown) => log.warn(`notesChanged notification failed: ${String(err)}`));
    },
    warn(message) {
      log.warn(message);
      // A notification, not window.showWarningMessage: that one sends a request whose rejection
      // (a client without window/showMessageRequest) would go unhandled, though typed as void.
      connection
        .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message })
        .catch((err: unknown) => log.warn(`could not show a message: ${String(err)}`));
    },
  };
  const service = new NotesService({
    place: async (uri) => placeFor(uri, roots, (await wiring.settingsFor(uri)).notesLocation),
    // git's user.name is per repository: ask in the article's workspace folder.
    author: (uri) => authorName((uri.startsWith('file:') ? workspaceFor(fileURLToPath(uri), roots) : null) ?? roots[0] ?? null),
  });
  const sync = new NotesDocumentSync(connection, documents, service, ui, log, {
    move: (oldPath, newPath) => moveNotesOnRename(oldPath, newPath, roots),
    strays: (articlePath, text) => findStrayNotes(articlePath, roots, text),
  });
  sync.listen();
  const commands = new NotesCommands(documents, analyses, service, ui, log, wiring.settingsFor);

  return {
    initialize(params) {
      roots = workspaceRoots(params);
      sync.initialize(params);
    },
    handles: (command) => NOTES_COMMANDS.has(command),
    execute: (command, commandArgs) => commands.execute(command, commandArgs),
    diagnostics(document) {
      const status = service.status(document.uri);
      if (!status) return [];
      sync.checkDisk(document.uri);
      return notesDiagnostics(status);
    },
    statusOf: (uri) => (service.hasNotes(uri) ? (claim) => service.noteForClaim(uri, claim)?.note.status ?? 'unverified' : () => 'unverified'),
    noteOf: (uri) => (service.hasNotes(uri) ? (claim) => service.noteForClaim(uri, claim)?.note : () => undefined),
  };
}

class NotesCommands {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisCache,
    private readonly service: NotesService,
    private readonly ui: NotesUi,
    private readonly log: Logger,
    private readonly settingsFor: (uri: string) => Promise<ClaimCheckSettings>,
  ) {}

  async execute(command: string, commandArgs: unknown[] | undefined): Promise<unknown> {
    try {
      return await this.run(command, commandArgs);
    } catch (err) {
      if (err instanceof NoteInputError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
      this.log.error(`${command} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      throw err;
    }
  }

  private async run(command: string, commandArgs: unknown[] | undefined): Promise<unknown> {
    const { service } = this;
    switch (command) {
      case Commands.server.addNote: {
        const a = args.addNoteArgs(command, commandArgs);
        const document = this.openDocument(a.uri);
        return this.result(document, await service.addNote(a.uri, this.claimTarget(document, a.claim), a));
      }
      case Commands.server.setStatus: {
        const a = args.setStatusArgs(command, commandArgs);
        const document = this.openDocument(a.uri);
        return this.result(document, await service.setStatus(a.uri, a.noteId, a.status, a.reason));
      }
      case Commands.server.addSource: {
        const a = args.addSourceArgs(command, commandArgs);
        const document = this.openDocument(a.uri);
        return this.result(document, await service.addSource(a.uri, a.noteId, a.source));
      }
      case Commands.server.dismiss: {
        const a = args.dismissArgs(command, commandArgs);
        const document = this.openDocument(a.uri);
        const target = a.noteId !== undefined ? { noteId: a.noteId } : { claim: this.claimTarget(document, a.claim as ClaimRef) };
        return this.result(document, await service.dismiss(a.uri, target, a.reason));
      }
      case Commands.server.undo: {
        const a = args.documentArgs(command, commandArgs);
        const document = this.openDocument(a.uri);
        return this.result(document, await service.undo(a.uri));
      }
      case Commands.server.deleteNote: {
        const a = args.noteIdArgs(command, commandArgs);
        const document = this.openDocument(a.uri);
        return this.result(document, await service.deleteNote(a.uri, a.noteId));
      }
      case Commands.server.reattach: {
        const a = args.reattachArgs(command, commandArgs);
        const document = this.openDocument(a.uri);
        return this.result(document, await service.reattach(a.uri, a.noteId, this.claimTarget(document, a.claim)));
      }
      case Commands.server.listNotes:
        return this.list(this.openDocument(args.documentArgs(command, commandArgs).uri));
      case Commands.server.exportNotes: {
        const a = args.exportArgs(command, commandArgs);
        return this.export(this.openDocument(a.uri), a.format);
      }
      case Commands.server.importAnnotations: {
        const a = args.importArgs(command, commandArgs);
        return this.import(this.openDocument(a.uri), a.annotations);
      }
      default:
        throw new Error(`not a notes command: ${command}`);
    }
  }

  private openDocument(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document || !this.service.isOpen(uri)) throw new NoteInputError(`${uri} is not open: open the document to work with its notes`);
    return document;
  }

  /** The claim a command names: by engine id, or the claim at a range (or, given a kind, the range itself). */
  private claimTarget(document: TextDocument, ref: ClaimRef): ClaimTarget {
    const claims = this.analyses.get(document).claims;
    if (ref.claimId !== undefined) {
      const claim = claims.find((c) => c.id === ref.claimId);
      if (!claim) throw new NoteInputError(`no claim ${ref.claimId} in the document (its text may have changed): list the claims again`);
      return { kind: claim.kind, start: claim.start, end: claim.end, claimId: claim.id };
    }
    const range = ref.range as NonNullable<ClaimRef['range']>;
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const claim = claimAt(claims, start, end, ref.kind);
    if (claim) return { kind: claim.kind, start: claim.start, end: claim.end, claimId: claim.id };
    if (ref.kind !== undefined && end > start) return { kind: ref.kind, start, end };
    const what = ref.kind === undefined ? 'claim' : `${ref.kind} claim`;
    throw new NoteInputError(
      `no ${what} at ${range.start.line + 1}:${range.start.character + 1}; to note this text anyway, give a non-empty range and a "kind"`,
    );
  }

  private noteInfo(document: TextDocument, view: NoteView): NoteInfo {
    return {
      ...view.note,
      range: view.span ? toRange(document, view.span.start, view.span.end) : null,
      orphaned: view.span === null,
      anchoredBy: view.anchoredBy,
    };
  }

  private result(document: TextDocument, change: NotesChange): NoteCommandResult {
    if (change.error) this.ui.warn(change.error.message);
    this.ui.changed(document.uri);
    return { note: change.note ? this.noteInfo(document, change.note) : null, saved: change.saved, error: change.error?.message ?? null };
  }

  private async list(document: TextDocument): Promise<ListNotesResult> {
    await this.service.snapshot(document.uri); // waits until the notes are loaded
    const status = this.service.status(document.uri);
    const place = status?.place;
    return {
      uri: document.uri,
      notesFile: place?.durable ? place.display : null,
      error: status?.loadError?.message ?? status?.saveError?.message ?? null,
      notes: this.service.list(document.uri).map((view) => this.noteInfo(document, view)),
    };
  }

  private async export(document: TextDocument, format: NotesExportFormat): Promise<ExportNotesResult> {
    const { article } = await this.service.snapshot(document.uri);
    const settings = await this.settingsFor(document.uri);
    const exported = exportNotes(format, {
      articleUri: document.uri,
      article,
      fileName: document.uri.startsWith('file:') ? path.basename(fileURLToPath(document.uri)) : 'untitled',
      text: document.getText(),
      notes: this.service.list(document.uri),
      claims: this.analyses.get(document).claims,
      reported: (claim) => isReported(claim, settings),
      generated: new Date(),
    });
    return { format, ...exported };
  }

  private async import(document: TextDocument, annotations: unknown): Promise<ImportAnnotationsResult> {
    let input = annotations;
    if (typeof annotations === 'string') {
      try {
        input = JSON.parse(annotations) as unknown;
      } catch (err) {
        throw new NoteInputError(`the annotations are not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const text = document.getText();
    const claims = this.analyses.get(document).claims;
    const { notes, warnings } = fromWebAnnotations(input, {
      // Annotations from other tools do not say what kind of claim they are about: the engine does.
      inferKind: (anchor): ClaimKind | undefined => {
        const found = reanchor(text, anchor);
        return found ? claimAt(claims, found.start, found.end)?.kind : undefined;
      },
    });
    for (const w of warnings) this.log.info(`import into ${document.uri}: ${w}`);
    const result = await this.service.importNotes(document.uri, notes);
    return { ...this.result(document, result), added: result.added, replaced: result.replaced, unchanged: result.unchanged, warnings };
  }
}
