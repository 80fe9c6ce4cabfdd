/**
 * Exports of source notes: W3C Web Annotation JSON-LD (checked against a schema of the expected
 * structure written here, independently of the exporter), schema.org ClaimReview, the Markdown
 * and CSV review reports (every note present, cells escaped), and the export → import round trip.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import { selectorFor } from '../../server/src/notes/anchor';
import { hasVerdict, toClaimReviews } from '../../server/src/notes/export/claimReview';
import { csvCell, toCsv } from '../../server/src/notes/export/csv';
import { CSV_COLUMNS, reportRows, toCsvReport, toMarkdownReport, type ReportInput } from '../../server/src/notes/export/report';
import { toWebAnnotations } from '../../server/src/notes/export/webAnnotation';
import { fromWebAnnotations } from '../../server/src/notes/import/webAnnotation';
import type { Note, NoteStatus } from '../../server/src/notes/model';
import { TrackedNotes } from '../../server/src/notes/tracked';
import type { ClaimKind } from '../../server/src/contract';

const ARTICLE = [
  'Aid agencies said the fighting had killed nearly half of all aid workers slain worldwide in 2024, the UN said.',
  '',
  'The US cuts over 90% of budgets for foreign development programmes, the biggest retreat since 1990.',
  '',
  'Spain endured the worst fire season on record, burning more than 400,000 hectares.',
  '',
  'Profits surged 15% to £1.2bn ($1.5bn) last year, while fines reached £82.7m.',
].join('\n');

function span(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `"${needle}" not in text`);
  return { start, end: start + needle.length };
}

function note(id: string, needle: string, kind: ClaimKind, status: NoteStatus, fields: Partial<Note> = {}): Note {
  const { start, end } = span(ARTICLE, needle);
  return {
    id,
    claim: { kind, claimId: `${kind[0]}-${id}`, ...selectorFor(ARTICLE, start, end) },
    status,
    sources: [],
    note: '',
    author: 'Ana Ruiz',
    created: '2024-05-01T10:00:00.000Z',
    updated: '2024-05-03T12:30:00.000Z',
    history: status === 'unverified' ? [] : [{ at: '2024-05-03T12:30:00.000Z', author: 'Ana Ruiz', from: 'unverified', to: status }],
    ...fields,
  };
}

const NOTES: Note[] = [
  note('n-half', 'nearly half of all aid workers', 'percentage', 'verified', {
    note: 'UN OCHA figure; matches the Aid Worker Security Database.',
    sources: [
      { url: 'https://www.unocha.org/aid-workers-2024', title: 'OCHA: aid worker deaths, 2024', quote: '"nearly half of all aid workers killed"', accessed: '2024-05-02' },
      { url: 'https://aidworkersecurity.org/incidents/report', accessed: '2024-05-02' },
    ],
  }),
  note('n-90', 'over 90%', 'percentage', 'false', {
    note: 'Cuts were 83%, per the State Dept; "over 90%" is wrong.\nSecond line, with a comma, and a | pipe.',
    reason: 'State Dept budget says 83%',
    history: [
      { at: '2024-05-02T09:00:00.000Z', author: 'Ben', from: 'unverified', to: 'disputed' },
      { at: '2024-05-03T12:30:00.000Z', author: 'Ana Ruiz', from: 'disputed', to: 'false', reason: 'State Dept budget says 83%' },
    ],
  }),
  note('n-fire', 'the worst fire season on record', 'comparison', 'needs-context', { note: 'Record since 2006 only.' }),
  note('n-ha', 'more than 400,000 hectares', 'quantity', 'unverified'),
  note('n-fines', '£82.7m', 'money', 'dismissed', { reason: 'Company filing, quoted verbatim' }),
  note('n-gone', 'since 1990', 'temporal', 'disputed', { note: '=HYPERLINK("http://evil")' }),
];

/** Views as the service gives them: n-gone's text is deleted from the article (orphaned). */
function views(): { text: string; tracked: TrackedNotes } {
  const tracked = new TrackedNotes(ARTICLE);
  for (const n of NOTES) tracked.put(n);
  const text = ARTICLE.replace(', the biggest retreat since 1990', '');
  tracked.update(text);
  return { text, tracked };
}

