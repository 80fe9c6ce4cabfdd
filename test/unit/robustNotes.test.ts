/**
 * Issue #8, faults on the notes store: real file-system faults — not a mocked `fs` — while
 * `saveNotes` writes a notes file. Each must leave the previous file byte-identical, fail with a
 * clear message naming the file and saying it was not modified, leave no temp or lock file
 * behind, and let the same save succeed once the fault is gone: nothing already saved is lost.
 *
 * - disk full (ENOSPC), when even the lock cannot be written and when only the temp file fails,
 *   and a read-only file system (EROFS): a 256 KB tmpfs in a private mount namespace
 *   (`unshare --user --map-root-user --mount`), so nothing is mounted on the machine itself;
 * - rename failing (EBUSY): the notes file bind-mounted onto itself, so rename() over it fails;
 * - permission denied (EACCES) on the file and on its folder: a child running as an unprivileged
 *   user (root ignores permission bits);
 * - a process killed mid-write: a writer saving in a loop is SIGKILLed at random moments.
 *
 * The fault scenarios run in test/fixtures/robust/notesFault.ts; a scenario the machine cannot
 * set up (no user namespaces, not root and not able to chmod) is skipped with the reason.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { serializeNotesFile } from '../../server/src/notes/codec';
import { loadNotes, saveNotes } from '../../server/src/notes/store';
import { fileWithNotes, type FaultReport } from '../fixtures/robust/notesFiles';
import { FUZZ_SEED, runs } from './robustSupport';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(REPO_ROOT, 'test', 'fixtures', 'robust', 'notesFault.ts');
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const CHILD_TIMEOUT_MS = 120_000;

const folders: string[] = [];
function tempFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-faults-'));
  folders.push(dir);
  return dir;
}
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

let faultsInjected = 0;

const NAMESPACES_WORK =
  spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0" && umount "$0"', os.tmpdir()], {
    timeout: 30_000,
  }).status === 0;
const NO_NAMESPACES = NAMESPACES_WORK ? false : 'user and mount namespaces are not available here (unshare --user --map-root-user --mount)';

function parseReport(what: string, result: ReturnType<typeof spawnSync>): FaultReport {
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  assert.equal(result.status, 0, `${what}: the fault child exited ${result.status} (${String(result.error ?? '')}):\n${stderr}\n${stdout}`);
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as FaultReport;
}

/** Runs a scenario inside a private user + mount namespace, on a fresh 256 KB tmpfs. */
function runInNamespace(scenario: string): FaultReport {
  const folder = tempFolder();
  const script = 'mount -t tmpfs -o size=256k tmpfs "$1" && exec "$0" --import tsx "$2" "$3" "$1"';
  const result = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, process.execPath, folder, CHILD, scenario], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
  });
  return parseReport(scenario, result);
}

