/**
 * Notes left behind by a rename outside the editor (`git mv`, a terminal, a file manager): the
 * editor reports no rename, so the notes file stays under the old name and the renamed article
 * opens without its notes. When an article without notes opens, this looks in its folder for
 * notes files whose article is gone and whose claims' quotes are in the article's text. The
 * caller asks the user before moving anything (a look-alike must never take someone's notes).
 *
 * Searched: the article's own folder, beside it (sidecars) and its mirror in `.claimcheck/notes/`
 * (a rename in place), and notes files of the same file name anywhere in `.claimcheck/notes/`
 * (a move to another folder, `git mv drafts/story.txt published/`). A sidecar moved away with
 * a renamed article is not searched for across the workspace: that walk is not worth a slow open.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { exists } from './places';
import { loadNotes, NOTES_FOLDER, notesPathFor, SIDECAR_SUFFIX } from './store';
import { workspaceFor } from '../paths/workspace';

/** A notes file left behind, and how well it fits the article being opened. */
export interface StrayNotes {
  /** Where the article it belonged to was (that file no longer exists). */
  oldArticle: string;
  notesPath: string;
  /** Notes whose claim's quote is in the article's text. */
  matching: number;
  total: number;
}

/** Notes files read at most per open: the most recently changed first. */
const MAX_CANDIDATES = 20;
/** Entries of `.claimcheck/notes/` looked at, at most, for notes of the same file name elsewhere. */
const MAX_WALKED = 20_000;

/** [notes file, the article it names] for every notes file in `folder` named by `articleOf`. */
async function notesFilesIn(folder: string, articleFolder: string, articleOf: (name: string) => string | null): Promise<[string, string][]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const found: [string, string][] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue; // temp files of a save in progress, lock files
    const article = articleOf(name);
    if (article !== null) found.push([path.join(folder, name), path.join(articleFolder, article)]);
  }
  return found;
}

/** [notes file, its article] for workspace notes named like `articlePath`'s, outside `mirror`. */
async function sameNameElsewhere(root: string, articlePath: string, mirror: string): Promise<[string, string][]> {
  const notesRoot = path.join(root, NOTES_FOLDER);
  const wanted = `${path.basename(articlePath)}.json`;
  const entries = await readdir(notesRoot, { withFileTypes: true, recursive: true }).catch(() => []);
  const found: [string, string][] = [];
  for (const entry of entries.slice(0, MAX_WALKED)) {
    if (!entry.isFile() || entry.name !== wanted || entry.parentPath === mirror) continue;
    const relative = path.relative(notesRoot, entry.parentPath);
    found.push([path.join(entry.parentPath, entry.name), path.join(root, relative, path.basename(articlePath))]);
  }
  return found;
}

/**
 * The best match among the notes files of gone articles in `articlePath`'s folder, or null.
 * Null too when the article has a notes file of its own (in either location): nothing is lost.
 * A match has at least one note whose quote is in `text`, and at least half of its notes do.
 */
export async function findStrayNotes(articlePath: string, roots: readonly string[], text: string): Promise<StrayNotes | null> {
  const root = workspaceFor(articlePath, roots);
  const own = [notesPathFor(root, articlePath, 'workspace'), notesPathFor(root, articlePath, 'sidecar')];
  for (const file of own) if (await exists(file)) return null;
  const folder = path.dirname(articlePath);
  const candidates = await notesFilesIn(folder, folder, (name) => (name.endsWith(SIDECAR_SUFFIX) ? name.slice(0, -SIDECAR_SUFFIX.length) : null));
  const mirror = path.dirname(own[0]);
  if (own[0] !== own[1]) {
    const workspaceNotes = await notesFilesIn(mirror, folder, (name) => (name.endsWith('.json') && !name.endsWith(SIDECAR_SUFFIX) ? name.slice(0, -'.json'.length) : null));
    candidates.push(...workspaceNotes);
  }
  if (root !== null && own[0] !== own[1]) candidates.push(...(await sameNameElsewhere(root, articlePath, mirror)));
  const gone: { notesPath: string; oldArticle: string; changed: number }[] = [];
  for (const [notesPath, oldArticle] of candidates) {
    if (oldArticle === articlePath || (await exists(oldArticle))) continue;
    const info = await stat(notesPath).catch(() => null);
    if (info?.isFile()) gone.push({ notesPath, oldArticle, changed: info.mtimeMs });
  }
  gone.sort((a, b) => b.changed - a.changed);
  let best: StrayNotes | null = null;
  for (const { notesPath, oldArticle } of gone.slice(0, MAX_CANDIDATES)) {
    const loaded = await loadNotes(notesPath, path.basename(oldArticle));
    // Unreadable or malformed: not offered (the article that owns it, if any, reports it).
    if (!loaded.ok || loaded.file.notes.length === 0) continue;
    const total = loaded.file.notes.length;
    const matching = loaded.file.notes.filter((note) => note.claim.selector.exact !== '' && text.includes(note.claim.selector.exact)).length;
    if (matching === 0 || matching * 2 < total) continue;
    if (!best || matching / total > best.matching / best.total) best = { oldArticle, notesPath, matching, total };
  }
  return best;
}
