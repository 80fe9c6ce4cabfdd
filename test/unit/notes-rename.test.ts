/**
 * Notes files follow renamed articles (notes/rename.ts), in both locations, in and out of a
 * workspace folder. The protocol tests (test/protocol/notes.test.ts) cover the same through
 * the server; these cover what they do not: sidecars, and articles outside every folder.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serializeNotesFile } from '../../server/src/notes/codec';
import { emptyNotesFile } from '../../server/src/notes/model';
import { moveNotesOnRename } from '../../server/src/notes/rename';

let tmp = '';
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-notes-rename-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function writeNotes(file: string, article: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, serializeNotesFile(emptyNotesFile(article)));
}

function articleField(file: string): string {
  return (JSON.parse(readFileSync(file, 'utf8')) as { article: string }).article;
}

void describe('notes follow a renamed article', () => {
  void test('a sidecar moves beside the new name, inside a workspace folder', async () => {
    const root = path.join(tmp, 'ws');
    const from = path.join(root, 'drafts', 'a.txt');
    const to = path.join(root, 'filed', 'b.txt');
    mkdirSync(path.dirname(from), { recursive: true });
    writeFileSync(from, 'text');
    writeNotes(`${from}.claimcheck.json`, 'drafts/a.txt');
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
    const report = await moveNotesOnRename(from, to, [root]);
    assert.deepEqual(report, { moved: [[`${from}.claimcheck.json`, `${to}.claimcheck.json`]], problems: [] });
    assert.equal(existsSync(`${from}.claimcheck.json`), false);
    assert.equal(articleField(`${to}.claimcheck.json`), 'filed/b.txt');
  });

  void test('an article outside every workspace folder: its sidecar moves, named by file name', async () => {
    const from = path.join(tmp, 'loose', 'c.txt');
    const to = path.join(tmp, 'loose', 'd.txt');
    mkdirSync(path.dirname(from), { recursive: true });
    writeFileSync(to, 'text');
    writeNotes(`${from}.claimcheck.json`, 'c.txt');
    const report = await moveNotesOnRename(from, to, [path.join(tmp, 'ws')]);
    assert.deepEqual(report.problems, []);
    assert.equal(articleField(`${to}.claimcheck.json`), 'd.txt');
  });

  void test('a renamed folder: the sidecars that moved with it name their articles by the new path', async () => {
    const root = path.join(tmp, 'ws');
    const from = path.join(root, 'desk-a');
    const to = path.join(root, 'desk-b');
    mkdirSync(path.join(from, 'deeper'), { recursive: true });
    writeFileSync(path.join(from, 'deeper', 'story.txt'), 'text');
    writeNotes(path.join(from, 'deeper', 'story.txt.claimcheck.json'), 'desk-a/deeper/story.txt');
    renameSync(from, to);
    const report = await moveNotesOnRename(from, to, [root]);
    assert.deepEqual(report, { moved: [], problems: [] });
    assert.equal(articleField(path.join(to, 'deeper', 'story.txt.claimcheck.json')), 'desk-b/deeper/story.txt');
  });

  void test('nothing to move: an empty report, nothing created', async () => {
    const from = path.join(tmp, 'ws', 'e.txt');
    const to = path.join(tmp, 'ws', 'f.txt');
    writeFileSync(to, 'text');
    assert.deepEqual(await moveNotesOnRename(from, to, [path.join(tmp, 'ws')]), { moved: [], problems: [] });
    assert.equal(existsSync(path.join(tmp, 'ws', '.claimcheck', 'notes', 'f.txt.json')), false);
  });

  void test('an existing notes file of the new name is never replaced', async () => {
    const root = path.join(tmp, 'ws');
    const from = path.join(root, 'g.txt');
    const to = path.join(root, 'h.txt');
    writeFileSync(to, 'text');
    writeNotes(path.join(root, '.claimcheck', 'notes', 'g.txt.json'), 'g.txt');
    writeNotes(path.join(root, '.claimcheck', 'notes', 'h.txt.json'), 'h.txt');
    const report = await moveNotesOnRename(from, to, [root]);
    assert.equal(report.moved.length, 0);
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0], /g\.txt\.json were not moved to .*h\.txt\.json: .*already exists; both files are as they were/);
    assert.equal(articleField(path.join(root, '.claimcheck', 'notes', 'g.txt.json')), 'g.txt');
    assert.equal(articleField(path.join(root, '.claimcheck', 'notes', 'h.txt.json')), 'h.txt');
  });
});
