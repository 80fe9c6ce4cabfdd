/**
 * A file as it was at a git ref, read without running git (server/src/git/fileAtRef.ts), on a
 * real repository made with the git command line: loose and packed objects, a ref that moves, a
 * file the ref does not have, and a repository too large to read.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FileAtRefReader } from '../../server/src/git/fileAtRef';
import { gitRepository, type GitRepository } from '../support/gitRepository';

let tmp = '';
let repo = '';
let git: GitRepository['git'];
let commit: GitRepository['commit'];

before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-file-at-ref-'));
  const repository = gitRepository(path.join(tmp, 'newsroom'));
  ({ dir: repo, git, commit } = repository);
  commit('desk/story.txt', 'Exports rose 12% in 2024.\n', 'first');
});
after(() => rmSync(tmp, { recursive: true, force: true }));

void describe('a file as it was at a git ref', () => {
  void test('loose objects, then packed ones: the same text; the same object while the ref stays', async () => {
    const reader = new FileAtRefReader({ maxPackBytes: 100 * 1024 * 1024, refTtlMs: 0 });
    const file = path.join(repo, 'desk', 'story.txt');
    const loose = await reader.read(file, 'HEAD');
    assert.deepEqual(loose, { text: 'Exports rose 12% in 2024.\n' });
    git('gc', '-q');
    const packed = await new FileAtRefReader().read(file, 'HEAD');
    assert.deepEqual(packed, loose);
    assert.equal(await reader.read(file, 'HEAD'), loose, 'the commit did not move: the text is not read again');
  });

  void test('a ref that moves gives the new text; the old commit id still gives the old one', async () => {
    const reader = new FileAtRefReader({ maxPackBytes: 100 * 1024 * 1024, refTtlMs: 0 });
    const file = path.join(repo, 'desk', 'story.txt');
    const first = git('rev-parse', 'HEAD');
    commit('desk/story.txt', 'Exports rose 14% in 2024.\n', 'second');
    assert.deepEqual(await reader.read(file, 'HEAD'), { text: 'Exports rose 14% in 2024.\n' });
    assert.deepEqual(await reader.read(file, first.slice(0, 7)), { text: 'Exports rose 12% in 2024.\n' });
  });

  void test('a file the ref does not have is absent; a ref that names nothing is a problem', async () => {
    const reader = new FileAtRefReader();
    writeFileSync(path.join(repo, 'desk', 'new.txt'), 'Imports fell.\n');
    assert.deepEqual(await reader.read(path.join(repo, 'desk', 'new.txt'), 'HEAD'), { absent: true });
    assert.deepEqual(await reader.read(path.join(repo, 'desk', 'story.txt'), 'nope'), { problem: '"nope" is not a branch, tag or commit of this repository' });
  });

  void test('a repository whose packs are over the limit is not read, and the problem says so', async () => {
    git('gc', '-q');
    const reader = new FileAtRefReader({ maxPackBytes: 10, refTtlMs: 0 });
    const result = await reader.read(path.join(repo, 'desk', 'story.txt'), 'HEAD');
    assert.ok('problem' in result && /^the repository's packed history \([0-9.]+ MB\) is too large to read here$/.test(result.problem), JSON.stringify(result));
  });
});
