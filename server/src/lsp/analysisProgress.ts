/**
 * "ClaimCheck: analysing report.txt 40%" in the editor's status bar while a long analysis runs
 * (LSP server-initiated work-done progress). Without it, the first part of a long document's
 * diagnostics looks like all of them. Clients that do not support it see nothing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** How often the percentage is updated: often enough to move, rarely enough to cost nothing. */
const UPDATE_EVERY_MS = 250;

/** How much of the document's analysis is done, 0..1; undefined when it is not known. */
export type FractionDone = (document: TextDocument) => number | undefined;

function fileName(uri: string): string {
  if (!uri.startsWith('file:')) return uri.slice(uri.lastIndexOf('/') + 1) || uri;
  return path.basename(fileURLToPath(uri));
}

export class AnalysisProgress {
  /** Documents whose progress is on screen: one indicator per document, however many pulls wait. */
  private readonly shown = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly fractionDone: FractionDone,
  ) {}

  /** Shows the analysis of `document` in progress until `finished` settles. */
  async show(document: TextDocument, finished: Promise<unknown>): Promise<void> {
    const uri = document.uri;
    if (this.shown.has(uri)) return;
    this.shown.add(uri);
    let timer: NodeJS.Timeout | undefined;
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      const percent = (): number | undefined => {
        const fraction = this.fractionDone(document);
        return fraction === undefined ? undefined : Math.min(99, Math.floor(fraction * 100));
      };
      reporter.begin('ClaimCheck', percent(), `analysing ${fileName(uri)}`, false);
      timer = setInterval(() => {
        const now = percent();
        // A throw here (the connection closing under it) would end the server: only the bar stops.
        try {
          if (now !== undefined) reporter.report(now);
        } catch {
          clearInterval(timer);
        }
      }, UPDATE_EVERY_MS);
      await finished.then(
        () => undefined,
        () => undefined,
      );
      reporter.done();
    } finally {
      clearInterval(timer);
      this.shown.delete(uri);
    }
  }
}
