/**
 * The `claimcheck` CLI, run as users run it: the built bundle `out/cli.js` (run `npm run build`
 * first) spawned with arguments, stdin and a working folder, its stdout, stderr and exit code
 * checked. Fixtures are written to a temporary folder; `--changed-since` gets a real git
 * repository. Pure helpers (diff parsing, note matching, progress line) are tested directly.
 *
 * Assertions hold for any real claim engine: they name claims that must be found ("20%"), and
 * compare the CLI's claims with the engine's own output, never with a hand-written list.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Log } from 'sarif';
import { analyze, type Claim } from '../../server/src/analysis';
import { CLAIM_KINDS } from '../../server/src/contract';
import { parseUnifiedDiff, touchesChange, unquoteGitPath } from '../../server/src/cli/gitChanges';
import { gitRepository } from '../support/gitRepository';
import { statusesFor } from '../../server/src/cli/noteStatus';
import { createProgress } from '../../server/src/cli/progress';
import { markdownCell } from '../../server/src/cli/formats/table';
import type { CliClaim } from '../../server/src/cli/report';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'out', 'cli.js');
const SAMPLE = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'sample-article.news'), 'utf8');
const BBC = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'bbc');
const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The start of an ANSI escape sequence (CSI). */
const ESC = '\u001b[';
const PERCENT_TEXT = 'Turnout was 64% in the last election, officials said.\n';
const PLAIN_TEXT = 'The cat sat on the mat.\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface JsonOutput {
  version: number;
  files: { path: string; claims: CliClaim[] }[];
}

/**
 * The command under test: a copy of out/cli.js and out/lib/cli.js taken when the tests start, so
 * that a rebuild while they run (npm run watch) cannot hand a half-written file to one of them.
 */
let bundle = '';

