/**
 * Checks the one argument object of each notes command (`workspace/executeCommand` arguments come
 * from any editor's configuration or plugin, so nothing about them is trusted). A wrong argument
 * throws NoteInputError naming the command and the field. Pure.
 */
import {
  CLAIM_KINDS,
  type AddNoteArgs,
  type AddSourceArgs,
  type ClaimKind,
  type ClaimRef,
  type DismissArgs,
  type ExportNotesArgs,
  type ImportAnnotationsArgs,
  type NoteIdArgs,
  type NoteSourceInput,
  type NotesDocumentArgs,
  type NotesExportFormat,
  type ReattachArgs,
  type SetStatusArgs,
} from '../contract';
import { isNoteStatus, NOTE_STATUSES, type NoteStatus } from './model';
import { NoteInputError } from './operations';

type Fields = Record<string, unknown>;

export const EXPORT_FORMATS: readonly NotesExportFormat[] = ['webAnnotation', 'claimReview', 'markdown', 'csv'];

/** Reads fields of one command's argument object; every error names the command. */
class ArgReader {
  private readonly fields: Fields;

  constructor(
    private readonly command: string,
    args: readonly unknown[] | undefined,
  ) {
    const first = args?.[0];
    if (!isFields(first)) throw this.error(`expected one argument object, like [{"uri": "file:///…"}], got ${describe(first)}`);
    this.fields = first;
  }

  error(message: string): NoteInputError {
    return new NoteInputError(`${this.command}: ${message}`);
  }

  string(key: string): string {
    const value = this.fields[key];
    if (typeof value !== 'string' || value === '') throw this.error(`"${key}" must be a non-empty string, got ${describe(value)}`);
    return value;
  }

  optionalString(key: string): string | undefined {
    const value = this.fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.error(`"${key}" must be a string, got ${describe(value)}`);
    return value;
  }

  status(key: string): NoteStatus {
    const value = this.fields[key];
    if (!isNoteStatus(value)) throw this.error(`"${key}" must be one of ${NOTE_STATUSES.join(', ')}, got ${describe(value)}`);
    return value;
  }

  optionalStatus(key: string): NoteStatus | undefined {
    return this.fields[key] === undefined ? undefined : this.status(key);
  }

  claim(key: string): ClaimRef {
    const value = this.fields[key];
    if (!isFields(value)) throw this.error(`"${key}" must be an object {claimId} or {range, kind?}, got ${describe(value)}`);
    const ref: ClaimRef = {};
    if (value.claimId !== undefined) {
      if (typeof value.claimId !== 'string' || value.claimId === '') throw this.error(`"${key}.claimId" must be a non-empty string`);
      ref.claimId = value.claimId;
    }
    if (value.range !== undefined) {
      if (!isRange(value.range)) throw this.error(`"${key}.range" must be an LSP range {start: {line, character}, end: {line, character}}`);
      ref.range = value.range;
    }
    if (value.kind !== undefined) {
      if (!isKind(value.kind)) throw this.error(`"${key}.kind" must be one of ${CLAIM_KINDS.join(', ')}, got ${describe(value.kind)}`);
      ref.kind = value.kind;
    }
    if (ref.claimId === undefined && ref.range === undefined) throw this.error(`"${key}" needs a "claimId" or a "range"`);
    return ref;
  }

  optionalClaim(key: string): ClaimRef | undefined {
    return this.fields[key] === undefined ? undefined : this.claim(key);
  }

  source(key: string): NoteSourceInput {
    const value = this.fields[key];
    if (!isFields(value)) throw this.error(`"${key}" must be an object {url, title?, quote?, accessed?}, got ${describe(value)}`);
    const inner = new ArgReader(`${this.command} ${key}`, [value]);
    const source: NoteSourceInput = { url: inner.string('url') };
    for (const field of ['title', 'quote', 'accessed'] as const) {
      const text = inner.optionalString(field);
      if (text !== undefined) source[field] = text;
    }
    return source;
  }

  optionalSource(key: string): NoteSourceInput | undefined {
    return this.fields[key] === undefined ? undefined : this.source(key);
  }

  raw(key: string): unknown {
    const value = this.fields[key];
    if (value === undefined) throw this.error(`"${key}" is required`);
    return value;
  }

  format(key: string): NotesExportFormat {
    const value = this.fields[key];
    if (!(EXPORT_FORMATS as readonly unknown[]).includes(value)) {
      throw this.error(`"${key}" must be one of ${EXPORT_FORMATS.join(', ')}, got ${describe(value)}`);
    }
    return value as NotesExportFormat;
  }
}

export function documentArgs(command: string, args: readonly unknown[] | undefined): NotesDocumentArgs {
  return { uri: new ArgReader(command, args).string('uri') };
}

export function noteIdArgs(command: string, args: readonly unknown[] | undefined): NoteIdArgs {
  const r = new ArgReader(command, args);
  return { uri: r.string('uri'), noteId: r.string('noteId') };
}

export function addNoteArgs(command: string, args: readonly unknown[] | undefined): AddNoteArgs {
  const r = new ArgReader(command, args);
  return withoutUndefined({
    uri: r.string('uri'),
    claim: r.claim('claim'),
    status: r.optionalStatus('status'),
    note: r.optionalString('note'),
    reason: r.optionalString('reason'),
    source: r.optionalSource('source'),
  });
}

export function setStatusArgs(command: string, args: readonly unknown[] | undefined): SetStatusArgs {
  const r = new ArgReader(command, args);
  return withoutUndefined({ uri: r.string('uri'), noteId: r.string('noteId'), status: r.status('status'), reason: r.optionalString('reason') });
}

export function addSourceArgs(command: string, args: readonly unknown[] | undefined): AddSourceArgs {
  const r = new ArgReader(command, args);
  return { uri: r.string('uri'), noteId: r.string('noteId'), source: r.source('source') };
}

export function dismissArgs(command: string, args: readonly unknown[] | undefined): DismissArgs {
  const r = new ArgReader(command, args);
  const noteId = r.optionalString('noteId');
  const claim = r.optionalClaim('claim');
  if ((noteId === undefined) === (claim === undefined)) throw r.error('give exactly one of "noteId" and "claim"');
  const reason = r.optionalString('reason');
  if (reason === undefined || reason.trim() === '') throw r.error('"reason" is required: say why the claim needs no check');
  return withoutUndefined({ uri: r.string('uri'), noteId, claim, reason });
}

export function reattachArgs(command: string, args: readonly unknown[] | undefined): ReattachArgs {
  const r = new ArgReader(command, args);
  return { uri: r.string('uri'), noteId: r.string('noteId'), claim: r.claim('claim') };
}

export function exportArgs(command: string, args: readonly unknown[] | undefined): ExportNotesArgs {
  const r = new ArgReader(command, args);
  return { uri: r.string('uri'), format: r.format('format') };
}

export function importArgs(command: string, args: readonly unknown[] | undefined): ImportAnnotationsArgs {
  const r = new ArgReader(command, args);
  return { uri: r.string('uri'), annotations: r.raw('annotations') };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKind(value: unknown): value is ClaimKind {
  return typeof value === 'string' && (CLAIM_KINDS as readonly string[]).includes(value);
}

function isPosition(value: unknown): boolean {
  return isFields(value) && Number.isInteger(value.line) && Number.isInteger(value.character) && (value.line as number) >= 0 && (value.character as number) >= 0;
}

function isRange(value: unknown): value is ClaimRef['range'] & object {
  return isFields(value) && isPosition(value.start) && isPosition(value.end);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
