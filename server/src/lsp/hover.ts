/** Hover card for the claim under the cursor: kind, value, check-worthiness, source, reasons. */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../analysis';
import { formatValue } from '../analysis/formatValue';
import { KIND_INFO } from '../analysis/kindInfo';
import { toOffset, toRange } from './positions';

export function claimAt(analysis: Analysis, offset: number, shown: (claim: Claim) => boolean = () => true): Claim | undefined {
  return analysis.claims.find((c) => c.start <= offset && offset <= c.end && shown(c));
}

/** A ten-cell bar for a 0..1 score, e.g. ▰▰▰▰▰▰▰▱▱▱. */
export function scoreBar(score: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, score)) * 10);
  return '▰'.repeat(filled) + '▱'.repeat(10 - filled);
}

export function hoverMarkdown(claim: Claim): string {
  const info = KIND_INFO[claim.kind];
  const lines = [
    `**ClaimCheck** · ${info.label} claim`,
    '',
    `**Value:** ${formatValue(claim)}`,
    '',
    `**Check-worthiness:** ${claim.score.toFixed(2)} ${scoreBar(claim.score)}${claim.checkworthy ? '' : ' (below threshold)'}`,
    '',
    `**Source:** ${claim.source ?? '_not attributed in the sentence_'}`,
  ];
  if (claim.reasons.length > 0) lines.push('', `**Why:** ${claim.reasons.join('; ')}`);
  lines.push('', `_${info.help}_`);
  return lines.join('\n');
}

export function hover(
  document: TextDocument,
  analysis: Analysis,
  position: Position,
  shown: (claim: Claim) => boolean,
): Hover | null {
  const claim = claimAt(analysis, toOffset(document, position), shown);
  if (!claim) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(claim) },
    range: toRange(document, claim.start, claim.end),
  };
}
