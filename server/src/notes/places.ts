/**
 * Where a document's notes are kept, from its URI, the workspace folders and the
 * `claimcheck.notesLocation` setting. File system reads only; no LSP types.
 *
 * The configured location wins, except that an existing notes file in the other location is
 * used rather than ignored: a teammate with the other setting must not make notes "disappear".
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NotesLocation } from '../contract';
import type { NotesPlace } from './service';
import { articleNameFor, notesPathFor } from './store';
import { workspaceFor } from '../paths/workspace';

export async function placeFor(uri: string, workspaceRoots: readonly string[], location: NotesLocation): Promise<NotesPlace> {
  if (!uri.startsWith('file:')) {
    return { durable: false, article: uri, why: 'the document is not saved to a file yet: its notes are kept in memory until it is' };
  }
  const article = fileURLToPath(uri);
  const root = workspaceFor(article, workspaceRoots);
  const preferred = notesPathFor(root, article, location);
  const other = notesPathFor(root, article, location === 'workspace' ? 'sidecar' : 'workspace');
  const notesPath = other !== preferred && !(await exists(preferred)) && (await exists(other)) ? other : preferred;
  return {
    durable: true,
    notesPath,
    display: root && !path.relative(root, notesPath).startsWith('..') ? path.relative(root, notesPath).split(path.sep).join('/') : notesPath,
    article: articleNameFor(root, article),
  };
}

/** Whether a file (or folder) is there. */
export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
