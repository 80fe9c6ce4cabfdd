/**
 * Node options the VS Code extension starts the language server with (issue #7). No `vscode`
 * import: the benchmark runs the server with the same options, so that it measures the server
 * as the extension runs it. Measured with server/scripts/bench-startup.ts on a 2-core machine
 * (a 1 MB document opened, edited 30 times and hovered; 20 articles open):
 * - `--v8-pool-size`: V8's background threads (concurrent marking and sweeping, parallel
 *   scavenges, optimising compiles) are 4 by default whatever the machine. On 2 cores they
 *   compete with the server's own thread; with 1, the 1 MB document opened 15–25% sooner, p95
 *   edit latency fell from about 30 to 20–25 ms and peak RSS by 15–20 MB. One core is left to the
 *   server's thread; from 5 cores up this is Node's default.
 * - `--max-semi-space-size=4` (MB): V8 grows its young generation to 2 × 16 MB in a burst of
 *   allocation (opening a large document) and keeps it. 2 × 8 MB took 3–8 MB off peak RSS at
 *   the same edit latency. 2 × 4 MB measured slower with an earlier build (bundles that carried
 *   their JSON data); with today's it takes another 10–13 MB off the peak with a 1 MB document
 *   (160 → 147 MB, median of 7 interleaved runs) and 5 MB with 20 articles, for edits as fast
 *   (p95 20–24 ms either way) and a start within noise (238 → 250 ms, median of 15).
 * - `--heap-growing-percent=50`: after each full collection V8 lets the old generation grow to
 *   up to 4 times what survived before it collects again. Every keystroke in a long document
 *   promotes its old text and analysis, so the heap swelled to 250 MB around 45 MB of live data;
 *   growing by at most 1.5 times took the 1 MB document from 223 to 174 MB, for about 10% more
 *   time to open it (which runs in slices, so nobody waits on it) and the same edit latency.
 *   (20 percent: 187 MB, but edits' p95 rose by half.)
 * None limits the heap (a 5 MB document still opens); `--max-old-space-size` would. Other
 * editors start `claimcheck-language-server` with Node's defaults unless their command runs
 * `node` with these options (the README says how; NODE_OPTIONS refuses the last one). They are
 * not set from inside the server: changing GC flags in a running process is undefined
 * behaviour (it crashed V8 in one test).
 */
import * as os from 'node:os';

export function serverNodeOptions(cores = os.availableParallelism()): string[] {
  return [`--v8-pool-size=${Math.max(1, Math.min(4, cores - 1))}`, '--max-semi-space-size=4', '--heap-growing-percent=50'];
}
