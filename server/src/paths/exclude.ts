/**
 * `claimcheck.exclude` / `--exclude` globs, one meaning everywhere (CLI, language server): a
 * glob matches a file's absolute path, its path relative to the base folder (the current
 * folder, a workspace folder), or its path below the folder being walked; a glob without a
 * slash matches the file name at any depth (`*.draft.md`). Uses `picomatch`.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';

const toSlash = (p: string): string => p.split(path.sep).join('/');

/** A matcher for exclude globs over the several ways a path can be written. */
export function excludeMatcher(globs: readonly string[], base = process.cwd()): (file: string, walkRoot?: string) => boolean {
  if (globs.length === 0) return () => false;
  // Two matchers: picomatch's `basename` option also stops `drafts/**` from matching
  // `drafts/budget.md`, so it is given only the globs without a slash.
  const anchored = globs.filter((g) => g.includes('/'));
  const names = globs.filter((g) => !g.includes('/'));
  const matchPath = anchored.length > 0 ? picomatch(anchored, { dot: true }) : () => false;
  const matchName = names.length > 0 ? picomatch(names, { dot: true, basename: true }) : () => false;
  const match = (candidate: string): boolean => matchPath(candidate) || matchName(candidate);
  return (file, walkRoot) => {
    const abs = path.resolve(base, file);
    const candidates = [toSlash(abs)];
    const fromBase = toSlash(path.relative(base, abs));
    if (fromBase !== '' && !fromBase.startsWith('..')) candidates.push(fromBase);
    if (walkRoot !== undefined) {
      const fromRoot = toSlash(path.relative(path.resolve(base, walkRoot), abs));
      if (fromRoot !== '' && !fromRoot.startsWith('..')) candidates.push(fromRoot);
    }
    return candidates.some((c) => match(c));
  };
}
