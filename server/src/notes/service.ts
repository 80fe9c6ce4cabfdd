/**
 * NotesService: the source notes of every open document, editor-neutral (no LSP types).
 *
 * - Each document's notes are tracked against its current text (`TrackedNotes`); the adapter
 *   calls `update()` on every change, synchronously, so positions are never stale.
 * - Every user operation runs in a per-document queue (no two interleave across their awaits),
 *   changes memory, records one undo step, then saves through `store.ts`. A failed save keeps the
 *   change in memory (`dirty`) and reports why; the next save or reload retries it.
 * - Documents without a file (untitled) keep notes in memory only; `close()` hands them back so
 *   the adapter can offer them to the file the document is saved as.
 */
import { randomBytes } from 'node:crypto';
import { selectorFor } from './anchor';
import { DocumentNotes, type DocumentNotesStatus, type NotesPlace } from './document';
import type { NotesError } from './errors';
import { isNewer } from './merge';
import type { Note, NotesFile, NoteStatus } from './model';
import {
  applyInit,
  createNote,
  NoteInputError,
  nextTimestamp,
  withSource,
  withStatus,
  type EditContext,
  type NoteInit,
  type SourceInput,
} from './operations';
import type { ClaimTarget, NoteView } from './tracked';
import { Transaction } from './undo';

export type { ClaimTarget, DocumentNotesStatus, NotesPlace, NoteView };

export interface NotesServiceOptions {
  place(uri: string): Promise<NotesPlace>;
  author(uri: string): Promise<string>;
  now?: () => Date;
  newId?: () => string;
}

/** The outcome of an operation: the note as it is now, and whether it reached the disk. */
export interface NotesChange {
  note: NoteView | null;
  /** True when the change is in the notes file (always false for memory-only documents). */
  saved: boolean;
  /** Why the change could not be saved (it is kept in memory). */
  error: NotesError | null;
}

export interface ImportSummary extends NotesChange {
  added: number;
  replaced: number;
  unchanged: number;
}

