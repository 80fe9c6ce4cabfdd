/**
 * A real git repository in a temp folder, made with the git command line, for the tests of what
 * ClaimCheck reads from git: `claimcheck.changedSince` (the language server reads the repository
 * without running git; the tests may run it) and the CLI's `--changed-since` and `.gitignore`
 * walk.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** An article as committed: a headline and two paragraphs with claims. */
export const COMMITTED_ARTICLE = [
  'Allies line up security guarantees for Ukraine',
  '',
  'A group of 30 countries has been working on security guarantees, Mark Rutte said on Tuesday.',
  '',
  'Meanwhile, the US cuts over 90% of budgets for foreign development programmes.',
  '',
].join('\n');

export interface GitRepository {
  dir: string;
  /** Runs git in the repository; returns its trimmed stdout, throws with its stderr on failure. */
  git(...args: string[]): string;
  /** Writes `file` (relative) and commits it. */
  commit(file: string, text: string, message: string): void;
}

/** A new repository at `dir` with a committer configured and signing off. */
export function gitRepository(dir: string): GitRepository {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]): string => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout.trim();
  };
  git('init', '-q');
  git('config', 'user.name', 'ClaimCheck Tests');
  git('config', 'user.email', 'tests@claimcheck.invalid');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    commit(file, text, message) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
      git('add', file);
      git('commit', '-q', '-m', message);
    },
  };
}