/** Runs `node out/cli.js ...args` (without a terminal: stdout and stderr are pipes). */
function cli(args: string[], options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const CLI = bundle;
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

function explain(run: Run): string {
  return `exit ${run.code}\n--- stdout ---\n${run.stdout.slice(0, 3000)}\n--- stderr ---\n${run.stderr}`;
}

function json(run: Run): JsonOutput {
  try {
    return JSON.parse(run.stdout) as JsonOutput;
  } catch {
    throw new Error(`stdout is not JSON:\n${explain(run)}`);
  }
}

function claimsOf(run: Run): CliClaim[] {
  return json(run).files.flatMap((f) => f.claims);
}

/** LSP position of a UTF-16 offset (lines end at \r\n, \n or \r). */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const ch = text[i];
    if (ch === '\r' && text[i + 1] === '\n') continue;
    if (ch === '\n' || ch === '\r') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

function write(root: string, rel: string, content: string | Buffer): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** A note as the notes store writes it, anchored on `exact` in `text`. */
function noteFor(text: string, exact: string, status: string, kind: string) {
  const start = text.indexOf(exact);
  assert.ok(start >= 0, `${exact} not in text`);
  return {
    id: `n-${status}-${start}`,
    claim: {
      kind,
      selector: { exact, prefix: text.slice(Math.max(0, start - 16), start), suffix: text.slice(start + exact.length, start + exact.length + 16) },
      position: { start, end: start + exact.length },
    },
    status,
  };
}

let tmp: string;

// Suites run side by side (each spawns processes and waits); tests inside one share fixtures.
void describe('claimcheck CLI (out/cli.js)', { concurrency: 3 }, () => {
  before(() => {
    if (!existsSync(CLI)) throw new Error(`${path.relative(REPO_ROOT, CLI)} is missing: run npm run build first`);
    tmp = mkdtempSync(path.join(tmpdir(), 'claimcheck-cli-'));
    // The launcher, the bundle it runs (out/lib/cli.js) and the bundle's data, in the same layout.
    bundle = path.join(tmp, 'cli.js');
    copyFileSync(CLI, bundle);
    mkdirSync(path.join(tmp, 'lib'));
    copyFileSync(path.join(REPO_ROOT, 'out', 'lib', 'cli.js'), path.join(tmp, 'lib', 'cli.js'));
    cpSync(path.join(REPO_ROOT, 'out', 'lib', 'data'), path.join(tmp, 'lib', 'data'), { recursive: true });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  void describe('claimcheck --help, --version and usage errors', { concurrency: 4 }, () => {
    void test('--help prints the usage with every format and option, exit 0', async () => {
      const run = await cli(['--help']);
      assert.equal(run.code, 0, explain(run));
      for (const needle of ['Usage:', 'text', 'json', 'sarif', 'markdown', 'csv', '--min-score', '--kinds', '--status', '--changed-since', '--fail-on', '--exclude', 'Exit codes']) {
        assert.ok(run.stdout.includes(needle), `--help lacks ${needle}:\n${run.stdout}`);
      }
    });

    void test('--version prints the package version, exit 0', async () => {
      const run = await cli(['--version']);
      assert.equal(run.code, 0, explain(run));
      assert.equal(run.stdout.trim(), VERSION);
    });

    const usageErrors: [string[], RegExp][] = [
      [['--bogus', 'x.txt'], /bogus/],
      [[], /no files given/],
      [['--format', 'xml', 'x.txt'], /--format: unknown format "xml"/],
      [['--min-score', '2', 'x.txt'], /--min-score/],
      [['--min-score', 'high', 'x.txt'], /--min-score/],
      [['--kinds', 'quantity,rumour', 'x.txt'], /unknown kind "rumour"/],
      [['--status', 'maybe', 'x.txt'], /unknown status "maybe"/],
      [['--fail-on', 'everything', 'x.txt'], /--fail-on: unknown item "everything"/],
      [['--changed-since=--output=/tmp/x', 'x.txt'], /not a git ref/],
      [['--jobs', '0', 'x.txt'], /--jobs/],
    ];
    for (const [args, message] of usageErrors) {
      void test(`usage error → exit 2: claimcheck ${args.join(' ')}`, async () => {
        const run = await cli(args);
        assert.equal(run.code, 2, explain(run));
        assert.match(run.stderr, message, explain(run));
        assert.equal(run.stdout, '', 'nothing on stdout for a usage error');
      });
    }
  });

  void describe('claimcheck scan: JSON, stdin, input errors and exit codes', { concurrency: 4 }, () => {
    let dir: string;
    before(() => {
      dir = path.join(tmp, 'inputs');
      write(dir, 'sample.news', SAMPLE);
      write(dir, 'percent.txt', PERCENT_TEXT);
      write(dir, 'plain.txt', PLAIN_TEXT);
      write(dir, 'binary.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]));
      write(dir, 'latin1.txt', Buffer.concat([Buffer.from('Prices rose 5% in Z'), Buffer.from([0xfc]), Buffer.from('rich.\n')]));
      write(dir, 'crlf.txt', 'Héllo 🎉 world.\r\nUnemployment fell to 4.1% in March 2024.\r\nA second line with 300 jobs.\r\n');
    });

    /** `claimcheck sample.news --format json`, run once for the tests that compare against it. */
    let sampleRun: Promise<Run> | undefined;
    const sampleClaims = async () => claimsOf(await (sampleRun ??= cli([path.join(dir, 'sample.news'), '--format', 'json'])));

    void test('--format json equals the engine output, every text is the file slice at start..end, ranges are LSP positions', async () => {
      for (const name of ['sample.news', 'crlf.txt']) {
        const file = path.join(dir, name);
        const run = await cli(['scan', file, '--format', 'json']);
        assert.equal(run.code, 0, explain(run));
        const out = json(run);
        assert.equal(out.version, 1);
        assert.equal(out.files.length, 1);
        assert.equal(out.files[0].path, file);
        const content = readFileSync(file, 'utf8');
        const engine = analyze(content, { languageId: name.endsWith('.news') ? 'news' : 'plaintext' }).claims;
        const claims = out.files[0].claims;
        assert.ok(claims.length > 0, `no claims in ${name}`);
        assert.deepEqual(
          claims.map((c) => ({ id: c.id, kind: c.kind, text: c.text, start: c.start, end: c.end, sentence: c.sentence, value: c.value, source: c.source, score: c.score, checkworthy: c.checkworthy, reasons: c.reasons })),
          engine.map((c) => ({ id: c.id, kind: c.kind, text: c.text, start: c.start, end: c.end, sentence: { start: c.sentence.start, end: c.sentence.end }, value: c.value, source: c.source, score: c.score, checkworthy: c.checkworthy, reasons: c.reasons })),
        );
        for (const c of claims) {
          assert.equal(c.text, content.slice(c.start, c.end));
          assert.deepEqual(c.range, { start: positionAt(content, c.start), end: positionAt(content, c.end) });
          assert.equal(c.status, 'unverified');
          assert.deepEqual(Object.keys(c), ['id', 'kind', 'text', 'start', 'end', 'range', 'sentence', 'value', 'source', 'score', 'checkworthy', 'reasons', 'status']);
        }
      }
    });

    void test('"-" reads stdin; --stdin-filename names it', async () => {
      const run = await cli(['-', '--format', 'json'], { input: PERCENT_TEXT });
      assert.equal(run.code, 0, explain(run));
      const out = json(run);
      assert.equal(out.files[0].path, '-');
      assert.ok(out.files[0].claims.some((c) => c.text.includes('64%')), explain(run));
      const named = json(await cli(['-', '--format', 'json', '--stdin-filename', 'story.md'], { input: PERCENT_TEXT }));
      assert.equal(named.files[0].path, 'story.md');
    });

    void test('exit codes: --fail-on percentage is 1 with a percentage, 0 without', async () => {
      const hit = await cli([path.join(dir, 'percent.txt'), '--fail-on', 'percentage']);
      assert.equal(hit.code, 1, explain(hit));
      const miss = await cli([path.join(dir, 'plain.txt'), '--fail-on', 'percentage']);
      assert.equal(miss.code, 0, explain(miss));
      const noFailOn = await cli([path.join(dir, 'percent.txt')]);
      assert.equal(noFailOn.code, 0, 'without --fail-on, claims alone do not fail');
    });

    void test('exit codes: --fail-on unverified is 1; --fail-on with the claim filtered out by --kinds is 0', async () => {
      const file = path.join(dir, 'percent.txt');
      assert.equal((await cli([file, '--fail-on', 'unverified'])).code, 1);
      assert.equal((await cli([file, '--fail-on', 'any'])).code, 1);
      assert.equal((await cli([file, '--fail-on', 'disputed,verified'])).code, 0);
      assert.equal((await cli([file, '--kinds', 'event', '--fail-on', 'percentage'])).code, 0);
    });

    void test('a missing file is exit 2 with its name on stderr, and the other files are still scanned', async () => {
      const missing = path.join(dir, 'missing.txt');
      const run = await cli([missing, path.join(dir, 'percent.txt'), '--format', 'json', '--fail-on', 'percentage']);
      assert.equal(run.code, 2, `2 wins over 1\n${explain(run)}`);
      assert.match(run.stderr, new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file`));
      assert.ok(claimsOf(run).some((c) => c.text.includes('64%')), explain(run));
    });

    void test('a paragraph in another language: not analysed, and stderr says where; exit 0', async () => {
      const file = path.join(dir, 'bilingual.txt');
      writeFileSync(
        file,
        'Turnout rose 64% in the capital, officials said on Sunday.\n\n' +
          'La participación subió un 64% en la capital, según dijeron el domingo los funcionarios del gobierno.\n',
      );
      const run = await cli([file, '--format', 'json']);
      assert.equal(run.code, 0, explain(run));
      assert.match(run.stderr, /bilingual\.txt: 1 paragraph not in English, not analysed: line 3 \(Spanish\)/, explain(run));
      assert.deepEqual(claimsOf(run).filter((c) => c.text.includes('64%')).map((c) => c.range.start.line), [0], explain(run));
    });

    void test('binary and invalid UTF-8 files: a message naming each on stderr, exit 2, the others still scanned', async () => {
      const run = await cli([path.join(dir, 'binary.txt'), path.join(dir, 'latin1.txt'), path.join(dir, 'percent.txt'), '--format', 'json']);
      assert.equal(run.code, 2, explain(run));
      assert.match(run.stderr, /binary\.txt: binary file/, explain(run));
      assert.match(run.stderr, /latin1\.txt: invalid UTF-8/, explain(run));
      const out = json(run);
      assert.deepEqual(out.files.map((f) => path.basename(f.path)), ['percent.txt']);
    });

    void test('filters: --kinds, --min-score, --status', async () => {
      const file = path.join(dir, 'sample.news');
      const all = await sampleClaims();
      const kinds = claimsOf(await cli([file, '--format', 'json', '--kinds', 'percentage,money']));
      assert.deepEqual(kinds, all.filter((c) => c.kind === 'percentage' || c.kind === 'money'));
      assert.ok(kinds.length > 0);
      const threshold = [...all.map((c) => c.score)].sort((a, b) => a - b)[Math.floor(all.length / 2)];
      const scored = claimsOf(await cli([file, '--format', 'json', '--min-score', String(threshold)]));
      assert.deepEqual(scored, all.filter((c) => c.score >= threshold));
      assert.ok(scored.length > 0 && scored.length < all.length, `threshold ${threshold} should split ${all.length} claims`);
      assert.deepEqual(claimsOf(await cli([file, '--format', 'json', '--status', 'verified'])), []);
      assert.deepEqual(claimsOf(await cli([file, '--format', 'json', '--status', 'unverified'])), all);
    });

    void test('--jobs 2 (worker threads) gives the same JSON as --jobs 1', async () => {
      const files = ['sample.news', 'percent.txt', 'plain.txt', 'crlf.txt'].map((f) => path.join(dir, f));
      const one = await cli([...files, '--format', 'json', '--jobs', '1']);
      const two = await cli([...files, '--format', 'json', '--jobs', '2']);
      assert.equal(two.code, 0, explain(two));
      assert.equal(two.stdout, one.stdout);
    });

    void test('text format: grouped by file, aligned rows, summary line, no colour on a pipe; FORCE_COLOR and NO_COLOR', async () => {
      const file = path.join(dir, 'sample.news');
      const run = await cli([file, path.join(dir, 'plain.txt')]);
      assert.equal(run.code, 0, explain(run));
      const lines = run.stdout.split('\n');
      assert.equal(lines[0], file);
      assert.ok(!run.stdout.includes(ESC), 'no ANSI codes when stdout is not a terminal');
      assert.match(run.stdout, /^ {2}6:1 +Quantity +"A group of 30 countries" .*\[unverified\]/m);
      const claims = await sampleClaims();
      assert.match(lines.filter((l) => l !== '').at(-1) ?? '', new RegExp(`^${claims.length} claims in 1 file$`));
      assert.ok((await cli([file], { env: { FORCE_COLOR: '1' } })).stdout.includes(ESC), 'FORCE_COLOR colours a pipe');
      assert.ok(!(await cli([file], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout.includes(ESC), 'NO_COLOR wins');
    });

    void test('markdown and csv reports contain every claim', async () => {
      const file = path.join(dir, 'sample.news');
      const claims = await sampleClaims();
      const csvRun = await cli([file, '--format', 'csv']);
      assert.equal(csvRun.code, 0, explain(csvRun));
      const rows = parseCsv(csvRun.stdout, { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, claims.length);
      rows.forEach((row, i) => {
        const c = claims[i];
        assert.equal(row.file, file);
        assert.equal(Number(row.line), c.range.start.line + 1);
        assert.equal(row.text.replace(/^'(?=[=+\-@\t\r])/, ''), c.text);
        assert.equal(row.status, c.status);
        assert.equal(row.id, c.id);
        assert.equal(row.score, c.score.toFixed(2));
      });
      const md = await cli([file, '--format', 'markdown']);
      assert.equal(md.code, 0, explain(md));
      const tableRows = md.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| File') && !l.startsWith('| ---'));
      assert.equal(tableRows.length, claims.length, md.stdout);
      claims.forEach((c, i) => assert.ok(tableRows[i].includes(`| ${markdownCell(c.text)} |`), `row ${i} lacks ${c.text}: ${tableRows[i]}`));
    });
  });

  void describe('claimcheck scan: folders, .gitignore and --exclude', { concurrency: 4 }, () => {
    let ws: string;
    before(() => {
      ws = path.join(tmp, 'walk');
      gitRepository(ws);
      write(ws, '.gitignore', 'ignored/\ndrafts/*.txt\n!drafts/keep.txt\n');
      write(ws, 'articles/a.txt', PERCENT_TEXT);
      write(ws, 'articles/b.md', `# Title\n\n${PERCENT_TEXT}`);
      write(ws, 'articles/notes.json', '{}');
      write(ws, 'articles/sub/.gitignore', 'secret.txt\n');
      write(ws, 'articles/sub/secret.txt', PERCENT_TEXT);
      write(ws, 'articles/sub/open.news', PERCENT_TEXT);
      write(ws, 'ignored/x.txt', PERCENT_TEXT);
      write(ws, 'drafts/x.txt', PERCENT_TEXT);
      write(ws, 'drafts/keep.txt', PERCENT_TEXT);
      write(ws, 'node_modules/pkg/readme.md', PERCENT_TEXT);
      write(ws, '.hidden/h.txt', PERCENT_TEXT);
      write(ws, 'archive/old.txt', PERCENT_TEXT);
    });

    const scanned = async (args: string[], cwd = ws) => {
      const run = await cli([...args, '--format', 'json'], { cwd });
      assert.equal(run.code, 0, explain(run));
      return json(run).files.map((f) => f.path.split(path.sep).join('/'));
    };

    void test('a folder is walked recursively for text files, sorted, honouring nested .gitignore files with negation', async () => {
      assert.deepEqual(await scanned(['.']), ['archive/old.txt', 'articles/a.txt', 'articles/b.md', 'articles/sub/open.news', 'drafts/keep.txt']);
    });

    void test('the .gitignore of the repository applies when scanning a subfolder; a file named explicitly is scanned anyway', async () => {
      assert.deepEqual(await scanned(['drafts']), ['drafts/keep.txt']);
      assert.deepEqual(await scanned(['drafts/x.txt']), ['drafts/x.txt']);
    });

    void test('--exclude globs (repeatable) skip files and folders', async () => {
      assert.deepEqual(await scanned(['.', '--exclude', 'archive', '--exclude', '**/*.md']), ['articles/a.txt', 'articles/sub/open.news', 'drafts/keep.txt']);
      assert.deepEqual(await scanned(['articles', '--exclude', 'sub/**']), ['articles/a.txt', 'articles/b.md']);
      assert.deepEqual(await scanned(['articles/a.txt', 'articles/b.md', '--exclude', '*.md']), ['articles/a.txt']);
    });

    void test('a folder without text files is reported; nothing at all to scan is exit 2', async () => {
      write(ws, 'empty/readme.json', '{}');
      const run = await cli(['empty'], { cwd: ws });
      assert.equal(run.code, 2, explain(run));
      assert.match(run.stderr, /empty: no text files/);
    });
  });

  void describe('claimcheck scan: source notes give each claim its status', { concurrency: 1 }, () => {
    let ws: string;
    let article: string;
    let notesFile: string;
    before(() => {
      ws = path.join(tmp, 'notes-ws');
      article = write(ws, 'news/story.txt', `Intro line.\n\n${SAMPLE}`);
      mkdirSync(path.join(ws, '.claimcheck', 'notes', 'news'), { recursive: true });
      notesFile = path.join(ws, '.claimcheck', 'notes', 'news', 'story.txt.json');
    });

    void test('a note marking a claim verified shows status "verified" in JSON; disputed → --fail-on disputed is 1 and SARIF warning', async () => {
      const text = readFileSync(article, 'utf8');
      const claims = claimsOf(await cli([article, '--format', 'json']));
      const thirty = claims.find((c) => c.text.includes('30 countries'));
      const ninety = claims.find((c) => c.text.includes('90%'));
      assert.ok(thirty && ninety, 'the sample has "30 countries" and "90%" claims');
      writeFileSync(notesFile, JSON.stringify({ schemaVersion: 1, notes: [noteFor(text, thirty.text, 'verified', thirty.kind), noteFor(text, ninety.text, 'false', ninety.kind)] }));
      const run = await cli([article, '--format', 'json']);
      assert.equal(run.code, 0, explain(run));
      const withNotes = claimsOf(run);
      assert.equal(withNotes.find((c) => c.id === thirty.id)?.status, 'verified');
      assert.equal(withNotes.find((c) => c.id === ninety.id)?.status, 'false');
      assert.ok(withNotes.filter((c) => c.id !== thirty.id && c.id !== ninety.id).every((c) => c.status === 'unverified'));
      assert.equal((await cli([article, '--fail-on', 'disputed'])).code, 1, '"disputed" matches a false claim');
      assert.deepEqual(claimsOf(await cli([article, '--format', 'json', '--status', 'verified'])).map((c) => c.id), [thirty.id]);
      const text2 = await cli([article]);
      assert.match(text2.stdout, /\[verified\]/);
      assert.match(text2.stdout, /\(1 verified, 1 false\)|\(1 false, 1 verified\)/);
      const sarif = JSON.parse((await cli([article, '--format', 'sarif'])).stdout) as Log;
      const results = sarif.runs[0].results ?? [];
      assert.equal(results.find((r) => r.partialFingerprints?.['claimId/v1'] === ninety.id)?.level, 'warning');
      assert.equal(results.find((r) => r.partialFingerprints?.['claimId/v1'] === thirty.id)?.level, 'note');
    });

    void test('notes follow their text when it moves; --workspace points at the notes folder', async () => {
      const text = readFileSync(article, 'utf8');
      const ninety = claimsOf(await cli([article, '--format', 'json'])).find((c) => c.text.includes('90%'));
      assert.ok(ninety);
      const moved = write(ws, 'news/moved.txt', `A new first paragraph was added here.\n\n${text}`);
      writeFileSync(path.join(ws, '.claimcheck', 'notes', 'news', 'moved.txt.json'), JSON.stringify({ schemaVersion: 1, notes: [noteFor(text, ninety.text, 'needs-context', ninety.kind)] }));
      const out = claimsOf(await cli([moved, '--format', 'json']));
      assert.equal(out.find((c) => c.text === ninety.text)?.status, 'needs-context');
      const elsewhere = await cli([path.join('news', 'moved.txt'), '--format', 'json', '--workspace', ws], { cwd: ws });
      assert.equal(claimsOf(elsewhere).find((c) => c.text === ninety.text)?.status, 'needs-context');
    });

    void test('a malformed notes file is reported on stderr with its path, never modified, and does not change the exit code', async () => {
      const broken = '{"schemaVersion": 1, "notes": [ {oops';
      writeFileSync(notesFile, broken);
      const run = await cli([article, '--format', 'json']);
      assert.equal(run.code, 0, explain(run));
      assert.ok(run.stderr.includes(notesFile) && /malformed notes file/.test(run.stderr), explain(run));
      assert.ok(claimsOf(run).every((c) => c.status === 'unverified'));
      assert.equal(readFileSync(notesFile, 'utf8'), broken);
      writeFileSync(notesFile, JSON.stringify({ schemaVersion: 1, notes: [{ id: 'x', status: 'verified' }] }));
      const partly = await cli([article, '--format', 'json']);
      assert.match(partly.stderr, /1 malformed note ignored/);
    });
  });

  void describe('claimcheck --format sarif', () => {
    void test('validates against the SARIF 2.1.0 JSON schema; one rule per kind; regions, URIs and fingerprints', async () => {
      const ws = path.join(tmp, 'sarif');
      const file = write(ws, 'dir with space/article.news', SAMPLE);
      write(ws, 'broken.txt', Buffer.from([0xff, 0xfe, 0x00, 0x41]));
      const claims = claimsOf(await cli([file, '--format', 'json']));
      const dismissed = claims.find((c) => c.text.includes('30 countries'));
      const disputed = claims.find((c) => c.text.includes('90%'));
      assert.ok(dismissed && disputed);
      write(ws, '.claimcheck/notes/dir with space/article.news.json', JSON.stringify({ schemaVersion: 1, notes: [noteFor(SAMPLE, dismissed.text, 'dismissed', dismissed.kind), noteFor(SAMPLE, disputed.text, 'disputed', disputed.kind)] }));
      const run = await cli(['.', '--format', 'sarif'], { cwd: ws });
      assert.equal(run.code, 2, `the broken file is an input error\n${explain(run)}`);
      const log = JSON.parse(run.stdout) as Log;

      // The official schema (schemastore's sarif-2.1.0-rtm.5.json, shipped by @microsoft/jest-sarif)
      // is draft-04; apart from `id` it uses nothing that differs in draft-07, which Ajv 8 speaks.
      const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
      const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
      assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
      assert.doesNotMatch(JSON.stringify(schema), /"exclusive(Minimum|Maximum)":\s*(true|false)/, 'no draft-04-only keywords');
      const draft07: Record<string, unknown> = { ...schema, $id: schema.id };
      delete draft07.$schema;
      delete draft07.id;
      // unicodeRegExp: false — one of the schema's patterns is not valid with the `u` flag.
      const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
      addFormats(ajv);
      const validate = ajv.compile(draft07);
      assert.ok(validate(log), `SARIF output is invalid:\n${JSON.stringify(validate.errors, null, 2)}`);
      // The validator does catch mistakes.
      assert.equal(validate({ ...log, version: '2.0.0' }), false);

      const sarifRun = log.runs[0];
      assert.equal(log.version, '2.1.0');
      assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
      const rules = sarifRun.tool.driver.rules ?? [];
      assert.deepEqual(rules.map((r) => r.id), CLAIM_KINDS.map((k) => `claim.${k}`));
      for (const r of rules) assert.ok(r.shortDescription?.text && r.fullDescription?.text && r.help?.text && r.helpUri, JSON.stringify(r));
      const results = sarifRun.results ?? [];
      assert.equal(results.length, claims.length);
      results.forEach((r, i) => {
        const c = claims[i];
        const loc = r.locations?.[0]?.physicalLocation;
        assert.equal(r.ruleId, `claim.${c.kind}`);
        assert.equal(r.level, c.id === disputed.id ? 'warning' : 'note');
        assert.equal(r.suppressions?.[0]?.kind, c.id === dismissed.id ? 'external' : undefined);
        assert.equal(loc?.artifactLocation?.uri, 'dir%20with%20space/article.news');
        assert.deepEqual(
          { ...loc?.region, snippet: undefined },
          { startLine: c.range.start.line + 1, startColumn: c.range.start.character + 1, endLine: c.range.end.line + 1, endColumn: c.range.end.character + 1, snippet: undefined },
        );
        assert.equal(r.partialFingerprints?.['claimId/v1'], c.id);
      });
      const notifications = sarifRun.invocations?.[0]?.toolExecutionNotifications ?? [];
      assert.ok(notifications.some((n) => n.message.text?.includes('broken.txt')), JSON.stringify(notifications));
    });
  });

  void describe('claimcheck --changed-since REF (a real git repository)', { concurrency: 1 }, () => {
    let repo: string;
    before(() => {
      repo = path.join(tmp, 'repo');
      const { git } = gitRepository(repo);
      write(repo, 'story.txt', ['Turnout was 61% in the first round.', '', 'The league has 20 teams.', '', 'Prices rose 3% in May.', ''].join('\n'));
      write(repo, 'other.txt', 'Sales fell 7% last year.\n');
      git('add', '.');
      git('commit', '-q', '-m', 'first');
      git('tag', 'v1');
      // Second commit: line 3 changes. Then, uncommitted: line 7 is added; a new untracked file.
      write(repo, 'story.txt', ['Turnout was 61% in the first round.', '', 'The league has 24 teams.', '', 'Prices rose 3% in May.', ''].join('\n'));
      git('commit', '-q', '-am', 'second');
      write(repo, 'story.txt', ['Turnout was 61% in the first round.', '', 'The league has 24 teams.', '', 'Prices rose 3% in May.', '', 'Rents went up 9% this year.', ''].join('\n'));
      write(repo, 'new.txt', 'Exports grew 12% in June.\n');
    });

    const lines = (out: JsonOutput) => Object.fromEntries(out.files.map((f) => [f.path, f.claims.map((c) => c.range.start.line + 1)]));

    void test('only claims on lines added or changed since the ref; untracked files count as all new', async () => {
      const all = json(await cli(['.', '--format', 'json'], { cwd: repo }));
      const allLines = lines(all);
      assert.ok(allLines['story.txt'].includes(1) && allLines['story.txt'].includes(3) && allLines['story.txt'].includes(7), JSON.stringify(allLines));

      const sinceFirst = await cli(['.', '--format', 'json', '--changed-since', 'v1'], { cwd: repo });
      assert.equal(sinceFirst.code, 0, explain(sinceFirst));
      const got = lines(json(sinceFirst));
      assert.deepEqual([...new Set(got['story.txt'])], [3, 7], JSON.stringify(got));
      assert.deepEqual(got['other.txt'] ?? [], []);
      assert.deepEqual(got['new.txt'], allLines['new.txt']);

      const sinceHead = lines(json(await cli(['story.txt', 'new.txt', '--format', 'json', '--changed-since', 'HEAD'], { cwd: repo })));
      assert.deepEqual([...new Set(sinceHead['story.txt'])], [7]);
      assert.deepEqual(sinceHead['new.txt'], allLines['new.txt']);

      const failing = await cli(['.', '--changed-since', 'HEAD', '--fail-on', 'any'], { cwd: repo });
      assert.equal(failing.code, 1, explain(failing));
      const clean = await cli(['other.txt', '--changed-since', 'HEAD', '--fail-on', 'any'], { cwd: repo });
      assert.equal(clean.code, 0, explain(clean));
    });

    void test('an unknown ref and a file outside any repository are exit 2', async () => {
      const badRef = await cli(['.', '--changed-since', 'no-such-branch'], { cwd: repo });
      assert.equal(badRef.code, 2, explain(badRef));
      assert.match(badRef.stderr, /"no-such-branch" is not a commit/);
      const outside = mkdtempSync(path.join(tmpdir(), 'claimcheck-norepo-'));
      try {
        const file = write(outside, 'a.txt', PERCENT_TEXT);
        const run = await cli([file, '--changed-since', 'HEAD']);
        assert.equal(run.code, 2, explain(run));
        assert.match(run.stderr, /a\.txt: not in a git repository/);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  void describe('claimcheck score', () => {
    void test('one JSON object per input line', async () => {
      const run = await cli(['score', '-'], { input: 'Profits rose 20% last year.\nHello there.\n' });
      assert.equal(run.code, 0, explain(run));
      const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; score: number; kinds: string[] });
      assert.deepEqual(lines.map((l) => l.line), [1, 2]);
      assert.ok(lines[0].kinds.length > 0 && lines[0].score > lines[1].score);
    });
  });

  void describe('CLI helpers', () => {
    void test('parseUnifiedDiff: hunk headers to changed line ranges, deletions ignored, quoted paths', () => {
      const diff = [
        'diff --git a/a.txt b/a.txt',
        '--- a/a.txt',
        '+++ b/a.txt',
        '@@ -3 +3 @@ x',
        '-old',
        '+new',
        '@@ -10,2 +9,0 @@',
        '@@ -20,0 +21,3 @@',
        'diff --git "a/t\\tb.txt" "b/t\\tb.txt"',
        '--- "a/t\\tb.txt"',
        '+++ "b/t\\tb.txt"',
        '@@ -1 +1,2 @@',
        'diff --git a/gone.txt b/gone.txt',
        '--- a/gone.txt',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
      ].join('\n');
      const parsed = parseUnifiedDiff(diff);
      assert.deepEqual([...parsed.entries()], [
        ['a.txt', [[3, 3], [21, 23]]],
        ['t\tb.txt', [[1, 2]]],
      ]);
      assert.equal(unquoteGitPath('"caf\\303\\251.txt"'), 'café.txt');
      assert.equal(touchesChange({ all: false, ranges: [[3, 3]] }, 2, 4), true);
      assert.equal(touchesChange({ all: false, ranges: [[3, 3]] }, 4, 5), false);
    });

    void test('statusesFor: exact text near the position or with matching context; ambiguous repeats match nothing', () => {
      const ws = mkdtempSync(path.join(tmpdir(), 'claimcheck-notes-'));
      try {
        const text = 'Prices rose 5% in May. Wages rose 5% in June.';
        const file = write(ws, 'a.txt', text);
        mkdirSync(path.join(ws, '.claimcheck', 'notes'), { recursive: true });
        const claimAt = (id: string, start: number): Claim => ({
          id,
          kind: 'percentage',
          start,
          end: start + 2,
          text: text.slice(start, start + 2),
          sentence: { start: 0, end: text.length },
          value: { fraction: 0.05 },
          source: null,
          score: 0.9,
          checkworthy: true,
          reasons: [],
          shownValue: '5%',
          figure: 'percentage|5%',
        });
        const first = text.indexOf('5%');
        const second = text.lastIndexOf('5%');
        const claims = [claimAt('first', first), claimAt('second', second)];
        const writeNotes = (notes: unknown[]) => writeFileSync(path.join(ws, '.claimcheck', 'notes', 'a.txt.json'), JSON.stringify({ schemaVersion: 1, notes }));
        // Context decides even when the recorded position is far off (text was inserted above).
        writeNotes([{ status: 'verified', claim: { kind: 'percentage', selector: { exact: '5%', prefix: 'Wages rose ', suffix: ' in June' }, position: { start: second + 500, end: second + 502 } } }]);
        assert.deepEqual([...statusesFor(file, text, claims)], [['second', 'verified']]);
        // No context: the position decides.
        writeNotes([{ status: 'disputed', claim: { kind: 'percentage', selector: { exact: '5%' }, position: { start: first, end: first + 2 } } }]);
        assert.deepEqual([...statusesFor(file, text, claims)], [['first', 'disputed']]);
        // Two notes on the two occurrences each take their own claim.
        writeNotes([
          { status: 'verified', claim: { kind: 'percentage', selector: { exact: '5%' }, position: { start: first, end: first + 2 } } },
          { status: 'false', claim: { kind: 'percentage', selector: { exact: '5%' }, position: { start: second, end: second + 2 } } },
        ]);
        assert.deepEqual([...statusesFor(file, text, claims)], [['first', 'verified'], ['second', 'false']]);
        // Repeated text, no matching context, position far away: ambiguous, so no match.
        writeNotes([{ status: 'disputed', claim: { selector: { exact: '5%', prefix: 'nothing like it' }, position: { start: 5000, end: 5002 } } }]);
        assert.deepEqual([...statusesFor(file, text, claims)], []);
        // The engine's claim id recorded in the note decides between equal texts.
        writeNotes([{ status: 'verified', claim: { kind: 'percentage', claimId: 'second', selector: { exact: '5%' }, position: { start: 5000, end: 5002 } } }]);
        assert.deepEqual([...statusesFor(file, text, claims)], [['second', 'verified']]);
        // Without a workspace notes file, the sidecar next to the article is read.
        rmSync(path.join(ws, '.claimcheck'), { recursive: true });
        writeFileSync(`${file}.claimcheck.json`, JSON.stringify({ schemaVersion: 1, notes: [{ status: 'dismissed', claim: { selector: { exact: '5%' }, position: { start: first, end: first + 2 } } }] }));
        assert.deepEqual([...statusesFor(file, text, claims)], [['first', 'dismissed']]);
        mkdirSync(path.join(ws, '.claimcheck', 'notes'), { recursive: true });
        // Text that no longer exists matches nothing.
        writeNotes([{ status: 'verified', claim: { selector: { exact: '7%' }, position: { start: first, end: first + 2 } } }]);
        assert.deepEqual([...statusesFor(file, text, claims)], []);
      } finally {
        rmSync(ws, { recursive: true, force: true });
      }
    });

    void test('progress line: only on a terminal with more than 20 files, redrawn with \\r and cleared', () => {
      const written: string[] = [];
      const tty = { isTTY: true, columns: 40, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
      const few = createProgress(5, tty);
      few.update(1, 'a.txt');
      assert.equal(written.length, 0);
      const progress = createProgress(1844, tty);
      progress.update(1844, 'business/a-very-long-file-name-that-does-not-fit.txt');
      progress.clear();
      assert.ok(written[0].startsWith(`\r${ESC}KScanning 1844/1844 …`), JSON.stringify(written));
      assert.ok(written[0].length <= 40 + 4, 'fits the terminal width');
      assert.equal(written[1], `\r${ESC}K`);
      const pipe = createProgress(1844, { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream);
      pipe.update(1, 'x');
      assert.equal(written.length, 2);
    });
  });

  void describe('the BBC corpus (../shared/corpus/bbc)', () => {
    void test('a sample of 100 articles: every claim text is its file slice at start..end', async (t) => {
      if (!existsSync(BBC)) {
        t.skip('needs ../shared/corpus/bbc');
        return;
      }
      const files = readdirSync(BBC, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => readdirSync(path.join(BBC, d.name)).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(BBC, d.name, f)));
      const step = Math.max(1, Math.floor(files.length / 100));
      const sample = files.filter((_, i) => i % step === 0).slice(0, 100);
      const run = await cli([...sample, '--format', 'json']);
      assert.equal(run.code, 0, explain(run));
      const out = json(run);
      assert.equal(out.files.length, sample.length);
      let claims = 0;
      for (const f of out.files) {
        const content = readFileSync(f.path, 'utf8');
        for (const c of f.claims) {
          claims++;
          assert.equal(c.text, content.slice(c.start, c.end), `${f.path} ${c.start}..${c.end}`);
        }
      }
      assert.ok(claims > 100, `only ${claims} claims in 100 articles`);
    });
  });
});
