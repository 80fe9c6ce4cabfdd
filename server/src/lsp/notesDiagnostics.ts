/**
 * A document's notes problems as document-level diagnostics (at 0:0, since the text they are
 * about is gone or is another file): an unreadable notes file, changes not saved, orphaned notes.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { DocumentNotesStatus } from '../notes/service';
import { documentLevel } from './diagnostics';

/** What an orphan diagnostic carries, for a client's "re-attach" and "delete" actions. */
export interface OrphanDiagnosticData {
  noteId: string;
}

export function notesDiagnostics(status: DocumentNotesStatus): Diagnostic[] {
  const items: Diagnostic[] = [];
  if (status.loadError) items.push(documentLevel('notes.unreadable', DiagnosticSeverity.Information, status.loadError.message));
  if (status.dirty && status.saveError) {
    // Data at risk (it exists only in memory): a warning, not information.
    items.push(documentLevel('notes.unsaved', DiagnosticSeverity.Warning, `Source notes not saved: ${status.saveError.message}`));
  }
  for (const { note } of status.orphans) {
    const data: OrphanDiagnosticData = { noteId: note.id };
    const message = `Source note on "${shorten(note.claim.selector.exact)}" (${note.status}) lost its claim: the text is gone. Re-attach it to a claim or delete it.`;
    items.push({ ...documentLevel('note.orphaned', DiagnosticSeverity.Information, message), data });
  }
  return items;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}
