/** Command-line parsing (node:util parseArgs) and validation into one typed command. */
import { parseArgs } from 'node:util';
import { CLAIM_KINDS, type ClaimKind } from '../contract';
import { NOTE_STATUSES, isNoteStatus, type NoteStatus } from './noteStatus';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** Which reported claims make the exit code 1. */
export interface FailOn {
  any: boolean;
  kinds: Set<ClaimKind>;
  statuses: Set<NoteStatus>;
}

export interface ScanOptions {
  paths: string[];
  format: Format;
  minScore: number;
  kinds: Set<ClaimKind> | null;
  statuses: Set<NoteStatus> | null;
  changedSince: string | null;
  failOn: FailOn | null;
  exclude: string[];
  /** Worker threads; null: as many as CPUs, and only for scans large enough to gain from them. */
  jobs: number | null;
  stdinFilename: string | null;
  workspace: string | null;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'score'; args: string[] }
  | { kind: 'scan'; options: ScanOptions };

/** A mistake on the command line: exit code 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

export const HELP = `Usage:
  claimcheck [scan] PATH... [options]   find check-worthy claims in files and folders
  claimcheck score [FILE|-]             score one sentence per line (JSON lines)

PATH is a file, a folder or "-" (stdin). Folders are scanned recursively for .txt, .md,
.markdown, .news and .article files, skipping hidden folders, node_modules and what .gitignore
files ignore. Files named explicitly are always scanned unless --exclude matches them.

Output:
  -f, --format FORMAT      text (default: grouped by file, coloured on a terminal), json, sarif
                           (SARIF 2.1.0 for GitHub code scanning), markdown or csv (review reports)

Filters (a claim is reported when all hold):
      --min-score N        sentence check-worthiness at least N (0 to 1)
      --kinds LIST         only these kinds: ${CLAIM_KINDS.join(', ')}
      --status LIST        only these source-note statuses: ${NOTE_STATUSES.join(', ')}
                           (a claim without a note is unverified)
      --changed-since REF  only claims on lines added or changed since the git commit REF
                           (committed, staged or not; untracked files count as all new)

Exit code:
      --fail-on LIST       exit 1 when a reported claim (after the filters above) matches an
                           item: a kind (e.g. percentage), a status (unverified, disputed, ...)
                           or "any". "disputed" also matches "false" (a disputed claim found false).

Files and notes:
      --exclude GLOB       skip files and folders matching GLOB (repeatable). Matched against the
                           path relative to the current folder, to the scanned folder and the
                           absolute path; a GLOB without "/" matches a name at any depth.
      --workspace DIR      folder whose .claimcheck/notes hold the source notes (default: the
                           nearest folder above each file that has a .claimcheck folder; else
                           the sidecar FILE.claimcheck.json is read)
      --stdin-filename P   path to use for "-": its language (.md is Markdown), notes and name
  -j, --jobs N             analyse on N worker threads (default: one per CPU, for large scans)
  -h, --help               show this help
  -v, --version            show the version

Lists are comma-separated and options taking one may be repeated.
Exit codes: 0 nothing matched --fail-on, 1 something did, 2 usage or input error. A missing,
unreadable, binary or invalid UTF-8 file is reported on stderr and the other files are still
scanned; 2 wins over 1. NO_COLOR turns colours off, FORCE_COLOR=1 on when not on a terminal.
`;

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function isKind(v: string): v is ClaimKind {
  return (CLAIM_KINDS as readonly string[]).includes(v);
}

function parseKinds(values: string[] | undefined, option: string): Set<ClaimKind> | null {
  if (values === undefined) return null;
  const kinds = list(values);
  const unknown = kinds.filter((k) => !isKind(k));
  if (unknown.length > 0) throw new UsageError(`${option}: unknown kind "${unknown[0]}" (expected ${CLAIM_KINDS.join(', ')})`);
  if (kinds.length === 0) throw new UsageError(`${option}: expected a comma-separated list of kinds`);
  return new Set(kinds.filter(isKind));
}

function parseStatuses(values: string[] | undefined): Set<NoteStatus> | null {
  if (values === undefined) return null;
  const statuses = list(values);
  const unknown = statuses.filter((s) => !isNoteStatus(s));
  if (unknown.length > 0) throw new UsageError(`--status: unknown status "${unknown[0]}" (expected ${NOTE_STATUSES.join(', ')})`);
  if (statuses.length === 0) throw new UsageError('--status: expected a comma-separated list of statuses');
  return new Set(statuses.filter(isNoteStatus));
}

function parseFailOn(values: string[] | undefined): FailOn | null {
  if (values === undefined) return null;
  const items = list(values);
  if (items.length === 0) throw new UsageError('--fail-on: expected a comma-separated list of kinds and/or statuses, or "any"');
  const failOn: FailOn = { any: false, kinds: new Set(), statuses: new Set() };
  for (const item of items) {
    if (item === 'any') failOn.any = true;
    else if (isKind(item)) failOn.kinds.add(item);
    else if (isNoteStatus(item)) {
      failOn.statuses.add(item);
      if (item === 'disputed') failOn.statuses.add('false');
    } else {
      throw new UsageError(`--fail-on: unknown item "${item}" (expected "any", a kind: ${CLAIM_KINDS.join(', ')}; or a status: ${NOTE_STATUSES.join(', ')})`);
    }
  }
  return failOn;
}

function parseMinScore(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--min-score: expected a number from 0 to 1, got "${value}"`);
  return n;
}

function parseJobs(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs: expected a whole number from 1 to 64, got "${value}"`);
  return n;
}

function single(value: string | undefined, option: string): string | null {
  if (value === undefined) return null;
  if (value === '') throw new UsageError(`${option}: expected a value`);
  return value;
}

/** Parses `argv` (without node and the script). Throws {@link UsageError} on any mistake. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        'min-score': { type: 'string' },
        kinds: { type: 'string', multiple: true },
        status: { type: 'string', multiple: true },
        'changed-since': { type: 'string' },
        'fail-on': { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        workspace: { type: 'string' },
        'stdin-filename': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [first, ...rest] = positionals;
  if (first === 'score') return { kind: 'score', args: rest };
  const paths = first === 'scan' ? rest : positionals;
  if (paths.length === 0) throw new UsageError('no files given');

  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format: unknown format "${format}" (expected ${FORMATS.join(', ')})`);
  }
  const changedSince = single(values['changed-since'], '--changed-since');
  // The ref is passed to git: never let it be read as an option.
  if (changedSince !== null && changedSince.startsWith('-')) throw new UsageError(`--changed-since: "${changedSince}" is not a git ref`);
  if (changedSince !== null && paths.includes('-')) throw new UsageError('--changed-since cannot be used with stdin ("-")');
  const exclude = values.exclude ?? [];
  if (exclude.some((g) => g.trim() === '')) throw new UsageError('--exclude: expected a glob');
  return {
    kind: 'scan',
    options: {
      paths,
      format: format as Format,
      minScore: parseMinScore(values['min-score']),
      kinds: parseKinds(values.kinds, '--kinds'),
      statuses: parseStatuses(values.status),
      changedSince,
      failOn: parseFailOn(values['fail-on']),
      exclude,
      jobs: parseJobs(values.jobs),
      stdinFilename: single(values['stdin-filename'], '--stdin-filename'),
      workspace: single(values.workspace, '--workspace'),
    },
  };
}
