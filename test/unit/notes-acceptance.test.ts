/**
 * Acceptance (issue #4): an article with notes on ten claims is edited heavily — insertions,
 * deletions, edits inside claims, rewritten context, paragraph moves, whole paragraphs deleted, a
 * look-alike added. Every note still points at the same claim's text, or is reported orphaned
 * exactly when its text was deleted; no note is ever lost; the exports carry every note.
 *
 * Two ways the article can change are covered:
 *  - in the editor: every intermediate text goes through `update()`, as LSP didChange does;
 *  - on disk (git pull with the editor closed): only the notes file written before the edits
 *    and the final text are known.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ClaimKind } from '../../server/src/contract';
import { toClaimReviews } from '../../server/src/notes/export/claimReview';
import { toCsvReport, toMarkdownReport } from '../../server/src/notes/export/report';
import { toWebAnnotations } from '../../server/src/notes/export/webAnnotation';
import { fromWebAnnotations } from '../../server/src/notes/import/webAnnotation';
import type { NoteStatus } from '../../server/src/notes/model';
import { placeFor } from '../../server/src/notes/places';
import { NotesService, type NoteView } from '../../server/src/notes/service';
import { loadNotes } from '../../server/src/notes/store';

const ORIGINAL = `Coastal towns brace for record flood season

By Maria Lopez, environment correspondent

Sea levels along the northern coast have risen 12 centimetres since 1990, according to the national tide survey, and engineers say the old harbour walls were never built for that.

The regional council said on Monday that more than 4,000 homes now sit inside the high-risk flood zone, up from 2,600 a decade ago.

Insurers paid out £310m in flood claims last winter, the largest annual total on record, the Association of British Insurers said.

Nearly half of all small businesses in the affected districts have no flood cover, a survey by the chamber of commerce found.

The government pledged £1.2bn for coastal defences in March 2023, but only 18% of that money has been spent so far.

Mayor Tom Reilly said the town's pumping station was the oldest in the country still in daily use.

Rainfall in January was double the long-term average, the Met Office said, and river levels peaked at 5.4 metres.

Local schools closed for 9 days during the worst of the storms, and 300 families were moved to temporary housing.

Campaigners say flood warnings reach residents 40 minutes later than they did in 2015.

The council voted to build a second barrier at the river mouth, a project expected to cost $45 million.
`;

interface Planned {
  needle: string;
  kind: ClaimKind;
  status: NoteStatus;
  reason?: string;
  source?: { url: string; title: string; quote?: string };
  note: string;
  /** The claim's text after the edits, or null when it was deleted. */
  after: string | null;
}

const PLANNED: Planned[] = [
  {
    needle: 'risen 12 centimetres',
    kind: 'change',
    status: 'verified',
    source: { url: 'https://tides.example.gov/annual-report-2024', title: 'National Tide Survey 2024', quote: 'a rise of 12.1 cm since 1990' },
    note: 'Tide gauge at the harbour; rounded down.',
    after: 'risen 12 centimetres',
  },
  { needle: 'more than 4,000 homes', kind: 'quantity', status: 'needs-context', note: 'Council map counts flats separately.', after: 'more than 4,300 homes' },
  {
    needle: '£310m',
    kind: 'money',
    status: 'verified',
    source: { url: 'https://www.abi.org.uk/news/2024/flood-claims', title: 'ABI: flood claims' },
    note: '',
    after: '£310m',
  },
  { needle: 'the largest annual total on record', kind: 'comparison', status: 'disputed', note: 'Records start in 2006.', after: 'the largest single annual total on record' },
  { needle: 'Nearly half of all small businesses', kind: 'percentage', status: 'unverified', note: 'Ask the chamber for the sample size.', after: null },
  { needle: '£1.2bn', kind: 'money', status: 'verified', note: 'Budget statement, March 2023.', after: '£1.2bn' },
  { needle: '18%', kind: 'percentage', status: 'false', note: 'Treasury says 23% had been spent.', after: '18%' },
  { needle: 'the oldest in the country', kind: 'comparison', status: 'dismissed', reason: 'Quoted opinion of the mayor', note: '', after: null },
  { needle: '5.4 metres', kind: 'quantity', status: 'verified', note: 'Environment Agency gauge, 3 Jan.', after: '5.4 metres' },
  { needle: '$45 million', kind: 'money', status: 'unverified', note: 'Convert to pounds?', after: '$45 million' },
];

