/**
 * Durability of source notes on disk: paths, atomic writes (a process killed between the temp
 * write and the rename leaves the previous file intact), two writers losing nothing, clear
 * errors that leave bad files untouched, reloads after outside changes, merge rules, undo.
 *
 * Every test works in its own temp folder under os.tmpdir().
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { selectorFor } from '../../server/src/notes/anchor';
import { authorName, userNameIn } from '../../server/src/notes/author';
import { serializeNotesFile } from '../../server/src/notes/codec';
import { withFileLock } from '../../server/src/notes/lock';
import { mergeNotes } from '../../server/src/notes/merge';
import { migrate } from '../../server/src/notes/migrate';
import type { Note, NotesFile } from '../../server/src/notes/model';
import { NoteInputError } from '../../server/src/notes/operations';
import { placeFor } from '../../server/src/notes/places';
import { NotesService } from '../../server/src/notes/service';
import { articleNameFor, loadNotes, notesPathFor, saveNotes } from '../../server/src/notes/store';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'notes');
const IS_ROOT = process.getuid?.() === 0;

const ARTICLE = [
  'Insurers paid out £310m in flood claims last winter, the largest annual total on record.',
  '',
  'The government pledged £1.2bn for coastal defences, but only 18% has been spent.',
  '',
  'The new barrier is expected to cost $45 million and take four years to build.',
].join('\n');

const workspaces: string[] = [];
function tempWorkspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-notes-'));
  workspaces.push(dir);
  return dir;
}
after(() => {
  for (const dir of workspaces) {
    makeWritable(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function makeWritable(dir: string): void {
  if (!existsSync(dir)) return;
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(full);
    else chmodSync(full, 0o644);
  }
}

function span(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `"${needle}" not in text`);
  return { start, end: start + needle.length };
}

function noteOn(needle: string, id: string, fields: Partial<Note> = {}): Note {
  const { start, end } = span(ARTICLE, needle);
  return {
    id,
    claim: { kind: 'money', ...selectorFor(ARTICLE, start, end) },
    status: 'unverified',
    sources: [],
    note: '',
    author: 'Ana',
    created: '2024-05-01T10:00:00.000Z',
    updated: '2024-05-01T10:00:00.000Z',
    history: [],
    ...fields,
  };
}

function fileWith(...notes: Note[]): NotesFile {
  return { schemaVersion: 1, article: 'a.txt', notes };
}

/** A workspace with `a.txt` and the path of its notes file. */
function articleWorkspace(text = ARTICLE): { workspace: string; article: string; uri: string; notesPath: string } {
  const workspace = tempWorkspace();
  const article = path.join(workspace, 'a.txt');
  writeFileSync(article, text);
  return { workspace, article, uri: pathToFileURL(article).href, notesPath: notesPathFor(workspace, article, 'workspace') };
}

function serviceFor(workspace: string, author = 'Ana', clock?: () => Date): NotesService {
  return new NotesService({
    place: (uri) => placeFor(uri, [workspace], 'workspace'),
    author: () => Promise.resolve(author),
    ...(clock && { now: clock }),
  });
}

