/**
 * `claimcheck.changedSince`: only the claims on lines added or changed since a git ref, the
 * editor's twin of the CLI's `--changed-since`. The CLI diffs files on disk; an editor has text
 * that may not be saved, so here the document as it is now is compared with the file as it was
 * at the ref, line by line (jsdiff's Myers diff). A claim is in scope when one of its lines was
 * added or changed; a file new since the ref is all new.
 *
 * The file at the ref is read from the repository by isomorphic-git, not by running git: the
 * server starts no process (a program started in an untrusted workspace folder can be the
 * workspace's own, see test/unit/robustManifest.test.ts). A ref is a branch, a tag, HEAD or a
 * commit id; revision expressions such as HEAD~2 are git's own syntax and are not understood.
 * isomorphic-git is loaded on first use (evaluating it at start cost the server 20–40 ms).
 * Its answers are kept for BASE_TTL_MS (a pull per pause in typing must not re-read the
 * repository); the lines changed are worked out once per document version.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLines } from 'diff';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../analysis';

/** How long the file's text at the ref is reused before the repository is read again (the ref may move). */
const BASE_TTL_MS = 5_000;
/**
 * Beyond this many lines added or removed, or this long, jsdiff gives up and every line counts as
 * changed: a text rewritten that much is new, and Myers' diff costs lines × edits (a 5 MB
 * document unlike its old version would hold the server for seconds).
 */
const MAX_EDIT_LENGTH = 2_000;
const MAX_DIFF_MS = 200;

/** The file at the ref: its text, absent (new since the ref), or why it cannot be known. */
type Base = { text: string } | { absent: true } | { problem: string };

/** Which claims are shown: all (with why, when the ref could not be used), or those on `changed` lines. */
export type Scope = { all: true; problem: string | null } | { all: false; changed: ReadonlySet<number> };

function isNotFound(err: unknown): boolean {
  return err instanceof Error && (err as { code?: string }).code === 'NotFoundError';
}

type Git = typeof import('isomorphic-git');

/** The commit (or tag) `ref` names: a branch, a tag, HEAD, or a full or abbreviated commit id. */
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

/** The file's text at `ref`, or why there is none. */
async function baseOf(file: string, ref: string): Promise<Base> {
  const git = await import('isomorphic-git');
  const real = await fs.promises.realpath(file).catch(() => file);
  let dir: string;
  try {
    dir = await git.findRoot({ fs, filepath: path.dirname(real) });
  } catch (err) {
    if (isNotFound(err)) return { problem: `${path.basename(file)} is not in a git repository` };
    throw err;
  }
  const commit = await commitOf(git, dir, ref);
  if (commit === null) return { problem: `"${ref}" is not a branch, tag or commit of this repository` };
  const filepath = path.relative(dir, real).split(path.sep).join('/');
  try {
    // Annotated tags and commits are peeled to the commit's tree.
    const { blob } = await git.readBlob({ fs, dir, oid: commit, filepath });
    return { text: new TextDecoder().decode(blob) };
  } catch (err) {
    if (isNotFound(err)) return { absent: true };
    throw err;
  }
}

/** 0-based numbers of the lines of `text` that are not in `base` as they are. */
function changedLines(base: string, text: string): Set<number> | 'all' {
  const parts = diffLines(base, text, { maxEditLength: MAX_EDIT_LENGTH, timeout: MAX_DIFF_MS, stripTrailingCr: true });
  if (!parts) return 'all';
  const changed = new Set<number>();
  let line = 0;
  for (const part of parts) {
    if (part.removed) continue;
    if (part.added) for (let i = 0; i < part.count; i++) changed.add(line + i);
    line += part.count;
  }
  return changed;
}

export class ChangeScopes {
  private readonly bases = new Map<string, { at: number; base: Promise<Base> }>();
  private readonly scopes = new Map<string, { version: number; ref: string; scope: Scope }>();

  /** Which of the document's claims `changedSince` keeps; every claim when it is empty. */
  async scopeOf(document: TextDocument, ref: string): Promise<Scope> {
    if (ref === '') return { all: true, problem: null };
    if (!document.uri.startsWith('file:')) return { all: true, problem: 'the document is not saved to a file, so it has no history' };
    const known = this.scopes.get(document.uri);
    if (known && known.version === document.version && known.ref === ref && this.fresh(document, ref)) return known.scope;
    const { version } = document;
    const text = document.getText();
    const base = await this.base(fileURLToPath(document.uri), ref);
    let scope: Scope;
    if ('problem' in base) scope = { all: true, problem: `claimcheck.changedSince: ${base.problem}; showing every claim` };
    else if ('absent' in base) scope = { all: true, problem: null };
    else {
      const changed = changedLines(base.text, text);
      scope = changed === 'all' ? { all: true, problem: null } : { all: false, changed };
    }
    this.scopes.set(document.uri, { version, ref, scope });
    return scope;
  }

  /** The analysis with only the claims in scope (the same object when all are). */
  restrict(document: TextDocument, analysis: Analysis, scope: Scope): Analysis {
    if (scope.all) return analysis;
    const inScope = (claim: Claim): boolean => {
      const last = document.positionAt(claim.end).line;
      for (let line = document.positionAt(claim.start).line; line <= last; line++) if (scope.changed.has(line)) return true;
      return false;
    };
    return { ...analysis, claims: analysis.claims.filter(inScope) };
  }

  forget(uri: string): void {
    this.scopes.delete(uri);
  }

  private fresh(document: TextDocument, ref: string): boolean {
    const cached = this.bases.get(`${ref}\0${fileURLToPath(document.uri)}`);
    return cached !== undefined && Date.now() - cached.at < BASE_TTL_MS;
  }

  private base(file: string, ref: string): Promise<Base> {
    const key = `${ref}\0${file}`;
    const cached = this.bases.get(key);
    if (cached && Date.now() - cached.at < BASE_TTL_MS) return cached.base;
    const base = baseOf(file, ref).catch((err: unknown): Base => ({ problem: err instanceof Error ? err.message : String(err) }));
    for (const [k, v] of this.bases) if (Date.now() - v.at >= BASE_TTL_MS) this.bases.delete(k);
    this.bases.set(key, { at: Date.now(), base });
    return base;
  }
}