// --- the expected Web Annotation structure, written from the W3C model, not from the exporter --

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const isAnnotationCollection = ajv.compile({
  type: 'object',
  required: ['@context', 'type', 'total', 'first'],
  properties: {
    '@context': { type: 'array', minItems: 2, maxItems: 2, prefixItems: [{ const: 'http://www.w3.org/ns/anno.jsonld' }, { type: 'object' }] },
    type: { const: 'AnnotationCollection' },
    total: { type: 'integer' },
    first: {
      type: 'object',
      required: ['type', 'items'],
      properties: { type: { const: 'AnnotationPage' }, items: { type: 'array', items: { $ref: '#/$defs/annotation' } } },
    },
  },
  $defs: {
    annotation: {
      type: 'object',
      required: ['id', 'type', 'motivation', 'created', 'modified', 'creator', 'body', 'target'],
      properties: {
        id: { type: 'string', format: 'uri' },
        type: { const: 'Annotation' },
        motivation: { enum: ['assessing', 'commenting'] },
        created: { type: 'string', format: 'date-time' },
        modified: { type: 'string', format: 'date-time' },
        creator: { type: 'object', required: ['type', 'name'], properties: { type: { const: 'Person' }, name: { type: 'string' } } },
        body: { type: 'array', minItems: 2, items: { anyOf: [{ $ref: '#/$defs/textualBody' }, { $ref: '#/$defs/citingBody' }] } },
        target: {
          type: 'object',
          required: ['source', 'selector'],
          properties: {
            source: { type: 'string', format: 'uri' },
            selector: {
              type: 'array',
              minItems: 2,
              maxItems: 2,
              prefixItems: [{ $ref: '#/$defs/quoteSelector' }, { $ref: '#/$defs/positionSelector' }],
            },
          },
        },
      },
    },
    textualBody: {
      type: 'object',
      required: ['type', 'purpose', 'value'],
      properties: {
        type: { const: 'TextualBody' },
        purpose: { enum: ['assessing', 'classifying', 'commenting'] },
        value: { type: 'string' },
        format: { const: 'text/plain' },
      },
    },
    citingBody: {
      type: 'object',
      required: ['type', 'purpose', 'source'],
      properties: {
        type: { const: 'SpecificResource' },
        purpose: { const: 'citing' },
        source: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uri' }, title: { type: 'string' } } },
        selector: { type: 'object', required: ['type', 'exact'], properties: { type: { const: 'TextQuoteSelector' }, exact: { type: 'string' } } },
        accessed: { type: 'string', format: 'date' },
      },
    },
    quoteSelector: {
      type: 'object',
      required: ['type', 'exact', 'prefix', 'suffix'],
      properties: { type: { const: 'TextQuoteSelector' }, exact: { type: 'string', minLength: 1 }, prefix: { type: 'string' }, suffix: { type: 'string' } },
    },
    positionSelector: {
      type: 'object',
      required: ['type', 'start', 'end'],
      properties: { type: { const: 'TextPositionSelector' }, start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 } },
    },
  },
});

