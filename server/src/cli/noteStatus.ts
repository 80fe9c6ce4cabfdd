/**
 * The CLI's one view of the source notes: `statusesFor(file, text, claims)` → claim id → status.
 *
 * For now it reads `<workspace>/.claimcheck/notes/<article path relative to the workspace>.json`,
 * or else the sidecar `<article>.claimcheck.json` (where the notes store keeps the notes of an
 * article outside any workspace), directly, read-only and tolerantly: a malformed file or note is reported through `warn` (with
 * the notes file's path) and ignored, never modified. It is the only module of the CLI that knows
 * the notes format, so it can later call the notes store instead of reading the file itself.
 *
 * A note is matched to a claim by its anchor: the claim's text must equal the note's
 * `selector.exact`; among such claims the one with the note's `claimId` (the engine's id when the
 * note was written), else the one of the note's kind whose surrounding text matches
 * `prefix`/`suffix` and that lies nearest to `position.start` wins. When the text occurs several
 * times and neither the context nor the position singles one out, the note matches nothing.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Claim } from '../analysis';

export const NOTE_STATUSES = ['unverified', 'verified', 'disputed', 'false', 'needs-context', 'dismissed'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/** The status of a claim that has no note. */
export const DEFAULT_STATUS: NoteStatus = 'unverified';

export interface NoteStatusOptions {
  /** Workspace folder holding `.claimcheck/notes`; default: the nearest folder above the file that has `.claimcheck`. */
  workspace?: string | null;
  /** Receives one message per problem, each starting with the notes file's path. */
  warn?: (message: string) => void;
}

/** What matching needs from a note. */
interface NoteAnchor {
  status: NoteStatus;
  claimId: string | null;
  kind: string | null;
  exact: string;
  prefix: string | null;
  suffix: string | null;
  start: number | null;
}

/** A claim this close to the note's recorded position is taken even without matching context. */
const NEAR = 64;

export function isNoteStatus(v: unknown): v is NoteStatus {
  return typeof v === 'string' && (NOTE_STATUSES as readonly string[]).includes(v);
}

const rootCache = new Map<string, string | null>();

