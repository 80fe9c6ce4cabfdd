/**
 * `npm run bench` (issue #7): how fast ClaimCheck is, on this machine, against its targets.
 *
 *   node --import tsx server/scripts/bench.ts [--quick] [--json PATH]
 *
 * In-process (the engine, as the CLI and the server call it): corpus throughput, a 5,000-word
 * article cold and warm, a 1 MB document cold, and the same text through wink-nlp's bare
 * pipeline and harper.js. Through the real server over LSP (out/server.js, so build first): a
 * one-character edit in a 1 MB document, hover, start to first diagnostics, peak RSS.
 *
 * Prints a table (metric | value | target | meets?) with the machine description and load,
 * and writes everything as JSON (default bench-results/bench.json). Numbers are reported, never
 * asserted: the unit tests do not depend on this machine's speed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocument, buildLongArticle, buildSamples, loadCorpus, spreadArticles, typicalArticle, utf8Bytes, type Article } from './benchCorpus';
import { loadBundledEngine, type Engine } from './benchEngine';
import { createWinkBare, harperFailure, openHarper, packageVersion, type HarperFailure, type HarperLinter } from './benchLibraries';
import { serverNodeOptions } from '../../client/src/serverNodeOptions';
import { measureLargeDocument, measureManyArticles, measureOpenInParts, measureStart, measureTransportFloor, REPO_ROOT } from './benchLsp';
import { cpuSpeedProbe, describeMachine, loadAverage, median, ms, repeat, round, summarize, summarizeTimed, timeMs, timeInto, timeOnce, type Machine, type Timed, type TimedSummary } from './benchStats';

const LANGUAGE = { languageId: 'plaintext' };

/** The engine under test, bundled as the server and the CLI ship it (see benchEngine.ts). */
let engine: Engine;
/** "1 MB" documents: 1 MiB of UTF-16 code units, what an editor (and maxFileSize) counts. */
const LARGE_CHARS = 1024 * 1024;
const ARTICLE_WORDS = 5000;
const HARPER_SAMPLE_BYTES = 50_000;

interface Plan {
  corpusWarmupArticles: number;
  corpusRounds: number;
  articleColdRuns: number;
  articleWarmRuns: number;
  largeColdRuns: number;
  largeEditRuns: number;
  /** ~50 KB texts, each new to ClaimCheck, wink and harper.js (see measureSample). */
  sampleRuns: number;
  lspEdits: number;
  hovers: number;
  startRuns: number;
}

const FULL: Plan = {
  corpusWarmupArticles: Infinity,
  corpusRounds: 5,
  articleColdRuns: 30,
  articleWarmRuns: 200,
  largeColdRuns: 5,
  largeEditRuns: 20,
  sampleRuns: 5,
  lspEdits: 100,
  hovers: 1000,
  startRuns: 10,
};

const QUICK: Plan = {
  corpusWarmupArticles: 200,
  corpusRounds: 2,
  articleColdRuns: 8,
  articleWarmRuns: 50,
  largeColdRuns: 2,
  largeEditRuns: 5,
  sampleRuns: 2,
  lspEdits: 25,
  hovers: 200,
  startRuns: 3,
};

interface Row {
  id: string;
  metric: string;
  value: string;
  target: string;
  /** null: informational, no target. */
  meets: boolean | null;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

const MB = (bytes: number): number => bytes / 1e6;

/** Median over runs of a[i] ÷ b[i]. */
function medianRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / b[i]));
}

// ---------------------------------------------------------------------------------------------

interface CorpusResult {
  articles: number;
  bytes: number;
  sentences: number;
  claims: number;
  /** ClaimCheck, every article cold (cache cleared before each), ms per round. */
  claimcheckMs: number[];
  /** This process's CPU time (all threads, GC included) for the same rounds, ms. */
  claimcheckCpuMs: number[];
  /** wink bare pipeline over the same articles, ms per round (interleaved with ClaimCheck's). */
  winkMs: number[];
  mbPerSecond: number;
  /** MB per second of this process's CPU time: what an unloaded core would give, roughly. */
  mbPerCpuSecond: number;
  sentencesPerSecond: number;
  winkMbPerSecond: number;
  /** Median over rounds of ClaimCheck time ÷ wink time. */
  ratioToWink: number;
  winkCpuMs: number[];
  /** The same from CPU times. */
  ratioToWinkCpu: number;
}

