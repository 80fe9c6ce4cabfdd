/**
 * `claimcheck.exclude` in the language server: a document whose file matches one of the globs
 * is not analysed, as the CLI and Scan Workspace skip it. Globs are read relative to the
 * workspace folder that holds the file (or to the file's own folder outside any workspace).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { excludeMatcher } from '../paths/exclude';
import { workspaceFor } from '../paths/workspace';

type Matcher = ReturnType<typeof excludeMatcher>;

export class ExcludedFiles {
  private roots: readonly string[] = [];
  /** Compiled globs, by settings array (the settings store hands out one array per settings read) and base folder. */
  private readonly matchers = new WeakMap<readonly string[], Map<string, Matcher>>();

  setRoots(roots: readonly string[]): void {
    this.roots = roots;
  }

  isExcluded(uri: string, globs: readonly string[]): boolean {
    if (globs.length === 0 || !uri.startsWith('file:')) return false;
    const file = fileURLToPath(uri);
    const base = workspaceFor(file, this.roots) ?? path.dirname(file);
    return this.matcher(globs, base)(file);
  }

  private matcher(globs: readonly string[], base: string): Matcher {
    let byBase = this.matchers.get(globs);
    if (!byBase) {
      byBase = new Map();
      this.matchers.set(globs, byBase);
    }
    let match = byBase.get(base);
    if (!match) {
      match = excludeMatcher(globs, base);
      byBase.set(base, match);
    }
    return match;
  }
}
