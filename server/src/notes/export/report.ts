/**
 * The review report for the desk: every claim of the article with its status and sources, as
 * Markdown (to read) and CSV (to sort and filter). Pure.
 *
 * Rows follow the article: each claim the engine found, with the note anchored on it if any
 * ("unverified" and empty otherwise); then notes whose text is no longer a claim of the engine;
 * then orphaned notes, whose text is gone. Every note appears exactly once.
 */
import type { ClaimKind } from '../../contract';
import type { Span } from '../edits';
import type { NoteStatus, Source } from '../model';
import type { NoteView } from '../tracked';
import { toCsv } from './csv';
import { lineOf, lineStarts } from '../../text/lines';

export interface ReportClaim extends Span {
  kind: ClaimKind;
  text: string;
}

export interface ReportInput {
  /** The article as named in the notes file. */
  article: string;
  text: string;
  claims: readonly ReportClaim[];
  notes: readonly NoteView[];
  generated: Date;
}

export interface ReportRow {
  /** 1-based line of the claim; null for an orphaned note. */
  line: number | null;
  kind: ClaimKind;
  claim: string;
  status: NoteStatus;
  note: string;
  reason: string;
  sources: Source[];
  author: string;
  updated: string;
  noteId: string;
  orphaned: boolean;
}

export function reportRows(input: ReportInput): ReportRow[] {
  const lines = lineStarts(input.text);
  const unused = new Set(input.notes);
  const rows: ReportRow[] = [];
  for (const claim of input.claims) {
    const view = bestNoteFor(claim, unused);
    if (view) unused.delete(view);
    rows.push(rowOf(lineOf(lines, claim.start), claim.kind, claim.text, view));
  }
  const leftover = [...unused];
  for (const view of leftover.filter((v) => v.span)) {
    const span = view.span as Span;
    rows.push(rowOf(lineOf(lines, span.start), view.note.claim.kind, input.text.slice(span.start, span.end), view));
  }
  rows.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  for (const view of leftover.filter((v) => !v.span)) rows.push(rowOf(null, view.note.claim.kind, view.note.claim.selector.exact, view));
  return rows;
}

function bestNoteFor(claim: ReportClaim, candidates: Set<NoteView>): NoteView | undefined {
  let best: { view: NoteView; overlap: number } | undefined;
  for (const view of candidates) {
    if (!view.span) continue;
    if (view.span.start === claim.start && view.span.end === claim.end) return view;
    const overlap = Math.min(view.span.end, claim.end) - Math.max(view.span.start, claim.start);
    if (view.note.claim.kind === claim.kind && overlap > 0 && (!best || overlap > best.overlap)) best = { view, overlap };
  }
  return best?.view;
}

function rowOf(line: number | null, kind: ClaimKind, claim: string, view: NoteView | undefined): ReportRow {
  const note = view?.note;
  return {
    line,
    kind,
    claim,
    status: note?.status ?? 'unverified',
    note: note?.note ?? '',
    reason: note?.reason ?? '',
    sources: note?.sources ?? [],
    author: note?.author ?? '',
    updated: note?.updated ?? '',
    noteId: note?.id ?? '',
    orphaned: view !== undefined && view.span === null,
  };
}


// --- CSV ---------------------------------------------------------------------------------------

export const CSV_COLUMNS = ['line', 'kind', 'claim', 'status', 'note', 'reason', 'sources', 'author', 'updated', 'note_id', 'orphaned'] as const;

export function toCsvReport(input: ReportInput): string {
  const rows = reportRows(input).map((r) => [
    r.line,
    r.kind,
    r.claim,
    r.status,
    r.note,
    r.reason,
    r.sources.map(describeSource).join('\n'),
    r.author,
    r.updated,
    r.noteId,
    r.orphaned ? 'yes' : '',
  ]);
  return toCsv([[...CSV_COLUMNS], ...rows]);
}

function describeSource(source: Source): string {
  const quote = source.quote !== undefined ? ` “${source.quote}”` : '';
  return `${source.title ?? source.url} <${source.url}> (accessed ${source.accessed})${quote}`;
}

// --- Markdown ----------------------------------------------------------------------------------

export function toMarkdownReport(input: ReportInput): string {
  const rows = reportRows(input);
  const attached = rows.filter((r) => !r.orphaned);
  const orphaned = rows.filter((r) => r.orphaned);
  const counts = new Map<NoteStatus, number>();
  for (const r of attached) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  const out = [
    `# Review report: ${escapeText(input.article)}`,
    '',
    `Generated ${input.generated.toISOString().slice(0, 16).replace('T', ' ')} UTC by ClaimCheck. ` +
      `${attached.length} claims: ${tally || 'none'}.` +
      (orphaned.length > 0 ? ` ${orphaned.length} orphaned notes (their text is gone).` : ''),
    '',
    '| Line | Kind | Claim | Status | Sources | Note |',
    '|---:|---|---|---|---|---|',
    ...attached.map((r) => tableRow(r)),
  ];
  if (orphaned.length > 0) {
    out.push('', '## Orphaned notes', '', 'Their claim text was deleted or rewritten; re-attach or delete them.', '');
    out.push('| Was | Kind | Status | Sources | Note |', '|---|---|---|---|---|');
    for (const r of orphaned) out.push(`| ${cell(r.claim)} | ${r.kind} | ${statusCell(r)} | ${sourcesCell(r.sources)} | ${cell(r.note)} |`);
  }
  return `${out.join('\n')}\n`;
}

function tableRow(r: ReportRow): string {
  return `| ${r.line ?? ''} | ${r.kind} | ${cell(r.claim)} | ${statusCell(r)} | ${sourcesCell(r.sources)} | ${cell(r.note)} |`;
}

function statusCell(r: ReportRow): string {
  const status = r.status === 'unverified' && r.noteId === '' ? 'unverified' : `**${r.status}**`;
  return r.reason !== '' ? `${status}: ${cell(r.reason)}` : status;
}

function sourcesCell(sources: readonly Source[]): string {
  return sources
    .map((s) => {
      const quote = s.quote !== undefined ? ` “${cell(s.quote)}”` : '';
      return `[${escapeText(s.title ?? s.url)}](${escapeUrl(s.url)}) (${s.accessed})${quote}`;
    })
    .join('<br>');
}

/** Text inside a table cell: no raw pipes, line breaks or HTML; Markdown punctuation escaped. */
function cell(text: string): string {
  return escapeText(text).replaceAll('|', '\\|').replace(/\r\n|\r|\n/g, '<br>');
}

function escapeText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]#]/g, (c) => `\\${c}`);
}

/** A URL inside (...) of a Markdown link: parentheses and spaces would end or break it. */
function escapeUrl(url: string): string {
  return url.replaceAll('(', '%28').replaceAll(')', '%29').replaceAll(' ', '%20').replaceAll('<', '%3C').replaceAll('>', '%3E');
}
