/**
 * Why a notes file could not be read or written. Every message says which file, what is wrong
 * and what ClaimCheck did about it ("not modified"), because the person reading it has to decide
 * whether their notes are safe.
 */

export type NotesErrorCode =
  /** Not JSON at all (a merge conflict marker, a truncated file). */
  | 'malformed'
  /** JSON, but not the notes format (a hand edit gone wrong). */
  | 'invalid'
  /** Written by a newer ClaimCheck: this version must not rewrite it. */
  | 'newer-version'
  /** The file system refused to read it. */
  | 'unreadable'
  /** The file system refused to write it (read-only file or folder, disk full). */
  | 'unwritable'
  /** Another writer holds the lock for longer than we wait. */
  | 'locked';

export interface NotesError {
  code: NotesErrorCode;
  /** The notes file, as shown to the user (relative to the workspace when possible). */
  file: string;
  message: string;
}

export function notesError(code: NotesErrorCode, file: string, message: string): NotesError {
  return { code, file, message };
}

/** "EACCES: permission denied, open '…'" → "permission denied (EACCES)". */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a parent path is not a directory',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
  };
  if (e && typeof e.code === 'string') return `${reasons[e.code] ?? e.message} (${e.code})`;
  return err instanceof Error ? err.message : String(err);
}
