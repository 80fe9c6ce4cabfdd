/**
 * `--changed-since REF`: which lines of each file were added or changed since a git commit.
 *
 * Per repository: `git diff --unified=0 REF -- FILES` (the working tree against REF, so committed,
 * staged and unstaged changes all count) gives the hunks, whose `+start,count` headers are line
 * ranges in the current file; `git ls-files --others -- FILES` gives the untracked files, which
 * count as entirely new. Line numbers are git's: 1-based, lines end at "\n".
 */
import { spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** 1-based inclusive line ranges, or every line. */
export type ChangedLines = { all: true } | { all: false; ranges: [number, number][] };

export interface ChangeResult {
  /** Keyed by the file path as given. */
  files: Map<string, ChangedLines>;
  /** Files that are not in a git repository, or whose repository git could not diff. */
  errors: { path: string; message: string }[];
}

/** A bad ref or no git: a usage error (exit 2) before anything is scanned. */
export class ChangedSinceError extends Error {}

const MAX_BUFFER = 512 * 1024 * 1024;
/** Paths per git invocation, to stay far below the command-line length limit. */
const CHUNK = 400;

function git(cwd: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('git', ['--literal-pathspecs', '-c', 'core.quotePath=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', LC_ALL: 'C' },
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new ChangedSinceError(code === 'ENOENT' ? '--changed-since needs git, which was not found on PATH' : `git failed: ${result.error.message}`);
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.trim() };
}

/** The folder containing `.git` at or above `dir`, or null. */
function gitRoot(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (statSync(path.join(d, '.git'), { throwIfNoEntry: false })) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** Undoes git's C-style quoting of unusual path names ("a\"b", "tab\there", octal bytes). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"') || p.length < 2) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[i + 1];
      if (next >= '0' && next <= '7') {
        bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
        i += 3;
      } else {
        bytes.push(simple[next] ?? next.charCodeAt(0));
        i += 1;
      }
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Parses `git diff --unified=0` output into changed line ranges of the new files, keyed by the
 * path after `+++ b/`. Pure deletions (`+n,0`) add no line and are ignored.
 */
export function parseUnifiedDiff(diff: string): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  let current: [number, number][] | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = unquoteGitPath(line.slice(4).replace(/\t$/, ''));
      if (target.startsWith('b/')) {
        const file = target.slice(2);
        current = out.get(file) ?? [];
        out.set(file, current);
      } else {
        current = null; // "+++ /dev/null": the file was deleted
      }
    } else if (line.startsWith('@@ ') && current) {
      const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!header) continue;
      const start = Number(header[1]);
      const count = header[2] === undefined ? 1 : Number(header[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return out;
}

/** Changed lines of each file since `ref`. Throws {@link ChangedSinceError} when `ref` is not a commit. */
export function changedLinesSince(ref: string, files: string[]): ChangeResult {
  const result: ChangeResult = { files: new Map(), errors: [] };
  // Group the files by repository, with their paths relative to its root.
  const repos = new Map<string, { file: string; rel: string }[]>();
  for (const file of files) {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      continue; // unreadable: reported when it is read
    }
    const root = gitRoot(path.dirname(real));
    if (!root) {
      result.errors.push({ path: file, message: 'not in a git repository (needed by --changed-since)' });
      continue;
    }
    const rel = path.relative(root, real).split(path.sep).join('/');
    const list = repos.get(root) ?? [];
    list.push({ file, rel });
    repos.set(root, list);
  }
  for (const [root, entries] of repos) {
    const verify = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    if (!verify.ok) throw new ChangedSinceError(`--changed-since: "${ref}" is not a commit in the git repository ${root}`);
    const commit = verify.stdout.trim();
    const hunks = new Map<string, [number, number][]>();
    const untracked = new Set<string>();
    let failure: string | null = null;
    for (let i = 0; i < entries.length && failure === null; i += CHUNK) {
      const rels = entries.slice(i, i + CHUNK).map((e) => e.rel);
      const diff = git(root, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', commit, '--', ...rels]);
      if (!diff.ok) {
        failure = `git diff failed: ${diff.stderr}`;
        break;
      }
      for (const [file, ranges] of parseUnifiedDiff(diff.stdout)) hunks.set(file, [...(hunks.get(file) ?? []), ...ranges]);
      const others = git(root, ['ls-files', '--others', '-z', '--', ...rels]);
      if (!others.ok) {
        failure = `git ls-files failed: ${others.stderr}`;
        break;
      }
      for (const rel of others.stdout.split('\0')) if (rel !== '') untracked.add(rel);
    }
    for (const { file, rel } of entries) {
      if (failure !== null) result.errors.push({ path: file, message: failure });
      else if (untracked.has(rel)) result.files.set(file, { all: true });
      else result.files.set(file, { all: false, ranges: hunks.get(rel) ?? [] });
    }
  }
  return result;
}

/** Whether lines `first..last` (1-based, inclusive) touch a changed line. */
export function touchesChange(changed: ChangedLines, first: number, last: number): boolean {
  return changed.all || changed.ranges.some(([from, to]) => from <= last && first <= to);
}
