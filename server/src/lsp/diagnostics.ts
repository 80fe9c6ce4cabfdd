/** Claim → LSP Diagnostic. The message is short; the data carries what quick fixes need. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../analysis';
import { formatValue } from '../analysis/formatValue';
import { KIND_INFO } from '../analysis/kindInfo';
import { DIAGNOSTIC_SOURCE, type ClaimCheckSettings, type SeverityName } from '../contract';
import { toRange } from './positions';

export const README_URL = 'https://github.com/claimcheck/claimcheck#claim-kinds';

/** What a ClaimCheck diagnostic carries in `data`: enough for every quick fix. */
export interface ClaimDiagnosticData {
  claimId: string;
  kind: Claim['kind'];
  status: string;
}

/** A claim's note status ("unverified" when it has no note). */
export type StatusOf = (claim: Claim) => string;
const NO_NOTES: StatusOf = () => 'unverified';

const SEVERITY: Record<Exclude<SeverityName, 'none'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function claimMessage(claim: Claim, status = 'unverified'): string {
  return `${KIND_INFO[claim.kind].label} claim — ${formatValue(claim)} — ${status}`;
}

/** Severity by note status first (verified → hint, disputed → warning, ...), else by kind. */
export function severityOf(claim: Claim, status: string, settings: ClaimCheckSettings): SeverityName {
  const byStatus = settings.statusSeverity[status as keyof ClaimCheckSettings['statusSeverity']];
  return byStatus ?? settings.severity[claim.kind];
}

/**
 * Whether the settings let a claim be shown (diagnostics, hover and every other view agree):
 * its sentence is check-worthy, scores at least `minScore`, and its kind is enabled.
 */
export function isReported(claim: Claim, settings: ClaimCheckSettings): boolean {
  return (
    claim.checkworthy &&
    claim.score >= settings.minScore &&
    settings.kinds.includes(claim.kind) &&
    settings.severity[claim.kind] !== 'none'
  );
}

/** Claims that state the same figure ("£82.7m" twice, "30 countries" and "30 countries"). */
function figureKey(claim: Claim): string {
  return claim.value && claim.kind !== 'event' ? `${claim.kind}|${formatValue(claim)}` : `${claim.kind}|${claim.text.toLowerCase()}`;
}

function groupRepeats(claims: readonly Claim[]): Map<string, Claim[]> {
  const groups = new Map<string, Claim[]>();
  for (const claim of claims) {
    const key = figureKey(claim);
    const group = groups.get(key);
    if (group) group.push(claim);
    else groups.set(key, [claim]);
  }
  return groups;
}

export function toDiagnostics(
  document: TextDocument,
  analysis: Analysis,
  settings: ClaimCheckSettings,
  statusOf: StatusOf = NO_NOTES,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visible = analysis.claims
    .filter((c) => isReported(c, settings))
    .map((claim) => ({ claim, status: statusOf(claim) }))
    .map((v) => ({ ...v, severity: severityOf(v.claim, v.status, settings) }))
    .filter((v) => v.severity !== 'none');
  const repeats = groupRepeats(visible.map((v) => v.claim));
  for (const { claim, status, severity } of visible) {
    if (diagnostics.length >= settings.maxDiagnostics) {
      diagnostics.push({
        range: toRange(document, claim.start, claim.end),
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: 'claim.cap',
        message: `${visible.length - settings.maxDiagnostics} more claims not shown (claimcheck.maxDiagnostics is ${settings.maxDiagnostics})`,
      });
      break;
    }
    const data: ClaimDiagnosticData = { claimId: claim.id, kind: claim.kind, status };
    const others = (repeats.get(figureKey(claim)) ?? []).filter((c) => c !== claim);
    diagnostics.push({
      relatedInformation: others.length === 0 ? undefined : others.slice(0, 10).map((other) => ({
        location: { uri: document.uri, range: toRange(document, other.start, other.end) },
        message: `The same figure: "${other.text}"`,
      })),
      range: toRange(document, claim.start, claim.end),
      severity: severity === 'none' ? DiagnosticSeverity.Hint : SEVERITY[severity],
      source: DIAGNOSTIC_SOURCE,
      code: `claim.${claim.kind}`,
      codeDescription: { href: `${README_URL}-${claim.kind}` },
      message: claimMessage(claim, status),
      data,
    });
  }
  return diagnostics;
}
