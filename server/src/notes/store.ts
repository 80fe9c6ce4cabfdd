/**
 * Notes files on disk: where they live, reading them, and writing them so that nothing is lost.
 *
 * A save is: take the lock → re-read the file → refuse if it is unreadable, malformed, newer or
 * read-only → merge by note id if someone else changed it since we read it → write a temp file in
 * the same folder, fsync, rename over the file, fsync the folder → release the lock. A process
 * killed at any point leaves either the old file or the new one, never a torn one.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { NotesLocation } from '../contract';
import { parseNotesText, serializeNotesFile } from './codec';
import { describeFsError, notesError, type NotesError } from './errors';
import { isAlive, LockTimeoutError, withFileLock } from './lock';
import { mergeNotes } from './merge';
import { emptyNotesFile, type NotesFile } from './model';
import { validateNotesFile } from './validate';

export type { NotesLocation };

/** Notes of `articles/a.txt` live in `.claimcheck/notes/articles/a.txt.json` (workspace location). */
export const NOTES_FOLDER = path.join('.claimcheck', 'notes');
export const SIDECAR_SUFFIX = '.claimcheck.json';

/**
 * Where an article's notes are stored. An article outside the workspace folder (or with no
 * folder open) always uses a sidecar: there is no workspace to mirror its path into.
 */
export function notesPathFor(workspaceRoot: string | null, articlePath: string, location: NotesLocation): string {
  const relative = workspaceRoot === null ? null : relativeInside(workspaceRoot, articlePath);
  if (location === 'sidecar' || relative === null) return `${articlePath}${SIDECAR_SUFFIX}`;
  return path.join(workspaceRoot as string, NOTES_FOLDER, `${relative}.json`);
}

/** The `article` field of a notes file: the workspace-relative path with forward slashes, or the file name. */
export function articleNameFor(workspaceRoot: string | null, articlePath: string): string {
  const relative = workspaceRoot === null ? null : relativeInside(workspaceRoot, articlePath);
  return relative === null ? path.basename(articlePath) : relative.split(path.sep).join('/');
}

function relativeInside(root: string, file: string): string | null {
  const relative = path.relative(root, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null;
  return relative;
}

export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export type LoadResult =
  | { ok: true; file: NotesFile; /** null when there is no file yet */ hash: string | null; migratedFrom: number | null }
  | { ok: false; error: NotesError };

/** Reads and validates a notes file. A missing file is an empty one. `display` names it in messages. */
export async function loadNotes(notesPath: string, article: string, display = notesPath): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(notesPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, file: emptyNotesFile(article), hash: null, migratedFrom: null };
    return { ok: false, error: notesError('unreadable', display, `notes file ${display} cannot be read: ${describeFsError(err)} — not modified`) };
  }
  const parsed = parseNotesText(text, display);
  if (!parsed.ok) return parsed;
  return { ok: true, file: parsed.file, hash: hashOf(text), migratedFrom: parsed.migratedFrom };
}

export interface SaveOptions {
  /** Hash of the file as last read or written by this writer (null: there was no file). */
  expectedHash: string | null;
  /** The file as last read or written by this writer: the common ancestor for merging. */
  base: NotesFile | null;
  display?: string;
}

export type SaveResult =
  | {
      ok: true;
      /** What is on disk now: `file`, or its merge with another writer's changes. */
      file: NotesFile;
      hash: string;
      /** Another writer had changed the file; `file` includes their notes. */
      merged: boolean;
      /** False when the file already had exactly these bytes. */
      written: boolean;
    }
  | { ok: false; error: NotesError };

export async function saveNotes(notesPath: string, file: NotesFile, options: SaveOptions): Promise<SaveResult> {
  const display = options.display ?? notesPath;
  const unwritable = (err: unknown): SaveResult => ({
    ok: false,
    error: notesError('unwritable', display, `notes file ${display} cannot be written: ${describeFsError(err)} — not modified; your changes are kept in memory`),
  });
  const own = validateNotesFile(file);
  if (!own.ok) {
    // A bug, never user input: refuse rather than write a file no one can read back.
    return { ok: false, error: notesError('invalid', display, `refusing to write an invalid notes file ${display}: ${own.problems.join('; ')}`) };
  }
  try {
    await mkdir(path.dirname(notesPath), { recursive: true });
  } catch (err) {
    return unwritable(err);
  }
  try {
    return await withFileLock(notesPath, () => replaceLocked(notesPath, file, options, display, unwritable));
  } catch (err) {
    if (err instanceof LockTimeoutError) {
      return {
        ok: false,
        error: notesError('locked', display, `notes file ${display} is being written by ${err.holder}; not modified — try again (delete ${path.basename(err.lockPath)} if no ClaimCheck is running)`),
      };
    }
    return unwritable(err);
  }
}

async function replaceLocked(
  notesPath: string,
  file: NotesFile,
  options: SaveOptions,
  display: string,
  unwritable: (err: unknown) => SaveResult,
): Promise<SaveResult> {
  let current: string | null = null;
  try {
    current = await readFile(notesPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return unwritable(err);
  }
  let result = file;
  let merged = false;
  if (current !== null) {
    const onDisk = parseNotesText(current, display);
    if (!onDisk.ok) return onDisk;
    try {
      // rename() would replace a read-only file without complaint; a read-only file means "do not".
      await access(notesPath, constants.W_OK);
    } catch (err) {
      return unwritable(err);
    }
    const currentHash = hashOf(current);
    if (currentHash !== options.expectedHash) {
      result = { ...file, notes: mergeNotes(options.base?.notes ?? null, file.notes, onDisk.file.notes) };
      merged = true;
    }
  }
  const text = serializeNotesFile(result);
  if (text === current) return { ok: true, file: result, hash: hashOf(text), merged, written: false };
  try {
    const temp = await writeTempFile(notesPath, text);
    await commitTempFile(temp, notesPath);
  } catch (err) {
    return unwritable(err);
  }
  await removeStaleTempFiles(notesPath);
  return { ok: true, file: result, hash: hashOf(text), merged, written: true };
}

/**
 * Step 1 of an atomic write: the whole content in a temp file in the target's folder (same file
 * system, so the rename is atomic), flushed to disk. Exported for the crash test.
 */
export async function writeTempFile(target: string, text: string): Promise<string> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  return temp;
}

/** Step 2: the rename that makes the new content visible at once, then the folder entry flushed. */
export async function commitTempFile(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncFolder(path.dirname(target));
}

async function syncFolder(folder: string): Promise<void> {
  // Not supported on every platform (Windows): the rename itself is still atomic there.
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort.
  }
}

/** Temp files of writers that died before their rename (their pid is gone). */
async function removeStaleTempFiles(target: string): Promise<void> {
  const folder = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) await unlink(path.join(folder, name)).catch(() => undefined);
  }
}
