/**
 * One file's work: read it, analyse it, attach ranges and note statuses. Pure per file, so it
 * runs the same in a worker thread (large scans) or in the main thread.
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Claim } from '../analysis';
import { DEFAULT_STATUS, statusesFor } from './noteStatus';
import { readInput } from './readInput';
import type { CliClaim } from './report';
import { lineOf, lineStarts } from '../text/lines';

export interface FileTask {
  index: number;
  /** The path to read, or "-" for stdin; for stdin, `text` holds what was read. */
  path: string;
  /** The path that names the file for its language and notes (`--stdin-filename` for stdin). */
  namePath: string | null;
  text?: string;
}

export interface TaskContext {
  workspace: string | null;
}

export type FileResult =
  | {
      index: number;
      ok: true;
      claims: CliClaim[];
      /** Per claim, its first and last line as git counts them (1-based, lines end at "\n"). */
      gitLines: [number, number][];
      warnings: string[];
    }
  | { index: number; ok: false; error: string; warnings: string[] };

export function languageOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'markdown' : ext === '.news' || ext === '.article' ? 'news' : 'plaintext';
}

/** The engine's claims of `text` with LSP ranges and statuses, in the JSON format's field order. */
export function claimsOf(text: string, name: string, claims: Claim[], statuses: Map<string, CliClaim['status']>): CliClaim[] {
  const document = TextDocument.create('file:///claimcheck-cli', languageOf(name), 0, text);
  return claims.map((c) => ({
    id: c.id,
    kind: c.kind,
    text: c.text,
    start: c.start,
    end: c.end,
    range: { start: document.positionAt(c.start), end: document.positionAt(c.end) },
    // The engine's claim points at its Sentence (score and all); the format has just the range.
    sentence: { start: c.sentence.start, end: c.sentence.end },
    value: c.value,
    source: c.source,
    score: c.score,
    checkworthy: c.checkworthy,
    reasons: c.reasons,
    status: statuses.get(c.id) ?? DEFAULT_STATUS,
  }));
}

export function analyzeFile(task: FileTask, context: TaskContext): FileResult {
  const warnings: string[] = [];
  let text = task.text;
  if (text === undefined) {
    const input = readInput(task.path);
    if (!input.ok) return { index: task.index, ok: false, error: input.error, warnings };
    text = input.text;
  }
  const name = task.namePath ?? task.path;
  try {
    const analysis = analyze(text, { languageId: languageOf(name) });
    const statuses =
      task.namePath === null && task.path === '-'
        ? new Map<string, CliClaim['status']>()
        : statusesFor(name, text, analysis.claims, { workspace: context.workspace, warn: (m) => warnings.push(m) });
    const starts = lineStarts(text, true);
    const foreign = analysis.sentences.filter((s) => s.language !== undefined);
    if (foreign.length > 0) {
      const where = foreign.slice(0, 5).map((s) => `line ${lineOf(starts, s.start)} (${s.language})`).join(', ');
      const more = foreign.length > 5 ? `, and ${foreign.length - 5} more` : '';
      warnings.push(`${name}: ${foreign.length} ${foreign.length === 1 ? 'paragraph' : 'paragraphs'} not in English, not analysed: ${where}${more}`);
    }
    return {
      index: task.index,
      ok: true,
      claims: claimsOf(text, name, analysis.claims, statuses),
      gitLines: analysis.claims.map((c) => [lineOf(starts, c.start), lineOf(starts, Math.max(c.start, c.end - 1))]),
      warnings,
    };
  } catch (err) {
    return { index: task.index, ok: false, error: `analysis failed: ${err instanceof Error ? err.message : String(err)}`, warnings };
  }
}
