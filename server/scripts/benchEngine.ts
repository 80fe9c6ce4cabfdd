/**
 * The engine as the server and the CLI run it: bundled by esbuild (the same options as
 * .esbuild.mjs), not module by module through tsx, whose CommonJS interop adds a getter call to
 * every cross-module access and would be measured too.
 */
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type * as EngineModule from '../src/analysis/engine';
import { REPO_ROOT } from './benchLsp';

export type Engine = Pick<typeof EngineModule, 'analyze' | 'clearAnalysisCache' | 'forgetLearnedWords'>;

export const ENGINE_BUNDLE = path.join(REPO_ROOT, 'bench-results', 'engine.bundle.js');

/** Bundles server/src/analysis/engine.ts (with wink-nlp and its model) and loads it. */
export function loadBundledEngine(): Engine {
  mkdirSync(path.dirname(ENGINE_BUNDLE), { recursive: true });
  buildSync({
    entryPoints: [path.join(REPO_ROOT, 'server', 'src', 'analysis', 'engine.ts')],
    outfile: ENGINE_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engine = require(ENGINE_BUNDLE) as typeof EngineModule;
  return { analyze: engine.analyze, clearAnalysisCache: engine.clearAnalysisCache, forgetLearnedWords: engine.forgetLearnedWords };
}
