/**
 * Who wrote a note: the user's git `user.name` (what their commits say), else the OS user.
 *
 * The name is read from the user's own git configuration files, not by running git: the server
 * starts no process, so nothing from an untrusted workspace can run (on Windows a `git.exe` in
 * the workspace folder would be found first, and a repository's config can name programs git
 * starts). A repository-local `user.name` is therefore not consulted.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let cached: string | undefined;

/** `_folder` is the article's workspace folder; it is deliberately not read. */
export function authorName(_folder: string | null): Promise<string> {
  cached ??= gitUserName() ?? osUserName();
  return Promise.resolve(cached);
}

/** git's global config files, in the order git reads them (the last one that sets a key wins). */
function globalConfigFiles(): string[] {
  const home = os.homedir();
  const xdg = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
  if (process.env.GIT_CONFIG_GLOBAL) return [process.env.GIT_CONFIG_GLOBAL];
  return [path.join(xdg, 'git', 'config'), path.join(home, '.gitconfig')];
}

function gitUserName(): string | null {
  let name: string | null = null;
  for (const file of globalConfigFiles()) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const found = userNameIn(text);
    if (found) name = found;
  }
  return name;
}

/** `name = ...` inside a `[user]` section of a git config file. */
export function userNameIn(config: string): string | null {
  let inUser = false;
  let name: string | null = null;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inUser = /^\[user\]$/i.test(line);
      continue;
    }
    if (!inUser) continue;
    const eq = line.indexOf('=');
    if (eq < 0 || line.slice(0, eq).trim().toLowerCase() !== 'name') continue;
    let value = line.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (value) name = value;
  }
  return name;
}

function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    // userInfo() throws when the uid has no passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
