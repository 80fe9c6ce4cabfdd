/** Claim → LSP Diagnostic. The message is short; the data carries what quick fixes need. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../analysis';
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
  return `${KIND_INFO[claim.kind].label} claim — ${claim.shownValue} — ${status}`;
}

const DOCUMENT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A diagnostic about the whole document (at its start): a skipped file, a setting that could not apply, a notes problem. */
export function documentLevel(code: string, severity: DiagnosticSeverity, message: string): Diagnostic {
  return { range: DOCUMENT_START, severity, source: DIAGNOSTIC_SOURCE, code, message };
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

/** For each figure among `shown`, every visible claim that states it (shown or not). */
function sameFigures(shown: readonly Claim[], visible: readonly Claim[]): Map<string, Claim[]> {
  const groups = new Map<string, Claim[]>();
  for (const claim of shown) groups.set(claim.figure, []);
  for (const claim of visible) groups.get(claim.figure)?.push(claim);
  return groups;
}

/**
 * `complete`: false when `analysis` covers only the top of the document (a long document's
 * first answer, see server.ts), so a count of claims not shown is only a count so far.
 */
export function toDiagnostics(
  document: TextDocument,
  analysis: Analysis,
  settings: ClaimCheckSettings,
  statusOf: StatusOf = NO_NOTES,
  complete = true,
): Diagnostic[] {
  // A long document has thousands of claims and every pull reads them all: one pass finds the
  // claims shown, and only the first maxDiagnostics of them become diagnostics.
  const visible: Claim[] = [];
  const shown: { claim: Claim; status: string; severity: Exclude<SeverityName, 'none'> }[] = [];
  for (const claim of analysis.claims) {
    if (!isReported(claim, settings)) continue;
    const status = statusOf(claim);
    const severity = severityOf(claim, status, settings);
    if (severity === 'none') continue;
    visible.push(claim);
    if (shown.length < settings.maxDiagnostics) shown.push({ claim, status, severity });
  }
  const repeats = sameFigures(
    shown.map((s) => s.claim),
    visible,
  );
  const diagnostics: Diagnostic[] = [];
  for (const { claim, status, severity } of shown) {
    const data: ClaimDiagnosticData = { claimId: claim.id, kind: claim.kind, status };
    const others = (repeats.get(claim.figure) ?? []).filter((c) => c !== claim);
    diagnostics.push({
      relatedInformation: others.length === 0 ? undefined : others.slice(0, 10).map((other) => ({
        location: { uri: document.uri, range: toRange(document, other.start, other.end) },
        message: `The same figure: "${other.text}"`,
      })),
      range: toRange(document, claim.start, claim.end),
      severity: SEVERITY[severity],
      source: DIAGNOSTIC_SOURCE,
      code: `claim.${claim.kind}`,
      codeDescription: { href: `${README_URL}-${claim.kind}` },
      message: claimMessage(claim, status),
      data,
    });
  }
  if (visible.length > shown.length) {
    const next = visible[shown.length];
    diagnostics.push({
      range: toRange(document, next.start, next.end),
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: 'claim.cap',
      message: complete
        ? `${visible.length - shown.length} more claims not shown (claimcheck.maxDiagnostics is ${settings.maxDiagnostics})`
        : `${visible.length - shown.length} more claims not shown so far, still analysing (claimcheck.maxDiagnostics is ${settings.maxDiagnostics})`,
    });
  }
  return diagnostics;
}

/** Paragraphs in another language that get a hint; past this many, the Problems list would be them. */
const MAX_LANGUAGE_HINTS = 20;

/** A hint on each paragraph in another language (the first MAX_LANGUAGE_HINTS): it was not analysed. */
export function otherLanguageHints(document: TextDocument, analysis: Analysis): Diagnostic[] {
  const hints: Diagnostic[] = [];
  for (const sentence of analysis.sentences) {
    if (sentence.language === undefined) continue;
    if (hints.length === MAX_LANGUAGE_HINTS) break;
    hints.push({
      range: toRange(document, sentence.start, sentence.end),
      severity: DiagnosticSeverity.Hint,
      source: DIAGNOSTIC_SOURCE,
      code: 'claim.language',
      message: `Not analysed: ClaimCheck reads English, and this paragraph is ${sentence.language.startsWith('text in') ? sentence.language : `in ${sentence.language}`}.`,
    });
  }
  return hints;
}
