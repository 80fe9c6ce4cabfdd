/**
 * One analysis per document version, shared by diagnostics, hover and every other request.
 * Requests never re-run the engine for a version that was already analysed, and a new version
 * starts from the last one analysed, so the engine re-reads only the paragraphs that changed.
 *
 * A long document analysed cold takes seconds. `whenReady` runs that work in slices of
 * SLICE_MS, giving the event loop back in between (hovers, edits and other documents are
 * answered meanwhile), and drops it as soon as the document changes: nobody wants the
 * diagnostics of a text that no longer exists. What was done stays in the engine's block cache.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisSteps, analyze, type Analysis, type Progress, type Steps } from '../analysis';

/** Longest stretch of analysis without answering anything else. */
const SLICE_MS = 15;

interface Entry {
  version: number;
  analysis: Analysis;
}

interface Job {
  version: number;
  done: Promise<Analysis | null>;
  /** What a whole-document analysis has found so far (see `soFar`). */
  progress?: Progress;
}

/**
 * Whether this document is still open at this version: false once it changed, or was closed
 * (a reopened document is another object, even at the same version number).
 */
export type IsCurrent = (document: TextDocument, version: number) => boolean;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly isCurrent: IsCurrent = () => true) {}

  /** The analysis of this version, computed now if need be (commands that need it at once). */
  get(document: TextDocument): Analysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const analysis = analyze(document.getText(), { languageId: document.languageId }, cached?.analysis);
    this.store(document.uri, document.version, analysis);
    return analysis;
  }

  /**
   * The analysis of this version, computed in slices; null when the document changed (or
   * closed) before it was done. Concurrent callers share one computation.
   */
  whenReady(document: TextDocument): Promise<Analysis | null> {
    const { uri, version } = document;
    const cached = this.entries.get(uri);
    if (cached && cached.version === version) return Promise.resolve(cached.analysis);
    const running = this.jobs.get(uri);
    if (running && running.version === version) return running.done;
    const steps = analysisSteps(document.getText(), { languageId: document.languageId }, cached?.analysis);
    const job: Job = { version, done: Promise.resolve(null) };
    job.done = this.runInSlices(document, version, steps, job);
    this.jobs.set(uri, job);
    const forget = (): void => {
      if (this.jobs.get(uri) === job) this.jobs.delete(uri);
    };
    // Both outcomes handled here: a `finally` chain would re-reject, unhandled, and an unhandled
    // rejection ends a Node process. Callers get the engine's error from `done` itself.
    job.done.then(forget, forget);
    return job.done;
  }

  /**
   * The part done so far of this version's analysis from scratch (a document just opened), when
   * it already goes past `offset` (the claims before that are final); undefined otherwise, or
   * when nothing is running. A long report's first diagnostics, or a hover at its top, need not
   * wait for the rest.
   */
  soFar(document: TextDocument, offset = -1): Analysis | undefined {
    const job = this.jobs.get(document.uri);
    if (!job || job.version !== document.version || !job.progress || job.progress.reached <= offset) return undefined;
    return job.progress.soFar();
  }

  /**
   * How much of this version's analysis from scratch is done, 0..1; undefined when none is
   * running (or an edit's re-analysis is, which does not count its progress).
   */
  fractionDone(document: TextDocument): number | undefined {
    const job = this.jobs.get(document.uri);
    return job && job.version === document.version ? job.progress?.fraction : undefined;
  }

  private async runInSlices(document: TextDocument, version: number, steps: Steps<Analysis>, job: Job): Promise<Analysis | null> {
    const uri = document.uri;
    let sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) {
        this.store(uri, version, step.value);
        return step.value;
      }
      job.progress = step.value;
      if (performance.now() - sliceStart < SLICE_MS) continue;
      await nextTurn();
      // Meanwhile the text may have changed, or a command may have analysed this version.
      if (!this.isCurrent(document, version)) return null;
      const cached = this.entries.get(uri);
      if (cached && cached.version === version) return cached.analysis;
      sliceStart = performance.now();
    }
  }

  private store(uri: string, version: number, analysis: Analysis): void {
    const cached = this.entries.get(uri);
    // A slow analysis of an older version never replaces a newer one.
    if (cached && cached.version > version) return;
    this.entries.set(uri, { version, analysis });
  }

  /** The last analysis of the document, of whatever version, without analysing. */
  peek(uri: string): Analysis | undefined {
    return this.entries.get(uri)?.analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.jobs.delete(uri);
  }
}
