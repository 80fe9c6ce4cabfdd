/**
 * Where the time goes: CPU profiles of the engine and of the server, summarised by self time.
 *
 *   node --import tsx server/scripts/bench-profile.ts [--what corpus,edit,server,start,alloc,alloc-cold] [--articles N] [--top N] [--edits N]
 *
 * - corpus: the engine in this process (node:inspector, the same profiler as `node --cpu-prof`),
 *   analysing the corpus cold (cache cleared before each article), after a warm-up.
 * - edit: the engine in this process, one-character edits in a 1 MB document (warm cache).
 * - server: `node --cpu-prof out/server.js --stdio` driven over LSP: a 1 MB document opened, then
 *   one-character edits each followed by a pull; the samples are cut to the open and to the
 *   edits (the profile's clock is the monotonic clock process.hrtime reads).
 * - start: the server from process start to the first diagnostics of a typical article.
 * - alloc: what one keystroke in a 1 MB document allocates, by function (V8's sampling heap
 *   profiler, objects collected since included): the server's work per edit in this process
 *   (TextDocument.update, the engine given the previous analysis, the diagnostics and summary,
 *   their JSON). Allocation, not time: what the garbage collector then has to clear.
 * - alloc-cold: the same for a cold analysis of the 1 MB document (the engine alone).
 *
 * The engine in this process is the esbuild bundle (benchEngine.ts), as in the server. Positions
 * are mapped back to the TypeScript sources through the bundles' source maps. Writes bench-results/profile-*.cpuprofile (open them in
 * Chrome DevTools or VS Code) and prints, per profile, the top functions by self time, the
 * same grouped by source area, and the project functions by inclusive time.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { findSourceMap, SourceMap } from 'node:module';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDocument, loadCorpus, typicalArticle, type Article } from './benchCorpus';
import { loadBundledEngine, type Engine } from './benchEngine';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostics } from '../src/lsp/diagnostics';
import { summarize } from '../src/lsp/summary';
import { parseSettings } from '../src/settings';
import { serverNodeOptions } from '../../client/src/serverNodeOptions';
import { BenchServer, REPO_ROOT } from './benchLsp';
import { describeMachine } from './benchStats';

const LANGUAGE = { languageId: 'plaintext' };
const OUT_DIR = path.join(REPO_ROOT, 'bench-results');
const SAMPLING_INTERVAL_US = 250;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

// ---------------------------------------------------------------------------------------------
// Source positions

const bundleMaps = new Map<string, SourceMap | null>();

function bundleMap(file: string): SourceMap | null {
  if (!bundleMaps.has(file)) {
    try {
      bundleMaps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      bundleMaps.set(file, null);
    }
  }
  return bundleMaps.get(file) ?? null;
}

/** Repository-relative (or node_modules package-relative) path; `base`: what a relative one is relative to. */
function shortPath(p: string, base = path.join(REPO_ROOT, 'out')): string {
  const clean = p.startsWith('file://') ? fileURLToPath(p) : p;
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const abs = path.resolve(base, clean);
  const rel = path.relative(REPO_ROOT, clean.startsWith('/') ? clean : abs);
  return rel.startsWith('..') ? clean : rel;
}

interface Location {
  name: string;
  /** '' for frames with no script: (program), (garbage collector), RegExp code, builtins. */
  file: string;
  line: number;
}

const locations = new Map<string, Location>();

function locate(cf: CallFrame): Location {
  const key = `${cf.url}:${cf.lineNumber}:${cf.columnNumber}:${cf.functionName}`;
  const cached = locations.get(key);
  if (cached) return cached;
  const name = cf.functionName === '' ? '(anonymous)' : cf.functionName;
  let loc: Location = { name, file: cf.url, line: cf.lineNumber + 1 };
  // CPU profiles name scripts by file URL, the sampling heap profiler by path.
  if (cf.url.startsWith('file://') || path.isAbsolute(cf.url)) {
    const file = cf.url.startsWith('file://') ? fileURLToPath(cf.url) : cf.url;
    const map = file.endsWith('.js') && !file.includes('node_modules') ? bundleMap(file) : findSourceMap(file);
    const entry = map?.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    loc =
      entry?.originalSource !== undefined && entry.originalLine !== undefined
        ? { name, file: shortPath(entry.originalSource, path.dirname(file)), line: entry.originalLine + 1 }
        : { name, file: shortPath(file), line: cf.lineNumber + 1 };
  }
  locations.set(key, loc);
  return loc;
}