const isClaimReviewGraph = ajv.compile({
  type: 'object',
  required: ['@context', '@graph'],
  properties: {
    '@context': { const: 'https://schema.org' },
    '@graph': {
      type: 'array',
      items: {
        type: 'object',
        required: ['@type', 'claimReviewed', 'itemReviewed', 'reviewRating', 'author', 'datePublished', 'url'],
        properties: {
          '@type': { const: 'ClaimReview' },
          claimReviewed: { type: 'string', minLength: 1 },
          url: { type: 'string', format: 'uri' },
          datePublished: { type: 'string', format: 'date' },
          author: { type: 'object', required: ['@type', 'name'], properties: { '@type': { const: 'Person' }, name: { type: 'string', minLength: 1 } } },
          itemReviewed: {
            type: 'object',
            required: ['@type', 'appearance'],
            properties: {
              '@type': { const: 'Claim' },
              appearance: { type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri' } } },
            },
          },
          reviewRating: {
            type: 'object',
            required: ['@type', 'ratingValue', 'bestRating', 'worstRating', 'alternateName'],
            properties: {
              '@type': { const: 'Rating' },
              ratingValue: { type: 'integer', minimum: 1, maximum: 5 },
              bestRating: { const: 5 },
              worstRating: { const: 1 },
              alternateName: { type: 'string', minLength: 1 },
            },
          },
        },
      },
    },
  },
});

const ARTICLE_REF = { source: 'file:///newsroom/articles/aid.txt', name: 'articles/aid.txt' };

function annotationsOf(collection: Record<string, unknown>): Record<string, unknown>[] {
  return (collection.first as { items: Record<string, unknown>[] }).items;
}

void describe('W3C Web Annotation export', () => {
  const exported = toWebAnnotations(NOTES, ARTICLE_REF);

  void test('validates against the expected Web Annotation structure', () => {
    assert.ok(isAnnotationCollection(exported), ajv.errorsText(isAnnotationCollection.errors));
  });

  void test('one Annotation per note, every note carried', () => {
    const items = annotationsOf(exported);
    assert.equal(exported.total, NOTES.length);
    assert.deepEqual(items.map((a) => a.id), NOTES.map((n) => `urn:claimcheck:note:${n.id}`));
  });

  void test('motivation: assessing once a status is set, commenting while unverified', () => {
    const byId = new Map(annotationsOf(exported).map((a) => [a.id, a.motivation]));
    assert.equal(byId.get('urn:claimcheck:note:n-half'), 'assessing');
    assert.equal(byId.get('urn:claimcheck:note:n-ha'), 'commenting');
  });

  void test('sources are citing bodies with the source URL, title and the quoted passage', () => {
    const half = annotationsOf(exported)[0];
    const citing = (half.body as Record<string, unknown>[]).filter((b) => b.purpose === 'citing');
    assert.equal(citing.length, 2);
    assert.deepEqual(citing[0].source, { id: 'https://www.unocha.org/aid-workers-2024', title: 'OCHA: aid worker deaths, 2024' });
    assert.deepEqual(citing[0].selector, { type: 'TextQuoteSelector', exact: '"nearly half of all aid workers killed"' });
  });

  void test('the target has both selectors, and the quote is the claim text', () => {
    const target = annotationsOf(exported)[1].target as { source: string; selector: Record<string, unknown>[] };
    assert.equal(target.source, ARTICLE_REF.source);
    assert.equal(target.selector[0].exact, 'over 90%');
    const { start, end } = target.selector[1] as { start: number; end: number };
    assert.equal(ARTICLE.slice(start, end), 'over 90%');
  });

  void test('export → JSON text → import gives back every note, field for field', () => {
    const imported = fromWebAnnotations(JSON.parse(JSON.stringify(exported)) as unknown);
    assert.deepEqual(imported.warnings, []);
    assert.deepEqual(imported.notes, NOTES);
  });

  void test('an array, a page or a single annotation imports too', () => {
    const items = annotationsOf(exported);
    assert.equal(fromWebAnnotations(items).notes.length, NOTES.length);
    assert.equal(fromWebAnnotations({ type: 'AnnotationPage', items }).notes.length, NOTES.length);
    assert.deepEqual(fromWebAnnotations(items[2]).notes, [NOTES[2]]);
  });
});

void describe('Web Annotation import from other tools', () => {
  const hypothesis = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'https://hypothes.is/a/Xy1ZpQ',
    type: 'Annotation',
    motivation: 'commenting',
    creator: 'acct:bob@hypothes.is',
    created: '2024-05-01T10:00:00Z',
    body: [{ type: 'TextualBody', value: 'Check this with the UN press office.' }],
    target: {
      source: 'https://example.org/aid',
      selector: [{ type: 'TextQuoteSelector', exact: 'nearly half of all aid workers', prefix: 'killed ', suffix: ' slain' }],
    },
  };

  void test('a comment on a quote becomes an unverified note, its kind from the claim at the quote', () => {
    const { notes, warnings } = fromWebAnnotations(hypothesis, { inferKind: () => 'percentage' });
    assert.deepEqual(warnings, []);
    assert.equal(notes.length, 1);
    const [imported] = notes;
    assert.equal(imported.status, 'unverified');
    assert.equal(imported.claim.kind, 'percentage');
    assert.equal(imported.note, 'Check this with the UN press office.');
    assert.equal(imported.author, 'acct:bob@hypothes.is');
    assert.equal(imported.claim.selector.exact, 'nearly half of all aid workers');
    assert.equal(fromWebAnnotations(hypothesis, { inferKind: () => 'percentage' }).notes[0].id, imported.id, 'stable id: importing twice does not duplicate');
  });

  void test('annotations that cannot become notes are skipped, each with the reason', () => {
    const { notes, warnings } = fromWebAnnotations([
      hypothesis,
      { type: 'Annotation', target: 'https://example.org/whole-page' },
      { type: 'Note', target: {} },
      42,
    ]);
    assert.equal(notes.length, 0);
    assert.equal(warnings.length, 3);
    assert.match(warnings[0], /does not say which kind of claim/);
    assert.match(warnings[1], /no TextQuoteSelector/);
    assert.match(warnings[2], /not a Web Annotation/);
  });
});

