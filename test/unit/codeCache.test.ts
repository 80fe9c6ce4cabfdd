/**
 * The V8 code cache the `claimcheck` and `claimcheck-language-server` commands keep (issue #7,
 * start-up): where it lives, and that the command gives the same results with it, without it,
 * and with a cache that is corrupt, truncated or cannot be written. Runs the built launcher
 * `out/cli.js` (run `npm run build` first). The server's launcher is the same code; the
 * protocol tests run it on every server they start.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CACHE_DIR_ENV, codeCacheDir } from '../../server/src/boot/cacheDir';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'out', 'cli.js');
const ARTICLE = 'Turnout was 64% in the last election, officials said. Prices rose by 3.2% in 2023.\n';

void describe('code cache folder', () => {
  const home = '/home/ana';
  void test('off when CLAIMCHECK_CACHE_DIR says so', () => {
    for (const off of ['off', 'OFF', '0', 'false', 'none', ' off ']) {
      assert.equal(codeCacheDir({ [CACHE_DIR_ENV]: off }, 'linux', home), null, off);
    }
  });
  void test('CLAIMCHECK_CACHE_DIR names the folder (the VS Code extension passes its storage)', () => {
    assert.equal(codeCacheDir({ [CACHE_DIR_ENV]: '/var/cache/cc' }, 'linux', home), '/var/cache/cc');
    assert.equal(codeCacheDir({ [CACHE_DIR_ENV]: '' }, 'linux', home), '/home/ana/.cache/claimcheck/code-cache');
  });
  void test("otherwise the user's cache folder of the platform, never a shared temporary one", () => {
    assert.equal(codeCacheDir({}, 'linux', home), '/home/ana/.cache/claimcheck/code-cache');
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', home), '/xdg/claimcheck/code-cache');
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', home), '/home/ana/.cache/claimcheck/code-cache');
    assert.equal(codeCacheDir({}, 'darwin', home), '/home/ana/Library/Caches/claimcheck/code-cache');
    assert.equal(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', home), path.join('C:\\Users\\ana\\AppData\\Local', 'claimcheck', 'code-cache'));
    assert.equal(codeCacheDir({}, 'win32', home), null, 'no LOCALAPPDATA: no cache');
    assert.equal(codeCacheDir({}, 'linux', ''), null, 'no home: no cache');
  });
});

void describe('claimcheck with a code cache (out/cli.js)', () => {
  let tmp = '';
  let article = '';
  before(() => {
    if (!existsSync(CLI)) throw new Error('out/cli.js is missing: run npm run build first');
    tmp = mkdtempSync(path.join(tmpdir(), 'claimcheck-code-cache-'));
    article = path.join(tmp, 'article.txt');
    writeFileSync(article, ARTICLE);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  /** `claimcheck article.txt --format json` with this environment; its stdout. */
  function scan(env: NodeJS.ProcessEnv): string {
    const run = spawnSync(process.execPath, [CLI, article, '--format', 'json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(run.status, 0, `exit ${run.status}\n${run.stderr}`);
    assert.equal(run.stderr, '', 'nothing on stderr: a cache problem is not the user\'s problem');
    return run.stdout;
  }

  function cacheFiles(dir: string): string[] {
    return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.bin')) : [];
  }

  void test('the first run writes the cache, the next ones use it as it is; the results are the same', () => {
    const dir = path.join(tmp, 'cache');
    const first = scan({ [CACHE_DIR_ENV]: dir });
    assert.match(first, /64%/);
    const files = cacheFiles(dir);
    assert.equal(files.length, 1, `one cache file: ${files.join(', ')}`);
    assert.match(files[0], /^cli-[0-9a-f]+\.bin$/);
    const file = path.join(dir, files[0]);
    const written = readFileSync(file);
    assert.ok(written.length > 100_000, `a real code cache (${written.length} bytes)`);
    const { mtimeMs } = statSync(file);

    assert.equal(scan({ [CACHE_DIR_ENV]: dir }), first);
    assert.equal(statSync(file).mtimeMs, mtimeMs, 'V8 accepted the cache: it was not written again');
    assert.deepEqual(cacheFiles(dir), files);
  });

  void test('a corrupt or truncated cache file is replaced, and the results are the same', () => {
    const dir = path.join(tmp, 'damaged');
    const expected = scan({ [CACHE_DIR_ENV]: dir });
    const file = path.join(dir, cacheFiles(dir)[0]);
    const good = readFileSync(file);
    assert.ok(good.length > 100_000);
    for (const damaged of [Buffer.from('not a code cache'), good.subarray(0, good.length >> 1), Buffer.alloc(0)]) {
      writeFileSync(file, damaged);
      assert.equal(scan({ [CACHE_DIR_ENV]: dir }), expected);
      const rewritten = readFileSync(file);
      assert.ok(rewritten.length > 100_000 && !rewritten.equals(damaged), `written again in full (${rewritten.length} bytes)`);
    }
  });

  void test('a cache folder that cannot be made costs nothing but time', () => {
    const blocker = path.join(tmp, 'a-file');
    writeFileSync(blocker, 'in the way');
    const expected = scan({ [CACHE_DIR_ENV]: 'off' });
    assert.equal(scan({ [CACHE_DIR_ENV]: path.join(blocker, 'cache') }), expected);
    assert.equal(readFileSync(blocker, 'utf8'), 'in the way');
  });

  void test('CLAIMCHECK_CACHE_DIR=off writes nothing anywhere', () => {
    const home = path.join(tmp, 'home');
    scan({ [CACHE_DIR_ENV]: 'off', HOME: home, XDG_CACHE_HOME: path.join(home, 'xdg') });
    assert.equal(existsSync(home), false, 'no folder made in the home folder');
    scan({ HOME: home, XDG_CACHE_HOME: path.join(home, 'xdg') });
    assert.equal(cacheFiles(path.join(home, 'xdg', 'claimcheck', 'code-cache')).length, 1, 'without it, the default folder');
  });

  void test('cache files of other versions are pruned to the newest few', () => {
    const dir = path.join(tmp, 'pruned');
    scan({ [CACHE_DIR_ENV]: dir });
    const current = cacheFiles(dir)[0];
    rmSync(path.join(dir, current));
    const old = ['cli-00000001.bin', 'cli-00000002.bin', 'cli-00000003.bin', 'cli-00000004.bin', 'cli-00000005.bin'];
    old.forEach((name, i) => {
      writeFileSync(path.join(dir, name), 'old');
      const time = new Date(Date.UTC(2026, 0, i + 1));
      utimesSync(path.join(dir, name), time, time);
    });
    writeFileSync(path.join(dir, 'server-00000001.bin'), 'the server\'s, not the CLI\'s');
    scan({ [CACHE_DIR_ENV]: dir });
    assert.deepEqual(cacheFiles(dir).sort(), [current, 'cli-00000003.bin', 'cli-00000004.bin', 'cli-00000005.bin', 'server-00000001.bin'].sort());
  });
});

