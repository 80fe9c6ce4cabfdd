/** `--format json`: `{"version":1,"files":[{"path","claims":[...]}]}`, one line. */
import type { ScanReport } from '../report';

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify({ version: 1, files: report.files.map((f) => ({ path: f.path, claims: f.claims })) })}\n`;
}
