/** Claim → LSP Diagnostic. The message is short; the data carries what quick fixes need. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../analysis';
import { formatValue } from '../analysis/formatValue';
import { KIND_INFO } from '../analysis/kindInfo';
import { DIAGNOSTIC_SOURCE, type ClaimCheckSettings, type SeverityName } from '../contract';
import { toRange } from './positions';

export const README_URL = 'https://github.com/claimcheck/claimcheck#claim-kinds';

/** What a ClaimCheck diagnostic carries in `data`. */
export interface ClaimDiagnosticData {
  claimId: string;
  kind: Claim['kind'];
}

const SEVERITY: Record<Exclude<SeverityName, 'none'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function claimMessage(claim: Claim): string {
  return `${KIND_INFO[claim.kind].label} claim — ${formatValue(claim)} — unverified`;
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

export function toDiagnostics(document: TextDocument, analysis: Analysis, settings: ClaimCheckSettings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visible = analysis.claims.filter((c) => isReported(c, settings));
  const repeats = groupRepeats(visible);
  for (const claim of visible) {
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
    const severity = settings.severity[claim.kind];
    const data: ClaimDiagnosticData = { claimId: claim.id, kind: claim.kind };
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
      message: claimMessage(claim),
      data,
    });
  }
  return diagnostics;
}
