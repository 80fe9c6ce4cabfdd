/**
 * Notes left behind by a rename outside the editor (notes/strays.ts): which notes files are
 * offered to an article opened without notes, and which never are. The offer itself (a question,
 * then the move) is tested over the protocol in test/protocol/notes.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serializeNotesFile } from '../../server/src/notes/codec';
import type { Note } from '../../server/src/notes/model';
import { findStrayNotes } from '../../server/src/notes/strays';

const ARTICLE = [
  'Allies line up security guarantees for Ukraine',
  '',
  'A group of 30 countries has been working on security guarantees, Mark Rutte said on Tuesday.',
  '',
  'The US cuts over 90% of budgets for foreign development programmes.',
].join('\n');

let tmp = '';
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-notes-strays-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A note on `exact`, as a notes file records it. */
function noteOn(exact: string, id: string): Note {
  const at = '2026-11-27T10:00:00.000Z';
  return {
    id,
    claim: { kind: 'quantity', selector: { exact, prefix: '', suffix: '' }, position: { start: 0, end: exact.length } },
    status: 'verified',
    sources: [],
    note: '',
    author: 'A. Reporter',
    created: at,
    updated: at,
    history: [],
  };
}

function writeNotesFile(file: string, article: string, quotes: string[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const notes = quotes.map((quote, i) => noteOn(quote, `n-${i}`));
  writeFileSync(file, serializeNotesFile({ schemaVersion: 1, article, notes }));
}

/** A workspace folder with `articles/<old>` and its notes, then the article renamed on disk to `articles/<renamed>`. */
function renamedOutside(name: string, old: string, renamed: string, quotes: string[], location: 'workspace' | 'sidecar'): { root: string; oldPath: string; newPath: string; notesPath: string } {
  const root = path.join(tmp, name);
  const oldPath = path.join(root, 'articles', old);
  const newPath = path.join(root, 'articles', renamed);
  mkdirSync(path.dirname(oldPath), { recursive: true });
  writeFileSync(oldPath, ARTICLE);
  const notesPath = location === 'sidecar' ? `${oldPath}.claimcheck.json` : path.join(root, '.claimcheck', 'notes', 'articles', `${old}.json`);
  writeNotesFile(notesPath, `articles/${old}`, quotes);
  renameSync(oldPath, newPath);
  return { root, oldPath, newPath, notesPath };
}

void describe('notes left behind by a rename outside the editor', () => {
  void test('the workspace notes of the gone article are found for the renamed one, with how many notes fit', async () => {
    const ws = renamedOutside('ws-1', 'draft.txt', 'final.txt', ['30 countries', 'over 90%'], 'workspace');
    assert.deepEqual(await findStrayNotes(ws.newPath, [ws.root], ARTICLE), { oldArticle: ws.oldPath, notesPath: ws.notesPath, matching: 2, total: 2 });
  });

  void test('a sidecar left beside the renamed article is found too; a note or two of text since cut still fits', async () => {
    const ws = renamedOutside('ws-2', 'draft.txt', 'final.txt', ['30 countries', 'over 90%', 'a sentence cut since'], 'sidecar');
    assert.deepEqual(await findStrayNotes(ws.newPath, [ws.root], ARTICLE), { oldArticle: ws.oldPath, notesPath: ws.notesPath, matching: 2, total: 3 });
  });

  void test('an article moved to another folder (drafts → published): the notes of its name in the old folder are found', async () => {
    const root = path.join(tmp, 'ws-moved');
    const oldPath = path.join(root, 'drafts', 'story.txt');
    const newPath = path.join(root, 'published', 'story.txt');
    mkdirSync(path.dirname(oldPath), { recursive: true });
    mkdirSync(path.dirname(newPath), { recursive: true });
    writeFileSync(newPath, ARTICLE);
    const notesPath = path.join(root, '.claimcheck', 'notes', 'drafts', 'story.txt.json');
    writeNotesFile(notesPath, 'drafts/story.txt', ['30 countries', 'over 90%']);
    // Another story of another name in the old folder is not a candidate.
    writeNotesFile(path.join(root, '.claimcheck', 'notes', 'drafts', 'other.txt.json'), 'drafts/other.txt', ['30 countries']);
    assert.deepEqual(await findStrayNotes(newPath, [root], ARTICLE), { oldArticle: oldPath, notesPath, matching: 2, total: 2 });
  });

  void test('an article outside every workspace folder: its sidecar neighbours are searched', async () => {
    const ws = renamedOutside('loose', 'draft.txt', 'final.txt', ['30 countries'], 'sidecar');
    const found = await findStrayNotes(ws.newPath, [path.join(tmp, 'elsewhere')], ARTICLE);
    assert.equal(found?.notesPath, ws.notesPath);
  });

  void test('not offered: the notes of an article that still exists (a copy, not a rename)', async () => {
    const ws = renamedOutside('ws-3', 'draft.txt', 'final.txt', ['30 countries'], 'workspace');
    writeFileSync(ws.oldPath, ARTICLE);
    assert.equal(await findStrayNotes(ws.newPath, [ws.root], ARTICLE), null);
  });

  void test('not offered: notes mostly about other text (another article that was deleted)', async () => {
    const ws = renamedOutside('ws-4', 'other.txt', 'final.txt', ['30 countries', 'a claim of another story', 'and another'], 'workspace');
    assert.equal(await findStrayNotes(ws.newPath, [ws.root], ARTICLE), null);
  });

  void test('not offered: the article already has a notes file of its own', async () => {
    const ws = renamedOutside('ws-5', 'draft.txt', 'final.txt', ['30 countries'], 'workspace');
    writeNotesFile(`${ws.newPath}.claimcheck.json`, 'articles/final.txt', []);
    assert.equal(await findStrayNotes(ws.newPath, [ws.root], ARTICLE), null);
  });

  void test('not offered and not touched: a malformed notes file of a gone article', async () => {
    const root = path.join(tmp, 'ws-6');
    const newPath = path.join(root, 'articles', 'final.txt');
    mkdirSync(path.dirname(newPath), { recursive: true });
    writeFileSync(newPath, ARTICLE);
    const broken = path.join(root, '.claimcheck', 'notes', 'articles', 'draft.txt.json');
    mkdirSync(path.dirname(broken), { recursive: true });
    writeFileSync(broken, '{"schemaVersion": 1, "article": "30 countries", "notes": [');
    assert.equal(await findStrayNotes(newPath, [root], ARTICLE), null);
    assert.equal(readFileSync(broken, 'utf8'), '{"schemaVersion": 1, "article": "30 countries", "notes": [');
  });

  void test('of two gone articles, the one whose notes fit the text better', async () => {
    const ws = renamedOutside('ws-7', 'draft.txt', 'final.txt', ['30 countries', 'over 90%'], 'workspace');
    writeNotesFile(path.join(ws.root, '.claimcheck', 'notes', 'articles', 'older.txt.json'), 'articles/older.txt', ['30 countries', 'not in this text']);
    assert.equal((await findStrayNotes(ws.newPath, [ws.root], ARTICLE))?.notesPath, ws.notesPath);
  });
});
