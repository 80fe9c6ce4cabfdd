/**
 * Where the V8 code cache of the server and the CLI lives (see codeCache.ts). Pure: the
 * environment, platform and home directory come in as arguments, so the rules are tested alone.
 *
 * - `CLAIMCHECK_CACHE_DIR=off` (or `0`, `false`, `none`): no cache; nothing is written.
 * - `CLAIMCHECK_CACHE_DIR=/some/dir`: that directory. The VS Code extension passes its own
 *   global storage folder, which VS Code removes with the extension.
 * - otherwise the user's cache folder, as other command-line tools use it: `$XDG_CACHE_HOME`
 *   or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows; then
 *   `claimcheck/code-cache` inside. Never a shared temporary folder: another user could plant a
 *   cache file there for V8 to load.
 */
import path from 'node:path';

export const CACHE_DIR_ENV = 'CLAIMCHECK_CACHE_DIR';

const OFF = new Set(['off', '0', 'false', 'none']);

export function codeCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | null {
  const chosen = env[CACHE_DIR_ENV]?.trim();
  if (chosen) return OFF.has(chosen.toLowerCase()) ? null : path.resolve(chosen);
  let base: string | undefined;
  if (platform === 'win32') base = env.LOCALAPPDATA;
  else if (platform === 'darwin') base = home && path.join(home, 'Library', 'Caches');
  else base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && path.join(home, '.cache');
  return base ? path.join(base, 'claimcheck', 'code-cache') : null;
}
