/**
 * An article renamed or moved in the editor takes its notes with it (`workspace/didRenameFiles`).
 * Without this its notes file stayed under the old name: the renamed article showed no notes, and
 * they were found again only by renaming it back.
 *
 * Each notes file of the old article (in `.claimcheck/notes/` or beside it) moves to where the
 * same kind of notes file of the new article belongs; for a folder, every notes file of the
 * articles under it in `.claimcheck/notes/` moves (sidecars move with the folder itself, and
 * their `article` field is brought up to date). A
 * notes file is never overwritten: when the new name already has one, both stay where they are
 * and the report says so. The move is a hard link then an unlink (no-overwrite and atomic on
 * one file system), or an exclusive copy then an unlink. The moved file's `article` field is
 * brought up to date through the store, which locks and merges as every save does.
 */
import { constants } from 'node:fs';
import { copyFile, link, mkdir, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError } from './errors';
import { articleNameFor, loadNotes, NOTES_FOLDER, notesPathFor, saveNotes, SIDECAR_SUFFIX } from './store';
import { workspaceFor } from '../paths/workspace';

export interface RenameReport {
  /** Notes files moved: [from, to]. */
  moved: [string, string][];
  /** One line per notes file that stayed where it was, and why. */
  problems: string[];
}

/** Moves the notes of `oldPath` (a file or a folder, renamed to `newPath`). */
export async function moveNotesOnRename(oldPath: string, newPath: string, roots: readonly string[]): Promise<RenameReport> {
  const report: RenameReport = { moved: [], problems: [] };
  const renamed = await stat(newPath).catch(() => null);
  if (renamed?.isDirectory()) {
    for (const [from, to] of await folderMoves(oldPath, newPath, roots)) await moveOne(from, to, roots, report);
    // Sidecars moved with the folder itself: only their `article` field is left to follow.
    for (const file of await filesUnder(newPath)) if (file.endsWith(SIDECAR_SUFFIX)) await renameArticle(file, roots);
    return report;
  }
  const oldRoot = workspaceFor(oldPath, roots);
  const newRoot = workspaceFor(newPath, roots);
  for (const kind of ['workspace', 'sidecar'] as const) {
    const from = notesPathFor(oldRoot, oldPath, kind);
    // An article outside every workspace folder keeps its notes beside it whatever the kind.
    if (kind === 'workspace' && from === notesPathFor(oldRoot, oldPath, 'sidecar')) continue;
    await moveOne(from, notesPathFor(newRoot, newPath, kind), roots, report);
  }
  return report;
}

/** [notes file, its new place] for the articles under a renamed folder (workspace location). */
async function folderMoves(oldFolder: string, newFolder: string, roots: readonly string[]): Promise<[string, string][]> {
  const oldRoot = workspaceFor(oldFolder, roots);
  const newRoot = workspaceFor(newFolder, roots);
  if (oldRoot === null) return [];
  const from = notesPathFor(oldRoot, oldFolder, 'workspace').replace(/\.json$/, '');
  const moves: [string, string][] = [];
  for (const file of await filesUnder(from)) {
    if (!file.endsWith('.json') || file.endsWith(SIDECAR_SUFFIX)) continue;
    const article = path.join(newFolder, path.relative(from, file).replace(/\.json$/, ''));
    moves.push([file, notesPathFor(newRoot, article, 'workspace')]);
  }
  return moves;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function moveOne(from: string, to: string, roots: readonly string[], report: RenameReport): Promise<void> {
  if (from === to) return;
  if (!(await stat(from).catch(() => null))) return;
  try {
    await mkdir(path.dirname(to), { recursive: true });
    await linkOrCopy(from, to);
    await unlink(from);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'EEXIST' ? `${to} already exists` : describeFsError(err);
    report.problems.push(`the notes in ${from} were not moved to ${to}: ${why}; both files are as they were`);
    return;
  }
  report.moved.push([from, to]);
  await renameArticle(to, roots);
}

/** Creates `to` with the content of `from`, failing with EEXIST rather than replacing a file. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (err) {
    // EEXIST must not fall through to a copy; anything else (no hard links here): copy instead.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw err;
    await copyFile(from, to, constants.COPYFILE_EXCL);
  }
}

/** The moved file's `article` field names the article it now belongs to (best effort). */
async function renameArticle(notesPath: string, roots: readonly string[]): Promise<void> {
  const article = notesPath.endsWith(SIDECAR_SUFFIX) ? notesPath.slice(0, -SIDECAR_SUFFIX.length) : articleOfWorkspaceNotes(notesPath, roots);
  if (article === null) return;
  const name = articleNameFor(workspaceFor(article, roots), article);
  const loaded = await loadNotes(notesPath, name);
  if (!loaded.ok || loaded.hash === null || loaded.file.article === name) return;
  // A refusal (the file changed meanwhile, read-only) leaves the old name: the next save of the
  // article's notes writes the right one anyway.
  await saveNotes(notesPath, { ...loaded.file, article: name }, { expectedHash: loaded.hash, base: loaded.file });
}

function articleOfWorkspaceNotes(notesPath: string, roots: readonly string[]): string | null {
  for (const root of roots) {
    const relative = path.relative(path.join(root, NOTES_FOLDER), notesPath);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return path.join(root, relative.replace(/\.json$/, ''));
  }
  return null;
}