/** The engine as after a start (its model loaded): no cached blocks, no words wink learnt since. */
function coldStart(): void {
  engine.clearAnalysisCache();
  engine.forgetLearnedWords();
}

function analyseCold(articles: readonly Article[]): { sentences: number; claims: number } {
  let sentences = 0;
  let claims = 0;
  for (const a of articles) {
    engine.clearAnalysisCache();
    const result = engine.analyze(a.text, LANGUAGE);
    sentences += result.sentences.length;
    claims += result.claims.length;
  }
  return { sentences, claims };
}

function measureCorpus(articles: readonly Article[], bytes: number, plan: Plan): CorpusResult {
  const warm = articles.slice(0, Math.min(articles.length, plan.corpusWarmupArticles));
  log(`corpus warm-up (${warm.length} articles)`);
  const warmWink = createWinkBare();
  for (const a of warm) warmWink(a.text);
  analyseCold(warm);
  const claimcheck: Timed = { wall: [], cpu: [] };
  const winkTimes: Timed = { wall: [], cpu: [] };
  let counts = { sentences: 0, claims: 0 };
  for (let r = 0; r < plan.corpusRounds; r++) {
    log(`corpus round ${r + 1}/${plan.corpusRounds}`);
    // Interleaved, so that a change in the machine's load hits both sides of the ratio alike.
    // Both meet the corpus afresh each round: wink keeps every word it has not met before, and
    // knowing them makes it about 10% faster on the corpus the second time. So a new bare wink,
    // and ClaimCheck's wink forgets the plain words it kept from earlier rounds (within a round
    // each keeps what it learns, as in use); ClaimCheck's block cache is cleared per article.
    const wink = createWinkBare();
    timeInto(winkTimes, () => articles.forEach((a) => wink(a.text)));
    engine.forgetLearnedWords();
    counts = timeInto(claimcheck, () => analyseCold(articles));
  }
  const cc = median(claimcheck.wall);
  const w = median(winkTimes.wall);
  return {
    articles: articles.length,
    bytes,
    ...counts,
    claimcheckMs: claimcheck.wall,
    claimcheckCpuMs: claimcheck.cpu,
    winkMs: winkTimes.wall,
    winkCpuMs: winkTimes.cpu,
    ratioToWinkCpu: medianRatio(claimcheck.cpu, winkTimes.cpu),
    mbPerCpuSecond: MB(bytes) / (median(claimcheck.cpu) / 1000),
    mbPerSecond: MB(bytes) / (cc / 1000),
    sentencesPerSecond: counts.sentences / (cc / 1000),
    winkMbPerSecond: MB(bytes) / (w / 1000),
    ratioToWink: medianRatio(claimcheck.wall, winkTimes.wall),
  };
}

// ---------------------------------------------------------------------------------------------

/** harper.js's times on the sample texts (see measureSample). */
interface HarperTimes {
  ok: true;
  version: string;
  setupMs: number;
  /** The warm-up text, linted first: Harper builds its dictionary and rules then, ms. */
  firstLintMs: number;
  /** Each run's text, new to Harper, ms. */
  summary: ReturnType<typeof summarize>;
  cpuMedian: number;
  /** The same texts linted again (Harper answers from what it kept), ms. */
  again: ReturnType<typeof summarize>;
  mbPerSecond: number;
  lints: number;
}