function area(file: string): string {
  if (file === '') return '';
  if (file.startsWith('wink-nlp/') || file.startsWith('wink-eng-lite-web-model/')) return 'wink-nlp + model';
  if (file.startsWith('vscode-languageserver') || file.startsWith('vscode-jsonrpc')) return 'LSP library (vscode-languageserver, jsonrpc)';
  if (file.startsWith('node:')) return 'Node internals';
  if (file.startsWith('server/scripts/')) return 'benchmark harness (server/scripts)';
  const m = /server\/src\/(analysis\/checkworthiness|analysis\/rules\/[^/]+|analysis\/[^/]+|lsp|[^/]+)/.exec(file);
  if (m) {
    if (m[1] === 'analysis/checkworthiness') return 'checkworthiness model (features.ts, model.ts)';
    if (m[1] === 'lsp' || m[1] === 'server.ts' || m[1] === 'settingsStore.ts') return 'server adapter (server.ts, lsp/)';
    return m[1].replace(/\.ts$/, '.ts');
  }
  return file.split('/')[0];
}

// ---------------------------------------------------------------------------------------------
// Summaries

interface Entry {
  label: string;
  ms: number;
  percent: number;
}

interface ProfileSummary {
  title: string;
  busyMs: number;
  idleMs: number;
  topSelf: Entry[];
  byArea: Entry[];
  topInclusive: Entry[];
}

/** Self time per node (µs), for the samples inside [from, to] (monotonic µs), or all of them. */
function selfTimes(profile: CpuProfile, window?: [number, number]): Map<number, number> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const self = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    if (window && (t < window[0] || t > window[1])) continue;
    // A sample stands for the interval up to the next one.
    const dt = deltas[i + 1] ?? SAMPLING_INTERVAL_US;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  return self;
}

function summariseProfile(title: string, profile: CpuProfile, top: number, window?: [number, number]): ProfileSummary {
  const self = selfTimes(profile, window);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  let idle = 0;
  let busy = 0;
  const fnSelf = new Map<string, number>();
  const areaSelf = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const loc = locate(node.callFrame);
    if (loc.name === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const label = loc.file === '' ? loc.name : `${loc.name}  ${loc.file}:${loc.line}`;
    fnSelf.set(label, (fnSelf.get(label) ?? 0) + us);
    // Frames without a script (RegExp code, builtins) count for the nearest caller that has one.
    let a = area(loc.file);
    if (loc.name === '(garbage collector)') a = 'garbage collector';
    else if (loc.name === '(program)') a = 'V8 (program: compiler, runtime)';
    for (let p = parent.get(id); a === '' && p !== undefined; p = parent.get(p)) {
      const pn = byId.get(p);
      if (pn) a = area(locate(pn.callFrame).file);
    }
    if (a === '') a = 'other';
    areaSelf.set(a, (areaSelf.get(a) ?? 0) + us);
  }

  // Inclusive time of the project's own functions: each sample counts once per function on its stack.
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const node = byId.get(n);
      if (!node) break;
      const loc = locate(node.callFrame);
      if (loc.name === '(idle)') break;
      if (!loc.file.startsWith('server/src/')) continue;
      const label = `${loc.name}  ${loc.file}:${loc.line}`;
      if (seen.has(label)) continue;
      seen.add(label);
      inclusive.set(label, (inclusive.get(label) ?? 0) + us);
    }
  }

  const entries = (m: Map<string, number>, n: number): Entry[] =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([label, us]) => ({ label, ms: us / 1000, percent: busy > 0 ? (100 * us) / busy : 0 }));
  return {
    title,
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    topSelf: entries(fnSelf, top),
    byArea: entries(areaSelf, 20),
    topInclusive: entries(inclusive, top),
  };
}

