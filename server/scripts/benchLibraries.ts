/**
 * The two yardsticks of `npm run bench`, run in the same process on the same text as ClaimCheck:
 *
 * - wink-nlp's bare pipeline: the library ClaimCheck is built on, doing only what ClaimCheck
 *   needs from it (sbd, pos; readDoc, then each token's value, type, pos and preceding
 *   spaces). ClaimCheck cannot be faster than this floor.
 * - harper.js: the WebAssembly build of Harper, the fastest prose checker for editors, linting
 *   the same text with its default rules.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** A function that runs wink's bare pipeline over one text and returns its token count. */
export type BarePipeline = (text: string) => number;

export function createWinkBare(): BarePipeline {
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  return (text: string): number => {
    const tokens = nlp.readDoc(text).tokens();
    const value = tokens.out(its.value);
    tokens.out(its.type);
    tokens.out(its.pos);
    tokens.out(its.precedingSpaces);
    return value.length;
  };
}

/** The installed version of a package (read from node_modules: some packages do not export package.json). */
export function packageVersion(name: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };
      return pkg.version ?? 'unknown';
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

export interface HarperResult {
  ok: true;
  version: string;
  /** new LocalLinter + setup() (compiles the WebAssembly), ms. */
  setupMs: number;
  /** The first lint, which also builds Harper's dictionary and rules lazily, ms. */
  firstLintMs: number;
  /** Later lints of the same text, ms. */
  times: number[];
  /** This process's CPU time for each of them, ms. */
  cpuTimes: number[];
  lints: number;
}

export interface HarperFailure {
  ok: false;
  version: string;
  reason: string;
}

/**
 * Lints `text` with harper.js's LocalLinter (in this thread; the WorkerLinter needs a browser
 * Worker) using the WebAssembly binary shipped in the package, `runs` times after the first lint.
 */
export async function measureHarper(text: string, runs: number): Promise<HarperResult | HarperFailure> {
  const version = packageVersion('harper.js');
  try {
    const harper = await import('harper.js');
    const { binary } = await import('harper.js/binary');
    let t0 = performance.now();
    const linter = new harper.LocalLinter({ binary });
    await linter.setup();
    const setupMs = performance.now() - t0;
    t0 = performance.now();
    const lints = (await linter.lint(text, { language: 'plaintext' })).length;
    const firstLintMs = performance.now() - t0;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cpu = process.cpuUsage();
      t0 = performance.now();
      await linter.lint(text, { language: 'plaintext' });
      times.push(performance.now() - t0);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    return { ok: true, version, setupMs, firstLintMs, times, cpuTimes, lints };
  } catch (err) {
    return { ok: false, version, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
