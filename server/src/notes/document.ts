/**
 * One open document's notes and their notes file: the tracked notes, the file as this writer last
 * read or wrote it (the base for merges), load and save errors, changes not yet on disk, undo,
 * and a queue so that no two operations on the document interleave across their awaits.
 *
 * The service decides what a change is; this class decides how it reaches the disk and how the
 * disk's changes (another writer, git) come back into memory — always by merging, never by
 * dropping what memory has.
 */
import type { NotesError } from './errors';
import { mergeNotes } from './merge';
import { NOTES_SCHEMA_VERSION, type Note, type NotesFile } from './model';
import { loadNotes, saveNotes } from './store';
import { TrackedNotes, type NoteView } from './tracked';
import { UndoHistory } from './undo';

/** Where a document's notes are kept: a notes file, or memory only (with the reason). */
export type NotesPlace =
  | { durable: true; notesPath: string; /** for messages */ display: string; article: string }
  | { durable: false; article: string; why: string };

export interface DocumentNotesStatus {
  place: NotesPlace | null;
  /** The notes file could not be read: its notes are not shown and it will not be overwritten. */
  loadError: NotesError | null;
  /** The last save failed; `dirty` changes wait in memory. */
  saveError: NotesError | null;
  dirty: boolean;
  orphans: NoteView[];
}

export class DocumentNotes {
  place: NotesPlace | null = null;
  readonly tracked: TrackedNotes;
  readonly undo: UndoHistory;
  /** Resolves once the notes file has been read (or found unreadable). */
  readonly ready: Promise<void>;
  /** Changes in memory that are not in the notes file yet. */
  dirty = false;
  private loadError: NotesError | null = null;
  private saveError: NotesError | null = null;
  private disk: { hash: string | null; base: NotesFile | null } = { hash: null, base: null };
  private queue: Promise<unknown> = Promise.resolve();

  /** `after`: a previous instance of the same document still saving; its file is read after that. */
  constructor(
    readonly uri: string,
    text: string,
    locate: () => Promise<NotesPlace>,
    after: Promise<unknown> = Promise.resolve(),
  ) {
    this.tracked = new TrackedNotes(text);
    this.undo = new UndoHistory(this.tracked);
    this.ready = this.enqueue(async () => {
      await after;
      await this.load(locate);
    });
  }

  get durable(): boolean {
    return this.place?.durable === true;
  }

  /** Runs `task` after every task queued before it, whether they succeeded or not. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  status(): DocumentNotesStatus {
    return { place: this.place, loadError: this.loadError, saveError: this.saveError, dirty: this.dirty, orphans: this.tracked.orphans() };
  }

  /** Memory as a notes file: what a save would write. */
  file(): NotesFile {
    return { schemaVersion: NOTES_SCHEMA_VERSION, article: this.place?.article ?? this.uri, notes: this.tracked.notes() };
  }

  /** Whether an article save should rewrite the notes file (its selectors follow the saved text). */
  hasNotesToSave(): boolean {
    if (!this.durable || (this.loadError && !this.dirty)) return false;
    return this.tracked.size > 0 || this.disk.hash !== null;
  }

  /** Writes memory to the notes file, merging with other writers. Null on success. Call queued. */
  async save(): Promise<NotesError | null> {
    if (!this.place?.durable) {
      this.dirty = false;
      return null;
    }
    const result = await saveNotes(this.place.notesPath, this.file(), {
      expectedHash: this.disk.hash,
      base: this.disk.base,
      display: this.place.display,
    });
    if (!result.ok) {
      this.saveError = result.error;
      return result.error;
    }
    this.saveError = null;
    this.loadError = null;
    this.dirty = false;
    this.disk = { hash: result.hash, base: result.file };
    if (result.merged) this.adopt(result.file.notes);
    return null;
  }

  /** Re-reads the notes file and merges it into memory. True when anything visible changed. Call queued. */
  async reload(): Promise<boolean> {
    if (!this.place?.durable) return false;
    const loaded = await loadNotes(this.place.notesPath, this.place.article, this.place.display);
    if (!loaded.ok) {
      const changed = this.loadError?.message !== loaded.error.message;
      this.loadError = loaded.error;
      return changed;
    }
    const hadError = this.loadError !== null;
    this.loadError = null;
    if (loaded.hash === this.disk.hash) return hadError;
    if (loaded.hash === null) {
      // The file was deleted (a branch switch, a cleanup): keep the notes in memory, never drop
      // them on that evidence alone; the next save writes them back.
      this.disk = { hash: null, base: null };
      return hadError;
    }
    const merged = mergeNotes(this.disk.base?.notes ?? null, this.tracked.notes(), loaded.file.notes);
    this.disk = { hash: loaded.hash, base: loaded.file };
    this.adopt(merged);
    // Changes that could not be saved before (the file was malformed, read-only) go in now.
    if (this.dirty) await this.save();
    return true;
  }

  private async load(locate: () => Promise<NotesPlace>): Promise<void> {
    try {
      this.place = await locate();
    } catch (err) {
      this.place = { durable: false, article: this.uri, why: `could not locate its notes file: ${String(err)}` };
    }
    if (!this.place.durable) return;
    const loaded = await loadNotes(this.place.notesPath, this.place.article, this.place.display);
    if (!loaded.ok) {
      this.loadError = loaded.error;
      return;
    }
    this.disk = { hash: loaded.hash, base: loaded.file };
    for (const note of loaded.file.notes) this.tracked.put(note);
  }

  /** Makes memory hold exactly `notes`, keeping the spans of notes that did not change. */
  private adopt(notes: readonly Note[]): void {
    const ids = new Set(notes.map((n) => n.id));
    for (const view of this.tracked.views()) if (!ids.has(view.note.id)) this.tracked.remove(view.note.id);
    for (const note of notes) {
      const mine = this.tracked.stored(note.id);
      if (!mine || mine.updated !== note.updated) this.tracked.put(note);
    }
  }
}