/** A clock that moves one second per call: distinct, ordered `updated` times without sleeping. */
function steppingClock(start = Date.parse('2024-06-01T09:00:00.000Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

function runChild(script: string, args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, ['--import', 'tsx', path.join(FIXTURES, script), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

function outputOf(child: ReturnType<typeof spawn>, until: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`child did not print ${until} within ${timeoutMs} ms; stderr:\n${err}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(until)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => {
      if (!out.includes(until)) {
        clearTimeout(timer);
        reject(new Error(`child exited with ${code} before ${until}; stderr:\n${err}`));
      }
    });
  });
}

void describe('notes file locations', () => {
  void test('workspace location mirrors the article path under .claimcheck/notes', () => {
    const root = path.join(os.tmpdir(), 'ws');
    assert.equal(notesPathFor(root, path.join(root, 'news', 'a.txt'), 'workspace'), path.join(root, '.claimcheck', 'notes', 'news', 'a.txt.json'));
    assert.equal(articleNameFor(root, path.join(root, 'news', 'a.txt')), 'news/a.txt');
  });

  void test('sidecar location, and any article outside the workspace, sits next to the article', () => {
    const root = path.join(os.tmpdir(), 'ws');
    assert.equal(notesPathFor(root, path.join(root, 'a.md'), 'sidecar'), path.join(root, 'a.md.claimcheck.json'));
    const outside = path.join(os.tmpdir(), 'elsewhere', 'b.md');
    assert.equal(notesPathFor(root, outside, 'workspace'), `${outside}.claimcheck.json`);
    assert.equal(notesPathFor(null, outside, 'workspace'), `${outside}.claimcheck.json`);
    assert.equal(articleNameFor(root, outside), 'b.md');
  });

  void test('an existing notes file in the other location is used rather than ignored', async () => {
    const { workspace, article, uri } = articleWorkspace();
    writeFileSync(`${article}.claimcheck.json`, serializeNotesFile(fileWith(noteOn('£310m', 'n-side'))));
    const place = await placeFor(uri, [workspace], 'workspace');
    assert.ok(place.durable);
    assert.equal(place.notesPath, `${article}.claimcheck.json`);
  });

  void test('untitled documents keep notes in memory', async () => {
    const place = await placeFor('untitled:Untitled-1', [tempWorkspace()], 'workspace');
    assert.equal(place.durable, false);
  });
});

void describe('loadNotes and saveNotes', () => {
  void test('a missing file loads as an empty notes file', async () => {
    const { notesPath } = articleWorkspace();
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.file.notes, []);
    assert.equal(loaded.hash, null);
  });

  void test('save → load round trip; pretty JSON, 2-space indent, trailing newline, notes in text order', async () => {
    const { notesPath } = articleWorkspace();
    const file = fileWith(noteOn('$45 million', 'n-b'), noteOn('£310m', 'n-a'));
    const saved = await saveNotes(notesPath, file, { expectedHash: null, base: null });
    assert.ok(saved.ok, JSON.stringify(saved));
    const text = readFileSync(notesPath, 'utf8');
    assert.ok(text.endsWith('}\n'));
    assert.ok(text.startsWith('{\n  "schemaVersion": 1,\n  "article": "a.txt",\n  "notes": [\n'));
    assert.ok(text.indexOf('"n-a"') < text.indexOf('"n-b"'), 'sorted by position');
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.deepEqual(new Set(loaded.file.notes.map((n) => n.id)), new Set(['n-a', 'n-b']));
    assert.equal(loaded.hash, saved.hash);
  });

  void test('saving the same notes again does not rewrite the file', async () => {
    const { notesPath } = articleWorkspace();
    const file = fileWith(noteOn('£310m', 'n-a'));
    const first = await saveNotes(notesPath, file, { expectedHash: null, base: null });
    assert.ok(first.ok);
    const second = await saveNotes(notesPath, file, { expectedHash: first.hash, base: first.file });
    assert.ok(second.ok);
    assert.equal(second.written, false);
  });

  void test('a process killed between temp write and rename leaves the previous file intact and loadable', async () => {
    const { notesPath } = articleWorkspace();
    const before = await saveNotes(notesPath, fileWith(noteOn('£310m', 'n-old')), { expectedHash: null, base: null });
    assert.ok(before.ok);
    const previousBytes = readFileSync(notesPath);
    const next = path.join(tempWorkspace(), 'next.json');
    writeFileSync(next, serializeNotesFile(fileWith(noteOn('£310m', 'n-old'), noteOn('18%', 'n-new'))));

    const child = runChild('killMidWrite.ts', [notesPath, next]);
    const out = await outputOf(child, '\n', 20_000);
    const temp = out.trim().replace(/^TEMP /, '');
    assert.ok(existsSync(temp), 'the child wrote its temp file');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    assert.deepEqual(readFileSync(notesPath), previousBytes, 'notes file unchanged');
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.file.notes.map((n) => n.id), ['n-old']);

    // The next save by anyone cleans up the dead writer's temp file.
    const after = await saveNotes(notesPath, fileWith(noteOn('£310m', 'n-old'), noteOn('$45 million', 'n-3')), {
      expectedHash: loaded.hash,
      base: loaded.file,
    });
    assert.ok(after.ok);
    assert.equal(existsSync(temp), false, 'stale temp file removed');
  });

  void test('malformed JSON: a clear error with the line; save refuses; the bytes are untouched', async () => {
    const { notesPath } = articleWorkspace();
    mkdirSync(path.dirname(notesPath), { recursive: true });
    const broken = '{\n  "schemaVersion": 1,\n  "notes": [\n<<<<<<< HEAD\n';
    writeFileSync(notesPath, broken);
    const loaded = await loadNotes(notesPath, 'a.txt', '.claimcheck/notes/a.txt.json');
    assert.ok(!loaded.ok);
    assert.equal(loaded.error.code, 'malformed');
    assert.match(loaded.error.message, /notes file \.claimcheck\/notes\/a\.txt\.json is not valid JSON \(line 4, column 1\)/);
    assert.match(loaded.error.message, /not modified/);
    const saved = await saveNotes(notesPath, fileWith(noteOn('£310m', 'n-a')), { expectedHash: null, base: null });
    assert.ok(!saved.ok);
    assert.equal(readFileSync(notesPath, 'utf8'), broken);
  });

  void test('a newer schema version: "written by a newer ClaimCheck"; save refuses; bytes untouched', async () => {
    const { notesPath } = articleWorkspace();
    mkdirSync(path.dirname(notesPath), { recursive: true });
    const newer = JSON.stringify({ schemaVersion: 99, article: 'a.txt', notes: [], futureField: true }, null, 2);
    writeFileSync(notesPath, newer);
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(!loaded.ok);
    assert.equal(loaded.error.code, 'newer-version');
    assert.match(loaded.error.message, /written by a newer ClaimCheck \(schema v99\); this version reads v1 — not modified/);
    const saved = await saveNotes(notesPath, fileWith(noteOn('£310m', 'n-a')), { expectedHash: null, base: null });
    assert.ok(!saved.ok);
    assert.equal(saved.error.code, 'newer-version');
    assert.equal(readFileSync(notesPath, 'utf8'), newer);
  });

  void test('a file that is JSON but not the notes format: the JSON path of each problem', async () => {
    const { notesPath } = articleWorkspace();
    mkdirSync(path.dirname(notesPath), { recursive: true });
    const bad = fileWith(noteOn('£310m', 'n-a', { status: 'dismissed' }), noteOn('18%', 'n-b'));
    const raw = JSON.parse(serializeNotesFile(bad)) as { notes: Record<string, unknown>[] };
    raw.notes[1].status = 'maybe';
    writeFileSync(notesPath, JSON.stringify(raw));
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(!loaded.ok);
    assert.equal(loaded.error.code, 'invalid');
    assert.match(loaded.error.message, /notes\[0\] \(id n-a\): missing required property "reason"/);
    assert.match(loaded.error.message, /notes\[1\] \(id n-b\)\.status: must be one of unverified, verified/);
  });

  void test(
    'a read-only file in a read-only folder: clear error, bytes unchanged',
    { skip: IS_ROOT ? 'running as root, which ignores permission bits (see the directory test)' : false },
    async () => {
      const { notesPath } = articleWorkspace();
      const first = await saveNotes(notesPath, fileWith(noteOn('£310m', 'n-a')), { expectedHash: null, base: null });
      assert.ok(first.ok);
      const bytes = readFileSync(notesPath);
      chmodSync(notesPath, 0o444);
      chmodSync(path.dirname(notesPath), 0o555);
      try {
        const saved = await saveNotes(notesPath, fileWith(noteOn('£310m', 'n-a'), noteOn('18%', 'n-b')), {
          expectedHash: first.hash,
          base: first.file,
        });
        assert.ok(!saved.ok);
        assert.equal(saved.error.code, 'unwritable');
        assert.match(saved.error.message, /cannot be written: permission denied \(EACCES\) — not modified/);
        assert.deepEqual(readFileSync(notesPath), bytes);
      } finally {
        chmodSync(path.dirname(notesPath), 0o755);
        chmodSync(notesPath, 0o644);
      }
    },
  );

  void test('unwritable target (injected by making the notes path a directory, which also fails as root): clear error, nothing written', async () => {
    const { notesPath } = articleWorkspace();
    mkdirSync(notesPath, { recursive: true });
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(!loaded.ok);
    assert.match(loaded.error.message, /cannot be read: it is a directory \(EISDIR\)/);
    const saved = await saveNotes(notesPath, fileWith(noteOn('£310m', 'n-a')), { expectedHash: null, base: null });
    assert.ok(!saved.ok);
    assert.match(saved.error.message, /it is a directory \(EISDIR\)/);
    assert.ok(statSync(notesPath).isDirectory());
    assert.deepEqual(readdirSync(notesPath), []);
  });

  void test('the lock: a second writer waits for the first instead of interleaving', async () => {
    const { notesPath } = articleWorkspace();
    mkdirSync(path.dirname(notesPath), { recursive: true });
    const order: string[] = [];
    let waiting: ReturnType<typeof saveNotes> | undefined;
    await withFileLock(notesPath, async () => {
      waiting = saveNotes(notesPath, fileWith(noteOn('18%', 'n-b')), { expectedHash: null, base: null }).then((r) => {
        order.push('second');
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('first');
      writeFileSync(notesPath, serializeNotesFile(fileWith(noteOn('£310m', 'n-a'))));
    });
    const second = await waiting;
    assert.ok(second?.ok, JSON.stringify(second));
    assert.deepEqual(order, ['first', 'second']);
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.file.notes.map((n) => n.id).sort(), ['n-a', 'n-b'], 'the waiting writer merged, not overwrote');
  });

  void test('a stale lock left by a dead process is broken', async () => {
    const { notesPath } = articleWorkspace();
    mkdirSync(path.dirname(notesPath), { recursive: true });
    writeFileSync(`${notesPath}.lock`, `999999999 ${Date.now()}\n`);
    const saved = await saveNotes(notesPath, fileWith(noteOn('£310m', 'n-a')), { expectedHash: null, base: null });
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.equal(existsSync(`${notesPath}.lock`), false);
  });
});

void describe('two writers never lose each other\'s notes', () => {
  void test('two services load the same file, each adds notes, both save: every note is there', async () => {
    const { workspace, uri, notesPath } = articleWorkspace();
    const ana = serviceFor(workspace, 'Ana');
    const ben = serviceFor(workspace, 'Ben');
    await Promise.all([ana.open(uri, ARTICLE), ben.open(uri, ARTICLE)]);
    const [a1, b1] = await Promise.all([
      ana.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, { status: 'verified' }),
      ben.addNote(uri, { kind: 'percentage', ...span(ARTICLE, '18%') }, { note: 'ask the Treasury' }),
    ]);
    const [a2, b2] = await Promise.all([
      ana.addNote(uri, { kind: 'money', ...span(ARTICLE, '$45 million') }, {}),
      ben.addNote(uri, { kind: 'money', ...span(ARTICLE, '£1.2bn') }, {}),
    ]);
    for (const change of [a1, b1, a2, b2]) assert.ok(change.saved, change.error?.message);
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.equal(loaded.file.notes.length, 4);
    assert.deepEqual(new Set(loaded.file.notes.map((n) => n.claim.selector.exact)), new Set(['£310m', '18%', '$45 million', '£1.2bn']));
    // Each service learnt the other's notes when it merged on save.
    const last = await ana.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, { note: 'confirmed' });
    assert.ok(last.saved);
    assert.equal(ana.list(uri).length, 4);
  });

  void test('two processes writing the same notes file at the same time lose nothing', async () => {
    const amounts = Array.from({ length: 16 }, (_, i) => `£${i + 1}0m`);
    const text = amounts.map((a, i) => `Line ${i + 1} says ${a} was spent.`).join('\n');
    const { workspace, article, notesPath } = articleWorkspace(text);
    const even = amounts.filter((_, i) => i % 2 === 0);
    const odd = amounts.filter((_, i) => i % 2 === 1);
    const writers = [runChild('concurrentWriter.ts', [workspace, article, 'Ana', ...even]), runChild('concurrentWriter.ts', [workspace, article, 'Ben', ...odd])];
    await Promise.all(writers.map((w) => outputOf(w, 'DONE', 60_000)));
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.file.notes.map((n) => n.claim.selector.exact).sort(), [...amounts].sort());
    assert.equal(existsSync(`${notesPath}.lock`), false, 'no lock left behind');
  });

  void test('an edit beats a concurrent deletion; an untouched note deleted by the other writer goes', async () => {
    const { workspace, uri, notesPath } = articleWorkspace();
    const clock = steppingClock();
    const ana = serviceFor(workspace, 'Ana', clock);
    await ana.open(uri, ARTICLE);
    const kept = await ana.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, {});
    const gone = await ana.addNote(uri, { kind: 'money', ...span(ARTICLE, '$45 million') }, {});
    const ben = serviceFor(workspace, 'Ben', clock);
    await ben.open(uri, ARTICLE);
    // Ana deletes both; Ben, who has not seen that, edits one of them.
    await ana.deleteNote(uri, kept.note!.note.id);
    await ana.deleteNote(uri, gone.note!.note.id);
    const edited = await ben.setStatus(uri, kept.note!.note.id, 'verified');
    assert.ok(edited.saved);
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.file.notes.map((n) => [n.id, n.status]), [[kept.note!.note.id, 'verified']]);
  });
});

void describe('NotesService: operations, undo, outside changes, errors', () => {
  void test('set status records history; dismissing needs a reason; undo reverts one step at a time', async () => {
    const { workspace, uri, notesPath } = articleWorkspace();
    const service = serviceFor(workspace, 'Ana', steppingClock());
    await service.open(uri, ARTICLE);
    const added = await service.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, { note: 'ABI figure' });
    const id = added.note!.note.id;
    await service.setStatus(uri, id, 'disputed', 'ABI says £290m');
    await assert.rejects(service.dismiss(uri, { noteId: id }, '  '), (err: unknown) => err instanceof NoteInputError && /reason is required/.test(err.message));
    await assert.rejects(service.setStatus(uri, id, 'dismissed'), NoteInputError);
    await service.addSource(uri, id, { url: 'https://www.abi.org.uk/news/flood-claims', title: 'ABI: flood claims' });
    let note = service.list(uri)[0].note;
    assert.equal(note.status, 'disputed');
    assert.equal(note.reason, 'ABI says £290m');
    assert.deepEqual(note.history.map((h) => [h.from, h.to, h.author]), [['unverified', 'disputed', 'Ana']]);
    assert.equal(note.sources.length, 1);

    const undone = await service.undo(uri);
    assert.equal(undone.undone, 'add source');
    assert.equal(service.list(uri)[0].note.sources.length, 0);
    await service.undo(uri); // the status change
    note = service.list(uri)[0].note;
    assert.equal(note.status, 'unverified');
    assert.equal(note.reason, undefined);
    assert.equal(note.history.at(-1)?.reason, 'undo');
    await service.undo(uri); // the note itself
    assert.deepEqual(service.list(uri), []);
    await assert.rejects(service.undo(uri), /nothing to undo/);
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.file.notes, []);
  });

  void test('delete, undo brings the note back', async () => {
    const { workspace, uri } = articleWorkspace();
    const service = serviceFor(workspace, 'Ana', steppingClock());
    await service.open(uri, ARTICLE);
    const { note } = await service.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, { status: 'verified' });
    await service.deleteNote(uri, note!.note.id);
    assert.equal(service.list(uri).length, 0);
    await service.undo(uri);
    assert.equal(service.list(uri)[0].note.status, 'verified');
  });

  void test('a file changed outside (git pull) is reloaded and merged with memory', async () => {
    const { workspace, uri, notesPath } = articleWorkspace();
    const service = serviceFor(workspace, 'Ana', steppingClock());
    await service.open(uri, ARTICLE);
    const { note } = await service.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, {});
    const onDisk = await loadNotes(notesPath, 'a.txt');
    assert.ok(onDisk.ok);
    const pulled = fileWith(
      { ...onDisk.file.notes[0], status: 'false', updated: '2030-01-01T00:00:00.000Z' },
      noteOn('18%', 'n-from-git', { author: 'Ben' }),
    );
    writeFileSync(notesPath, serializeNotesFile(pulled));
    assert.equal(await service.reload(uri), true);
    const views = service.list(uri);
    assert.deepEqual(views.map((v) => [v.note.id, v.note.status]), [
      [note!.note.id, 'false'],
      ['n-from-git', 'unverified'],
    ]);
    assert.equal(await service.reload(uri), false, 'an unchanged file is not reloaded twice');
  });

  void test('a notes file deleted outside does not delete the notes in memory', async () => {
    const { workspace, uri, notesPath } = articleWorkspace();
    const service = serviceFor(workspace);
    await service.open(uri, ARTICLE);
    await service.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, {});
    rmSync(notesPath);
    await service.reload(uri);
    assert.equal(service.list(uri).length, 1);
    await service.articleSaved(uri);
    assert.ok(existsSync(notesPath), 'written back on the next save');
  });

  void test('a malformed notes file: loading reports it, a new note stays in memory, and is saved once the file is fixed', async () => {
    const { workspace, uri, notesPath } = articleWorkspace();
    mkdirSync(path.dirname(notesPath), { recursive: true });
    writeFileSync(notesPath, '{ "schemaVersion": 1, "notes": [ oops');
    const service = serviceFor(workspace);
    await service.open(uri, ARTICLE);
    assert.equal(service.status(uri)?.loadError?.code, 'malformed');
    const change = await service.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, { status: 'verified' });
    assert.equal(change.saved, false);
    assert.match(change.error?.message ?? '', /not valid JSON/);
    assert.equal(readFileSync(notesPath, 'utf8'), '{ "schemaVersion": 1, "notes": [ oops', 'untouched');
    assert.equal(service.status(uri)?.dirty, true);

    writeFileSync(notesPath, serializeNotesFile(fileWith(noteOn('18%', 'n-fixed'))));
    await service.reload(uri);
    const loaded = await loadNotes(notesPath, 'a.txt');
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.file.notes.map((n) => n.claim.selector.exact), ['£310m', '18%']);
    assert.equal(service.status(uri)?.dirty, false);
  });

  void test('a document closed and reopened at once keeps its notes (the reopen reads after the close)', async () => {
    const { workspace, uri } = articleWorkspace();
    const service = serviceFor(workspace);
    await service.open(uri, ARTICLE);
    await service.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, { status: 'verified' });
    const closing = service.close(uri);
    const reopening = service.open(uri, ARTICLE);
    await Promise.all([closing, reopening]);
    assert.ok(service.isOpen(uri));
    assert.deepEqual(service.list(uri).map((v) => v.note.status), ['verified']);
  });

  void test('untitled documents keep notes in memory and hand them back on close', async () => {
    const service = serviceFor(tempWorkspace());
    await service.open('untitled:Untitled-1', ARTICLE);
    const change = await service.addNote('untitled:Untitled-1', { kind: 'money', ...span(ARTICLE, '£310m') }, { status: 'verified' });
    assert.equal(change.saved, false);
    assert.equal(change.error, null);
    const notes = await service.close('untitled:Untitled-1');
    assert.equal(notes.length, 1);
    assert.equal(notes[0].status, 'verified');
  });

  void test('a source needs an absolute URL; the access date defaults to today', async () => {
    const { workspace, uri } = articleWorkspace();
    const service = serviceFor(workspace);
    await service.open(uri, ARTICLE);
    const { note } = await service.addNote(uri, { kind: 'money', ...span(ARTICLE, '£310m') }, {});
    await assert.rejects(service.addSource(uri, note!.note.id, { url: 'abi.org.uk' }), /not an absolute URL/);
    const withSource = await service.addSource(uri, note!.note.id, { url: 'https://abi.org.uk/a report' });
    const source = withSource.note!.note.sources[0];
    assert.equal(source.url, 'https://abi.org.uk/a%20report');
    assert.match(source.accessed, /^\d{4}-\d{2}-\d{2}$/);
  });
});

void describe('merge rules and migration', () => {
  const base = noteOn('£310m', 'n-1');
  const newer = { ...base, status: 'verified' as const, updated: '2024-05-02T00:00:00.000Z' };

  void test('both sides added notes: the union', () => {
    const merged = mergeNotes([], [noteOn('£310m', 'n-a')], [noteOn('18%', 'n-b')]);
    assert.deepEqual(merged.map((n) => n.id).sort(), ['n-a', 'n-b']);
  });

  void test('both sides have a note: the newer edit wins, either way round', () => {
    assert.equal(mergeNotes([base], [newer], [base])[0].status, 'verified');
    assert.equal(mergeNotes([base], [base], [newer])[0].status, 'verified');
  });

  void test('deleted on one side and untouched on the other: deleted; edited on the other: kept', () => {
    assert.deepEqual(mergeNotes([base], [], [base]), []);
    assert.deepEqual(mergeNotes([base], [base], []), []);
    assert.equal(mergeNotes([base], [], [newer])[0].status, 'verified');
    assert.equal(mergeNotes([base], [newer], [])[0].status, 'verified');
  });

  void test('without a base, nothing is dropped', () => {
    assert.equal(mergeNotes(null, [], [base]).length, 1);
    assert.equal(mergeNotes(null, [base], []).length, 1);
  });

  void test('migrate: current version passes; an older version runs its migrations in order; newer is refused', () => {
    assert.deepEqual(migrate({ schemaVersion: 1, notes: [] }), { ok: true, document: { schemaVersion: 1, notes: [] }, migratedFrom: null });
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, items: undefined, notes: d.items }),
      2: (d: Record<string, unknown>) => ({ ...d, article: d.article ?? 'unknown' }),
    };
    const migrated = migrate({ schemaVersion: 1, items: [] }, 3, steps);
    assert.ok(migrated.ok);
    assert.deepEqual(migrated.document, { schemaVersion: 3, items: undefined, notes: [], article: 'unknown' });
    assert.equal(migrated.migratedFrom, 1);
    const newer = migrate({ schemaVersion: 4 }, 3, steps);
    assert.ok(!newer.ok);
    assert.equal(newer.newer, true);
    assert.ok(!migrate({ schemaVersion: 'one' }).ok);
  });
});

void test("the author's name is read from git's config file without running git", () => {
  const config = '[core]\n\tname = not-this\n[user]\n\temail = m@example.org\n\tname = "Maria López"\n[alias]\n\tst = status\n';
  assert.equal(userNameIn(config), 'Maria López');
  assert.equal(userNameIn('[core]\n\tautocrlf = false\n'), null);
});

void test('authorName: git user.name or the OS user, never empty', async () => {
  const name = await authorName(tempWorkspace());
  assert.ok(name.trim().length > 0);
});
