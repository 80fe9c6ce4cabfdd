/**
 * The notes of one open document and where each one's claim is in the current text. Pure.
 *
 * Every text change goes through `update()`: notes the edit did not touch are shifted, touched
 * ones are found again (`anchor.ts`), and a note whose text is gone becomes orphaned — kept, with
 * the selectors of the last text it was found in, and retried whenever an edit might bring its
 * text back (a paragraph cut and pasted elsewhere is orphaned only in between).
 *
 * A note's stored selectors are refreshed from the current text whenever it is read (`current`),
 * so what gets saved always describes the text as it is.
 */
import type { ClaimKind } from '../contract';
import { mayReappear, reanchor, selectorFor, type AnchorMethod } from './anchor';
import { diffRegion, mapSpan, type Span } from './edits';
import type { Note } from './model';

export interface NoteView {
  /** The note, its selectors describing the current text when it is attached. */
  note: Note;
  /** Where its claim is now; null when orphaned. */
  span: Span | null;
  /** How the claim was last found (null when orphaned). */
  anchoredBy: AnchorMethod | null;
}

/** A claim as commands name it: its kind and where it is in the current text. */
export interface ClaimTarget extends Span {
  kind: ClaimKind;
  claimId?: string;
}

interface Entry {
  note: Note;
  span: Span | null;
  anchoredBy: AnchorMethod | null;
}

export class TrackedNotes {
  private readonly entries = new Map<string, Entry>();

  constructor(private currentText: string) {}

  get text(): string {
    return this.currentText;
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The note as last stored (selectors possibly from an older text). */
  stored(id: string): Note | undefined {
    return this.entries.get(id)?.note;
  }

  /** Adds or replaces a note, finding its claim from its selectors unless `span` is given. */
  put(note: Note, span?: Span): NoteView {
    const match = span ? { ...span, method: 'position' as const } : reanchor(this.currentText, note.claim);
    const entry: Entry = match
      ? { note, span: { start: match.start, end: match.end }, anchoredBy: match.method }
      : { note, span: null, anchoredBy: null };
    this.entries.set(note.id, entry);
    return this.viewOf(entry);
  }

  remove(id: string): void {
    this.entries.delete(id);
  }

  /**
   * Follows the text to `newText`. Returns whether any note was orphaned or found again (what
   * the orphan diagnostics show); shifts alone return false.
   */
  update(newText: string): boolean {
    const oldText = this.currentText;
    this.currentText = newText;
    if (this.entries.size === 0) return false; // Most documents have no notes: no diff needed.
    const edit = diffRegion(oldText, newText);
    if (!edit) return false;
    let orphansChanged = false;
    for (const entry of this.entries.values()) {
      if (entry.span) {
        const fate = mapSpan(entry.span, edit);
        if (!fate.touched) {
          entry.span = fate.span;
          continue;
        }
        const before = selectorFor(oldText, entry.span.start, entry.span.end);
        const match = reanchor(newText, before, fate.hint);
        if (match) {
          entry.span = { start: match.start, end: match.end };
          entry.anchoredBy = match.method;
        } else {
          // Keep where it was last seen: that is what finds it again, and what gets saved.
          entry.note = { ...entry.note, claim: { ...entry.note.claim, ...before } };
          entry.span = null;
          entry.anchoredBy = null;
          orphansChanged = true;
        }
      } else if (mayReappear(newText, edit, entry.note.claim.selector)) {
        const match = reanchor(newText, entry.note.claim);
        if (match) {
          entry.span = { start: match.start, end: match.end };
          entry.anchoredBy = match.method;
          orphansChanged = true;
        }
      }
    }
    return orphansChanged;
  }

  /** A note with selectors describing the current text (unchanged when orphaned). */
  current(id: string): Note | undefined {
    const entry = this.entries.get(id);
    return entry ? this.viewOf(entry).note : undefined;
  }

  view(id: string): NoteView | undefined {
    const entry = this.entries.get(id);
    return entry ? this.viewOf(entry) : undefined;
  }

  /** Attached notes in text order, then orphans in their last known order. */
  views(): NoteView[] {
    return [...this.entries.values()]
      .map((e) => this.viewOf(e))
      .sort((a, b) => {
        if (a.span && b.span) return a.span.start - b.span.start || a.span.end - b.span.end;
        if (a.span || b.span) return a.span ? -1 : 1;
        return a.note.claim.position.start - b.note.claim.position.start;
      });
  }

  notes(): Note[] {
    return this.views().map((v) => v.note);
  }

  orphans(): NoteView[] {
    return this.views().filter((v) => v.span === null);
  }

  /**
   * The note of a claim: the one anchored exactly on it, else the one of the same kind that
   * overlaps it most, else one recorded with the same engine claim id.
   */
  findForClaim(claim: ClaimTarget): NoteView | undefined {
    let best: { entry: Entry; overlap: number } | undefined;
    for (const entry of this.entries.values()) {
      const span = entry.span;
      if (!span) continue;
      if (span.start === claim.start && span.end === claim.end) return this.viewOf(entry);
      const overlap = Math.min(span.end, claim.end) - Math.max(span.start, claim.start);
      if (entry.note.claim.kind === claim.kind && overlap > 0 && (!best || overlap > best.overlap)) best = { entry, overlap };
    }
    if (best) return this.viewOf(best.entry);
    if (claim.claimId === undefined) return undefined;
    const byId = [...this.entries.values()].find((e) => e.span && e.note.claim.claimId === claim.claimId);
    return byId ? this.viewOf(byId) : undefined;
  }

  private viewOf(entry: Entry): NoteView {
    const { note, span } = entry;
    if (!span) return { note, span: null, anchoredBy: null };
    const fresh = { ...note, claim: { ...note.claim, ...selectorFor(this.currentText, span.start, span.end) } };
    return { note: fresh, span: { ...span }, anchoredBy: entry.anchoredBy };
  }
}
