/**
 * One analysis per document version, shared by diagnostics, hover and every other request.
 * Requests never re-run the engine for a version that was already analysed, and a new version
 * starts from the last one analysed, so the engine re-reads only the paragraphs that changed.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../analysis';

interface Entry {
  version: number;
  analysis: Analysis;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  get(document: TextDocument): Analysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const analysis = analyze(document.getText(), { languageId: document.languageId }, cached?.analysis);
    this.entries.set(document.uri, { version: document.version, analysis });
    return analysis;
  }

  /** The last analysis of the document, of whatever version, without analysing. */
  peek(uri: string): Analysis | undefined {
    return this.entries.get(uri)?.analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