void describe('schema.org ClaimReview export', () => {
  const reviews = toClaimReviews(NOTES, { url: 'https://news.example/aid', name: 'Aid workers' }, (n) =>
    n.id === 'n-half' ? { sentence: ARTICLE.split('\n')[0], claimant: 'the UN' } : {},
  );
  const graph = reviews['@graph'] as Record<string, unknown>[];

  void test('validates against the expected ClaimReview structure', () => {
    assert.ok(isClaimReviewGraph(reviews), ajv.errorsText(isClaimReviewGraph.errors));
  });

  void test('one ClaimReview per note with a verdict (not unverified, not dismissed)', () => {
    assert.deepEqual(
      graph.map((r) => (r.itemReviewed as { text: string }).text),
      NOTES.filter(hasVerdict).map((n) => n.claim.selector.exact),
    );
    assert.equal(graph.length, 4);
  });

  void test('verdict as alternateName on a 1–5 rating; reviewer, date, sentence, claimant, citations', () => {
    const [half, ninety] = graph;
    assert.deepEqual(half.reviewRating, { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'Verified' });
    assert.equal((ninety.reviewRating as { alternateName: string }).alternateName, 'False');
    assert.equal(ninety.datePublished, '2024-05-03');
    assert.deepEqual(half.author, { '@type': 'Person', name: 'Ana Ruiz' });
    assert.equal(half.claimReviewed, ARTICLE.split('\n')[0]);
    assert.deepEqual((half.itemReviewed as { author: unknown }).author, { name: 'the UN' });
    assert.equal((half.citation as unknown[]).length, 2);
    assert.equal(ninety.claimReviewed, 'over 90%', 'without a sentence, the claim text');
  });
});

