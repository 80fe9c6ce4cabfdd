// Evaluates the COMMITTED check-worthiness model (server/src/analysis/checkworthiness)
// on the ClaimBuster groundtruth set, the held-out test set never used in training.
//
//   node --import tsx server/scripts/eval-claimbuster.ts
//
// Data: Arslan, Hassan, Li, Tremayne, "A Benchmark Dataset of Check-worthy Factual
// Claims", ICWSM 2020. Looked for in ../shared/data/claimbuster next to the
// repository (override with CLAIMBUSTER_DIR). When it is absent the script prints a
// SKIPPED line and exits 0: the runtime model only needs the committed weights.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CHECKWORTHY_THRESHOLD, scoreSentence } from '../src/analysis/checkworthiness/model';

export interface ClaimBusterRow {
  readonly id: string;
  readonly text: string;
  /** 1 = check-worthy factual sentence (CFS), 0 = unimportant factual, -1 = non-factual. */
  readonly verdict: -1 | 0 | 1;
}

export interface PRF {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ClaimBusterEval extends PRF {
  /** The flag-every-sentence baseline on the same set. */
  readonly baseline: PRF;
  /** Number of groundtruth sentences scored. */
  readonly sentences: number;
  /** Scoring throughput on one core (a single JS thread, per second of CPU time), after warm-up. */
  readonly sentencesPerSecond: number;
  /** The same run per second of elapsed time; lower when other processes share the cores. */
  readonly wallSentencesPerSecond: number;
  /** Decision threshold used (CHECKWORTHY_THRESHOLD of the committed model). */
  readonly threshold: number;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Where the ClaimBuster CSV files are expected. */
export function claimBusterDir(): string {
  const fromEnv = process.env.CLAIMBUSTER_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  return path.resolve(REPO_ROOT, '..', 'shared', 'data', 'claimbuster');
}

/** True when both CSV files of the dataset are present. */
export function claimBusterAvailable(dir: string = claimBusterDir()): boolean {
  return existsSync(path.join(dir, 'crowdsourced.csv')) && existsSync(path.join(dir, 'groundtruth.csv'));
}

// A few rows of crowdsourced.csv carry UTF-8 text decoded twice (e.g. "itÃâ‚¬s").
const MOJIBAKE: ReadonlyArray<readonly [string, string]> = [
  ['Ã¢â‚¬â„¢', '’'],
  ['Ã¢â‚¬Å“', '“'],
  ['Ã¢â‚¬Â', '”'],
  ['Ã¢â‚¬â€œ', '–'],
  ['Ã¢â€°Â¥', '≥'],
  ['Ã¢â€°Â¤', '≤'],
  ['Ãâ‚¬', '’'],
  ['ÃƒÂ¯', 'ï'],
  ['Ã‚', ''],
];

/** Undoes the double-encoded UTF-8 sequences that occur in the dataset. */
export function repairMojibake(text: string): string {
  if (text.indexOf('Ã') < 0) return text;
  let out = text;
  for (const [bad, good] of MOJIBAKE) out = out.split(bad).join(good);
  return out;
}

/** Reads one ClaimBuster CSV file (crowdsourced.csv or groundtruth.csv). */
export function readClaimBuster(file: string, dir: string = claimBusterDir()): ClaimBusterRow[] {
  const records = parse(readFileSync(path.join(dir, file)), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record<string, string | undefined>[];
  return records.map((r, i) => {
    const id = r.Sentence_id;
    const text = r.Text;
    const verdict = Number(r.Verdict);
    if (id === undefined || text === undefined || (verdict !== -1 && verdict !== 0 && verdict !== 1)) {
      throw new Error(`${file}: record ${i + 1} lacks Sentence_id, Text or a Verdict of -1, 0 or 1`);
    }
    return { id, text: repairMojibake(text), verdict };
  });
}

/** Precision, recall and F1 of the positive class. */
export function prf(predicted: readonly boolean[], gold: readonly boolean[]): PRF {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] && gold[i]) tp++;
    else if (predicted[i]) fp++;
    else if (gold[i]) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export interface Throughput {
  /** Sentences per second of CPU time used by this process: the one-core rate, whatever else the machine runs. */
  readonly cpu: number;
  /** Sentences per second of elapsed time: lower than `cpu` when other processes compete for the cores. */
  readonly wall: number;
}

/**
 * Throughput of `score` over `texts` repeated to at least `total` sentences, after
 * a warm-up of about 20,000 sentences; the best of `runs` timed runs. JavaScript
 * scores on one thread, so this is a one-core figure. CPU time (process.cpuUsage,
 * which also counts the GC's helper threads, so errs low) is the headline because
 * elapsed time on a shared two-core machine mostly measures the neighbours.
 */
export function measureThroughput(score: (text: string) => number, texts: readonly string[], total = 200_000, runs = 3): Throughput {
  if (texts.length === 0) return { cpu: 0, wall: 0 };
  const reps = Math.max(1, Math.ceil(total / texts.length));
  let sink = 0;
  for (let r = 0; r < Math.max(1, Math.ceil(20_000 / texts.length)); r++) {
    for (const t of texts) sink += score(t);
  }
  let bestCpu = Infinity;
  let bestWall = Infinity;
  for (let run = 0; run < runs; run++) {
    const wall0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    for (let r = 0; r < reps; r++) {
      for (const t of texts) sink += score(t);
    }
    const cpu = process.cpuUsage(cpu0);
    bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - wall0) / 1e9);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
  }
  if (!Number.isFinite(sink)) throw new Error('non-finite score');
  const n = reps * texts.length;
  return { cpu: n / bestCpu, wall: n / bestWall };
}

