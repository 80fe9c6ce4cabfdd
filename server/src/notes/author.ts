/**
 * Who wrote a note: git's `user.name` for the workspace (what the commit will say), else the OS
 * user. Asked once per folder and cached; git gets a short timeout so a slow or missing git never
 * holds up a note.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';

const GIT_TIMEOUT_MS = 1_500;
const cache = new Map<string, Promise<string>>();

export function authorName(cwd: string | null): Promise<string> {
  const key = cwd ?? '';
  let name = cache.get(key);
  if (!name) {
    name = gitUserName(cwd).then((git) => git ?? osUserName());
    cache.set(key, name);
  }
  return name;
}

function gitUserName(cwd: string | null): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['config', 'user.name'],
      { cwd: cwd ?? undefined, timeout: GIT_TIMEOUT_MS, windowsHide: true },
      (err, stdout) => resolve(err ? null : stdout.trim() || null),
    );
  });
}

function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    // userInfo() throws when the uid has no passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
