/** Hover card for the claim under the cursor: kind, value, check-worthiness, source, reasons. */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../analysis';
import { explainScore } from '../analysis/checkworthiness/model';
import { KIND_INFO } from '../analysis/kindInfo';
import { Commands, type ClaimTarget } from '../contract';
import type { Note } from '../notes/model';
import { toOffset, toRange } from './positions';

export function claimAt(analysis: Analysis, offset: number, shown: (claim: Claim) => boolean = () => true): Claim | undefined {
  // Claims come in document order, sentence by sentence, so their sentences never go back: a
  // binary search finds the first whose sentence reaches the offset (a long document has
  // thousands of claims, and a hover should not read them all), then that sentence is searched.
  const claims = analysis.claims;
  let low = 0;
  let high = claims.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (claims[mid].sentence.end < offset) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < claims.length && claims[i].sentence.start <= offset; i++) {
    const c = claims[i];
    if (c.start <= offset && offset <= c.end && shown(c)) return c;
  }
  return undefined;
}

/** A ten-cell bar for a 0..1 score, e.g. ▰▰▰▰▰▰▰▱▱▱. */
export function scoreBar(score: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, score)) * 10);
  return '▰'.repeat(filled) + '▱'.repeat(10 - filled);
}

/** Markdown-safe text (notes and sources are user text). */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|]/g, (c) => `\\${c}`);
}

function commandLink(title: string, command: string, arg: object): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))})`;
}

function noteMarkdown(note: Note): string[] {
  const lines = [`**Note:** ${note.status}${note.reason ? ` — ${escape(note.reason)}` : ''}`];
  for (const source of note.sources) {
    const title = escape(source.title ?? source.url);
    const link = /^https?:\/\//.test(source.url) ? `[${title}](${source.url})` : title;
    lines.push(`- ${link}${source.quote ? ` — “${escape(source.quote)}”` : ''}${source.accessed ? ` (accessed ${source.accessed})` : ''}`);
  }
  if (note.note) lines.push(`> ${escape(note.note).replace(/\n/g, '\n> ')}`);
  lines.push(`_${escape(note.author)}, ${note.updated.slice(0, 10)}_`);
  return lines;
}

export interface HoverExtras {
  /** The claim's sentence, for the model's reasons. */
  sentenceText?: string;
  /** The claim's source note, if it has one. */
  note?: Note;
  /** Command links for the VS Code extension (other editors cannot run them). */
  target?: ClaimTarget;
}

export function hoverMarkdown(claim: Claim, extras: HoverExtras = {}): string {
  const info = KIND_INFO[claim.kind];
  const lines = [
    `**ClaimCheck** · ${info.label} claim`,
    '',
    `**Value:** ${claim.shownValue}`,
    '',
    `**Check-worthiness:** ${claim.score.toFixed(2)} ${scoreBar(claim.score)}${claim.checkworthy ? '' : ' (below threshold)'}`,
    '',
    `**Source:** ${claim.source ? escape(claim.source) : '_not attributed in the sentence_'}`,
  ];
  // The model's reasons are worked out here, on demand, not for every claim of every analysis.
  const sentence = extras.sentenceText ? explainScore(extras.sentenceText).slice(0, 2) : [];
  const reasons = [...claim.reasons, ...sentence.filter((r) => !claim.reasons.includes(r))];
  if (reasons.length > 0) lines.push('', `**Why:** ${reasons.join('; ')}`);
  if (extras.note) lines.push('', '---', '', ...noteMarkdown(extras.note));
  else lines.push('', `_${info.help}_`);
  if (extras.target) {
    lines.push(
      '',
      [
        commandLink('Add source note', Commands.client.addSourceNote, extras.target),
        commandLink('Mark verified', Commands.client.markVerified, extras.target),
        commandLink('Dismiss', Commands.client.dismissClaim, extras.target),
      ].join(' · '),
    );
  }
  return lines.join('\n');
}

export function hover(
  document: TextDocument,
  analysis: Analysis,
  position: Position,
  shown: (claim: Claim) => boolean,
  noteOf: (claim: Claim) => Note | undefined = () => undefined,
  withCommandLinks = false,
): Hover | null {
  const claim = claimAt(analysis, toOffset(document, position), shown);
  if (!claim) return null;
  const range = toRange(document, claim.start, claim.end);
  const target: ClaimTarget | undefined = withCommandLinks ? { uri: document.uri, claimId: claim.id, kind: claim.kind, range } : undefined;
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: hoverMarkdown(claim, {
        note: noteOf(claim),
        target,
        sentenceText: document.getText().slice(claim.sentence.start, claim.sentence.end),
      }),
    },
    range,
  };
}
