/**
 * Runs `analyzeFile` over many files on worker threads (the engine is CPU-bound and
 * synchronous), or in this thread when the scan is small. Each worker runs the same script as
 * the CLI (the bundle `out/cli.js`), which turns into a worker when `workerData` says so.
 * A worker that dies fails only the file it was working on; the rest of its share runs in this
 * thread.
 */
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type FileResult, type FileTask, type TaskContext } from './analyzeFile';

/** Below this many bytes in all, one thread is faster than starting workers (each loads the model). */
const BYTES_PER_WORKER = 256 * 1024;

interface WorkerData {
  claimcheckWorker: TaskContext;
}

function isWorkerData(v: unknown): v is WorkerData {
  return typeof v === 'object' && v !== null && 'claimcheckWorker' in v;
}

/** True in a thread started by {@link analyzeAll}. */
export function isScanWorker(): boolean {
  return parentPort !== null && isWorkerData(workerData);
}

/** The body of a worker thread: analyse each task posted to it and post the result back. */
export function runScanWorker(): void {
  const port = parentPort;
  if (!port || !isWorkerData(workerData)) throw new Error('runScanWorker() outside a scan worker');
  const context = workerData.claimcheckWorker;
  port.on('message', (task: FileTask) => port.postMessage(analyzeFile(task, context)));
}

/**
 * How many workers to start: `jobs` when given (1 means this thread), else one per CPU but only
 * for scans large enough to repay each worker's start (it loads the engine and the model).
 * 0 means this thread.
 */
export function workerCount(jobs: number | null, files: number, totalBytes: number): number {
  const n = jobs ?? Math.min(availableParallelism(), Math.ceil(totalBytes / BYTES_PER_WORKER));
  const count = Math.min(n, files);
  return count >= 2 ? count : 0;
}

/**
 * Analyses every task; `onResult` is called as each finishes (in completion order). Resolves
 * with the results in task order.
 */
export async function analyzeAll(
  tasks: FileTask[],
  context: TaskContext,
  workers: number,
  workerScript: string,
  onResult: (result: FileResult) => void,
): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(tasks.length);
  const record = (result: FileResult) => {
    results[result.index] = result;
    onResult(result);
  };
  if (workers === 0 || tasks.length === 0) {
    for (const task of tasks) record(analyzeFile(task, context));
    return results;
  }

  // Files are dealt round-robin (worker k gets files k, k+n, k+2n, ...) rather than from a shared
  // queue, so a given --jobs always gives each worker the same files in the same order: the
  // engine's results can depend on what its thread analysed before (wink-nlp's tokenizer learns
  // from the text it reads), and the output must not change from one run to the next.
  const shares: FileTask[][] = Array.from({ length: workers }, () => []);
  tasks.forEach((task, i) => shares[i % workers].push(task));
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve) => {
          const worker = new Worker(workerScript, { workerData: { claimcheckWorker: context } satisfies WorkerData });
          let next = 0;
          let settled = false;
          const settle = () => {
            settled = true;
            void worker.terminate();
            resolve();
          };
          worker.on('message', (result: FileResult) => {
            record(result);
            next++;
            if (next === share.length) settle();
          });
          const fail = (message: string) => {
            if (settled) return;
            // The file in hand fails; the rest of this worker's share runs in this thread.
            record({ index: share[next].index, ok: false, error: `analysis failed: ${message}`, warnings: [] });
            for (const task of share.slice(next + 1)) record(analyzeFile(task, context));
            settle();
          };
          worker.on('error', (err) => fail(err.message));
          worker.on('exit', (code) => fail(`worker exited with code ${code}`));
          for (const task of share) worker.postMessage(task);
        }),
    ),
  );
  return results;
}
