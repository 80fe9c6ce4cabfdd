/**
 * The default, human-readable format, like eslint's or Vale's: a header per file, one aligned row
 * per claim (`line:col  Kind  "text"  value  score  [status]  source`), and a summary line.
 */
import { KIND_INFO } from '../../analysis/kindInfo';
import type { NoteStatus } from '../noteStatus';
import type { CliClaim, ScanReport } from '../report';
import { sanitize, summaryLine, valueText, type Style } from './style';

/** Columns wider than this do not widen the others' alignment. */
const MAX_ALIGN = { text: 48, value: 18 };

function statusStyle(style: Style, status: NoteStatus): (s: string) => string {
  switch (status) {
    case 'verified':
      return style.green;
    case 'disputed':
    case 'false':
      return (s) => style.bold(style.red(s));
    case 'needs-context':
      return style.yellow;
    case 'dismissed':
      return style.dim;
    case 'unverified':
      return (s) => s;
  }
}

interface Row {
  cells: string[];
  claim: CliClaim;
}

function rowOf(claim: CliClaim): Row {
  return {
    claim,
    cells: [
      `${claim.range.start.line + 1}:${claim.range.start.character + 1}`,
      KIND_INFO[claim.kind].label,
      sanitize(JSON.stringify(claim.text)),
      sanitize(valueText(claim)),
      claim.score.toFixed(2),
      `[${claim.status}]`,
      sanitize(claim.source ?? ''),
    ],
  };
}

export function formatText(report: ScanReport, style: Style): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.claims.length === 0) continue;
    const rows = file.claims.map(rowOf);
    const widths = rows[0].cells.map((_, i) => Math.max(...rows.map((r) => r.cells[i].length)));
    widths[2] = Math.min(widths[2], MAX_ALIGN.text);
    widths[3] = Math.min(widths[3], MAX_ALIGN.value);
    out.push(style.underline(sanitize(file.path)));
    for (const { cells, claim } of rows) {
      const pad = (i: number) => cells[i].padEnd(widths[i]);
      const columns = [
        style.dim(pad(0)),
        style.cyan(pad(1)),
        pad(2),
        style.dim(pad(3)),
        style.dim(pad(4)),
        statusStyle(style, claim.status)(pad(5)),
        cells[6],
      ];
      out.push(`  ${columns.join('  ')}`.trimEnd());
    }
    out.push('');
  }
  out.push(style.bold(summaryLine(report)));
  return `${out.join('\n')}\n`;
}
