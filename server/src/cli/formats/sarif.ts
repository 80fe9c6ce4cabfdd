/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning. One rule per claim kind (`claim.<kind>`,
 * help from kindInfo.ts), one result per claim with its region (1-based lines and UTF-16 columns,
 * `columnKind: "utf16CodeUnits"`), level `note` (`warning` for disputed or false claims),
 * dismissed claims as suppressed results, and the claim id as a partial fingerprint. Files that
 * could not be read are tool execution notifications.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { formatValue } from '../../analysis/formatValue';
import { KIND_INFO } from '../../analysis/kindInfo';
import { CLAIM_KINDS } from '../../contract';
import { README_URL } from '../../lsp/diagnostics';
import { SERVER_VERSION } from '../../version';
import type { CliClaim, ScanReport } from '../report';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/claimcheck/claimcheck';
const SRCROOT = '%SRCROOT%';

export function ruleId(kind: CliClaim['kind']): string {
  return `claim.${kind}`;
}

function rules(): ReportingDescriptor[] {
  return CLAIM_KINDS.map((kind) => {
    const info = KIND_INFO[kind];
    return {
      id: ruleId(kind),
      name: `${info.label}Claim`,
      shortDescription: { text: `${info.label} claim` },
      fullDescription: { text: info.help },
      help: { text: info.help, markdown: `**${info.label} claim.** ${info.help}` },
      helpUri: `${README_URL}-${kind}`,
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['claimcheck', 'fact-checking', kind] },
    };
  });
}

/** A relative URI (forward slashes, percent-encoded) under the current folder, else a file: URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (file === '-') return { uri: 'stdin' };
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function message(claim: CliClaim): string {
  const source = claim.source ? ` (source: ${claim.source})` : '';
  return `${KIND_INFO[claim.kind].label} claim "${claim.text}" — ${formatValue(claim)} — ${claim.status}${source}`;
}

function result(claim: CliClaim, file: string, cwd: string): Result {
  const r: Result = {
    ruleId: ruleId(claim.kind),
    ruleIndex: CLAIM_KINDS.indexOf(claim.kind),
    level: claim.status === 'disputed' || claim.status === 'false' ? 'warning' : 'note',
    message: { text: message(claim) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(file, cwd),
          region: {
            startLine: claim.range.start.line + 1,
            startColumn: claim.range.start.character + 1,
            endLine: claim.range.end.line + 1,
            endColumn: claim.range.end.character + 1,
            snippet: { text: claim.text },
          },
        },
      },
    ],
    partialFingerprints: { 'claimId/v1': claim.id },
    properties: { status: claim.status, score: claim.score, checkworthy: claim.checkworthy, value: claim.value, source: claim.source },
  };
  if (claim.status === 'dismissed') {
    r.suppressions = [{ kind: 'external', status: 'accepted', justification: 'Dismissed in the ClaimCheck source notes.' }];
  }
  return r;
}

export function toSarif(report: ScanReport): Log {
  const notifications: Notification[] = report.errors.map((e) => ({
    level: 'error',
    message: { text: `${e.path}: ${e.message}` },
    locations: e.path === '-' ? [] : [{ physicalLocation: { artifactLocation: artifactLocation(e.path, report.cwd) } }],
  }));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ClaimCheck',
            version: SERVER_VERSION,
            semanticVersion: SERVER_VERSION,
            informationUri: INFORMATION_URI,
            rules: rules(),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: report.errors.length === 0, toolExecutionNotifications: notifications }],
        results: report.files.flatMap((f) => f.claims.map((c) => result(c, f.path, report.cwd))),
      },
    ],
  };
}

export function formatSarif(report: ScanReport): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
