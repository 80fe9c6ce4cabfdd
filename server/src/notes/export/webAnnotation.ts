/**
 * Notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), JSON-LD: one
 * Annotation per note in an AnnotationCollection. Pure.
 *
 * - target: the article, with a TextQuoteSelector and a TextPositionSelector;
 * - motivation: `assessing` once a status is set, `commenting` while unverified;
 * - bodies, each with an id fragment saying what it holds (the importer reads them back):
 *   `#status` (purpose assessing), `#kind` (classifying), `#note` and `#reason` (commenting),
 *   `#source-N` (a SpecificResource with purpose citing; the quoted passage as its selector).
 * Terms the Web Annotation vocabulary lacks (a source's title and access date, the engine's claim
 * id, the status history) are defined in a small second context.
 */
import type { Note } from '../model';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const NOTE_IRI_PREFIX = 'urn:claimcheck:note:';

/** ClaimCheck's additions to the Web Annotation context. */
export const CLAIMCHECK_CONTEXT = {
  '@version': 1.1,
  cc: 'urn:claimcheck:vocab:',
  dcterms: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  title: 'dcterms:title',
  accessed: { '@id': 'cc:accessed', '@type': 'xsd:date' },
  claimId: 'cc:claimId',
  history: { '@id': 'cc:history', '@type': '@json' },
} as const;

export interface ArticleRef {
  /** The article's IRI (its file: URI, or its workspace-relative path). */
  source: string;
  /** A human name for the collection label. */
  name: string;
}

export type JsonObject = { [key: string]: unknown };

export function toWebAnnotations(notes: readonly Note[], article: ArticleRef): JsonObject {
  return {
    '@context': [ANNOTATION_CONTEXT, CLAIMCHECK_CONTEXT],
    type: 'AnnotationCollection',
    label: `ClaimCheck source notes: ${article.name}`,
    total: notes.length,
    first: {
      type: 'AnnotationPage',
      startIndex: 0,
      items: notes.map((note) => toAnnotation(note, article)),
    },
  };
}

export function toAnnotation(note: Note, article: ArticleRef): JsonObject {
  const id = `${NOTE_IRI_PREFIX}${note.id}`;
  const text = (fragment: string, purpose: string, value: string): JsonObject => ({
    id: `${id}#${fragment}`,
    type: 'TextualBody',
    purpose,
    value,
    format: 'text/plain',
  });
  const body: JsonObject[] = [text('status', 'assessing', note.status), text('kind', 'classifying', note.claim.kind)];
  if (note.note !== '') body.push(text('note', 'commenting', note.note));
  if (note.reason !== undefined) body.push(text('reason', 'commenting', note.reason));
  note.sources.forEach((source, index) => {
    body.push({
      id: `${id}#source-${index + 1}`,
      type: 'SpecificResource',
      purpose: 'citing',
      source: { id: source.url, ...(source.title !== undefined && { title: source.title }) },
      ...(source.quote !== undefined && { selector: { type: 'TextQuoteSelector', exact: source.quote } }),
      accessed: source.accessed,
    });
  });
  const { selector, position } = note.claim;
  return {
    id,
    type: 'Annotation',
    motivation: note.status === 'unverified' ? 'commenting' : 'assessing',
    created: note.created,
    modified: note.updated,
    creator: { type: 'Person', name: note.author },
    generator: { id: 'https://github.com/claimcheck/claimcheck', type: 'Software', name: 'ClaimCheck' },
    body,
    target: {
      source: article.source,
      selector: [
        { type: 'TextQuoteSelector', exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix },
        { type: 'TextPositionSelector', start: position.start, end: position.end },
      ],
    },
    ...(note.claim.claimId !== undefined && { claimId: note.claim.claimId }),
    history: note.history,
  };
}
