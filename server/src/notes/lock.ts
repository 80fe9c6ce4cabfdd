/**
 * A lock file next to a notes file, held while one writer reads, merges and replaces it, so two
 * processes (two editor windows, the CLI and the editor) never interleave their read and write.
 *
 * `<file>.lock` is created with O_EXCL and holds "pid timestamp". A lock whose process is gone,
 * or that is older than STALE_MS (a crashed writer, a pid from another machine on a shared
 * drive), is broken. Writers hold it for milliseconds; a waiter gives up after `timeoutMs`.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';

const STALE_MS = 15_000;
const EMPTY_STALE_MS = 2_000;
const RETRY_MS = 20;

export class LockTimeoutError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: string,
  ) {
    super(`${lockPath} is held by ${holder}`);
  }
}

export async function withFileLock<T>(target: string, action: () => Promise<T>, timeoutMs = 3_000): Promise<T> {
  const lockPath = `${target}.lock`;
  await acquire(lockPath, timeoutMs);
  try {
    return await action();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(lockPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(`${process.pid} ${Date.now()}\n`);
      } catch (err) {
        // Disk full or similar: a lock we could not fill in must not block every later writer.
        await handle.close().catch(() => undefined);
        await unlink(lockPath).catch(() => undefined);
        throw err;
      }
      await handle.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readFile(lockPath, 'utf8').catch(() => '');
    if (await isStale(lockPath, holder)) {
      // Break it only if it is still the same stale lock (another waiter may have broken it).
      const again = await readFile(lockPath, 'utf8').catch(() => '');
      if (again === holder) await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) throw new LockTimeoutError(lockPath, describeHolder(holder));
    await new Promise<void>((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

async function isStale(lockPath: string, holder: string): Promise<boolean> {
  if (holder === '') {
    // Created but not yet written — or its writer died in between. Writing "pid time" takes
    // microseconds, so an empty lock older than EMPTY_STALE_MS is a dead writer's.
    const info = await stat(lockPath).catch(() => null);
    return info !== null && Date.now() - info.mtimeMs > EMPTY_STALE_MS;
  }
  const [pidText, timeText] = holder.trim().split(' ');
  const pid = Number(pidText);
  const since = Number(timeText);
  if (!Number.isInteger(pid) || !Number.isFinite(since)) return true;
  if (Date.now() - since > STALE_MS) return true;
  return !isAlive(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeHolder(holder: string): string {
  const pid = holder.trim().split(' ')[0];
  return pid ? `process ${pid}` : 'another process';
}