/** Runs a scenario as an unprivileged user (as root: uid/gid 65534), where permission bits bite. */
function runUnprivileged(scenario: string): FaultReport {
  const folder = tempFolder();
  if (IS_ROOT) {
    chmodSync(folder, 0o755);
    chownSync(folder, NOBODY, NOBODY);
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', CHILD, scenario, folder], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    // tsx keeps a cache in the temp folder; give the unprivileged user its own.
    env: { ...process.env, HOME: folder, TMPDIR: folder },
    ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return parseReport(scenario, result);
}

/** The save under the fault: refused clearly, the previous file byte-identical, nothing saved lost. */
function assertHandled(report: FaultReport, reason: RegExp): void {
  faultsInjected++;
  assert.deepEqual(report.problems, [], `${report.scenario}: ${report.message}`);
  assert.equal(report.code, 'unwritable');
  assert.match(report.message, /^notes file \.claimcheck\/notes\/a\.txt\.json cannot be written: /);
  assert.match(report.message, reason);
  assert.match(report.message, /not modified; your changes are kept in memory$/);
}

/** After the fault: no lock or temp file left behind, and the same save goes through at once. */
function assertCleanRetry(report: FaultReport): void {
  assert.deepEqual(report.leftovers, [], `${report.scenario}: files left behind by the failed save`);
  assert.deepEqual(report.retryProblems, [], `${report.scenario}: the retry once the fault was gone`);
  assert.ok(report.notesAfter > report.notesBefore, `${report.scenario}: ${report.notesAfter} notes after the retry, ${report.notesBefore} before`);
}

/** Each scenario runs once; its report serves both of its tests. */
const reports = new Map<string, FaultReport>();
function reportOf(scenario: string, run: (scenario: string) => FaultReport): FaultReport {
  let report = reports.get(scenario);
  if (!report) {
    report = run(scenario);
    reports.set(scenario, report);
  }
  return report;
}


const SCENARIOS: { scenario: string; title: string; reason: RegExp; unprivileged?: boolean }[] = [
  { scenario: 'enospc-lock', title: 'disk full while taking the lock (ENOSPC)', reason: /no space left on device \(ENOSPC\)/ },
  { scenario: 'enospc-write', title: 'disk full while writing the temp file (ENOSPC)', reason: /no space left on device \(ENOSPC\)/ },
  { scenario: 'erofs', title: 'read-only file system (EROFS)', reason: /read-only file system \(EROFS\)/ },
  { scenario: 'ebusy-rename', title: 'rename over the notes file fails (EBUSY)', reason: /EBUSY/ },
  { scenario: 'eacces-file', title: 'permission denied: read-only notes file (EACCES)', reason: /permission denied \(EACCES\)/, unprivileged: true },
  { scenario: 'eacces-folder', title: 'permission denied: read-only notes folder (EACCES)', reason: /permission denied \(EACCES\)/, unprivileged: true },
];

/** A notes writer in a child process (test/fixtures/robust/notesFault.ts), to be killed mid-write. */
function startWriter(mode: string, notesPath: string): { out: () => string; waitFor: (marker: string, failure: string) => Promise<void>; kill: () => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, notesPath], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    out: () => out,
    waitFor: async (marker, failure) => {
      const deadline = Date.now() + CHILD_TIMEOUT_MS;
      while (!out.includes(marker) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      assert.ok(out.includes(marker), `${failure}:\n${err}`);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

void describe('notes store under real file-system faults: the previous file intact, a clear message, nothing lost', () => {
  for (const { scenario, title, reason, unprivileged } of SCENARIOS) {
    const run = unprivileged ? runUnprivileged : runInNamespace;
    const skip = unprivileged ? false : NO_NAMESPACES;
    void test(`${title}: refused clearly, the previous file byte-identical`, { skip }, () => {
      assertHandled(reportOf(scenario, run), reason);
    });
    void test(`${title}: nothing left behind, the retry saves at once`, { skip }, () => {
      assertCleanRetry(reportOf(scenario, run));
    });
  }
});

void describe('a writer killed mid-write at random moments', () => {
  void test('SIGKILL at random points of a save loop: the file is always one complete version, every saved note is there', { timeout: 10 * 60_000 }, async (t) => {
    const folder = tempFolder();
    const notesPath = path.join(folder, '.claimcheck', 'notes', 'a.txt.json');
    mkdirSync(path.dirname(notesPath), { recursive: true });
    // The two versions the child alternates between (see notesFault.ts killLoop).
    const versions = [fileWithNotes(40, 200), fileWithNotes(41, 200)].map((f) => serializeNotesFile(f));
    const first = await saveNotes(notesPath, fileWithNotes(40, 200), { expectedHash: null, base: null });
    assert.ok(first.ok);

    // A seeded sequence of kill delays, from "during start-up" to "well into the loop".
    let state = FUZZ_SEED;
    const random = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const kills = runs(12);
    let savesSeen = 0;
    for (let k = 0; k < kills; k++) {
      const writer = startWriter('kill-loop', notesPath);
      // Wait until it is saving, then kill it after a random 0–120 ms: before, during or after a rename.
      await writer.waitFor('READY', 'the writer did not start');
      await new Promise((r) => setTimeout(r, Math.floor(random() * 120)));
      await writer.kill();
      faultsInjected++;
      savesSeen += (writer.out().match(/SAVED/g) ?? []).length;

      const bytes = readFileSync(notesPath, 'utf8');
      assert.ok(versions.includes(bytes), `kill ${k}: the notes file is not one complete version (${bytes.length} bytes)`);
      const loaded = await loadNotes(notesPath, 'a.txt');
      assert.ok(loaded.ok, `kill ${k}: the notes file does not load`);
      const ids = new Set(loaded.file.notes.map((n) => n.id));
      for (let i = 0; i < 40; i++) assert.ok(ids.has(`n-${String(i).padStart(4, '0')}`), `kill ${k}: note ${i} lost`);
    }
    t.diagnostic(`killed mid-write: ${kills} kills during ${savesSeen} completed saves, 0 notes lost`);
  });

  /** Starts the child in `mode` on `notesPath`, waits for LOCKED, kills it. */
  async function killWhileLocked(mode: 'hold-lock' | 'empty-lock', notesPath: string): Promise<void> {
    const writer = startWriter(mode, notesPath);
    await writer.waitFor('LOCKED', `the ${mode} child did not take the lock`);
    await writer.kill();
    faultsInjected++;
  }


  async function saveAfterKill(mode: 'hold-lock' | 'empty-lock'): Promise<void> {
    const folder = tempFolder();
    const notesPath = path.join(folder, '.claimcheck', 'notes', 'a.txt.json');
    mkdirSync(path.dirname(notesPath), { recursive: true });
    const first = await saveNotes(notesPath, fileWithNotes(5), { expectedHash: null, base: null });
    assert.ok(first.ok);
    const previous = readFileSync(notesPath);
    await killWhileLocked(mode, notesPath);
    assert.deepEqual(readFileSync(notesPath), previous, 'the notes file changed');
    const next = await saveNotes(notesPath, fileWithNotes(6), { expectedHash: first.hash, base: first.file });
    assert.ok(next.ok, next.ok ? '' : next.error.message);
    assert.deepEqual(readdirSync(path.dirname(notesPath)), ['a.txt.json'], 'no lock or temp file left behind');
  }

  void test('a writer killed while holding the lock: the next save breaks the dead lock and succeeds at once', async () => {
    await saveAfterKill('hold-lock');
  });

  void test(
    'a writer killed between creating the lock file and writing its pid: the next save succeeds at once',
    async () => {
      await saveAfterKill('empty-lock');
    },
  );

  void test('figures', (t) => {
    t.diagnostic(`notes faults injected: ${faultsInjected}, 0 notes lost`);
    console.log(`notes faults injected: ${faultsInjected}, 0 notes lost`);
  });
});