function find(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in text`);
  return at;
}

/** Each step is one editor change (a cut-and-paste is two): every intermediate text is seen. */
function editSteps(): ((text: string) => string)[] {
  const replace = (from: string, to: string) => (text: string) => {
    const at = find(text, from);
    return text.slice(0, at) + to + text.slice(at + from.length);
  };
  const paragraphOf = (text: string, needle: string) => {
    const at = find(text, needle);
    const start = text.lastIndexOf('\n\n', at) + 2;
    const end = text.indexOf('\n\n', at);
    return text.slice(start, end === -1 ? text.length : end + 2);
  };
  let clipboard = '';
  const cut = (needle: string) => (text: string) => {
    clipboard = paragraphOf(text, needle);
    return text.replace(clipboard, '');
  };
  const pasteBefore = (needle: string) => (text: string) => {
    const at = text.lastIndexOf('\n\n', find(text, needle)) + 2;
    return text.slice(0, at) + clipboard + text.slice(at);
  };
  const pasteAtEnd = () => (text: string) => `${text.trimEnd()}\n\n${clipboard.trimEnd()}\n`;
  const typeEach = (after: string, typed: string) =>
    [...typed].map((_, i) => (text: string) => {
      const at = find(text, after) + after.length + i;
      return text.slice(0, at) + typed[i] + text.slice(at);
    });
  return [
    replace('brace for record flood season', 'brace for what could be a record flood season'),
    ...typeEach('By Maria Lopez, environment correspondent', ' | Updated 14:20'),
    replace('built for that.\n\n', 'built for that.\n\nEngineers from three universities have monitored the walls since the spring.\n\n'),
    replace('4,000', '4,300'),
    cut('Insurers paid out'),
    pasteBefore('Sea levels along'),
    replace('largest annual total', 'largest single annual total'),
    (text) => text.replace(paragraphOf(text, 'Nearly half of all small businesses'), ''),
    replace('for coastal defences', 'for sea and river defences'),
    replace('but only 18% of that money has been spent so far', 'but barely 18% of that money had been spent by May'),
    (text) => text.replace(paragraphOf(text, 'Mayor Tom Reilly'), ''),
    cut('Rainfall in January'),
    pasteAtEnd(),
    replace('5.4 metres.', '5.4 metres, the highest since records began.'),
    replace(', a project expected to cost', ', expected to cost'),
    cut('The council voted'),
    pasteBefore('Local schools closed'),
    replace('Campaigners say flood', 'Flood'),
    replace('temporary housing.\n\n', 'temporary housing.\n\nA separate poll found nearly half of all households would move inland if they could.\n\n'),
  ];
}

function finalText(): string {
  return editSteps().reduce((text, step) => step(text), ORIGINAL);
}

function textOf(text: string, view: NoteView): string | null {
  return view.span ? text.slice(view.span.start, view.span.end) : null;
}

let workspace: string;
let articlePath: string;
let uri: string;

function newService(): NotesService {
  let t = Date.parse('2024-06-01T09:00:00.000Z');
  return new NotesService({
    place: (u) => placeFor(u, [workspace], 'workspace'),
    author: () => Promise.resolve('Maria Lopez'),
    now: () => new Date((t += 1000)),
  });
}

/** A service with the ten notes added to the original article; returns the note ids in PLANNED order. */
async function annotatedService(): Promise<{ service: NotesService; ids: string[] }> {
  const service = newService();
  await service.open(uri, ORIGINAL);
  const ids: string[] = [];
  for (const plan of PLANNED) {
    const start = find(ORIGINAL, plan.needle);
    const change = await service.addNote(
      uri,
      { kind: plan.kind, start, end: start + plan.needle.length },
      { status: plan.status, note: plan.note, ...(plan.reason && { reason: plan.reason }), ...(plan.source && { source: plan.source }) },
    );
    assert.ok(change.saved, change.error?.message);
    ids.push(change.note!.note.id);
  }
  return { service, ids };
}

function assertEveryNoteOnItsClaim(text: string, views: NoteView[], ids: string[]): void {
  assert.equal(views.length, PLANNED.length, 'no note lost, none added');
  PLANNED.forEach((plan, i) => {
    const view = views.find((v) => v.note.id === ids[i]);
    assert.ok(view, `note on "${plan.needle}" was lost`);
    assert.equal(textOf(text, view), plan.after, `note on "${plan.needle}"`);
    assert.equal(view.span === null, plan.after === null, `note on "${plan.needle}" orphaned iff its text was deleted`);
    assert.equal(view.note.status, plan.status, `note on "${plan.needle}" kept its status`);
    assert.equal(view.note.note, plan.note, `note on "${plan.needle}" kept its text`);
  });
}

before(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-acceptance-'));
  mkdirSync(path.join(workspace, 'stories'));
});

/** Each test its own article (and so its own notes file), written with the original text. */
function useArticle(name: string): void {
  articlePath = path.join(workspace, 'stories', name);
  uri = pathToFileURL(articlePath).href;
  writeFileSync(articlePath, ORIGINAL);
}
after(() => rmSync(workspace, { recursive: true, force: true }));

void describe('acceptance: ten notes through a heavy edit', () => {
  void test('the planned edits really are heavy: every kind of change happened', () => {
    const text = finalText();
    assert.ok(text.startsWith('Coastal towns brace for what could be'));
    assert.ok(find(text, '£310m') < find(text, 'Sea levels'), 'the insurers paragraph moved up');
    assert.ok(find(text, '5.4 metres') > find(text, 'Flood warnings'), 'the rainfall paragraph moved to the end');
    assert.ok(find(text, '$45 million') < find(text, 'Local schools'), 'the barrier paragraph moved up');
    assert.equal(text.includes('small businesses'), false);
    assert.equal(text.includes('oldest'), false);
    assert.ok(text.includes('nearly half of all households'), 'a look-alike of a deleted claim was added');
  });

  void test('in the editor: every note follows its claim or is orphaned when its text is deleted', async () => {
    useArticle('editor.txt');
    const { service, ids } = await annotatedService();
    let text = ORIGINAL;
    for (const step of editSteps()) {
      text = step(text);
      service.update(uri, text);
      assert.equal(service.list(uri).length, PLANNED.length, 'a note disappeared mid-edit');
    }
    assert.equal(text, finalText());
    assertEveryNoteOnItsClaim(text, service.list(uri), ids);

    // Saving the article writes the selectors for the new text; reopening finds every note the same.
    writeFileSync(articlePath, text);
    assert.equal(await service.articleSaved(uri), null);
    await service.close(uri);
    const reopened = newService();
    await reopened.open(uri, text);
    assertEveryNoteOnItsClaim(text, reopened.list(uri), ids);
    for (const view of reopened.list(uri).filter((v) => v.span)) {
      assert.deepEqual(view.note.claim.position, view.span, 'stored positions were already right');
    }
    await reopened.close(uri);
  });

  void test('on disk: the article changed while closed; the old notes file still finds every claim', async () => {
    useArticle('on-disk.txt');
    const { service, ids } = await annotatedService();
    await service.close(uri);
    const text = finalText();
    writeFileSync(articlePath, text);
    const reopened = newService();
    await reopened.open(uri, text);
    assertEveryNoteOnItsClaim(text, reopened.list(uri), ids);
    await reopened.close(uri);
  });

  void test('after saving, the notes file keeps the orphans with their last text; the exports carry every note', async () => {
    useArticle('floods.txt');
    const { service } = await annotatedService();
    const text = editSteps().reduce((current, step) => {
      const next = step(current);
      service.update(uri, next);
      return next;
    }, ORIGINAL);
    writeFileSync(articlePath, text);
    assert.equal(await service.articleSaved(uri), null);
    const views = service.list(uri);
    const notes = views.map((v) => v.note);
    assert.equal(notes.length, PLANNED.length);

    const notesPath = path.join(workspace, '.claimcheck', 'notes', 'stories', 'floods.txt.json');
    const onDisk = await loadNotes(notesPath, 'stories/floods.txt');
    assert.ok(onDisk.ok);
    assert.equal(onDisk.file.notes.length, PLANNED.length, 'orphans are never deleted automatically');
    const orphanQuotes = onDisk.file.notes.filter((n) => !text.includes(n.claim.selector.exact)).map((n) => n.claim.selector.exact);
    assert.deepEqual(orphanQuotes.sort(), ['Nearly half of all small businesses', 'the oldest in the country']);

    const annotations = toWebAnnotations(notes, { source: uri, name: 'stories/floods.txt' });
    const items = (annotations.first as { items: { id: string }[] }).items;
    assert.deepEqual(items.map((a) => a.id).sort(), notes.map((n) => `urn:claimcheck:note:${n.id}`).sort());
    assert.deepEqual(fromWebAnnotations(JSON.parse(JSON.stringify(annotations)) as unknown).notes, notes, 'round trip');

    const reviews = toClaimReviews(notes, { url: uri })['@graph'] as unknown[];
    assert.equal(reviews.length, PLANNED.filter((p) => ['verified', 'disputed', 'false', 'needs-context'].includes(p.status)).length);

    const report = { article: 'stories/floods.txt', text, claims: [], notes: views, generated: new Date() };
    const csvIds = (parseCsv(toCsvReport(report), { columns: true }) as { note_id: string }[]).map((r) => r.note_id);
    assert.deepEqual(csvIds.sort(), notes.map((n) => n.id).sort());
    const markdown = toMarkdownReport(report);
    for (const plan of PLANNED) assert.ok(markdown.includes(plan.after ?? plan.needle), `Markdown lacks "${plan.after ?? plan.needle}"`);
    await service.close(uri);
    assert.ok(readFileSync(notesPath, 'utf8').endsWith('\n'));
  });
});