function printSummary(s: ProfileSummary): void {
  const row = (e: Entry): string => `  ${e.percent.toFixed(1).padStart(5)}%  ${e.ms.toFixed(0).padStart(7)} ms  ${e.label}`;
  console.log(`\n== ${s.title}: ${s.busyMs.toFixed(0)} ms busy, ${s.idleMs.toFixed(0)} ms idle`);
  console.log('-- top functions by self time (% of busy time)');
  s.topSelf.forEach((e) => console.log(row(e)));
  console.log('-- self time by area (script-less frames such as RegExp code count for their caller)');
  s.byArea.forEach((e) => console.log(row(e)));
  console.log('-- project functions by inclusive time');
  s.topInclusive.forEach((e) => console.log(row(e)));
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async function profileInProcess(name: string, run: () => void): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await session.post('Profiler.start');
    run();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    writeFileSync(path.join(OUT_DIR, `profile-${name}.cpuprofile`), JSON.stringify(profile));
    return profile;
  } finally {
    session.disconnect();
  }
}

function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Runs `node --cpu-prof out/server.js --stdio` through `drive`, then returns its profile. */
async function withProfiledServer(name: string, drive: (server: BenchServer) => Promise<void>): Promise<CpuProfile> {
  const dir = path.join(OUT_DIR, `${name}-cpuprof`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = new BenchServer([...serverNodeOptions(), '--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${SAMPLING_INTERVAL_US}`]);
  try {
    await drive(server);
  } finally {
    await server.shutdown();
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length !== 1) throw new Error(`expected one server profile in ${dir}, found ${files.length}`);
  const text = readFileSync(path.join(dir, files[0]), 'utf8');
  writeFileSync(path.join(OUT_DIR, `profile-${name}.cpuprofile`), text);
  rmSync(dir, { recursive: true, force: true });
  return JSON.parse(text) as CpuProfile;
}

/**
 * Server start: process start → first diagnostics for a typical article. A first profiled run
 * fills the code cache (the profiler's flags make V8 refuse a cache made without them), so the
 * profile is of a start as users have it after the first.
 */
async function profileStart(article: Article): Promise<{ profile: CpuProfile; window: [number, number] }> {
  await withProfiledServer('start', async (server) => {
    await server.initialize();
  });
  let end = 0;
  const profile = await withProfiledServer('start', async (server) => {
    await server.initialize();
    await server.open('file:///bench/start.txt', article.text);
    await server.pull('file:///bench/start.txt');
    end = nowUs();
  });
  return { profile, window: [profile.startTime, end] };
}

async function profileServer(large: string, edits: number): Promise<{ profile: CpuProfile; open: [number, number]; edit: [number, number] }> {
  const uri = 'file:///bench/profile.txt';
  const open: [number, number] = [0, 0];
  const edit: [number, number] = [0, 0];
  const profile = await withProfiledServer('server', async (server) => {
    await server.initialize();
    open[0] = nowUs();
    await server.open(uri, large);
    await server.pull(uri);
    open[1] = nowUs();
    const offset = large.indexOf(' ', large.length >> 1);
    const before = large.slice(0, offset);
    const line = before.split('\n').length - 1;
    const character = offset - (before.lastIndexOf('\n') + 1);
    // Two untimed edits first, as the benchmark warms up.
    for (let i = 0; i < edits + 2; i++) {
      if (i === 2) edit[0] = nowUs();
      await server.insert(uri, i + 2, { line, character: character + i }, 'x');
      await server.pull(uri);
    }
    edit[1] = nowUs();
  });
  return { profile, open, edit };
}

interface SamplingHeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: SamplingHeapNode[];
}

/**
 * Runs `work` `runs` times under V8's sampling heap profiler (objects collected since included)
 * and prints the bytes allocated per run and the functions that allocate them.
 */
async function printAllocation(title: string, runs: number, top: number, work: () => void): Promise<void> {
  const session = new Session();
  session.connect();
  let head: SamplingHeapNode;
  try {
    await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let i = 0; i < runs; i++) work();
    head = ((await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingHeapNode } }).profile.head;
  } finally {
    session.disconnect();
  }
  const bytes = new Map<string, number>();
  let total = 0;
  const visit = (node: SamplingHeapNode): void => {
    if (node.selfSize > 0) {
      const loc = locate(node.callFrame);
      const label = loc.file === '' ? `${loc.name} (builtin)` : `${loc.name}  ${loc.file}:${loc.line}`;
      bytes.set(label, (bytes.get(label) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    node.children.forEach(visit);
  };
  visit(head);
  console.log(`\n== allocation per ${title} (${runs} runs): ${(total / runs / 1e6).toFixed(2)} MB`);
  for (const [label, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(size / runs / 1e3).toFixed(0).padStart(6)} kB  ${label}`);
  }
}

/** The server's work for one keystroke in a 1 MB document, under printAllocation. */
async function profileAllocation(large: string, edits: number, top: number, analyze: Engine['analyze']): Promise<void> {
  const settings = parseSettings({ debounceMs: 0 }).settings;
  let document = TextDocument.create('file:///bench/large.txt', 'plaintext', 1, large);
  let analysis = analyze(document.getText(), LANGUAGE);
  const position = document.positionAt(large.indexOf(' ', large.length >> 1));
  const keystroke = (): void => {
    document = TextDocument.update(document, [{ range: { start: position, end: position }, text: 'x' }], document.version + 1);
    position.character++;
    analysis = analyze(document.getText(), LANGUAGE, analysis);
    JSON.stringify(toDiagnostics(document, analysis, settings));
    JSON.stringify(summarize(document, analysis, null));
  };
  for (let i = 0; i < 5; i++) keystroke();
  await printAllocation('one-character edit in a 1 MB document', edits, top, keystroke);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      what: { type: 'string', default: 'corpus,edit,server,start' },
      articles: { type: 'string' },
      top: { type: 'string', default: '15' },
      edits: { type: 'string', default: '30' },
    },
  });
  const what = new Set((values.what ?? '').split(','));
  const top = Number(values.top);
  const edits = Number(values.edits);
  mkdirSync(OUT_DIR, { recursive: true });
  const machine = describeMachine();
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAtStart.join(' / ')}`);
  const corpus = loadCorpus();
  const articles = values.articles ? corpus.articles.slice(0, Number(values.articles)) : corpus.articles;
  const large = buildDocument(corpus.articles, 1024 * 1024);
  const summaries: ProfileSummary[] = [];
  const { analyze, clearAnalysisCache } = loadBundledEngine();

  if (what.has('corpus')) {
    for (const a of articles.slice(0, 300)) analyze(a.text, LANGUAGE);
    const profile = await profileInProcess('corpus', () => {
      for (const a of articles) {
        clearAnalysisCache();
        analyze(a.text, LANGUAGE);
      }
    });
    summaries.push(summariseProfile(`engine, ${articles.length} articles of ${corpus.description} analysed cold`, profile, top));
  }
  if (what.has('edit')) {
    clearAnalysisCache();
    let previous = analyze(large, LANGUAGE);
    let offset = large.indexOf(' ', large.length >> 1);
    let text = large;
    const profile = await profileInProcess('edit', () => {
      for (let i = 0; i < edits; i++) {
        text = text.slice(0, offset) + 'x' + text.slice(offset);
        offset++;
        previous = analyze(text, LANGUAGE, previous);
      }
    });
    summaries.push(summariseProfile(`engine, ${edits} one-character edits in a 1 MB document (previous analysis passed, as the server does)`, profile, top));
  }
  if (what.has('server')) {
    const { profile, open, edit } = await profileServer(large, edits);
    summaries.push(summariseProfile('server (out/server.js), 1 MB document: didOpen → first diagnostics', profile, top, open));
    summaries.push(summariseProfile(`server (out/server.js), 1 MB document: ${edits} × (one-character didChange → pull)`, profile, top, edit));
  }
  if (what.has('start')) {
    const article = typicalArticle(corpus.articles);
    const { profile, window } = await profileStart(article);
    summaries.push(summariseProfile(`server (out/server.js): process start → first diagnostics, ${article.text.length}-char article`, profile, top, window));
  }
  summaries.forEach(printSummary);
  if (what.has('alloc')) await profileAllocation(large, edits, top, analyze);
  if (what.has('alloc-cold')) {
    await printAllocation('cold analysis of the 1 MB document', 3, top, () => {
      clearAnalysisCache();
      analyze(large, LANGUAGE);
    });
  }
  writeFileSync(path.join(OUT_DIR, 'profile.json'), `${JSON.stringify({ machine, summaries }, null, 2)}\n`);
  console.log(`\nprofiles: ${path.relative(process.cwd(), OUT_DIR)}/profile-*.cpuprofile, summary: profile.json`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
