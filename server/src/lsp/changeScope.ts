/**
 * `claimcheck.changedSince`: only the claims on lines added or changed since a git ref, the
 * editor's twin of the CLI's `--changed-since`. The CLI diffs files on disk; an editor has text
 * that may not be saved, so here the document as it is now is compared with the file as it was
 * at the ref (git/fileAtRef.ts), line by line (jsdiff's Myers diff). A claim is in scope when
 * one of its lines was added or changed; a file new since the ref is all new. The lines changed
 * are worked out once per document version and file at the ref.
 */
import { fileURLToPath } from 'node:url';
import { diffLines } from 'diff';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../analysis';
import { FileAtRefReader, type FileAtRef } from '../git/fileAtRef';

/**
 * Beyond this many lines added or removed, or this long, jsdiff gives up and every line counts as
 * changed: a text rewritten that much is new, and Myers' diff costs lines × edits (a 5 MB
 * document unlike its old version would hold the server for seconds).
 */
const MAX_EDIT_LENGTH = 2_000;
const MAX_DIFF_MS = 200;

/** Which claims are shown: all (with why, when the ref could not be used), or those on `changed` lines. */
export type Scope = { all: true; problem: string | null } | { all: false; changed: ReadonlySet<number> };

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
  private readonly files = new FileAtRefReader();
  private readonly scopes = new Map<string, { version: number; base: FileAtRef; scope: Scope }>();
  /** Keyed by the analysis, which lives as long as its document version is current. */
  private readonly restricted = new WeakMap<Analysis, { scope: Scope; restricted: Analysis }>();

  /** Which of the document's claims `changedSince` keeps; every claim when it is empty. */
  async scopeOf(document: TextDocument, ref: string): Promise<Scope> {
    if (ref === '') return { all: true, problem: null };
    if (!document.uri.startsWith('file:')) return { all: true, problem: 'claimcheck.changedSince: the document is not saved to a file, so it has no history; showing every claim' };
    const { version } = document;
    const text = document.getText();
    const base = await this.files.read(fileURLToPath(document.uri), ref);
    const known = this.scopes.get(document.uri);
    if (known && known.version === version && known.base === base) return known.scope;
    let scope: Scope;
    if ('problem' in base) scope = { all: true, problem: `claimcheck.changedSince: ${base.problem}; showing every claim` };
    else if ('absent' in base) scope = { all: true, problem: null };
    else {
      const changed = changedLines(base.text, text);
      scope = changed === 'all' ? { all: true, problem: null } : { all: false, changed };
    }
    this.scopes.set(document.uri, { version, base, scope });
    return scope;
  }

  /**
   * The analysis with only the claims in scope (the same object when all are). Worked out once per
   * analysis and scope: every hover, code action and symbols request asks again.
   */
  restrict(document: TextDocument, analysis: Analysis, scope: Scope): Analysis {
    if (scope.all) return analysis;
    const known = this.restricted.get(analysis);
    if (known && known.scope === scope) return known.restricted;
    const inScope = (claim: Claim): boolean => {
      const last = document.positionAt(claim.end).line;
      for (let line = document.positionAt(claim.start).line; line <= last; line++) if (scope.changed.has(line)) return true;
      return false;
    };
    const restricted = { ...analysis, claims: analysis.claims.filter(inScope) };
    this.restricted.set(analysis, { scope, restricted });
    return restricted;
  }

  forget(uri: string): void {
    this.scopes.delete(uri);
  }
}
