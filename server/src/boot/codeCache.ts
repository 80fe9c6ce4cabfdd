/**
 * Runs a CommonJS bundle (the language server or the CLI) with V8's code cache, so that a start
 * does not compile the same 1.5 MB of JavaScript again (issue #7): compiling the bundle, and
 * each module's body when it first runs, is about a sixth of the server's start. With the cache
 * the server answered `initialize` 20–25 ms sooner and gave its first diagnostics 40–50 ms
 * sooner (278 -> 236 ms, bench-startup.ts, 2 cores). Node 22 has this built in
 * (`module.enableCompileCache`); VS Code's runtime and Node 20 do not.
 *
 * The first start compiles as usual and writes the cache a few seconds later or at exit,
 * whichever comes first (by then the functions that ran are compiled, and the cache holds
 * them too). V8 itself refuses a cache made for another source, V8 version or set of flags
 * (`cachedDataRejected`), which is then written again; the file name carries the same facts, so
 * that the server and the CLI (run with different flags) do not overwrite each other. A
 * missing, unreadable, unwritable or corrupt cache only costs the compile: nothing is reported.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { fnv1a } from '../analysis/claimId';

/**
 * How each bundle begins (.esbuild.mjs writes it): Node's own module wrapper, so that the bundle
 * sees what it would see as a module, and its text is compiled as read, without a copy.
 */
const MODULE_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

/** How long after the start the cache is written when the process is still running. */
const SAVE_AFTER_MS = 5_000;
/** Cache files kept per bundle besides the current one (other node versions or flags). */
const KEEP_OTHERS = 3;

/** The name of the cache file for `bundle` in this process: everything V8 checks, and more. */
export function cacheFileName(bundle: string, size: number, mtimeMs: number, execArgv: readonly string[]): string {
  const facts = [bundle, size, mtimeMs, process.version, process.versions.v8, process.arch, ...execArgv].join('\0');
  // A short hash is enough: a collision only makes V8 refuse the cache, which is then rewritten.
  return `${path.basename(bundle, '.js')}-${fnv1a(facts).toString(16).padStart(8, '0')}.bin`;
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (a reader never sees half a file) and drops old ones. */
function writeCache(dir: string, file: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
    const prefix = path.basename(file).replace(/-[0-9a-f]+\.bin$/, '-');
    const others = readdirSync(dir)
      .filter((name) => name.startsWith(prefix) && name.endsWith('.bin') && path.join(dir, name) !== file)
      .map((name) => ({ name, mtime: statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of others.slice(KEEP_OTHERS)) rmSync(path.join(dir, old.name), { force: true });
  } catch {
    // Read-only home, full disk, a file where the folder should be: the next start compiles again.
  }
}

/**
 * Compiles and runs `bundle` as Node would run it as a CommonJS module, using and maintaining a
 * code cache in `cacheDir` (null: none).
 */
export function runBundle(bundle: string, cacheDir: string | null): void {
  const source = readFileSync(bundle, 'utf8');
  if (!source.startsWith(MODULE_WRAPPER)) throw new Error(`${bundle} is not a ClaimCheck bundle (rebuild with npm run build)`);
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  if (cacheDir) {
    const { size, mtimeMs } = statSync(bundle);
    cacheFile = path.join(cacheDir, cacheFileName(bundle, size, mtimeMs, process.execArgv));
    cachedData = readCache(cacheFile);
  }
  const script = new Script(source, { filename: bundle, cachedData });
  const stale = !cachedData || script.cachedDataRejected === true;
  // Several MB outside the heap: let the next collection free it, not the end of this call
  // (which only returns once the bundle's top level has run).
  cachedData = undefined;
  if (cacheDir && cacheFile && isMainThread && stale) {
    const dir = cacheDir;
    const file = cacheFile;
    let saved = false;
    const save = (): void => {
      if (saved) return;
      saved = true;
      writeCache(dir, file, script.createCachedData());
    };
    setTimeout(save, SAVE_AFTER_MS).unref();
    process.once('exit', save);
  }
  const wrapper = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}
