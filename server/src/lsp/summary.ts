/** The per-document summary shown in the client's language status item. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis';
import type { DocumentSummary } from '../contract';

export function summarize(document: TextDocument, analysis: Analysis | null, skipped: string | null): DocumentSummary {
  const byKind: DocumentSummary['byKind'] = {};
  for (const claim of analysis?.claims ?? []) byKind[claim.kind] = (byKind[claim.kind] ?? 0) + 1;
  return {
    uri: document.uri,
    version: document.version,
    claims: analysis?.claims.length ?? 0,
    checkworthy: analysis?.claims.filter((c) => c.checkworthy).length ?? 0,
    byKind,
    skipped,
  };
}
