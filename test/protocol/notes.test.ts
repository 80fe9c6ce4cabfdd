/**
 * Source notes over the protocol: the built server (`out/server.js --stdio`, run `npm run build`
 * first) in a temp workspace folder, driven the way Neovim or Helix would drive it — notes
 * commands through `workspace/executeCommand`, edits through didChange, diagnostics by pull.
 *
 * The scripted client's own `initialize()` sends no workspace folder, so this file initializes
 * itself (rootUri, workspaceFolders, file watching) over the same connection.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  Diagnostic,
  InitializeParams,
  InitializeResult,
  Range,
  RegistrationParams,
  ShowMessageRequestParams,
} from 'vscode-languageserver';
import {
  Commands,
  type ExportNotesResult,
  type ImportAnnotationsResult,
  type ListNotesResult,
  type NoteCommandResult,
} from '../../server/src/contract';
import { applyChanges, positionAt, rangeOf, spawnServer, textOf, waitFor, type LspClient } from './lspClient';

const REQUEST_TIMEOUT_MS = 10_000;

const ARTICLE = [
  'Allies line up security guarantees for Ukraine',
  '',
  'A group of 30 countries, including Japan and Australia, has been working on security guarantees for Ukraine, NATO Secretary General Mark Rutte said on Tuesday.',
  '',
  'Meanwhile, the US cuts over 90% of budgets for foreign development programmes, a move that aid groups called the biggest retreat since 1990.',
  '',
  'Spain endured the worst fire season on record as blazes ravaged the northwest, burning more than 400,000 hectares.',
  '',
].join('\n');

let client: LspClient;
let init: InitializeResult;
let workspace: string;
const registrations: RegistrationParams[] = [];
const messageRequests: ShowMessageRequestParams[] = [];
const shownMessages: string[] = [];
let strayAnswer: 'Move Notes' | 'Not Now' = 'Not Now';

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(client.explain(`timed out after ${REQUEST_TIMEOUT_MS} ms: ${what}`))), REQUEST_TIMEOUT_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function execute<T>(command: string, args: object): Promise<T> {
  return withDeadline(client.connection.sendRequest<T>('workspace/executeCommand', { command, arguments: [args] }), command);
}

/** A fresh article file in the workspace, opened in the server; returns its URI. */
async function openArticle(name: string, text = ARTICLE): Promise<string> {
  const file = path.join(workspace, 'articles', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  await client.open(uri, 'plaintext', text);
  return uri;
}

function notesFileOf(name: string): string {
  return path.join(workspace, '.claimcheck', 'notes', 'articles', `${name}.json`);
}

function notesFileContent(name: string): string {
  return readFileSync(notesFileOf(name), 'utf8');
}

function readNotesFile(name: string): { schemaVersion: number; notes: { id: string; status: string; claim: { selector: { exact: string } } }[] } {
  return JSON.parse(readFileSync(notesFileOf(name), 'utf8')) as ReturnType<typeof readNotesFile>;
}

function notesDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => typeof d.code === 'string' && (d.code.startsWith('note.') || d.code.startsWith('notes.')));
}

