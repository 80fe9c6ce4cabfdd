/** Where the read-only shared data lives (../shared next to the repository), if it is there. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const SHARED_DIR = process.env.CLAIMCHECK_SHARED ?? path.resolve(__dirname, '..', '..', '..', 'shared');

export function sharedPath(...parts: string[]): string | null {
  const p = path.join(SHARED_DIR, ...parts);
  return existsSync(p) ? p : null;
}
