/**
 * W3C Web Annotations back into notes: ClaimCheck's own export (a lossless round trip) and, as
 * far as they go, annotations from other tools (Hypothesis and the like: a quote, a comment).
 * Pure.
 *
 * Accepts an AnnotationCollection, an AnnotationPage, an array or a single Annotation. Each
 * annotation's shape is checked with a schema (compiled once); each resulting note is checked
 * against the notes file schema, so an import can never produce a file that fails to load.
 * Annotations that cannot become a note are skipped with a warning that says why.
 */
import { createHash } from 'node:crypto';
import type Ajv2020 from 'ajv/dist/2020';
import { createAjv } from '../ajv';
import { CLAIM_KINDS, type ClaimKind } from '../../contract';
import { NOTE_IRI_PREFIX } from '../export/webAnnotation';
import { isNoteStatus, NOTES_SCHEMA_VERSION, type HistoryEntry, type Note, type Source, type TextAnchor } from '../model';
import { localDate } from '../operations';
import { validateNotesFile } from '../validate';

const annotationSchema = {
  type: 'object',
  required: ['type', 'target'],
  properties: {
    type: { anyOf: [{ const: 'Annotation' }, { type: 'array', contains: { const: 'Annotation' } }] },
    target: {
      anyOf: [
        { $ref: '#/$defs/target' },
        { type: 'array', items: { anyOf: [{ type: 'string' }, { $ref: '#/$defs/target' }] } },
        { type: 'string' },
      ],
    },
    body: { anyOf: [{ type: 'object' }, { type: 'string' }, { type: 'array', items: { anyOf: [{ type: 'object' }, { type: 'string' }] } }] },
  },
  $defs: {
    target: {
      type: 'object',
      properties: { selector: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] } },
    },
  },
} as const;

// Compiled on the first import, not when the server starts.
let shapeValidator: { ajv: Ajv2020; isAnnotationShape: ReturnType<Ajv2020['compile']> } | undefined;

function annotationShape(): NonNullable<typeof shapeValidator> {
  if (!shapeValidator) {
    const ajv = createAjv({ allErrors: false, strict: true });
    shapeValidator = { ajv, isAnnotationShape: ajv.compile(annotationSchema) };
  }
  return shapeValidator;
}

export interface ImportOptions {
  /** The kind of claim at an anchor, for annotations that do not say (other tools). */
  inferKind?: (anchor: TextAnchor) => ClaimKind | undefined;
  now?: Date;
}

export interface ImportResult {
  notes: Note[];
  /** One line per skipped or adjusted annotation. */
  warnings: string[];
}

type Json = Record<string, unknown>;

export function fromWebAnnotations(input: unknown, options: ImportOptions = {}): ImportResult {
  const now = options.now ?? new Date();
  const warnings: string[] = [];
  const notes: Note[] = [];
  const seen = new Set<string>();
  annotationsIn(input).forEach((annotation, index) => {
    const label = `annotation ${index + 1}${typeof annotation.id === 'string' ? ` (${annotation.id})` : ''}`;
    const result = toNote(annotation, options, now);
    if (typeof result === 'string') {
      warnings.push(`${label} skipped: ${result}`);
      return;
    }
    for (const w of result.warnings) warnings.push(`${label}: ${w}`);
    if (seen.has(result.note.id)) {
      warnings.push(`${label} skipped: note ${result.note.id} appears twice`);
      return;
    }
    const check = validateNotesFile({ schemaVersion: NOTES_SCHEMA_VERSION, article: 'import', notes: [result.note] });
    if (!check.ok) {
      warnings.push(`${label} skipped: ${check.problems.join('; ').replaceAll('notes[0]', 'note')}`);
      return;
    }
    seen.add(result.note.id);
    notes.push(result.note);
  });
  return { notes, warnings };
}

function annotationsIn(input: unknown): Json[] {
  if (Array.isArray(input)) return input.filter(isObject);
  if (!isObject(input)) return [];
  if (hasType(input, 'AnnotationCollection')) {
    const pages: Json[] = [];
    for (let page: unknown = input.first; isObject(page) && pages.length < 10_000; page = page.next) pages.push(page);
    return pages.flatMap((p) => annotationsIn(p));
  }
  if (hasType(input, 'AnnotationPage')) return Array.isArray(input.items) ? input.items.filter(isObject) : [];
  return [input];
}

function toNote(annotation: Json, options: ImportOptions, now: Date): { note: Note; warnings: string[] } | string {
  const { ajv, isAnnotationShape } = annotationShape();
  if (!isAnnotationShape(annotation)) return `not a Web Annotation (${ajv.errorsText(isAnnotationShape.errors)})`;
  const warnings: string[] = [];
  const anchor = anchorOf(annotation.target);
  if (!anchor) return 'its target has no TextQuoteSelector with an "exact" text';
  const bodies = bodiesOf(annotation);
  // ClaimCheck's bodies say what they hold in their id (#status, #kind, #note, #reason); other
  // tools' bodies are read by their purpose.
  const withRole = (role: string) => bodies.filter((b) => roleOf(b) === role);
  const withPurpose = (purpose: string) => bodies.filter((b) => b.purpose === purpose && !isOwnRole(roleOf(b)));

  const status = [...withRole('status'), ...withPurpose('assessing')].map((b) => b.value).find(isNoteStatus) ?? 'unverified';
  const kind = [...withRole('kind'), ...withPurpose('classifying')].map((b) => b.value).find(isClaimKind) ?? options.inferKind?.(anchor);
  if (!kind) return 'it does not say which kind of claim it is, and no claim of ClaimCheck is at its quote';
  const comments = [...withRole('note'), ...bodies.filter((b) => isComment(b) && !isOwnRole(roleOf(b)))];
  let reason = withRole('reason').map((b) => b.value).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (status === 'dismissed' && !reason) {
    reason = 'dismissed (no reason in the imported annotation)';
    warnings.push('dismissed without a reason: a placeholder reason was added');
  }
  const created = dateTime(annotation.created) ?? now.toISOString();
  const updated = dateTime(annotation.modified) ?? created;

  const note: Note = {
    id: noteIdOf(annotation.id),
    claim: {
      kind,
      ...(typeof annotation.claimId === 'string' && { claimId: annotation.claimId }),
      ...anchor,
    },
    status,
    sources: bodies.filter((b) => b.purpose === 'citing').flatMap((b) => sourceOf(b, created, now, warnings)),
    note: comments.map((b) => String(b.value)).join('\n\n'),
    ...(reason !== undefined && { reason }),
    author: authorOf(annotation.creator),
    created,
    updated,
    history: historyOf(annotation.history),
  };
  return { note, warnings };
}