/** The notes of `uri` once there are `count` of them (notes move after a rename is reported or accepted). */
async function notesOf(uri: string, count: number): Promise<ListNotesResult> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const listed = await execute<ListNotesResult>(Commands.server.listNotes, { uri });
    if (listed.notes.length === count) return listed;
    if (Date.now() > deadline) throw new Error(client.explain(`expected ${count} notes for ${uri}, got ${listed.notes.length}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The range of a note must cover the claim: it contains `needle`. */
function assertCovers(text: string, range: Range | null, needle: string): void {
  assert.ok(range, client.explain(`expected the note on "${needle}" to be attached`));
  assert.ok(textOf(text, range).includes(needle), client.explain(`note range covers ${JSON.stringify(textOf(text, range))}, expected "${needle}"`));
}

before(async () => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-protocol-notes-'));
  client = spawnServer();
  client.connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
    registrations.push(params);
    return null;
  });
  client.connection.onNotification('window/showMessage', (params: { message: string }) => {
    shownMessages.push(params.message);
  });
  // Answers "Keep Notes" whenever the server offers an untitled document's notes, and
  // `strayAnswer` when it offers the notes a rename outside the editor left behind.
  client.connection.onRequest('window/showMessageRequest', (params: ShowMessageRequestParams) => {
    messageRequests.push(params);
    return params.actions?.find((a) => a.title === 'Keep Notes' || a.title === strayAnswer) ?? null;
  });
  const params: InitializeParams = {
    processId: process.pid,
    clientInfo: { name: 'claimcheck-notes-protocol-tests', version: '0' },
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'newsroom' }],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: false } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
      },
    },
  };
  init = await withDeadline(client.connection.sendRequest<InitializeResult>('initialize', params), 'initialize');
  await client.connection.sendNotification('initialized', {});
});

after(async () => {
  try {
    await client.shutdown();
  } finally {
    client.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
});

void describe('source notes over stdio', () => {
  void test('initialize lists every notes command', () => {
    const commands = init.capabilities.executeCommandProvider?.commands ?? [];
    for (const id of ['addNote', 'setStatus', 'addSource', 'dismiss', 'undo', 'deleteNote', 'reattach', 'listNotes', 'exportNotes', 'importAnnotations'] as const) {
      assert.ok(commands.includes(Commands.server[id]), `missing ${Commands.server[id]}`);
    }
  });

  void test('add a note, set its status, add a source: the notes file on disk has it; the server watches notes files', async () => {
    const uri = await openArticle('a.txt');
    const added = await execute<NoteCommandResult>(Commands.server.addNote, {
      uri,
      claim: { range: rangeOf(ARTICLE, '30 countries') },
      note: 'NATO press office confirms the count.',
    });
    assert.equal(added.saved, true, client.explain(`not saved: ${added.error}`));
    assert.ok(added.note);
    assertCovers(ARTICLE, added.note.range, '30 countries');
    const noteId = added.note.id;

    const verified = await execute<NoteCommandResult>(Commands.server.setStatus, { uri, noteId, status: 'verified' });
    assert.equal(verified.note?.status, 'verified');
    const sourced = await execute<NoteCommandResult>(Commands.server.addSource, {
      uri,
      noteId,
      source: { url: 'https://www.nato.int/cps/en/natohq/news.htm', title: 'NATO press release' },
    });
    assert.equal(sourced.note?.sources.length, 1);

    const listed = await execute<ListNotesResult>(Commands.server.listNotes, { uri });
    assert.equal(listed.notesFile, '.claimcheck/notes/articles/a.txt.json');
    assert.equal(listed.error, null);
    assert.deepEqual(listed.notes.map((n) => [n.id, n.status, n.orphaned]), [[noteId, 'verified', false]]);

    const onDisk = readNotesFile('a.txt');
    assert.equal(onDisk.schemaVersion, 1);
    assert.deepEqual(onDisk.notes.map((n) => [n.id, n.status]), [[noteId, 'verified']]);
    assert.ok(onDisk.notes[0].claim.selector.exact.includes('30 countries'));

    const watchers = registrations.flatMap((r) => r.registrations).filter((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.equal(watchers.length, 1, client.explain('the server registers one notes-file watcher'));
  });

  void test('editing the article re-anchors the note; deleting its text orphans it (a diagnostic); re-attach and undo', async () => {
    const uri = await openArticle('b.txt');
    let text = ARTICLE;
    const added = await execute<NoteCommandResult>(Commands.server.addNote, { uri, claim: { range: rangeOf(text, '30 countries') }, status: 'disputed' });
    const noteId = added.note!.id;

    // Insert a paragraph above the claim.
    let version = 1;
    const insertion = { range: { start: positionAt(text, 0), end: positionAt(text, 0) }, text: 'UPDATED with comment from Kyiv.\n\n' };
    text = applyChanges(text, [insertion]);
    await client.change(uri, ++version, [insertion]);
    let listed = await execute<ListNotesResult>(Commands.server.listNotes, { uri });
    assertCovers(text, listed.notes[0].range, '30 countries');
    assert.equal(listed.notes[0].range?.start.line, 4, 'moved down two lines');

    // Delete the whole paragraph holding the claim.
    const paragraph = rangeOf(text, 'A group of 30 countries');
    const deletion = { range: { start: paragraph.start, end: rangeOf(text, 'Meanwhile').start }, text: '' };
    text = applyChanges(text, [deletion]);
    await client.change(uri, ++version, [deletion]);
    const diagnostics = await client.pullDiagnostics(uri);
    const orphans = notesDiagnostics(diagnostics).filter((d) => d.code === 'note.orphaned');
    assert.equal(orphans.length, 1, client.explain(`expected one orphan diagnostic, got ${JSON.stringify(notesDiagnostics(diagnostics))}`));
    assert.match(String(orphans[0].message), /30 countries.*\(disputed\) lost its claim/);
    assert.deepEqual(orphans[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(orphans[0].data, { noteId });
    listed = await execute<ListNotesResult>(Commands.server.listNotes, { uri });
    assert.equal(listed.notes[0].orphaned, true);
    assert.equal(listed.notes[0].range, null);
    assert.equal(readNotesFile('b.txt').notes.length, 1, 'never deleted automatically');

    // Re-attach it to another claim: the orphan diagnostic goes.
    const reattached = await execute<NoteCommandResult>(Commands.server.reattach, { uri, noteId, claim: { range: rangeOf(text, '90%') } });
    assertCovers(text, reattached.note!.range, '90%');
    assert.deepEqual(notesDiagnostics(await client.pullDiagnostics(uri)), []);

    // Undo the re-attach: orphaned again.
    const undone = await execute<NoteCommandResult>(Commands.server.undo, { uri });
    assert.equal(undone.note?.orphaned, true);
    assert.equal(notesDiagnostics(await client.pullDiagnostics(uri)).length, 1);

    // Delete it: the notes file no longer has it.
    await execute<NoteCommandResult>(Commands.server.deleteNote, { uri, noteId });
    assert.deepEqual(readNotesFile('b.txt').notes, []);
  });

  void test('dismiss needs a reason; bad arguments are InvalidParams with a clear message', async () => {
    const uri = await openArticle('c.txt');
    await assert.rejects(
      execute(Commands.server.dismiss, { uri, claim: { range: rangeOf(ARTICLE, '90%') } }),
      (err: { code?: number; message?: string }) => err.code === -32602 && /"reason" is required/.test(err.message ?? ''),
    );
    await assert.rejects(execute(Commands.server.setStatus, { uri, noteId: 'n-x', status: 'maybe' }), /"status" must be one of unverified, verified/);
    await assert.rejects(execute(Commands.server.setStatus, { uri, noteId: 'n-nope', status: 'verified' }), /no note n-nope/);
    const dismissed = await execute<NoteCommandResult>(Commands.server.dismiss, {
      uri,
      claim: { range: rangeOf(ARTICLE, '90%') },
      reason: 'Quoted from the budget document verbatim',
    });
    assert.equal(dismissed.note?.status, 'dismissed');
    assert.equal(dismissed.note?.reason, 'Quoted from the budget document verbatim');
  });

  void test('export Web Annotations and import them into another article', async () => {
    const uri = await openArticle('d.txt');
    await execute(Commands.server.addNote, { uri, claim: { range: rangeOf(ARTICLE, 'the worst fire season on record') }, status: 'needs-context' });
    const exported = await execute<ExportNotesResult>(Commands.server.exportNotes, { uri, format: 'webAnnotation' });
    assert.equal(exported.fileName, 'd.txt.annotations.jsonld');
    const collection = JSON.parse(exported.content) as { total: number };
    assert.equal(collection.total, 1);
    for (const format of ['claimReview', 'markdown', 'csv'] as const) {
      const other = await execute<ExportNotesResult>(Commands.server.exportNotes, { uri, format });
      assert.ok(other.content.length > 0, format);
    }

    const target = await openArticle('e.txt');
    const imported = await execute<ImportAnnotationsResult>(Commands.server.importAnnotations, { uri: target, annotations: exported.content });
    assert.equal(imported.added, 1, JSON.stringify(imported.warnings));
    const listed = await execute<ListNotesResult>(Commands.server.listNotes, { uri: target });
    assertCovers(ARTICLE, listed.notes[0].range, 'worst fire season');
    assert.equal(listed.notes[0].status, 'needs-context');
  });

  void test('a malformed notes file: a diagnostic, notes kept in memory, the file untouched; fixed → merged and saved', async () => {
    const broken = '{\n  "schemaVersion": 1,\n  "notes": [\n    { "id": "n-1", \n';
    mkdirSync(path.dirname(notesFileOf('f.txt')), { recursive: true });
    writeFileSync(notesFileOf('f.txt'), broken);
    const uri = await openArticle('f.txt');
    // The notes load right after didOpen; the first pull may come before they are read.
    let unreadable: Diagnostic | undefined;
    for (const deadline = Date.now() + 10_000; !unreadable && Date.now() < deadline; ) {
      unreadable = notesDiagnostics(await client.pullDiagnostics(uri)).find((d) => d.code === 'notes.unreadable');
    }
    assert.ok(unreadable, client.explain('no notes.unreadable diagnostic'));
    assert.match(String(unreadable.message), /notes file \.claimcheck\/notes\/articles\/f\.txt\.json is not valid JSON \(line 5, column 1\): .* not modified/);

    const added = await execute<NoteCommandResult>(Commands.server.addNote, { uri, claim: { range: rangeOf(ARTICLE, '90%') }, status: 'false' });
    assert.equal(added.saved, false);
    assert.match(added.error ?? '', /not valid JSON/);
    assert.equal(readFileSync(notesFileOf('f.txt'), 'utf8'), broken, 'untouched');

    // Someone fixes the file (say, by resolving a merge); the watcher tells the server.
    writeFileSync(notesFileOf('f.txt'), JSON.stringify({ schemaVersion: 1, article: 'articles/f.txt', notes: [] }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(notesFileOf('f.txt')).href, type: 2 }],
    });
    await waitFor(() => existsSync(notesFileOf('f.txt')) && readNotesFile('f.txt').notes.length === 1, 10_000, () => client.explain('the pending note to be saved'));
    assert.equal(readNotesFile('f.txt').notes[0].status, 'false');
  });

  void test('saving the article writes the selectors for the saved text', async () => {
    const uri = await openArticle('g.txt');
    await execute(Commands.server.addNote, { uri, claim: { range: rangeOf(ARTICLE, 'more than 400,000 hectares') }, status: 'verified' });
    const before = JSON.parse(readFileSync(notesFileOf('g.txt'), 'utf8')) as { notes: { claim: { position: { start: number } } }[] };
    const insertion = { range: { start: positionAt(ARTICLE, 0), end: positionAt(ARTICLE, 0) }, text: 'Correction appended.\n\n' };
    const text = applyChanges(ARTICLE, [insertion]);
    await client.change(uri, 2, [insertion]);
    writeFileSync(path.join(workspace, 'articles', 'g.txt'), text);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const expected = text.indexOf('more than 400,000 hectares');
    await waitFor(
      () => (JSON.parse(readFileSync(notesFileOf('g.txt'), 'utf8')) as typeof before).notes[0].claim.position.start === expected,
      10_000,
      () => client.explain(`the saved position to move from ${before.notes[0].claim.position.start} to ${expected}`),
    );
  });

  void test('an untitled document keeps notes in memory and offers them to the file it is saved as', async () => {
    const untitled = 'untitled:Untitled-7';
    const draft = `${ARTICLE}Draft 7, not yet filed.\n`;
    await client.open(untitled, 'plaintext', draft);
    const added = await execute<NoteCommandResult>(Commands.server.addNote, { uri: untitled, claim: { range: rangeOf(draft, '90%') }, status: 'false' });
    assert.equal(added.saved, false);
    assert.equal(added.error, null);
    const inMemory = await execute<ListNotesResult>(Commands.server.listNotes, { uri: untitled });
    assert.equal(inMemory.notesFile, null);
    assert.equal(inMemory.notes.length, 1);

    // "Save As": the editor closes the untitled document and opens the file with the same text.
    await client.close(untitled);
    const saved = await openArticle('saved-as.txt', draft);
    await waitFor(() => messageRequests.length > 0, 10_000, () => client.explain('an offer of the untitled notes'));
    assert.equal(messageRequests.length, 1, 'offered once, to the saved file only');
    assert.match(messageRequests[0].message, /1 source note was added to untitled:Untitled-7 before it was saved\. Keep it with saved-as\.txt\?/);
    await waitFor(() => existsSync(notesFileOf('saved-as.txt')), 10_000, () => client.explain('the kept notes to be saved'));
    const listed = await execute<ListNotesResult>(Commands.server.listNotes, { uri: saved });
    assert.deepEqual(listed.notes.map((n) => [n.status, n.orphaned]), [['false', false]]);
    assertCovers(draft, listed.notes[0].range, '90%');
  });
  /** Renames on disk, then tells the server as VS Code does: the old document closed, the new one opened, the rename reported. */
  async function renameInEditor(from: string, to: string, open: { from: string; to: string }[]): Promise<void> {
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
    for (const doc of open) {
      await client.close(doc.from);
      await client.open(doc.to, 'plaintext', readFileSync(fileURLToPath(doc.to), 'utf8'));
    }
    await client.connection.sendNotification('workspace/didRenameFiles', { files: [{ oldUri: pathToFileURL(from).href, newUri: pathToFileURL(to).href }] });
  }

  void test('initialize asks to hear of renamed files', () => {
    assert.deepEqual(init.capabilities.workspace?.fileOperations?.didRename?.filters, [{ scheme: 'file', pattern: { glob: '**/*' } }]);
  });

  void test('a renamed article takes its notes along: the notes file moves, its article field follows, the claim keeps its status', async () => {
    const uri = await openArticle('before-rename.txt');
    const added = await execute<NoteCommandResult>(Commands.server.addNote, { uri, claim: { range: rangeOf(ARTICLE, '30 countries') }, status: 'verified' });
    assert.equal(added.saved, true, client.explain(`not saved: ${added.error}`));
    const from = path.join(workspace, 'articles', 'before-rename.txt');
    const to = path.join(workspace, 'articles', 'filed', 'after-rename.txt');
    const newUri = pathToFileURL(to).href;
    await renameInEditor(from, to, [{ from: uri, to: newUri }]);

    const listed = await notesOf(newUri, 1);
    assert.equal(listed.notesFile, '.claimcheck/notes/articles/filed/after-rename.txt.json');
    assert.deepEqual(listed.notes.map((n) => [n.id, n.status, n.orphaned]), [[added.note?.id, 'verified', false]]);
    assert.equal(existsSync(notesFileOf('before-rename.txt')), false, 'the old notes file is gone');
    // The field is brought up to date just after the move.
    const articleField = () => (JSON.parse(readFileSync(notesFileOf('filed/after-rename.txt'), 'utf8')) as { article: string }).article;
    await waitFor(() => articleField() === 'articles/filed/after-rename.txt', 10_000, () => `the article field, still ${articleField()}`);
    const diagnostics = await client.pullDiagnostics(newUri);
    const claim = diagnostics.find((d) => textOf(ARTICLE, d.range).includes('30 countries'));
    assert.match(String(claim?.message), /verified/, client.explain('the claim of the renamed article is still verified'));
  });

  void test('a rename onto a name that already has notes moves nothing and says so; neither file changes', async () => {
    const uri = await openArticle('keep-a.txt');
    await execute<NoteCommandResult>(Commands.server.addNote, { uri, claim: { range: rangeOf(ARTICLE, '90%') }, status: 'false' });
    // Notes left behind by an article deleted earlier under the name the rename now takes.
    const stale = await openArticle('keep-b.txt');
    await execute<NoteCommandResult>(Commands.server.addNote, { uri: stale, claim: { range: rangeOf(ARTICLE, '30 countries') }, status: 'verified' });
    await client.close(stale);
    rmSync(path.join(workspace, 'articles', 'keep-b.txt'));
    const before = { a: readFileSync(notesFileOf('keep-a.txt'), 'utf8'), b: readFileSync(notesFileOf('keep-b.txt'), 'utf8') };
    const shownBefore = shownMessages.length;

    const to = path.join(workspace, 'articles', 'keep-b.txt');
    await renameInEditor(path.join(workspace, 'articles', 'keep-a.txt'), to, [{ from: uri, to: pathToFileURL(to).href }]);
    await waitFor(() => shownMessages.length > shownBefore, 10_000, () => client.explain('a warning that the notes were not moved'));
    assert.match(shownMessages[shownBefore], /keep-a\.txt\.json were not moved to .*keep-b\.txt\.json: .*already exists; both files are as they were/);
    assert.equal(readFileSync(notesFileOf('keep-a.txt'), 'utf8'), before.a);
    assert.equal(readFileSync(notesFileOf('keep-b.txt'), 'utf8'), before.b);
  });

  void test('a renamed folder takes the notes of every article in it', async () => {
    const first = await openArticle('desk-1/one.txt');
    const second = await openArticle('desk-1/deeper/two.txt');
    await execute<NoteCommandResult>(Commands.server.addNote, { uri: first, claim: { range: rangeOf(ARTICLE, '30 countries') }, status: 'verified' });
    await execute<NoteCommandResult>(Commands.server.addNote, { uri: second, claim: { range: rangeOf(ARTICLE, '90%') }, status: 'disputed' });
    const from = path.join(workspace, 'articles', 'desk-1');
    const to = path.join(workspace, 'articles', 'desk-2');
    const uriIn = (folder: string, name: string) => pathToFileURL(path.join(workspace, 'articles', folder, name)).href;
    await renameInEditor(from, to, [
      { from: first, to: uriIn('desk-2', 'one.txt') },
      { from: second, to: uriIn('desk-2', path.join('deeper', 'two.txt')) },
    ]);
    assert.deepEqual((await notesOf(uriIn('desk-2', 'one.txt'), 1)).notes.map((n) => n.status), ['verified']);
    assert.deepEqual((await notesOf(uriIn('desk-2', path.join('deeper', 'two.txt')), 1)).notes.map((n) => n.status), ['disputed']);
    assert.equal(existsSync(notesFileOf('desk-1/one.txt')), false);
    assert.equal(existsSync(notesFileOf('desk-1/deeper/two.txt')), false);
    const articleField = () => (JSON.parse(readFileSync(notesFileOf('desk-2/deeper/two.txt'), 'utf8')) as { article: string }).article;
    await waitFor(() => articleField() === 'articles/desk-2/deeper/two.txt', 10_000, () => `the article field, still ${articleField()}`);
  });
});

void describe('notes left behind by a rename outside the editor', () => {
  void test('the renamed article is offered them: "Not Now" moves nothing and is asked again, "Move Notes" moves them', async () => {
    const uri = await openArticle('desk-3/draft.txt');
    await execute<NoteCommandResult>(Commands.server.addNote, { uri, claim: { range: rangeOf(ARTICLE, '30 countries') }, status: 'verified' });
    const added = await execute<NoteCommandResult>(Commands.server.addNote, { uri, claim: { range: rangeOf(ARTICLE, '90%') }, status: 'false' });
    assert.equal(added.saved, true, client.explain(`not saved: ${added.error}`));
    await client.close(uri);
    // `git mv` or a terminal: the editor reports no rename.
    const to = path.join(workspace, 'articles', 'desk-3', 'final.txt');
    renameSync(path.join(workspace, 'articles', 'desk-3', 'draft.txt'), to);
    const finalUri = pathToFileURL(to).href;
    const before = notesFileContent('desk-3/draft.txt');

    strayAnswer = 'Not Now';
    const asked = messageRequests.length;
    await client.open(finalUri, 'plaintext', ARTICLE);
    await waitFor(() => messageRequests.length > asked, 10_000, () => client.explain('an offer of the notes draft.txt left behind'));
    const offer = messageRequests[asked];
    assert.equal(offer.message, 'draft.txt is gone, and all 2 of its source notes are about text in final.txt: was it renamed outside the editor? Move its notes to final.txt?');
    assert.deepEqual(offer.actions?.map((a) => a.title), ['Move Notes', 'Not Now']);
    assert.deepEqual((await execute<ListNotesResult>(Commands.server.listNotes, { uri: finalUri })).notes, []);
    assert.equal(notesFileContent('desk-3/draft.txt'), before, 'declined: the notes file is as it was');
    assert.equal(existsSync(notesFileOf('desk-3/final.txt')), false);
    await client.close(finalUri);

    strayAnswer = 'Move Notes';
    await client.open(finalUri, 'plaintext', ARTICLE);
    await waitFor(() => messageRequests.length > asked + 1, 10_000, () => client.explain('the offer again on the next open'));
    const listed = await notesOf(finalUri, 2);
    assert.deepEqual(listed.notes.map((n) => n.status).sort(), ['false', 'verified']);
    assert.equal(existsSync(notesFileOf('desk-3/draft.txt')), false, 'the notes file moved');
    const articleField = () => (JSON.parse(notesFileContent('desk-3/final.txt')) as { article: string }).article;
    await waitFor(() => articleField() === 'articles/desk-3/final.txt', 10_000, () => `the article field, still ${articleField()}`);
    const diagnostics = await client.pullDiagnostics(finalUri);
    assert.match(String(diagnostics.find((d) => textOf(ARTICLE, d.range).includes('30 countries'))?.message), /verified/);
    await client.close(finalUri);
  });
});
