/**
 * RFC 4180 CSV: a cell is quoted when it holds a comma, a quote, a line break or edge spaces, and
 * quotes inside are doubled; records end with CRLF. Pure.
 *
 * Cells that a spreadsheet would run as a formula (=, +, -, @, tab or CR first) get a leading
 * apostrophe — article text is untrusted input — except plain numbers such as "-5" or "+15%".
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const PLAIN_NUMBER = /^[+-]?\d[\d.,]*%?$/;

export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (text !== '' && FORMULA_START.has(text[0]) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  const needsQuotes = /[",\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
