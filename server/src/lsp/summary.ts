/** The per-document summary shown in the client's language status item. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../analysis';
import type { DocumentSummary } from '../contract';
import type { Note } from '../notes/model';

/**
 * `reported` filters the analysis down to what the user sees (check-worthy, enabled kinds);
 * `noteOf` gives each claim's source note, for the "sourced" and "disputed" counts;
 * `changedSince`: the git ref the analysis was limited to, if it was.
 */
export function summarize(
  document: TextDocument,
  analysis: Analysis | null,
  skipped: string | null,
  reported: (claim: Claim) => boolean = (c) => c.checkworthy,
  noteOf: (claim: Claim) => Note | undefined = () => undefined,
  changedSince: string | null = null,
): DocumentSummary {
  const byKind: DocumentSummary['byKind'] = {};
  let claims = 0;
  let checkworthy = 0;
  let sourced = 0;
  let disputed = 0;
  for (const claim of analysis?.claims ?? []) {
    if (claim.checkworthy) checkworthy++;
    if (!reported(claim)) continue;
    claims++;
    byKind[claim.kind] = (byKind[claim.kind] ?? 0) + 1;
    const note = noteOf(claim);
    if (note && note.sources.length > 0) sourced++;
    if (note && (note.status === 'disputed' || note.status === 'false')) disputed++;
  }
  return {
    uri: document.uri,
    version: document.version,
    claims,
    checkworthy,
    byKind,
    sourced,
    disputed,
    skipped,
    changedSince,
  };
}