const OWN_ROLES = new Set(['status', 'kind', 'note', 'reason']);

function isOwnRole(role: string | undefined): boolean {
  return role !== undefined && (OWN_ROLES.has(role) || role.startsWith('source-'));
}

/** A textual comment: purpose commenting, or no purpose at all (how Hypothesis writes them). */
function isComment(body: Json): boolean {
  return typeof body.value === 'string' && (body.purpose === 'commenting' || (body.purpose === undefined && hasType(body, 'TextualBody')));
}

function roleOf(body: Json): string | undefined {
  if (typeof body.id !== 'string') return undefined;
  const hash = body.id.lastIndexOf('#');
  return hash >= 0 ? body.id.slice(hash + 1) : undefined;
}

/** ClaimCheck's own ids come back unchanged; other tools' ids map to a stable id of ours. */
function noteIdOf(id: unknown): string {
  if (typeof id === 'string' && id.startsWith(NOTE_IRI_PREFIX)) {
    const own = id.slice(NOTE_IRI_PREFIX.length);
    if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(own)) return own;
  }
  const seed = typeof id === 'string' ? id : JSON.stringify(id ?? Math.random());
  return `a-${createHash('sha256').update(seed).digest('hex').slice(0, 12)}`;
}

function anchorOf(target: unknown): TextAnchor | null {
  const targets = Array.isArray(target) ? target : [target];
  for (const t of targets) {
    if (!isObject(t)) continue;
    const selectors = (Array.isArray(t.selector) ? t.selector : [t.selector]).filter(isObject);
    const quote = selectors.find((s) => hasType(s, 'TextQuoteSelector') && typeof s.exact === 'string' && s.exact !== '');
    if (!quote) continue;
    const exact = quote.exact as string;
    const position = selectors.find((s) => hasType(s, 'TextPositionSelector') && isOffset(s.start) && isOffset(s.end) && s.start <= s.end);
    return {
      selector: { exact, prefix: typeof quote.prefix === 'string' ? quote.prefix : '', suffix: typeof quote.suffix === 'string' ? quote.suffix : '' },
      // Without a position, the quote alone finds the claim; the position is only a hint.
      position: position ? { start: position.start as number, end: position.end as number } : { start: 0, end: exact.length },
    };
  }
  return null;
}

function bodiesOf(annotation: Json): Json[] {
  const body = annotation.body;
  const list = Array.isArray(body) ? body : body === undefined ? [] : [body];
  // A bare string body is a comment (allowed by the model as an IRI; tools use it for text).
  return list.map((b) => (typeof b === 'string' ? { type: 'TextualBody', purpose: 'commenting', value: b } : b)).filter(isObject);
}

function sourceOf(body: Json, created: string, now: Date, warnings: string[]): Source[] {
  const resource = body.source;
  const url = typeof resource === 'string' ? resource : isObject(resource) && typeof resource.id === 'string' ? resource.id : undefined;
  if (!url) {
    warnings.push('a citing body without a source URL was left out');
    return [];
  }
  const source: Source = { url, accessed: dateOnly(body.accessed) ?? dateOnly(created.slice(0, 10)) ?? localDate(now) };
  if (isObject(resource) && typeof resource.title === 'string') source.title = resource.title;
  const selector = (Array.isArray(body.selector) ? body.selector : [body.selector]).filter(isObject).find((s) => typeof s.exact === 'string');
  if (selector) source.quote = selector.exact as string;
  return [source];
}

function authorOf(creator: unknown): string {
  const first: unknown = Array.isArray(creator) ? creator[0] : creator;
  if (typeof first === 'string') return first;
  if (isObject(first)) {
    if (typeof first.name === 'string') return first.name;
    if (typeof first.nickname === 'string') return first.nickname;
  }
  return 'unknown';
}

function historyOf(history: unknown): HistoryEntry[] {
  if (!Array.isArray(history)) return [];
  return history.filter(
    (h): h is HistoryEntry =>
      isObject(h) && typeof h.at === 'string' && typeof h.author === 'string' && isNoteStatus(h.from) && isNoteStatus(h.to),
  );
}

function dateTime(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && value.includes('T') ? value : undefined;
}

function dateOnly(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: Json, type: string): boolean {
  return value.type === type || (Array.isArray(value.type) && value.type.includes(type));
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isClaimKind(value: unknown): value is ClaimKind {
  return typeof value === 'string' && (CLAIM_KINDS as readonly string[]).includes(value);
}
