/**
 * Edits of one note, as pure functions: each returns a new note with `updated` moved forward and,
 * for a status change, a history entry. Invalid input (a dismissal without a reason, a source
 * without a usable URL) throws NoteInputError with a message for the person who typed it.
 */
import { MAX_HISTORY, type HistoryEntry, type Note, type NoteClaim, type NoteStatus, type Source } from './model';

/** A mistake in what the user asked for, as opposed to a failure of ClaimCheck. */
export class NoteInputError extends Error {}

export interface EditContext {
  author: string;
  now: Date;
}

export interface SourceInput {
  url: string;
  title?: string;
  quote?: string;
  /** YYYY-MM-DD; today when omitted. */
  accessed?: string;
}

export interface NoteInit {
  status?: NoteStatus;
  note?: string;
  reason?: string;
  source?: SourceInput;
}

export function createNote(id: string, claim: NoteClaim, init: NoteInit, ctx: EditContext): Note {
  const at = ctx.now.toISOString();
  // `updated: ''` lets the edits below stamp `now` itself rather than a millisecond after it.
  const blank: Note = { id, claim, status: 'unverified', sources: [], note: '', author: ctx.author, created: at, updated: '', history: [] };
  const note = applyInit(blank, init, ctx, { isNew: true });
  return { ...note, updated: at };
}

/** Applies what an "add note" asked for to an existing note: status, text (appended), source. */
export function applyInit(note: Note, init: NoteInit, ctx: EditContext, options = { isNew: false }): Note {
  let result = note;
  if (init.status !== undefined || init.reason !== undefined) result = withStatus(result, init.status ?? result.status, init.reason, ctx);
  if (init.note !== undefined && init.note.trim() !== '') result = withText(result, init.note, ctx);
  if (init.source !== undefined) result = withSource(result, init.source, ctx);
  if (options.isNew && result.status === 'dismissed' && !result.reason) throw new NoteInputError('a reason is required to dismiss a claim');
  return result;
}

export function withStatus(note: Note, status: NoteStatus, reason: string | undefined, ctx: EditContext): Note {
  const trimmed = reason?.trim() || undefined;
  if (status === 'dismissed' && !trimmed && !(note.status === 'dismissed' && note.reason)) {
    throw new NoteInputError('a reason is required to dismiss a claim (say why it needs no check)');
  }
  if (status === note.status && (trimmed === undefined || trimmed === note.reason)) return note;
  const updated = nextTimestamp(note.updated, ctx.now);
  const next: Note = { ...note, status, updated };
  // A reason explains one status: a new status without one drops the old (history keeps it).
  if (trimmed !== undefined) next.reason = trimmed;
  else if (status !== note.status) delete next.reason;
  if (status !== note.status) {
    const entry: HistoryEntry = { at: updated, author: ctx.author, from: note.status, to: status };
    if (trimmed !== undefined) entry.reason = trimmed;
    next.history = appendHistory(note.history, entry);
  }
  return next;
}

export function withText(note: Note, text: string, ctx: EditContext): Note {
  const addition = text.trim();
  if (addition === '') return note;
  const combined = note.note.trim() === '' ? addition : `${note.note.trimEnd()}\n\n${addition}`;
  return { ...note, note: combined, updated: nextTimestamp(note.updated, ctx.now) };
}

export function withSource(note: Note, input: SourceInput, ctx: EditContext): Note {
  const source = normaliseSource(input, ctx.now);
  if (note.sources.some((s) => s.url === source.url && s.quote === source.quote)) return note;
  return { ...note, sources: [...note.sources, source], updated: nextTimestamp(note.updated, ctx.now) };
}

/** The previous state of a note put back by undo: a new edit, so its `updated` moves forward. */
export function restored(before: Note, current: Note | undefined, ctx: EditContext): Note {
  const updated = nextTimestamp(current?.updated ?? before.updated, ctx.now);
  if (!current) return { ...before, updated };
  let history = current.history;
  if (current.status !== before.status) {
    history = appendHistory(history, { at: updated, author: ctx.author, from: current.status, to: before.status, reason: 'undo' });
  }
  return { ...before, updated, history };
}

export function normaliseSource(input: SourceInput, now: Date): Source {
  if (typeof input.url !== 'string' || input.url.trim() === '') throw new NoteInputError('a source needs a URL');
  let url: string;
  try {
    url = new URL(input.url.trim()).href;
  } catch {
    throw new NoteInputError(`source URL ${JSON.stringify(input.url)} is not an absolute URL (like https://example.org/report)`);
  }
  const accessed = input.accessed?.trim() || localDate(now);
  if (!isIsoDate(accessed)) throw new NoteInputError(`source "accessed" must be a date like 2024-05-31, got ${JSON.stringify(input.accessed)}`);
  const source: Source = { url, accessed };
  const title = input.title?.trim();
  const quote = input.quote?.trim();
  if (title) source.title = title;
  if (quote) source.quote = quote;
  return source;
}

/** Today in the user's time zone: a source read at 11 pm was read today, not tomorrow in UTC. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/**
 * `now`, or one millisecond after `previous` when the clock has not moved on (two edits in the
 * same millisecond, a clock set back): merging and undo rely on every edit having a later time.
 */
export function nextTimestamp(previous: string, now: Date): string {
  const before = Date.parse(previous);
  const at = Number.isNaN(before) || now.getTime() > before ? now.getTime() : before + 1;
  return new Date(at).toISOString();
}

function appendHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [...history, entry].slice(-MAX_HISTORY);
}