void describe('review reports', () => {
  const { text, tracked } = views();
  const claims = [
    { kind: 'percentage' as const, ...span(text, 'nearly half of all aid workers'), text: 'nearly half of all aid workers' },
    { kind: 'temporal' as const, ...span(text, 'in 2024'), text: 'in 2024' },
    { kind: 'percentage' as const, ...span(text, 'over 90%'), text: 'over 90%' },
    { kind: 'comparison' as const, ...span(text, 'the worst fire season on record'), text: 'the worst fire season on record' },
    { kind: 'money' as const, ...span(text, '£1.2bn'), text: '£1.2bn' },
  ];
  const input: ReportInput = { article: 'articles/aid.txt', text, claims, notes: tracked.views(), generated: new Date('2024-05-04T08:00:00Z') };

  void test('rows: every claim, every note exactly once, orphans last', () => {
    const rows = reportRows(input);
    const withNotes = rows.filter((r) => r.noteId !== '').map((r) => r.noteId);
    assert.deepEqual(withNotes.sort(), NOTES.map((n) => n.id).sort());
    assert.equal(rows.length, claims.length + 3, 'three notes are not on an engine claim: two attached, one orphaned');
    assert.equal(rows.at(-1)?.noteId, 'n-gone');
    assert.equal(rows.at(-1)?.orphaned, true);
    assert.deepEqual(rows.find((r) => r.claim === 'in 2024'), { ...rows.find((r) => r.claim === 'in 2024'), status: 'unverified', noteId: '' });
  });

  void test('CSV: RFC 4180, parses back to the same cells, every note present', () => {
    const csv = toCsvReport(input);
    assert.ok(csv.endsWith('\r\n'));
    const records = parseCsv(csv, { columns: true }) as Record<(typeof CSV_COLUMNS)[number], string>[];
    assert.deepEqual(Object.keys(records[0]), [...CSV_COLUMNS]);
    assert.deepEqual(records.filter((r) => r.note_id !== '').map((r) => r.note_id).sort(), NOTES.map((n) => n.id).sort());
    const ninety = records.find((r) => r.note_id === 'n-90');
    assert.equal(ninety?.note, NOTES[1].note, 'commas, quotes, pipes and newlines survive');
    assert.equal(ninety?.status, 'false');
    const half = records.find((r) => r.note_id === 'n-half');
    assert.equal(half?.sources.split('\n').length, 2);
    assert.equal(records.find((r) => r.note_id === 'n-gone')?.note, `'=HYPERLINK("http://evil")`, 'a formula is neutralised');
  });

  void test('Markdown: every note, escaped cells, an orphan section', () => {
    const md = toMarkdownReport(input);
    for (const n of NOTES) assert.ok(md.includes(n.claim.selector.exact), `${n.id} missing`);
    assert.match(md, /^# Review report: articles\/aid\.txt$/m);
    assert.match(md, /## Orphaned notes/);
    assert.ok(md.includes('\\| pipe'), 'pipes in cells are escaped');
    assert.ok(md.includes('<br>Second line'), 'line breaks in cells become <br>');
    assert.ok(md.includes('[OCHA: aid worker deaths, 2024](https://www.unocha.org/aid-workers-2024)'));
    // Escaped pipes must not add columns: the claims table has 6, the orphans table 5.
    const [claimsTable, orphansTable] = md.split('## Orphaned notes');
    const rowsOf = (section: string) => section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Line') && !l.startsWith('| Was'));
    const columns = (row: string) => row.split(/(?<!\\)\|/).length - 2;
    assert.equal(rowsOf(claimsTable).length + rowsOf(orphansTable).length, claims.length + 3);
    for (const row of rowsOf(claimsTable)) assert.equal(columns(row), 6, row);
    for (const row of rowsOf(orphansTable)) assert.equal(columns(row), 5, row);
  });

  void test('csvCell: quoting and formula neutralising', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(' padded'), '" padded"');
    assert.equal(csvCell('-5%'), '-5%');
    assert.equal(csvCell('+15%'), '+15%');
    assert.equal(csvCell('=1+2'), "'=1+2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('-2+3+cmd'), "'-2+3+cmd");
    assert.equal(csvCell(null), '');
    assert.equal(toCsv([['a', 1], [true, null]]), 'a,1\r\ntrue,\r\n');
  });
});