interface SampleResult {
  /** One text per run, each of whole articles no other run has (after one to warm up on). */
  runs: number;
  /** Median UTF-8 size of the texts. */
  bytes: number;
  /** Every text cold: none of its blocks in the cache. */
  claimcheck: TimedSummary;
  /** The same text right after, every block a cache hit (what Harper's second lint compares with). */
  claimcheckAgain: ReturnType<typeof summarize>;
  wink: TimedSummary;
  claimcheckMbPerSecond: number;
  winkMbPerSecond: number;
  harper: HarperTimes | HarperFailure;
  /** Median over runs of harper.js time ÷ ClaimCheck time, on text neither has seen; null when harper.js could not run. */
  ratioToHarper: number | null;
  /** The same ratio from CPU times (less sensitive to the machine's load). */
  ratioToHarperCpu: number | null;
  /** The same texts again, both from their caches: harper.js time ÷ ClaimCheck time. */
  ratioToHarperAgain: number | null;
  /** The library floor against harper.js: harper CPU time ÷ wink bare pipeline CPU time. */
  winkToHarperCpu: number | null;
}

/**
 * ClaimCheck, wink's bare pipeline and harper.js on the same ~50 KB texts, interleaved run by
 * run. Each run is a text none of them has seen: ClaimCheck's analysis is measured cold, and
 * Harper keeps what it linted (the same text again takes it an eighth of the time), so linting
 * one text over and over would compare a cold analysis with Harper's cache. The texts again,
 * with both caches warm, are reported beside it.
 */
async function measureSample(articles: readonly Article[], plan: Plan): Promise<SampleResult> {
  const [warmup, ...texts] = buildSamples(articles, HARPER_SAMPLE_BYTES, plan.sampleRuns + 1);
  if (texts.length === 0) throw new Error(`the corpus is too small for two ${HARPER_SAMPLE_BYTES}-byte samples`);
  const bytes = texts.map(utf8Bytes);
  log(`50 KB samples: warm-up (harper.js's first lint builds its dictionary: slow)`);
  const bare = createWinkBare();
  engine.clearAnalysisCache();
  engine.analyze(warmup, LANGUAGE);
  bare(warmup);
  let harper: HarperLinter | HarperFailure = await openHarper();
  let firstLintMs = Number.NaN;
  let lints = 0;
  const cold: Record<'claimcheck' | 'wink' | 'harper', Timed> = { claimcheck: { wall: [], cpu: [] }, wink: { wall: [], cpu: [] }, harper: { wall: [], cpu: [] } };
  const again: Record<'claimcheck' | 'harper', Timed> = { claimcheck: { wall: [], cpu: [] }, harper: { wall: [], cpu: [] } };
  if (harper.ok) {
    try {
      const t0 = performance.now();
      await harper.lint(warmup);
      firstLintMs = performance.now() - t0;
    } catch (err) {
      harper = harperFailure(err);
    }
  }
  for (const [i, text] of texts.entries()) {
    log(`50 KB sample ${i + 1}/${texts.length}: ClaimCheck, wink, harper.js on a text none has seen, then again`);
    engine.clearAnalysisCache();
    timeInto(cold.claimcheck, () => engine.analyze(text, LANGUAGE));
    timeInto(cold.wink, () => bare(text));
    timeInto(again.claimcheck, () => engine.analyze(text, LANGUAGE));
    if (!harper.ok) continue;
    const linter = harper;
    try {
      lints += await timeOnce(cold.harper, () => linter.lint(text));
      await timeOnce(again.harper, () => linter.lint(text));
    } catch (err) {
      harper = harperFailure(err);
    }
  }
  const perSecond = (t: Timed): number => median(t.wall.map((ms, i) => MB(bytes[i]) / (ms / 1000)));
  const h: HarperTimes | HarperFailure = harper.ok
    ? {
        ok: true,
        version: harper.version,
        setupMs: harper.setupMs,
        firstLintMs,
        summary: summarize(cold.harper.wall),
        cpuMedian: median(cold.harper.cpu),
        again: summarize(again.harper.wall),
        mbPerSecond: perSecond(cold.harper),
        lints,
      }
    : harper;
  return {
    runs: texts.length,
    bytes: median(bytes),
    claimcheck: summarizeTimed(cold.claimcheck),
    claimcheckAgain: summarize(again.claimcheck.wall),
    wink: summarizeTimed(cold.wink),
    claimcheckMbPerSecond: perSecond(cold.claimcheck),
    winkMbPerSecond: perSecond(cold.wink),
    harper: h,
    ratioToHarper: h.ok ? medianRatio(cold.harper.wall, cold.claimcheck.wall) : null,
    ratioToHarperCpu: h.ok ? medianRatio(cold.harper.cpu, cold.claimcheck.cpu) : null,
    ratioToHarperAgain: h.ok ? medianRatio(again.harper.wall, again.claimcheck.wall) : null,
    winkToHarperCpu: h.ok ? medianRatio(cold.harper.cpu, cold.wink.cpu) : null,
  };
}

