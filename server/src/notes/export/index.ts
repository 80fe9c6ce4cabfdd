/**
 * The four exports of a document's notes, behind one function: what the `exportNotes` command
 * returns. Pure; the caller writes the content wherever the user wants it.
 */
import type { Claim } from '../../analysis';
import type { NotesExportFormat } from '../../contract';
import { claimAt } from '../claimAt';
import type { NoteView } from '../tracked';
import { toClaimReviews } from './claimReview';
import { toCsvReport, toMarkdownReport } from './report';
import { toWebAnnotations } from './webAnnotation';

const FORMATS: Record<NotesExportFormat, { mediaType: string; suffix: string }> = {
  webAnnotation: { mediaType: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"', suffix: '.annotations.jsonld' },
  claimReview: { mediaType: 'application/ld+json', suffix: '.claimreview.jsonld' },
  markdown: { mediaType: 'text/markdown', suffix: '.review.md' },
  csv: { mediaType: 'text/csv', suffix: '.review.csv' },
};

export interface ExportInput {
  /** The article's URI: the annotations' target and the ClaimReview's url. */
  articleUri: string;
  /** The article as the notes file names it ("stories/floods.txt"). */
  article: string;
  /** The article's file name, the stem of the suggested export file name. */
  fileName: string;
  text: string;
  notes: readonly NoteView[];
  /** Every claim of the engine (ClaimReview takes the sentence and claimant from them). */
  claims: readonly Claim[];
  /** Which claims the reports list (the ones the user's settings show). */
  reported: (claim: Claim) => boolean;
  generated: Date;
}

export interface ExportOutput {
  mediaType: string;
  fileName: string;
  content: string;
}

export function exportNotes(format: NotesExportFormat, input: ExportInput): ExportOutput {
  const { mediaType, suffix } = FORMATS[format];
  return { mediaType, fileName: `${input.fileName}${suffix}`, content: contentOf(format, input) };
}

function contentOf(format: NotesExportFormat, input: ExportInput): string {
  const notes = input.notes.map((v) => v.note);
  switch (format) {
    case 'webAnnotation':
      return json(toWebAnnotations(notes, { source: input.articleUri, name: input.article }));
    case 'claimReview':
      return json(
        toClaimReviews(notes, { url: input.articleUri, name: input.article }, (note) => {
          const span = input.notes.find((v) => v.note.id === note.id)?.span;
          const claim = span ? claimAt(input.claims, span.start, span.end, note.claim.kind) : undefined;
          return claim ? { sentence: input.text.slice(claim.sentence.start, claim.sentence.end), claimant: claim.source } : {};
        }),
      );
    case 'markdown':
    case 'csv': {
      const report = { article: input.article, text: input.text, claims: input.claims.filter(input.reported), notes: input.notes, generated: input.generated };
      return format === 'markdown' ? toMarkdownReport(report) : toCsvReport(report);
    }
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
