/**
 * Undo for notes operations. Each operation is one step, recorded per note as "what it was
 * before" and "its `updated` after". A step is undone only while its notes are still as the step
 * left them: a note changed since (by a merge with another writer) is never overwritten by undo.
 * Pure (works on TrackedNotes).
 */
import type { Span } from './edits';
import type { Note } from './model';
import { NoteInputError, restored, type EditContext } from './operations';
import type { TrackedNotes } from './tracked';

/** Steps remembered per document. */
const MAX_STEPS = 50;

interface UndoStep {
  label: string;
  /** Per note: the note before the step (null: it did not exist) and its `updated` after (null: deleted). */
  changes: { id: string; before: Note | null; after: string | null }[];
}

/** Applies one operation's changes to the notes, remembering what each note was before. */
export class Transaction {
  readonly before = new Map<string, Note | null>();

  constructor(private readonly tracked: TrackedNotes) {}

  get changed(): boolean {
    return this.before.size > 0;
  }

  put(note: Note, span?: Span | null): void {
    this.remember(note.id);
    this.tracked.put(note, span ?? undefined);
  }

  remove(id: string): void {
    this.remember(id);
    this.tracked.remove(id);
  }

  /** Puts everything back as it was before this transaction (the operation failed half-way). */
  rollback(): void {
    for (const [id, before] of this.before) {
      if (before === null) this.tracked.remove(id);
      else this.tracked.put(before);
    }
  }

  private remember(id: string): void {
    if (!this.before.has(id)) this.before.set(id, this.tracked.current(id) ?? null);
  }
}

export class UndoHistory {
  private readonly steps: UndoStep[] = [];

  constructor(private readonly tracked: TrackedNotes) {}

  record(label: string, tx: Transaction): void {
    const changes = [...tx.before].map(([id, before]) => ({ id, before, after: this.tracked.stored(id)?.updated ?? null }));
    this.steps.push({ label, changes });
    if (this.steps.length > MAX_STEPS) this.steps.shift();
  }

  /**
   * Reverts the last step through `tx`. Returns its label and the note to show (null when the
   * step had added the note). Throws NoteInputError when there is nothing to undo or a note of
   * the step was changed since.
   */
  undoLast(tx: Transaction, ctx: EditContext): { label: string; shown: string | null } {
    const step = this.steps.at(-1);
    if (!step) throw new NoteInputError('nothing to undo for this document');
    for (const change of step.changes) {
      const current = this.tracked.stored(change.id);
      if ((current?.updated ?? null) !== change.after) {
        const by = current ? ` (by ${current.author})` : '';
        throw new NoteInputError(`cannot undo "${step.label}": note ${change.id} was changed since${by}; nothing was undone`);
      }
    }
    this.steps.pop();
    let shown: string | null = null;
    for (const change of step.changes) {
      if (change.before === null) tx.remove(change.id);
      else {
        tx.put(restored(change.before, this.tracked.current(change.id), ctx));
        shown = change.id;
      }
      this.carryForward(change.id, change.before?.updated ?? null);
    }
    return { label: step.label, shown };
  }

  /**
   * Undo stamps a new `updated` (so other writers see it as the newest edit). The previous step
   * on the same note expects the state it left — exactly what was restored — so it is told the
   * new stamp, unless someone else had changed the note in between.
   */
  private carryForward(id: string, restoredFrom: string | null): void {
    const previous = [...this.steps].reverse().find((s) => s.changes.some((c) => c.id === id));
    const expected = previous?.changes.find((c) => c.id === id);
    if (expected && expected.after === restoredFrom) expected.after = this.tracked.stored(id)?.updated ?? null;
  }
}