/**
 * Scores groundtruth.csv with the committed model (through model.ts) and measures
 * throughput. Returns null when the dataset is absent.
 */
export async function evalClaimBuster(): Promise<ClaimBusterEval | null> {
  const dir = claimBusterDir();
  if (!claimBusterAvailable(dir)) return null;
  const rows = readClaimBuster('groundtruth.csv', dir);
  const gold = rows.map((r) => r.verdict === 1);
  const predicted = rows.map((r) => scoreSentence(r.text) >= CHECKWORTHY_THRESHOLD);
  const result = prf(predicted, gold);
  const baseline = prf(
    rows.map(() => true),
    gold,
  );
  // Yield once so a caller's pending I/O is not starved by the timing loop.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const speed = measureThroughput(
    scoreSentence,
    rows.map((r) => r.text),
  );
  return {
    ...result,
    baseline,
    sentences: rows.length,
    sentencesPerSecond: speed.cpu,
    wallSentencesPerSecond: speed.wall,
    threshold: CHECKWORTHY_THRESHOLD,
  };
}

function fmt(x: number): string {
  return x.toFixed(3);
}

async function main(): Promise<void> {
  const result = await evalClaimBuster();
  if (result === null) {
    console.log(`SKIPPED: dataset not found at ${claimBusterDir()} (set CLAIMBUSTER_DIR to point elsewhere)`);
    return;
  }
  console.log(`ClaimBuster groundtruth.csv: ${result.sentences} sentences, positive class = Verdict 1 (CFS)`);
  console.log(`threshold ${result.threshold}`);
  console.log('');
  console.log('                      precision  recall     F1');
  console.log(`model                 ${fmt(result.precision)}      ${fmt(result.recall)}      ${fmt(result.f1)}`);
  console.log(
    `flag-everything       ${fmt(result.baseline.precision)}      ${fmt(result.baseline.recall)}      ${fmt(result.baseline.f1)}`,
  );
  console.log('');
  const rate = (x: number): string => Math.round(x).toLocaleString('en-US');
  console.log(
    `scoring speed: ${rate(result.sentencesPerSecond)} sentences per CPU-second (one core); ` +
      `${rate(result.wallSentencesPerSecond)} per wall-clock second`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
