/**
 * Decides when a diagnostics pull gets fresh results, so squiggles stay quiet while typing:
 * - `onType`: a pull waits until the document has been still for `debounceMs` (a newer edit or
 *   the client's cancellation ends the wait), so the sentence being typed is not re-flagged
 *   until the writer pauses;
 * - `onSave`: between saves the client is told its diagnostics are unchanged (it keeps shifting
 *   the old ones with the edits), fresh ones come after each save;
 * - `manual`: the same, but fresh results only after the Scan Document command.
 * "Unchanged" uses LSP result ids, so a client never shows results computed for another text.
 *
 * A document analysed from scratch that takes longer than PARTIAL_AFTER_MS (a long report just
 * opened) is answered in two parts: first what is found so far, the top of the document, then,
 * once the analysis is done, everything, by asking the client to pull again.
 */
import type { CancellationToken } from 'vscode-languageserver';
import type { RunMode } from '../contract';

/**
 * A long document's first pull is answered with what is analysed so far when the rest takes
 * longer than this; the client is then asked to pull again (see `answeredInPart`).
 */
export const PARTIAL_AFTER_MS = 150;

/** fresh: analyse now; unchanged: the client keeps what it has; empty: manual mode, not scanned yet. */
export interface PullDecision {
  kind: 'fresh' | 'unchanged' | 'empty';
  resultId: string;
}

interface DocState {
  lastChange: number;
  resultId: string | null;
  /** A save or scan happened since the last fresh result. */
  due: boolean;
  /** The Scan Document command ran for this document (what `manual` mode waits for). */
  scanned: boolean;
}

export class PullScheduler {
  private readonly docs = new Map<string, DocState>();
  private counter = 0;

  private state(uri: string): DocState {
    let s = this.docs.get(uri);
    if (!s) {
      s = { lastChange: 0, resultId: null, due: true, scanned: false };
      this.docs.set(uri, s);
    }
    return s;
  }

  changed(uri: string): void {
    this.state(uri).lastChange = Date.now();
  }

  /** A save: the next pull is fresh (run mode onSave). */
  saved(uri: string): void {
    this.state(uri).due = true;
  }

  /** The Scan Document command: the next pull is fresh in every run mode. */
  scanRequested(uri: string): void {
    const s = this.state(uri);
    s.due = true;
    s.scanned = true;
  }

  /**
   * The last fresh answer held only part of the document's diagnostics: the next pull is fresh
   * in every run mode, or a client told "unchanged" would keep the part for good.
   */
  answeredInPart(uri: string): void {
    this.state(uri).due = true;
  }

  /** Any settings change: every document's next pull is fresh. */
  markAllDue(): void {
    for (const s of this.docs.values()) s.due = true;
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }

  /** Resolves true once the document has been still for `debounceMs`, false if cancelled first. */
  async waitForQuiet(uri: string, debounceMs: number, token: CancellationToken): Promise<boolean> {
    for (;;) {
      if (token.isCancellationRequested) return false;
      const wait = this.state(uri).lastChange + debounceMs - Date.now();
      if (wait <= 0) return true;
      await new Promise<void>((resolve) => setTimeout(resolve, Math.min(wait, 50)));
    }
  }

  decide(uri: string, mode: RunMode, previousResultId: string | undefined): PullDecision {
    const s = this.state(uri);
    const clientHasOurs = previousResultId !== undefined && previousResultId === s.resultId;
    if (mode !== 'onType' && !s.due && clientHasOurs && s.resultId) return { kind: 'unchanged', resultId: s.resultId };
    s.due = false;
    s.resultId = `${uri}#${++this.counter}`;
    return { kind: mode === 'manual' && !s.scanned ? 'empty' : 'fresh', resultId: s.resultId };
  }
}
