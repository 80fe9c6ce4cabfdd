/**
 * `claimcheck scan`: collect the files, analyse them (on worker threads when there are many),
 * read their notes' statuses, apply the filters, print the report, and compute the exit code:
 * 0 nothing matched --fail-on, 1 something did, 2 usage or input error (2 wins).
 */
import { statSync } from 'node:fs';
import type { FailOn, Format, ScanOptions } from './args';
import type { FileResult, FileTask } from './analyzeFile';
import { collectFiles } from './files';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { COLOR, PLAIN, sanitize, useColor } from './formats/style';
import { formatCsv, formatMarkdown } from './formats/table';
import { formatText } from './formats/text';
import { changedLinesSince, ChangedSinceError, touchesChange, type ChangedLines } from './gitChanges';
import { analyzeAll, workerCount } from './pool';
import { createProgress } from './progress';
import { readInput } from './readInput';
import type { CliClaim, FileError, FileReport, ScanReport } from './report';

export const EXIT_OK = 0;
export const EXIT_FAIL_ON = 1;
export const EXIT_ERROR = 2;

export interface ScanIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** The CLI script, started again as each worker thread. */
  workerScript: string;
}

function formatReport(report: ScanReport, format: Format, io: ScanIo): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'csv':
      return formatCsv(report);
    case 'text':
      return formatText(report, useColor(io.stdout) ? COLOR : PLAIN);
  }
}

export function matchesFailOn(claim: CliClaim, failOn: FailOn): boolean {
  return failOn.any || failOn.kinds.has(claim.kind) || failOn.statuses.has(claim.status);
}

function keepClaim(options: ScanOptions, claim: CliClaim, lines: [number, number], changed: ChangedLines | undefined): boolean {
  if (options.kinds && !options.kinds.has(claim.kind)) return false;
  if (claim.score < options.minScore) return false;
  if (options.statuses && !options.statuses.has(claim.status)) return false;
  if (changed && !touchesChange(changed, lines[0], lines[1])) return false;
  return true;
}

export async function runScan(options: ScanOptions, io: ScanIo): Promise<number> {
  const writeErr = (line: string) => io.stderr.write(`${sanitize(line)}\n`);
  const collected = collectFiles(options.paths, options.exclude);
  for (const w of collected.warnings) writeErr(w);
  const errors: FileError[] = [...collected.errors];

  let changes: Map<string, ChangedLines> | null = null;
  if (options.changedSince !== null) {
    try {
      const result = changedLinesSince(options.changedSince, collected.files);
      changes = result.files;
      errors.push(...result.errors);
    } catch (err) {
      if (!(err instanceof ChangedSinceError)) throw err;
      writeErr(`claimcheck: ${err.message}`);
      return EXIT_ERROR;
    }
  }

  // Tasks: stdin is read here (once), files in the threads.
  const tasks: FileTask[] = [];
  const files = collected.files.filter((f) => !changes || f === '-' || changes.has(f));
  let stdinText: { text: string } | { error: string } | null = null;
  let totalBytes = 0;
  for (const file of files) {
    if (file === '-') {
      if (!stdinText) {
        const input = readInput('-');
        stdinText = input.ok ? { text: input.text } : { error: input.error };
      }
      if ('error' in stdinText) {
        errors.push({ path: options.stdinFilename ?? '-', message: stdinText.error });
        continue;
      }
      totalBytes += stdinText.text.length;
      tasks.push({ index: tasks.length, path: '-', namePath: options.stdinFilename, text: stdinText.text });
    } else {
      totalBytes += statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      tasks.push({ index: tasks.length, path: file, namePath: null });
    }
  }
  if (tasks.length === 0 && errors.length === 0) {
    writeErr('claimcheck: no files to scan');
    return EXIT_ERROR;
  }

  const displayPath = (task: FileTask) => (task.path === '-' ? (task.namePath ?? '-') : task.path);
  const progress = createProgress(tasks.length, io.stderr);
  let done = 0;
  let results: FileResult[];
  try {
    results = await analyzeAll(tasks, { workspace: options.workspace }, workerCount(options.jobs, tasks.length, totalBytes), io.workerScript, (r) => {
      done++;
      progress.update(done, displayPath(tasks[r.index]));
    });
  } finally {
    progress.clear();
  }

  const report: ScanReport = { files: [], errors, cwd: process.cwd() };
  const warnings: string[] = [];
  for (const result of results) {
    const task = tasks[result.index];
    warnings.push(...result.warnings);
    if (!result.ok) {
      errors.push({ path: displayPath(task), message: result.error });
      continue;
    }
    const changed = changes?.get(task.path);
    const claims = result.claims.filter((c, i) => keepClaim(options, c, result.gitLines[i], changed));
    report.files.push({ path: displayPath(task), claims } satisfies FileReport);
  }
  // Errors in command-line order, then the notes warnings.
  const order = new Map(collected.files.map((f, i) => [f, i]));
  errors.sort((a, b) => (order.get(a.path) ?? -1) - (order.get(b.path) ?? -1));
  for (const e of errors) writeErr(`${e.path}: ${e.message}`);
  for (const w of [...new Set(warnings)]) writeErr(w);

  io.stdout.write(formatReport(report, options.format, io));

  if (errors.length > 0) return EXIT_ERROR;
  if (options.failOn) {
    const failOn = options.failOn;
    if (report.files.some((f) => f.claims.some((c) => matchesFailOn(c, failOn)))) return EXIT_FAIL_ON;
  }
  return EXIT_OK;
}
