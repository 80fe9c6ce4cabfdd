/**
 * Which files a scan reads. Folders are walked recursively for text files, skipping hidden
 * entries, `node_modules`, what `.gitignore` files (and the repository's `.git/info/exclude`)
 * ignore, and what `--exclude` globs match. Files named on the command line are always read
 * unless an exclude glob matches them. Matching uses the `ignore` package (gitignore semantics,
 * including negations and nested files) and `../paths/exclude.ts` (globs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { excludeMatcher } from '../paths/exclude';

export const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.news', '.article']);

export interface CollectedFiles {
  /** In command-line order; each folder's files sorted by name. "-" stands for stdin. */
  files: string[];
  /** Paths that could not be read (missing, unreadable folder); the others are still collected. */
  errors: { path: string; message: string }[];
  /** Notes for stderr that are not errors (a folder without text files). */
  warnings: string[];
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

const toSlash = (p: string): string => p.split(path.sep).join('/');

function readIgnoreFile(file: string): Ignore | null {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return ignore({ allowRelativePaths: true }).add(content);
}

/** The folder containing `.git` at or above `dir`, or null. */
function gitRoot(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (statSync(path.join(d, '.git'), { throwIfNoEntry: false })) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** Ignore rules that apply to `dir` from above it: `.git/info/exclude` and parents' `.gitignore`s. */
function inheritedLayers(dir: string): IgnoreLayer[] {
  const root = gitRoot(dir);
  if (!root) return [];
  const layers: IgnoreLayer[] = [];
  const exclude = readIgnoreFile(path.join(root, '.git', 'info', 'exclude'));
  if (exclude) layers.push({ base: root, rules: exclude });
  // The folders from the root down to dir's parent (dir's own .gitignore is read by the walk).
  const chain: string[] = [];
  for (let d = dir; d !== root && path.dirname(d) !== d; ) {
    d = path.dirname(d);
    chain.unshift(d);
  }
  for (const d of chain) {
    const rules = readIgnoreFile(path.join(d, '.gitignore'));
    if (rules) layers.push({ base: d, rules });
  }
  return layers;
}

/** Git semantics across layers: the last layer with a matching rule decides. */
function isIgnored(abs: string, isDir: boolean, layers: IgnoreLayer[]): boolean {
  let ignored = false;
  for (const layer of layers) {
    const rel = toSlash(path.relative(layer.base, abs));
    if (rel === '' || rel.startsWith('..')) continue;
    const result = layer.rules.test(isDir ? `${rel}/` : rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

export function collectFiles(paths: string[], exclude: string[]): CollectedFiles {
  const out: CollectedFiles = { files: [], errors: [], warnings: [] };
  const excluded = excludeMatcher(exclude);

  const walk = (dir: string, root: string, layers: IgnoreLayer[]): void => {
    const own = readIgnoreFile(path.join(dir, '.gitignore'));
    const here = own ? [...layers, { base: path.resolve(dir), rules: own }] : layers;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      out.errors.push({ path: dir, message: `cannot read folder (${(err as Error).message})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const isDir = entry.isDirectory();
      if (!isDir && !(entry.isFile() || entry.isSymbolicLink())) continue;
      if (!isDir && !TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      if (isIgnored(path.resolve(full), isDir, here) || excluded(full, root)) continue;
      if (isDir) walk(full, root, here);
      else out.files.push(full);
    }
  };

  for (const p of paths) {
    if (p === '-') {
      out.files.push(p);
      continue;
    }
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) {
      out.errors.push({ path: p, message: 'no such file or folder' });
    } else if (stat.isDirectory()) {
      const before = out.files.length;
      walk(p, p, inheritedLayers(path.resolve(p)));
      if (out.files.length === before) out.warnings.push(`${p}: no text files to scan (${[...TEXT_EXTENSIONS].join(', ')})`);
    } else if (!excluded(p)) {
      out.files.push(p);
    }
  }
  return out;
}
