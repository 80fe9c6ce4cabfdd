/**
 * A file as it was at a git ref, read from the repository by isomorphic-git rather than by
 * running git: the language server starts no process (a program started in an untrusted
 * workspace folder can be the folder's own; see test/unit/robustManifest.test.ts). A ref is a
 * branch, a tag, HEAD or a full or abbreviated commit id; revision expressions such as HEAD~2 are
 * git's own syntax and are not understood.
 *
 * isomorphic-git reads a whole pack file into memory and checks its hash before it takes an
 * object out of it, so a repository whose packs are larger than 100 MB is not read
 * (the caller says why). What a commit holds never changes: texts are kept per commit and path
 * (the last MAX_TEXTS of them); which commit a ref names is asked again after a short while.
 * isomorphic-git is loaded on first use (evaluated at start it cost the server 20–40 ms).
 */
import * as fs from 'node:fs';
import path from 'node:path';

/** The file at the ref: its text, absent (new since the ref), or why it cannot be known. */
export type FileAtRef = { text: string } | { absent: true } | { problem: string };

const MAX_TEXTS = 64;

export interface FileAtRefLimits {
  /** Larger packs, all together, are not read. */
  maxPackBytes: number;
  /** How long a ref's commit is reused before the repository is asked again (the ref may move). */
  refTtlMs: number;
}

const DEFAULT_LIMITS: FileAtRefLimits = { maxPackBytes: 100 * 1024 * 1024, refTtlMs: 2_000 };

type Git = typeof import('isomorphic-git');

/** Where the file is in its repository, and the commit the ref names there. */
type Located = { dir: string; filepath: string; commit: string } | { problem: string };

function isNotFound(err: unknown): boolean {
  return err instanceof Error && (err as { code?: string }).code === 'NotFoundError';
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The commit (or tag) `ref` names, or null. */
async function commitOf(git: Git, dir: string, ref: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, dir, ref });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  if (!/^[0-9a-f]{4,40}$/i.test(ref)) return null;
  try {
    return await git.expandOid({ fs, dir, oid: ref.toLowerCase() });
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

async function packBytes(dir: string): Promise<number> {
  const folder = path.join(dir, '.git', 'objects', 'pack');
  const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
  let total = 0;
  for (const name of names) if (name.endsWith('.pack')) total += (await fs.promises.stat(path.join(folder, name)).catch(() => null))?.size ?? 0;
  return total;
}

async function locate(file: string, ref: string, maxPackBytes: number): Promise<Located> {
  const git = await import('isomorphic-git');
  const real = await fs.promises.realpath(file).catch(() => file);
  let dir: string;
  try {
    dir = await git.findRoot({ fs, filepath: path.dirname(real) });
  } catch (err) {
    if (isNotFound(err)) return { problem: `${path.basename(file)} is not in a git repository` };
    throw err;
  }
  const packs = await packBytes(dir);
  if (packs > maxPackBytes) return { problem: `the repository's packed history (${(packs / 1048576).toFixed(1)} MB) is too large to read here` };
  const commit = await commitOf(git, dir, ref);
  if (commit === null) return { problem: `"${ref}" is not a branch, tag or commit of this repository` };
  return { dir, filepath: path.relative(dir, real).split(path.sep).join('/'), commit };
}

async function textAt(dir: string, commit: string, filepath: string): Promise<FileAtRef> {
  const git = await import('isomorphic-git');
  try {
    // Annotated tags and commits are peeled to the commit's tree.
    const { blob } = await git.readBlob({ fs, dir, oid: commit, filepath });
    return { text: new TextDecoder().decode(blob) };
  } catch (err) {
    if (isNotFound(err)) return { absent: true };
    throw err;
  }
}

export class FileAtRefReader {
  private readonly located = new Map<string, { at: number; located: Promise<Located> }>();
  private readonly texts = new Map<string, Promise<FileAtRef>>();

  constructor(private readonly limits: FileAtRefLimits = DEFAULT_LIMITS) {}

  /** `file` as it was at `ref`. The same object while neither the ref nor the file's place moved. */
  read(file: string, ref: string): Promise<FileAtRef> {
    return this.locate(file, ref).then((where) => {
      if ('problem' in where) return where;
      const key = `${where.dir}\0${where.commit}\0${where.filepath}`;
      let text = this.texts.get(key);
      if (text) {
        this.texts.delete(key); // most recently used last
      } else {
        text = textAt(where.dir, where.commit, where.filepath).catch((err: unknown): FileAtRef => ({ problem: describe(err) }));
        if (this.texts.size >= MAX_TEXTS) this.texts.delete(this.texts.keys().next().value as string);
      }
      this.texts.set(key, text);
      return text;
    });
  }

  private locate(file: string, ref: string): Promise<Located> {
    const key = `${ref}\0${file}`;
    const now = Date.now();
    const cached = this.located.get(key);
    const ttl = this.limits.refTtlMs;
    if (cached && now - cached.at < ttl) return cached.located;
    for (const [k, v] of this.located) if (now - v.at >= ttl) this.located.delete(k);
    // A problem (a ref that does not exist yet) is asked again after the TTL too.
    const located = locate(file, ref, this.limits.maxPackBytes).catch((err: unknown): Located => ({ problem: describe(err) }));
    this.located.set(key, { at: now, located });
    return located;
  }
}
