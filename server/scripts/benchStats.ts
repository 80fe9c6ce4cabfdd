/**
 * Small helpers for `npm run bench`: order statistics, timing, and the machine description that
 * every reported number travels with.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    min: values.length > 0 ? Math.min(...values) : Number.NaN,
    max: values.length > 0 ? Math.max(...values) : Number.NaN,
  };
}

/** Milliseconds taken by `fn`. */
export function timeMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export interface Timed {
  /** Wall-clock time per run, ms. */
  wall: number[];
  /**
   * This process's CPU time (user + system, all threads: GC helpers included) per run, ms. On a
   * loaded machine it is much closer than wall time to what an idle core would give.
   */
  cpu: number[];
}

/** Starts a clock of wall-clock and this process's CPU time; calling the result adds both to `into`. */
function stopwatch(): (into: Timed) => void {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return (into) => {
    into.wall.push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    into.cpu.push((used.user + used.system) / 1000);
  };
}

/** Runs `fn` once and adds its wall-clock and CPU time to `into`; returns what `fn` gave. */
export function timeInto<T>(into: Timed, fn: () => T): T {
  const stop = stopwatch();
  const result = fn();
  stop(into);
  return result;
}

/** timeInto for work that finishes when its promise does (harper.js lints asynchronously). */
export async function timeOnce<T>(into: Timed, fn: () => Promise<T>): Promise<T> {
  const stop = stopwatch();
  const result = await fn();
  stop(into);
  return result;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; `before` runs untimed before each. */
export function repeat(warmup: number, runs: number, fn: () => void, before?: () => void): Timed {
  for (let i = 0; i < warmup; i++) {
    before?.();
    fn();
  }
  const timed: Timed = { wall: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    before?.();
    timeInto(timed, fn);
  }
  return timed;
}

export interface TimedSummary extends Summary {
  /** Median CPU time per run, ms. */
  cpuMedian: number;
}

export function summarizeTimed(t: Timed): TimedSummary {
  return { ...summarize(t.wall), cpuMedian: median(t.cpu) };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1, 5 and 15 minute load averages. */
  loadAtStart: [number, number, number];
  loadAtEnd?: [number, number, number];
  /** cpuSpeedProbe() at the start and at the end of the run, ms. */
  speedProbeAtStart: number;
  speedProbeAtEnd?: number;
  date: string;
}

function cpuModel(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const m = /^model name\s*:\s*(.+)$/m.exec(info);
    if (m) return m[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/**
 * How fast this machine is right now: the median time of a fixed integer loop, ms (lower is
 * faster). A shared virtual machine's speed drifts by tens of percent between runs; the probe,
 * taken at the start and the end of a run, says which speed a run got.
 */
export function cpuSpeedProbe(): number {
  const times: number[] = [];
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < 50_000_000; i++) sink = (sink + i * 7) % 1_000_003;
    times.push(performance.now() - t0);
  }
  if (sink < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return round(median(times), 1);
}

export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [round(a, 2), round(b, 2), round(c, 2)];
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAtStart: loadAverage(),
    speedProbeAtStart: cpuSpeedProbe(),
    date: new Date().toISOString(),
  };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Formats milliseconds with a precision that suits their size. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 100) return `${x.toFixed(1)} ms`;
  return `${Math.round(x).toLocaleString('en-US')} ms`;
}
