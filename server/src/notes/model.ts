/**
 * Source notes: the durable record of what a fact-checker found out about one claim.
 *
 * These are the types of the committable notes file (`.claimcheck/notes/<article>.json` or a
 * sidecar). Pure data, no I/O: `schema/notes.schema.json` is the same format as a JSON Schema,
 * and `validate.ts` checks every file read against it.
 */
import type { ClaimKind } from '../contract';

/** The notes file format this version of ClaimCheck reads and writes. */
export const NOTES_SCHEMA_VERSION = 1;

/** A claim's review status, from "nobody looked yet" to a verdict or a reasoned dismissal. */
export const NOTE_STATUSES = ['unverified', 'verified', 'disputed', 'false', 'needs-context', 'dismissed'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/** Statuses that are a verdict on the claim (what a ClaimReview can publish). */
export const VERDICT_STATUSES: readonly NoteStatus[] = ['verified', 'disputed', 'false', 'needs-context'];

/** How many status changes a note remembers: enough to see how a verdict came about. */
export const MAX_HISTORY = 20;

export function isNoteStatus(value: unknown): value is NoteStatus {
  return typeof value === 'string' && (NOTE_STATUSES as readonly string[]).includes(value);
}

/** W3C Web Annotation TextQuoteSelector: the claim's text plus a little context either side. */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: UTF-16 offsets into the article, end exclusive. */
export interface TextPositionSelector {
  start: number;
  end: number;
}

/** Where a note's claim is: both selectors, as recorded the last time the claim was found. */
export interface TextAnchor {
  selector: TextQuoteSelector;
  position: TextPositionSelector;
}

/** The claim a note belongs to. `claimId` is the engine's id at the time, a hint only. */
export interface NoteClaim extends TextAnchor {
  kind: ClaimKind;
  claimId?: string;
}

export interface Source {
  url: string;
  title?: string;
  /** The passage of the source that supports or contradicts the claim. */
  quote?: string;
  /** When the source was consulted: YYYY-MM-DD. */
  accessed: string;
}

export interface HistoryEntry {
  /** ISO date-time of the change. */
  at: string;
  author: string;
  from: NoteStatus;
  to: NoteStatus;
  reason?: string;
}

export interface Note {
  id: string;
  claim: NoteClaim;
  status: NoteStatus;
  sources: Source[];
  /** Free text: what was checked, whom the reporter called, what is still open. */
  note: string;
  /** Why the claim has this status; required when it is `dismissed`. */
  reason?: string;
  author: string;
  /** ISO date-times. `updated` changes with every user edit of the note (not with re-anchoring). */
  created: string;
  updated: string;
  history: HistoryEntry[];
}

export interface NotesFile {
  schemaVersion: typeof NOTES_SCHEMA_VERSION;
  /** The article, relative to the workspace folder (forward slashes), or its file name. */
  article: string;
  notes: Note[];
}

export function emptyNotesFile(article: string): NotesFile {
  return { schemaVersion: NOTES_SCHEMA_VERSION, article, notes: [] };
}