function isDirectory(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The nearest folder at or above `dir` that contains a `.claimcheck` folder, or null. */
function findWorkspace(dir: string): string | null {
  const cached = rootCache.get(dir);
  if (cached !== undefined) return cached;
  const parent = path.dirname(dir);
  const found = isDirectory(path.join(dir, '.claimcheck')) ? dir : parent === dir ? null : findWorkspace(parent);
  rootCache.set(dir, found);
  return found;
}

export const SIDECAR_SUFFIX = '.claimcheck.json';

/** The workspace notes file of an article, or null when the article lies outside any workspace. */
export function notesFileFor(file: string, workspace?: string | null): string | null {
  const abs = path.resolve(file);
  const root = workspace ? path.resolve(workspace) : findWorkspace(path.dirname(abs));
  if (!root) return null;
  const rel = path.relative(root, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return path.join(root, '.claimcheck', 'notes', `${rel}.json`);
}

/** The notes file to read: the workspace one if it exists, else the sidecar if it exists. */
function existingNotesFile(file: string, workspace?: string | null): string | null {
  const inWorkspace = notesFileFor(file, workspace);
  if (inWorkspace && statSync(inWorkspace, { throwIfNoEntry: false })) return inWorkspace;
  const sidecar = `${path.resolve(file)}${SIDECAR_SUFFIX}`;
  return statSync(sidecar, { throwIfNoEntry: false }) ? sidecar : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const optionalString = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const optionalOffset = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

/** Reads and validates a notes file; every problem goes to `warn`, nothing throws. */
function readNotes(notesFile: string, warn: (message: string) => void): NoteAnchor[] {
  let raw: string;
  try {
    raw = readFileSync(notesFile, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') warn(`${notesFile}: cannot read notes file (${(err as Error).message}); note statuses ignored`);
    return [];
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    warn(`${notesFile}: malformed notes file (${(err as Error).message}); note statuses ignored`);
    return [];
  }
  if (!isRecord(data) || !Array.isArray(data.notes)) {
    warn(`${notesFile}: malformed notes file (expected {"schemaVersion": 1, "notes": [...]}); note statuses ignored`);
    return [];
  }
  if (data.schemaVersion !== 1) {
    warn(`${notesFile}: unsupported schemaVersion ${JSON.stringify(data.schemaVersion)} (expected 1); note statuses ignored`);
    return [];
  }
  const anchors: NoteAnchor[] = [];
  let skipped = 0;
  for (const note of data.notes) {
    const claim = isRecord(note) ? note.claim : undefined;
    const selector = isRecord(claim) ? claim.selector : undefined;
    if (!isRecord(note) || !isRecord(claim) || !isRecord(selector) || typeof selector.exact !== 'string' || selector.exact === '' || !isNoteStatus(note.status)) {
      skipped++;
      continue;
    }
    const position = isRecord(claim.position) ? claim.position : {};
    anchors.push({
      status: note.status,
      claimId: optionalString(claim.claimId),
      kind: optionalString(claim.kind),
      exact: selector.exact,
      prefix: optionalString(selector.prefix),
      suffix: optionalString(selector.suffix),
      start: optionalOffset(position.start),
    });
  }
  if (skipped > 0) warn(`${notesFile}: ${skipped} malformed note${skipped === 1 ? '' : 's'} ignored (each needs claim.selector.exact and a status of ${NOTE_STATUSES.join(', ')})`);
  return anchors;
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

/** Lower is better; null when the claim cannot carry the note. */
function cost(note: NoteAnchor, claim: Claim, text: string, unique: boolean): number | null {
  if (claim.text !== note.exact) return null;
  const prefixOk = note.prefix !== null && note.prefix !== '' && text.slice(Math.max(0, claim.start - note.prefix.length), claim.start) === note.prefix;
  const suffixOk = note.suffix !== null && note.suffix !== '' && text.slice(claim.end, claim.end + note.suffix.length) === note.suffix;
  const sameId = note.claimId !== null && note.claimId === claim.id;
  const distance = note.start === null ? 0 : Math.abs(claim.start - note.start);
  const near = note.start !== null && distance <= NEAR;
  if (!sameId && !prefixOk && !suffixOk && !near && !unique) return null;
  const kindPenalty = note.kind !== null && note.kind !== claim.kind ? 8_000_000_000 : 0;
  const idPenalty = sameId ? 0 : 4_000_000_000;
  const contextPenalty = (prefixOk ? 0 : 1_000_000_000) + (suffixOk ? 0 : 1_000_000_000);
  return kindPenalty + idPenalty + contextPenalty + distance;
}

/**
 * The note status of each claim of `text` (the contents of `file`) that has a note. Claims that
 * are not in the map have no note: their status is {@link DEFAULT_STATUS}.
 */
export function statusesFor(file: string, text: string, claims: readonly Claim[], options: NoteStatusOptions = {}): Map<string, NoteStatus> {
  const statuses = new Map<string, NoteStatus>();
  const notesFile = existingNotesFile(file, options.workspace);
  if (!notesFile) return statuses;
  const notes = readNotes(notesFile, options.warn ?? (() => undefined));
  // A later note with the same anchor updates an earlier one; a different anchor takes another claim.
  const takenBy = new Map<string, string>();
  for (const note of notes) {
    const anchorKey = `${note.exact}\u0000${note.start ?? ''}`;
    const unique = countOccurrences(text, note.exact) === 1;
    let best: { claim: Claim; cost: number } | null = null;
    for (const claim of claims) {
      const c = cost(note, claim, text, unique);
      if (c === null) continue;
      const owner = takenBy.get(claim.id);
      if (owner !== undefined && owner !== anchorKey) continue;
      if (!best || c < best.cost) best = { claim, cost: c };
    }
    if (!best) continue;
    takenBy.set(best.claim.id, anchorKey);
    statuses.set(best.claim.id, note.status);
  }
  return statuses;
}