// ---------------------------------------------------------------------------------------------

interface LargeEngineResult {
  chars: number;
  bytes: number;
  cold: TimedSummary;
  /** Unchanged text again: every block a cache hit. */
  warm: TimedSummary;
  /** A one-character insertion in the middle, the previous version's analysis passed along as the server does. */
  edit: TimedSummary;
}

function measureLargeEngine(text: string, plan: Plan): LargeEngineResult {
  log(`1 MB document in-process: cold ×${plan.largeColdRuns}`);
  const cold = summarizeTimed(repeat(1, plan.largeColdRuns, () => engine.analyze(text, LANGUAGE), coldStart));
  const warm = summarizeTimed(repeat(2, plan.largeColdRuns * 4, () => engine.analyze(text, LANGUAGE)));
  log(`1 MB document in-process: one-character edits ×${plan.largeEditRuns}`);
  let offset = text.indexOf(' ', text.length >> 1);
  let current = text;
  let previous = engine.analyze(current, LANGUAGE);
  const edit = summarizeTimed(
    repeat(2, plan.largeEditRuns, () => {
      current = current.slice(0, offset) + 'x' + current.slice(offset);
      offset++;
      previous = engine.analyze(current, LANGUAGE, previous);
    }),
  );
  return { chars: text.length, bytes: utf8Bytes(text), cold, warm, edit };
}

// ---------------------------------------------------------------------------------------------

function atMost(value: number, target: number): boolean {
  return value <= target;
}

/** The code measured: the commit and how many files differ from it (others may be editing). */
function sourceState(): { commit: string; modifiedFiles: number } | null {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const status = git('status', '--porcelain', '--untracked-files=no');
    return { commit: git('rev-parse', '--short', 'HEAD'), modifiedFiles: status === '' ? 0 : status.split('\n').length };
  } catch {
    return null;
  }
}

