/** What a scan produces, shared by the scan, the worker threads and every output format. */
import type { Claim } from '../analysis';
import type { NoteStatus } from './noteStatus';

export interface LinePosition {
  /** 0-based line (LSP). */
  line: number;
  /** 0-based UTF-16 code unit in the line (LSP). */
  character: number;
}

/** One claim of the JSON output (format version 1): the engine's claim plus its range and note status. */
export interface CliClaim {
  id: string;
  kind: Claim['kind'];
  text: string;
  start: number;
  end: number;
  range: { start: LinePosition; end: LinePosition };
  sentence: Claim['sentence'];
  value: Claim['value'];
  source: string | null;
  score: number;
  checkworthy: boolean;
  reasons: string[];
  status: NoteStatus;
}

export interface FileReport {
  /** The path as given on the command line or found under a given folder ("-" for stdin). */
  path: string;
  claims: CliClaim[];
}

export interface FileError {
  path: string;
  message: string;
}

export interface ScanReport {
  files: FileReport[];
  /** Files that could not be scanned, in command-line order. */
  errors: FileError[];
  /** Folder that relative paths in the report are relative to. */
  cwd: string;
}
