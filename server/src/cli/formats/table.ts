/**
 * Review reports for the desk: `--format markdown` (a GitHub-flavoured table) and `--format csv`
 * (RFC 4180 via csv-stringify), one row per claim: file, line, kind, text, value, source, score,
 * status.
 */
import { stringify } from 'csv-stringify/sync';
import { KIND_INFO } from '../../analysis/kindInfo';
import type { CliClaim, ScanReport } from '../report';
import { summaryLine, valueText } from './style';

interface ReportRow {
  file: string;
  line: number;
  column: number;
  kind: string;
  text: string;
  value: string;
  source: string;
  score: string;
  status: string;
  id: string;
}

function rows(report: ScanReport): ReportRow[] {
  return report.files.flatMap((f) =>
    f.claims.map((c: CliClaim) => ({
      file: f.path,
      line: c.range.start.line + 1,
      column: c.range.start.character + 1,
      kind: KIND_INFO[c.kind].label,
      text: c.text,
      value: valueText(c),
      source: c.source ?? '',
      score: c.score.toFixed(2),
      status: c.status,
      id: c.id,
    })),
  );
}

/** Markdown-safe table cell: punctuation that could format, link or end the cell is escaped. */
export function markdownCell(s: string): string {
  let out = '';
  for (const ch of s.replace(/\r\n|\r|\n/g, ' ')) out += '\\`*_[]<>|~#!'.includes(ch) ? `\\${ch}` : ch;
  return out;
}

export function formatMarkdown(report: ScanReport): string {
  const lines = ['# ClaimCheck report', '', `${summaryLine(report)}.`, ''];
  const all = rows(report);
  if (all.length > 0) {
    lines.push('| File | Line | Kind | Claim | Value | Source | Score | Status |', '| --- | ---: | --- | --- | --- | --- | ---: | --- |');
    for (const r of all) {
      const cells = [markdownCell(r.file), String(r.line), r.kind, markdownCell(r.text), markdownCell(r.value), markdownCell(r.source), r.score, r.status];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`.trimEnd() + '\n';
}

/**
 * CSV with a header row. Cells that a spreadsheet would run as a formula (starting with =, +, -,
 * @, tab or carriage return) are prefixed with "'" (csv-stringify's `escape_formulas`): article
 * text is untrusted.
 */
export function formatCsv(report: ScanReport): string {
  const columns = ['file', 'line', 'column', 'kind', 'text', 'value', 'source', 'score', 'status', 'id'] as const;
  return stringify(
    rows(report).map((r) => columns.map((c) => r[c])),
    { header: true, columns: [...columns], escape_formulas: true, record_delimiter: 'unix' },
  );
}
