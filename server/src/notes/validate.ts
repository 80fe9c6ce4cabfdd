/**
 * Validates a parsed notes file against `schema/notes.schema.json`, plus the two rules a JSON
 * Schema cannot say (unique note ids, start <= end). The validator is compiled once, on the first
 * read: compiling per read would cost milliseconds on every reload, and compiling at start-up
 * would delay the server's first diagnostics for workspaces that have no notes yet.
 *
 * Messages name the JSON path and, inside a note, its id — "notes[2] (id n-4f1c).status: must be
 * one of unverified, verified, …" — so a person fixing a hand-edited file finds the spot.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { createAjv } from './ajv';
import type { NotesFile } from './model';
import schema from './schema/notes.schema.json';

let compiled: ValidateFunction<NotesFile> | undefined;

function schemaValidator(): ValidateFunction<NotesFile> {
  if (!compiled) {
    const ajv = createAjv({ allErrors: true, strict: true }, ['date', 'date-time', 'uri']);
    compiled = ajv.compile<NotesFile>(schema);
  }
  return compiled;
}

/** At most this many problems are reported: the first few are what a person can act on. */
const MAX_PROBLEMS = 5;

export type ValidationResult = { ok: true; file: NotesFile } | { ok: false; problems: string[] };

export function validateNotesFile(value: unknown): ValidationResult {
  const validateSchema = schemaValidator();
  if (!validateSchema(value)) {
    return { ok: false, problems: describeErrors(value, validateSchema.errors ?? []) };
  }
  const problems = semanticProblems(value);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: value };
}

function semanticProblems(file: NotesFile): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  file.notes.forEach((note, index) => {
    const first = seen.get(note.id);
    if (first !== undefined) problems.push(`notes[${index}].id: "${note.id}" is already used by notes[${first}]`);
    else seen.set(note.id, index);
    const { start, end } = note.claim.position;
    if (start > end) problems.push(`${notePath(file, index)}.claim.position: start ${start} is after end ${end}`);
  });
  return problems.slice(0, MAX_PROBLEMS);
}

function describeErrors(value: unknown, errors: ErrorObject[]): string[] {
  // An `if`/`then` failure is reported twice: once as the missing property (useful), once as
  // 'must match "then" schema' (noise).
  const useful = errors.filter((e) => e.keyword !== 'if');
  const messages = useful.map((e) => `${jsonPath(value, e.instancePath)}${describeError(e)}`);
  return [...new Set(messages)].slice(0, MAX_PROBLEMS);
}

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `: missing required property "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `: unknown property "${String(params.additionalProperty)}"`;
    case 'enum':
      return `: must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `: must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `: ${error.message ?? error.keyword}`;
  }
}

/** "/notes/2/claim/kind" → "notes[2] (id n-4f1c).claim.kind"; "" → "(file)". */
function jsonPath(value: unknown, instancePath: string): string {
  if (instancePath === '') return '(file)';
  const segments = instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  let path = '';
  segments.forEach((segment, i) => {
    if (/^\d+$/.test(segment)) {
      path += `[${segment}]`;
      if (i === 1 && segments[0] === 'notes') path += idSuffix(value, Number(segment));
    } else {
      path += path === '' ? segment : `.${segment}`;
    }
  });
  return path;
}

function idSuffix(value: unknown, index: number): string {
  const notes = (value as { notes?: unknown }).notes;
  const note: unknown = Array.isArray(notes) ? notes[index] : undefined;
  const id = typeof note === 'object' && note !== null ? (note as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? ` (id ${id})` : '';
}

function notePath(file: NotesFile, index: number): string {
  return `notes[${index}] (id ${file.notes[index].id})`;
}
