/** Shared by the output formats: colours, terminal-safe text, the summary line. */
import { formatValue } from '../../analysis/formatValue';
import { NOTE_STATUSES, type NoteStatus } from '../noteStatus';
import type { CliClaim, ScanReport } from '../report';

/**
 * Whether to colour `stream`: never with NO_COLOR set (non-empty), always with FORCE_COLOR set
 * (other than "0" / "false"), otherwise only on a terminal.
 */
export function useColor(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export const COLOR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  underline: sgr(4, 24),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

const identity = (s: string) => s;
export const PLAIN: Style = { bold: identity, dim: identity, underline: identity, red: identity, green: identity, yellow: identity, cyan: identity };

/** Replaces control characters (escape sequences from a file or its name) with "�" for terminal output. */
export function sanitize(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x20 || (c >= 0x7f && c < 0xa0) ? (ch === '\n' || ch === '\r' || ch === '\t' ? ' ' : '\uFFFD') : ch;
  }
  return out;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The value column: the normalised value, or "" when it would only repeat the claim's text. */
export function valueText(claim: CliClaim): string {
  const value = formatValue(claim);
  return value === claim.text ? '' : value;
}

/** "127 claims in 12 files (3 disputed, 2 verified)" — counts every status but unverified. */
export function summaryLine(report: ScanReport): string {
  const claims = report.files.flatMap((f) => f.claims);
  const withClaims = report.files.filter((f) => f.claims.length > 0).length;
  const counts = new Map<NoteStatus, number>();
  for (const c of claims) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const statuses = NOTE_STATUSES.filter((s) => s !== 'unverified' && (counts.get(s) ?? 0) > 0).map((s) => `${counts.get(s)} ${s}`);
  const main =
    claims.length === 0
      ? `No claims in ${plural(report.files.length, 'file')}`
      : `${plural(claims.length, 'claim')} in ${plural(withClaims, 'file')}${statuses.length > 0 ? ` (${statuses.join(', ')})` : ''}`;
  const errors = report.errors.length > 0 ? `; ${plural(report.errors.length, 'file')} could not be scanned` : '';
  return `${main}${errors}`;
}