function formatTable(rows: readonly Row[]): string {
  const header = ['metric', 'value', 'target', 'meets?'];
  const cells = rows.map((r) => [r.metric, r.value, r.target, r.meets === null ? '—' : r.meets ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

function describe(machine: Machine): string {
  const load = (l: [number, number, number] | undefined): string => (l ? l.join(' / ') : '?');
  return [
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`,
    `node ${machine.node}; load average (1/5/15 min) ${load(machine.loadAtStart)} at start, ${load(machine.loadAtEnd)} at end`,
    `CPU speed probe (a fixed loop, lower is faster): ${ms(machine.speedProbeAtStart)} at start, ${machine.speedProbeAtEnd === undefined ? '?' : ms(machine.speedProbeAtEnd)} at end`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, json: { type: 'string' } },
  });
  const quick = values.quick === true;
  // A path given on the command line is relative to the current directory, as usual.
  const jsonPath = values.json === undefined ? path.join(REPO_ROOT, 'bench-results', 'bench.json') : path.resolve(values.json);
  const plan = quick ? QUICK : FULL;
  const machine = describeMachine();
  const source = sourceState();
  engine = loadBundledEngine();
  const corpus = loadCorpus();
  log(`${quick ? 'quick' : 'full'} run on ${corpus.description}, ${round(MB(corpus.bytes), 2)} MB; load ${machine.loadAtStart.join(' / ')}`);

  // The first call loads wink's model; time it apart so that no measurement below includes it.
  const firstCallMs = timeMs(() => engine.analyze('Profits rose 20% to $1m in 2004.', LANGUAGE));

  const corpusResult = measureCorpus(corpus.articles, corpus.bytes, plan);

  const long = buildLongArticle(corpus.articles, ARTICLE_WORDS);
  log(`${long.words}-word article: cold ×${plan.articleColdRuns}, warm ×${plan.articleWarmRuns}`);
  const articleCold = summarizeTimed(repeat(3, plan.articleColdRuns, () => engine.analyze(long.text, LANGUAGE), coldStart));
  const articleWarm = summarizeTimed(repeat(5, plan.articleWarmRuns, () => engine.analyze(long.text, LANGUAGE)));

  const large = buildDocument(corpus.articles, LARGE_CHARS);
  const largeEngine = measureLargeEngine(large, plan);
  engine.clearAnalysisCache();

  const sample = await measureSample(corpus.articles, plan);

  log(`LSP: 1 MB document, ${plan.lspEdits} one-character edits, ${plan.hovers} hovers`);
  const lspLarge = await measureLargeDocument(large, plan.lspEdits, plan.hovers);
  log('LSP: 1 MB document opened by a client that pulls again when asked');
  const inParts = await measureOpenInParts(large);
  const twenty = spreadArticles(corpus.articles, 20);
  log('LSP: 20 articles open');
  const lspMany = await measureManyArticles(twenty, plan.hovers);
  log(`LSP yardstick: bare JSON-RPC echo over stdio ×${plan.hovers}`);
  const floor = await measureTransportFloor(plan.hovers);
  const typical = typicalArticle(corpus.articles);
  log(`LSP: server start → first diagnostics ×${plan.startRuns} (${typical.name}, ${typical.text.length} chars)`);
  const start = await measureStart(typical, plan.startRuns);
  machine.loadAtEnd = loadAverage();
  machine.speedProbeAtEnd = cpuSpeedProbe();

  const harper = sample.harper;
  const rows: Row[] = [
    {
      id: 'corpus',
      metric: `full analysis, ${corpus.source === 'bbc' ? 'BBC corpus' : 'generated corpus'} (${corpus.articles.length} articles, ${MB(corpus.bytes).toFixed(1)} MB), cold`,
      value: `${corpusResult.mbPerSecond.toFixed(2)} MB/s, ${Math.round(corpusResult.sentencesPerSecond).toLocaleString('en-US')} sentences/s (${corpusResult.mbPerCpuSecond.toFixed(2)} MB per CPU-s)`,
      target: '—',
      meets: null,
    },
    {
      id: 'article5kCold',
      metric: `${long.words.toLocaleString('en-US')}-word article, cold cache (median / p95)`,
      value: `${ms(articleCold.median)} / ${ms(articleCold.p95)} (CPU ${ms(articleCold.cpuMedian)})`,
      target: '≤ 15 ms',
      meets: atMost(articleCold.median, 15),
    },
    {
      id: 'article5kWarm',
      metric: `${long.words.toLocaleString('en-US')}-word article, warm cache (median / p95)`,
      value: `${ms(articleWarm.median)} / ${ms(articleWarm.p95)} (CPU ${ms(articleWarm.cpuMedian)})`,
      target: '—',
      meets: null,
    },
    {
      id: 'large1mbCold',
      metric: `1 MB document (${(largeEngine.chars / 1e6).toFixed(2)}M chars), cold (median)`,
      value: `${ms(largeEngine.cold.median)} (CPU ${ms(largeEngine.cold.cpuMedian)})`,
      target: '≤ 400 ms',
      meets: atMost(largeEngine.cold.median, 400),
    },
    {
      id: 'large1mbEditEngine',
      metric: '1 MB document, one-char edit, engine only (median / p95)',
      value: `${ms(largeEngine.edit.median)} / ${ms(largeEngine.edit.p95)} (CPU ${ms(largeEngine.edit.cpuMedian)})`,
      target: '—',
      meets: null,
    },
    {
      id: 'lspEdit1mb',
      metric: '1 MB document, one-char edit → fresh diagnostics over LSP (p50 / p95)',
      value:
        `${ms(lspLarge.edit.median)} / ${ms(lspLarge.edit.p95)}` +
        (lspLarge.editServerCpuMs === null ? '' : ` (server CPU ${ms(lspLarge.editServerCpuMs)}/edit)`),
      target: '≤ 25 ms p95',
      meets: atMost(lspLarge.edit.p95, 25),
    },
    {
      id: 'lspOpen1mb',
      metric: '1 MB document, didOpen → first diagnostics over LSP',
      value: `${ms(lspLarge.openToDiagnostics)}` + (lspLarge.openServerCpuMs === null ? '' : ` (server CPU ${ms(lspLarge.openServerCpuMs)})`),
      target: '—',
      meets: null,
    },
    {
      id: 'lspOpen1mbInParts',
      metric: '1 MB document, didOpen → first part of the diagnostics; all of them (client with refresh support)',
      value: `${ms(inParts.firstPart)} (${inParts.firstPartDiagnostics} diagnostics); ${ms(inParts.whole)} (${inParts.wholeDiagnostics})`,
      target: '—',
      meets: null,
    },
    {
      id: 'lspHover1mb',
      metric: `hover over LSP, 1 MB document (p50 / p99, ${lspLarge.hoverHits}/${lspLarge.hover.n} on a claim)`,
      value: `${ms(lspLarge.hover.median)} / ${ms(lspLarge.hover.p99)}`,
      target: '≤ 2 ms p99',
      meets: atMost(lspLarge.hover.p99, 2),
    },
    {
      id: 'lspHoverArticle',
      metric: `hover over LSP, article (p50 / p99, ${lspMany.hoverHits}/${lspMany.hover.n} on a claim)`,
      value: `${ms(lspMany.hover.median)} / ${ms(lspMany.hover.p99)}`,
      target: '≤ 2 ms p99',
      meets: atMost(lspMany.hover.p99, 2),
    },
    {
      id: 'transportFloor',
      metric: 'yardstick: bare vscode-jsonrpc echo over stdio, no server code (p50 / p99)',
      value: `${ms(floor.median)} / ${ms(floor.p99)}`,
      target: '—',
      meets: null,
    },
    {
      id: 'start',
      metric: `server start → first diagnostics, ${typical.text.length.toLocaleString('en-US')}-char article (median / max)`,
      value:
        `${ms(start.firstDiagnostics.median)} / ${ms(start.firstDiagnostics.max)}` +
        (start.serverCpuMs.n > 0 ? ` (server CPU ${ms(start.serverCpuMs.median)})` : ''),
      target: '≤ 300 ms',
      meets: atMost(start.firstDiagnostics.median, 300),
    },
    {
      id: 'startNoCodeCache',
      metric: 'the same, first start after an install or update (no code cache yet; one run)',
      value: ms(start.firstWithoutCodeCache.firstDiagnostics),
      target: '—',
      meets: null,
    },
    {
      id: 'rssStart',
      metric: 'server peak RSS after start and one article',
      value: start.memory ? `${start.memory.peakRssMB.toFixed(0)} MB` : 'n/a (no /proc)',
      target: '—',
      meets: null,
    },
    {
      id: 'rss1mb',
      metric: 'server peak RSS, one 1 MB document open (after edits and hovers)',
      value: lspLarge.memory ? `${lspLarge.memory.peakRssMB.toFixed(0)} MB` : 'n/a (no /proc)',
      target: '≤ 150 MB',
      meets: lspLarge.memory ? atMost(lspLarge.memory.peakRssMB, 150) : null,
    },
    {
      id: 'rss20',
      metric: 'server peak RSS, 20 articles open',
      value: lspMany.memory ? `${lspMany.memory.peakRssMB.toFixed(0)} MB` : 'n/a (no /proc)',
      target: '≤ 150 MB',
      meets: lspMany.memory ? atMost(lspMany.memory.peakRssMB, 150) : null,
    },
    {
      id: 'vsHarper',
      metric: harper.ok
        ? `vs harper.js ${harper.version}, the same ${Math.round(sample.bytes / 1000)} KB texts, new to both (${sample.runs}): ClaimCheck ${sample.claimcheckMbPerSecond.toFixed(2)} MB/s ÷ harper ${harper.mbPerSecond.toFixed(3)} MB/s`
        : `vs harper.js ${harper.version}: could not run (${harper.reason})`,
      value:
        sample.ratioToHarper === null || sample.ratioToHarperCpu === null
          ? 'n/a'
          : `${sample.ratioToHarper.toFixed(1)}× (CPU-time ${sample.ratioToHarperCpu.toFixed(1)}×)`,
      target: '≥ 20×',
      meets: sample.ratioToHarper === null ? null : sample.ratioToHarper >= 20,
    },
    {
      id: 'vsWink',
      metric: `vs wink-nlp ${packageVersion('wink-nlp')} bare pipeline, whole corpus: ClaimCheck time ÷ wink time (wink ${corpusResult.winkMbPerSecond.toFixed(2)} MB/s)`,
      value: `${corpusResult.ratioToWink.toFixed(2)}× (CPU-time ${corpusResult.ratioToWinkCpu.toFixed(2)}×)`,
      target: '≤ 1.5×',
      meets: atMost(corpusResult.ratioToWink, 1.5),
    },
  ];

  const table = formatTable(rows);
  console.log(`\nClaimCheck benchmark (${quick ? '--quick' : 'full'}), ${machine.date}`);
  console.log(describe(machine));
  if (source) console.log(`code: ${source.commit}${source.modifiedFiles > 0 ? ` + ${source.modifiedFiles} modified tracked files` : ''} (working tree at start)`);
  console.log(`corpus: ${corpus.description}, ${MB(corpus.bytes).toFixed(2)} MB; MB = 10^6 bytes of UTF-8`);
  console.log(
    `server: node ${serverNodeOptions().join(' ')} out/server.js --stdio (the VS Code extension's node options), ` +
      'with its code cache in a folder of the benchmark\'s own\n',
  );
  console.log(table);
  console.log(
    `\nengine first call (loads wink's model): ${ms(firstCallMs)}; ` +
      `server spawn → initialize answered: ${ms(start.initialize.median)} (median)` +
      (harper.ok ? `; harper.js setup ${ms(harper.setupMs)}, first lint ${ms(harper.firstLintMs)}` : ''),
  );
  if (harper.ok && sample.ratioToHarperAgain !== null) {
    console.log(
      `the same ${Math.round(sample.bytes / 1000)} KB texts again, both from their caches: ClaimCheck ${ms(sample.claimcheckAgain.median)}, ` +
        `harper.js ${ms(harper.again.median)} (${sample.ratioToHarperAgain.toFixed(0)}×)`,
    );
  }
  if (sample.winkToHarperCpu !== null) {
    console.log(
      `the same ${Math.round(sample.bytes / 1000)} KB texts, new to each, CPU time: ClaimCheck ${ms(sample.claimcheck.cpuMedian)}, ` +
        `wink bare pipeline ${ms(sample.wink.cpuMedian)}, harper.js ${harper.ok ? ms(harper.cpuMedian) : 'n/a'} ` +
        `(the library floor alone is ${sample.winkToHarperCpu.toFixed(1)}× harper.js)`,
    );
  }

  const json = {
    benchmark: 'claimcheck',
    issue: 7,
    quick,
    machine,
    source,
    corpus: { source: corpus.source, description: corpus.description, articles: corpus.articles.length, bytes: corpus.bytes },
    plan: Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, Number.isFinite(v) ? v : 'all'])),
    table: rows,
    results: {
      engineFirstCallMs: firstCallMs,
      corpus: corpusResult,
      article5k: { words: long.words, chars: long.text.length, bytes: utf8Bytes(long.text), cold: articleCold, warm: articleWarm },
      large1mb: largeEngine,
      sample,
      lsp: { large1mb: lspLarge, twentyArticles: lspMany, transportFloor: floor, start: { article: typical.name, chars: typical.text.length, ...start } },
    },
  };
  mkdirSync(path.dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nJSON: ${path.relative(process.cwd(), jsonPath) || jsonPath}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
