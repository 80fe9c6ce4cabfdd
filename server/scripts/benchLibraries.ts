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

/** harper.js, set up and ready to lint. */
export interface HarperLinter {
  ok: true;
  version: string;
  /** new LocalLinter + setup() (compiles the WebAssembly), ms. */
  setupMs: number;
  /** Lints `text` as plain text; the number of lints. */
  lint(text: string): Promise<number>;
}

export interface HarperFailure {
  ok: false;
  version: string;
  reason: string;
}

/**
 * harper.js's LocalLinter (in this thread; the WorkerLinter needs a browser Worker) with the
 * WebAssembly binary shipped in the package. Harper keeps what it linted: the same text again
 * takes it about an eighth of the time (2.0 s → 0.25 s for 40 KB here), so a fair comparison
 * with a cold analysis gives it text it has not seen (see measureSample in bench.ts).
 */
export async function openHarper(): Promise<HarperLinter | HarperFailure> {
  const version = packageVersion('harper.js');
  try {
    const harper = await import('harper.js');
    const { binary } = await import('harper.js/binary');
    const t0 = performance.now();
    const linter = new harper.LocalLinter({ binary });
    await linter.setup();
    const setupMs = performance.now() - t0;
    return { ok: true, version, setupMs, lint: async (text) => (await linter.lint(text, { language: 'plaintext' })).length };
  } catch (err) {
    return harperFailure(err);
  }
}

/** What to report when harper.js fails, in setting up or in a lint. */
export function harperFailure(err: unknown): HarperFailure {
  return { ok: false, version: packageVersion('harper.js'), reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}
