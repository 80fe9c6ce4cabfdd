/**
 * `claimcheck.exclude` / `--exclude` globs: one meaning for the CLI and the language server.
 * A glob with a slash is read from the base folder (the workspace folder, the current folder);
 * a glob without one matches a file name at any depth.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excludeMatcher } from '../../server/src/paths/exclude';

const base = '/newsroom';

void test('a glob with a slash matches below the base folder, and only there', () => {
  const excluded = excludeMatcher(['drafts/**'], base);
  assert.equal(excluded('/newsroom/drafts/budget.md'), true);
  assert.equal(excluded('/newsroom/drafts/2026/may/budget.md'), true);
  assert.equal(excluded('/newsroom/stories/budget.md'), false);
  assert.equal(excluded('/newsroom/stories/drafts-of-history.md'), false);
  assert.equal(excluded('/newsroom/archive/drafts/old.md'), false);
});

void test('a glob without a slash matches the file name at any depth', () => {
  const excluded = excludeMatcher(['*.wire.md'], base);
  assert.equal(excluded('/newsroom/reuters.wire.md'), true);
  assert.equal(excluded('/newsroom/agency/2026/reuters.wire.md'), true);
  assert.equal(excluded('/newsroom/agency/reuters.md'), false);
});

void test('both kinds together, and no globs at all', () => {
  const excluded = excludeMatcher(['drafts/**', '*.wire.md'], base);
  assert.equal(excluded('/newsroom/drafts/a.md'), true);
  assert.equal(excluded('/newsroom/agency/b.wire.md'), true);
  assert.equal(excluded('/newsroom/stories/c.md'), false);
  assert.equal(excludeMatcher([], base)('/newsroom/drafts/a.md'), false);
});

void test('a path relative to the folder being walked counts too (the CLI walking a subfolder)', () => {
  const excluded = excludeMatcher(['sub/**'], base);
  assert.equal(excluded('/newsroom/articles/sub/open.news', '/newsroom/articles'), true);
  assert.equal(excluded('/newsroom/articles/open.news', '/newsroom/articles'), false);
});
