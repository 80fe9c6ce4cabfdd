/** Reads a file (or stdin for "-") as UTF-8, refusing binary and invalid UTF-8 with a clear reason. */
import { readFileSync } from 'node:fs';

export type InputResult = { ok: true; text: string } | { ok: false; error: string };

export function readInput(path: string): InputResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (err) {
    return { ok: false, error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message };
  }
  if (bytes.subarray(0, 8000).includes(0)) return { ok: false, error: 'binary file (contains NUL bytes), skipped' };
  try {
    // Same text as fs.readFileSync(path, 'utf8') for valid input, so offsets match it.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, error: 'invalid UTF-8, skipped' };
  }
}