export class NotesService {
  private readonly docs = new Map<string, DocumentNotes>();
  /** Closed documents still writing their last changes: a reopen reads the file after them. */
  private readonly closing = new Map<string, Promise<unknown>>();
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: NotesServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => `n-${randomBytes(6).toString('hex')}`);
  }

  // --- document lifecycle --------------------------------------------------------------------

  /** Starts tracking a document and loads its notes. Resolves when they are loaded. */
  open(uri: string, text: string): Promise<void> {
    const existing = this.docs.get(uri);
    if (existing) {
      existing.tracked.update(text);
      return existing.ready;
    }
    const doc = new DocumentNotes(uri, text, () => this.options.place(uri), this.closing.get(uri));
    this.docs.set(uri, doc);
    return doc.ready;
  }

  isOpen(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** Follows a text change. True when a note was orphaned or found again. */
  update(uri: string, text: string): boolean {
    return this.docs.get(uri)?.tracked.update(text) ?? false;
  }

  /** The article was saved: write the notes' selectors for the text as saved. */
  async articleSaved(uri: string): Promise<NotesError | null> {
    const doc = this.docs.get(uri);
    if (!doc) return null;
    return doc.enqueue(async () => (doc.hasNotesToSave() ? doc.save() : null));
  }

  /**
   * Stops tracking a document, retrying any unsaved change first. Returns its notes when they
   * exist only in memory (untitled), so the caller can offer them elsewhere.
   */
  close(uri: string): Promise<Note[]> {
    const doc = this.docs.get(uri);
    if (!doc) return Promise.resolve([]);
    // Forget it now, so that a reopen starts afresh, but let its last save finish first.
    this.docs.delete(uri);
    const closed = doc.enqueue(async () => {
      if (doc.dirty && doc.durable) await doc.save();
      return doc.durable ? [] : doc.tracked.notes();
    });
    const settled = closed.catch(() => undefined);
    this.closing.set(uri, settled);
    void settled.then(() => {
      if (this.closing.get(uri) === settled) this.closing.delete(uri);
    });
    return closed;
  }

  /** Resolves once every closed document's last save is done (before notes files move). */
  async closingSettled(): Promise<void> {
    await Promise.all(this.closing.values());
  }

  /**
   * Re-reads the notes file (changed by git, another window, the CLI) and merges it with memory.
   * True when anything visible changed.
   */
  reload(uri: string): Promise<boolean> {
    const doc = this.docs.get(uri);
    return doc ? doc.enqueue(() => doc.reload()) : Promise.resolve(false);
  }

  /** Open documents whose notes live in `notesPath`. */
  documentsUsing(notesPath: string): string[] {
    return [...this.docs.values()].filter((d) => d.place?.durable && d.place.notesPath === notesPath).map((d) => d.uri);
  }

  // --- queries -------------------------------------------------------------------------------

  list(uri: string): NoteView[] {
    return this.doc(uri).tracked.views();
  }

  noteForClaim(uri: string, claim: ClaimTarget): NoteView | undefined {
    return this.docs.get(uri)?.tracked.findForClaim(claim);
  }

  /** Whether the document has any note: most have none, and then no claim needs a look-up. */
  hasNotes(uri: string): boolean {
    return (this.docs.get(uri)?.tracked.size ?? 0) > 0;
  }

  status(uri: string): DocumentNotesStatus | undefined {
    return this.docs.get(uri)?.status();
  }

  /** The notes file as it would be written now. */
  async snapshot(uri: string): Promise<NotesFile> {
    const doc = this.doc(uri);
    await doc.ready;
    return doc.file();
  }

  // --- operations ----------------------------------------------------------------------------

  /** Adds a note to a claim; when the claim has one already, applies `init` to it instead. */
  addNote(uri: string, claim: ClaimTarget, init: NoteInit = {}): Promise<NotesChange> {
    return this.mutate(uri, 'add note', (doc, ctx, tx) => {
      checkTarget(doc.tracked.text, claim);
      const existing = doc.tracked.findForClaim(claim);
      if (existing) {
        const edited = applyInit(existing.note, init, ctx);
        if (edited !== existing.note) tx.put(edited, existing.span);
        return existing.note.id;
      }
      const anchor = selectorFor(doc.tracked.text, claim.start, claim.end);
      const note = createNote(
        this.newId(),
        { kind: claim.kind, ...(claim.claimId !== undefined && { claimId: claim.claimId }), ...anchor },
        init,
        ctx,
      );
      tx.put(note, claim);
      return note.id;
    });
  }

  setStatus(uri: string, noteId: string, status: NoteStatus, reason?: string): Promise<NotesChange> {
    return this.mutate(uri, `set status ${status}`, (doc, ctx, tx) => {
      const view = this.viewOf(doc, noteId);
      const edited = withStatus(view.note, status, reason, ctx);
      if (edited !== view.note) tx.put(edited, view.span);
      return noteId;
    });
  }

  addSource(uri: string, noteId: string, source: SourceInput): Promise<NotesChange> {
    return this.mutate(uri, 'add source', (doc, ctx, tx) => {
      const view = this.viewOf(doc, noteId);
      const edited = withSource(view.note, source, ctx);
      if (edited !== view.note) tx.put(edited, view.span);
      return noteId;
    });
  }

  /** Dismisses a note's claim, or a claim without a note (creating one). A reason is required. */
  dismiss(uri: string, target: { noteId: string } | { claim: ClaimTarget }, reason: string): Promise<NotesChange> {
    if (typeof reason !== 'string' || reason.trim() === '') {
      return Promise.reject(new NoteInputError('a reason is required to dismiss a claim (say why it needs no check)'));
    }
    return 'noteId' in target
      ? this.setStatus(uri, target.noteId, 'dismissed', reason)
      : this.addNote(uri, target.claim, { status: 'dismissed', reason });
  }

  deleteNote(uri: string, noteId: string): Promise<NotesChange> {
    return this.mutate(uri, 'delete note', (doc, _ctx, tx) => {
      this.viewOf(doc, noteId);
      tx.remove(noteId);
      return null;
    });
  }

  /** Points a note (usually an orphan) at a claim in the current text. */
  reattach(uri: string, noteId: string, claim: ClaimTarget): Promise<NotesChange> {
    return this.mutate(uri, 're-attach note', (doc, ctx, tx) => {
      checkTarget(doc.tracked.text, claim);
      const { note } = this.viewOf(doc, noteId);
      const anchor = selectorFor(doc.tracked.text, claim.start, claim.end);
      // The engine's old claim id described the old claim: replaced, or dropped when unknown.
      const moved: Note = {
        ...note,
        claim: { kind: claim.kind, ...(claim.claimId !== undefined && { claimId: claim.claimId }), ...anchor },
        updated: nextTimestamp(note.updated, ctx.now),
      };
      tx.put(moved, claim);
      return noteId;
    });
  }

  /** Merges notes from elsewhere (an imported export, an untitled document's notes) by id. */
  async importNotes(uri: string, notes: readonly Note[], label = 'import notes'): Promise<ImportSummary> {
    const counts = { added: 0, replaced: 0, unchanged: 0 };
    const change = await this.mutate(uri, label, (doc, _ctx, tx) => {
      for (const note of notes) {
        const existing = doc.tracked.stored(note.id);
        if (!existing) counts.added++;
        else if (isNewer(note, existing)) counts.replaced++;
        else {
          counts.unchanged++;
          continue;
        }
        tx.put(note);
      }
      return null;
    });
    return { ...change, ...counts };
  }

  /** Reverts the document's last operation (each operation is one step). */
  undo(uri: string): Promise<NotesChange & { undone: string }> {
    let undone = '';
    return this.mutate(
      uri,
      'undo',
      (doc, ctx, tx) => {
        const { label, shown } = doc.undo.undoLast(tx, ctx);
        undone = label;
        return shown;
      },
      { recordUndo: false },
    ).then((change) => ({ ...change, undone }));
  }

  // --- internals -----------------------------------------------------------------------------

  private doc(uri: string): DocumentNotes {
    const doc = this.docs.get(uri);
    if (!doc) throw new NoteInputError(`${uri} is not open: open the document to work with its notes`);
    return doc;
  }

  private viewOf(doc: DocumentNotes, noteId: string): NoteView {
    const view = doc.tracked.view(noteId);
    if (!view) throw new NoteInputError(`no note ${noteId} in ${doc.place?.article ?? doc.uri} (it may have been deleted)`);
    return view;
  }

  private mutate(
    uri: string,
    label: string,
    edit: (doc: DocumentNotes, ctx: EditContext, tx: Transaction) => string | null,
    options = { recordUndo: true },
  ): Promise<NotesChange> {
    let doc: DocumentNotes;
    try {
      doc = this.doc(uri);
    } catch (err) {
      return Promise.reject(err);
    }
    return doc.enqueue(async () => {
      await doc.ready;
      const ctx: EditContext = { author: await this.options.author(uri), now: this.now() };
      const tx = new Transaction(doc.tracked);
      let shown: string | null;
      try {
        shown = edit(doc, ctx, tx);
      } catch (err) {
        tx.rollback();
        throw err;
      }
      const view = shown === null ? null : (doc.tracked.view(shown) ?? null);
      if (!tx.changed) return { note: view, saved: !doc.dirty && doc.durable, error: doc.status().saveError };
      if (options.recordUndo) doc.undo.record(label, tx);
      doc.dirty = true;
      const error = await doc.save();
      return { note: shown === null ? null : (doc.tracked.view(shown) ?? null), saved: error === null && doc.durable, error };
    });
  }
}

function checkTarget(text: string, claim: ClaimTarget): void {
  if (!Number.isInteger(claim.start) || !Number.isInteger(claim.end) || claim.start < 0 || claim.end > text.length || claim.start >= claim.end) {
    throw new NoteInputError(`claim range ${claim.start}-${claim.end} is not a non-empty range inside the document (length ${text.length})`);
  }
  if (text.slice(claim.start, claim.end).trim() === '') throw new NoteInputError('a claim cannot be only whitespace');
}
