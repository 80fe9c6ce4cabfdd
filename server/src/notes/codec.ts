/**
 * The notes file as text: parse (JSON → migrate → validate) and serialise.
 *
 * Serialisation is canonical — fixed key order, notes sorted by position, 2-space indent,
 * trailing newline — so that the same notes always produce the same bytes and a git diff shows
 * only what a person changed.
 */
import { notesError, type NotesError } from './errors';
import { findJsonSyntaxError } from './jsonSyntax';
import { migrate } from './migrate';
import type { HistoryEntry, Note, NotesFile, Source } from './model';
import { validateNotesFile } from './validate';

export type ParseResult = { ok: true; file: NotesFile; migratedFrom: number | null } | { ok: false; error: NotesError };

const KEEP = 'not modified; fix or move it';

/** `displayPath` is how the file is named in messages (workspace-relative when possible). */
export function parseNotesText(text: string, displayPath: string): ParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const detail = describeJsonError(text, err);
    return { ok: false, error: notesError('malformed', displayPath, `notes file ${displayPath} is not valid JSON ${detail} — ${KEEP}`) };
  }
  const migration = migrate(parsed);
  if (!migration.ok) {
    const error = migration.newer
      ? notesError('newer-version', displayPath, `notes file ${displayPath} was ${migration.message} — not modified; update ClaimCheck to edit these notes`)
      : notesError('invalid', displayPath, `notes file ${displayPath}: ${migration.message} — ${KEEP}`);
    return { ok: false, error };
  }
  const validation = validateNotesFile(migration.document);
  if (!validation.ok) {
    const problems = validation.problems.join('; ');
    return { ok: false, error: notesError('invalid', displayPath, `notes file ${displayPath} is not a valid notes file: ${problems} — ${KEEP}`) };
  }
  return { ok: true, file: validation.file, migratedFrom: migration.migratedFrom };
}

/** "(line 3, column 5): unexpected '}'"; V8's own message when the text cannot be located. */
function describeJsonError(text: string, err: unknown): string {
  if (text.trim() === '') return '(the file is empty)';
  const found = findJsonSyntaxError(text);
  if (found) return `(line ${found.line}, column ${found.column}): ${found.message}`;
  return `(${err instanceof Error ? err.message : String(err)})`;
}

export function serializeNotesFile(file: NotesFile): string {
  const canonical: NotesFile = {
    schemaVersion: file.schemaVersion,
    article: file.article,
    notes: sortByPosition(file.notes).map(canonicalNote),
  };
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

/** Reading order, so the file reads like the article; ties by id keep the order stable. */
export function sortByPosition(notes: readonly Note[]): Note[] {
  return [...notes].sort(
    (a, b) =>
      a.claim.position.start - b.claim.position.start ||
      a.claim.position.end - b.claim.position.end ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** A copy with keys in schema order and optional fields omitted when absent. */
function canonicalNote(note: Note): Note {
  const { selector, position } = note.claim;
  return {
    id: note.id,
    claim: {
      kind: note.claim.kind,
      ...(note.claim.claimId !== undefined && { claimId: note.claim.claimId }),
      selector: { exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix },
      position: { start: position.start, end: position.end },
    },
    status: note.status,
    sources: note.sources.map(canonicalSource),
    note: note.note,
    ...(note.reason !== undefined && { reason: note.reason }),
    author: note.author,
    created: note.created,
    updated: note.updated,
    history: note.history.map(canonicalHistoryEntry),
  };
}

function canonicalSource(source: Source): Source {
  return {
    url: source.url,
    ...(source.title !== undefined && { title: source.title }),
    ...(source.quote !== undefined && { quote: source.quote }),
    accessed: source.accessed,
  };
}

function canonicalHistoryEntry(entry: HistoryEntry): HistoryEntry {
  return {
    at: entry.at,
    author: entry.author,
    from: entry.from,
    to: entry.to,
    ...(entry.reason !== undefined && { reason: entry.reason }),
  };
}
