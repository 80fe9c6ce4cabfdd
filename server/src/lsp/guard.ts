/**
 * What keeps hostile input and crashes from reaching the user as a hang or a dead server:
 *
 * - `contentSkipReason`: documents over `claimcheck.maxFileSize` and binary content are not
 *   analysed; the one information diagnostic says why.
 * - `guarded`: a request handler that throws is logged (with its stack) and answered with an
 *   error response; the server goes on serving every other request.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Logger } from '../logger';

/** How much of a document `looksBinary` reads: enough to judge, cheap on a 5 MB file. */
export const BINARY_SAMPLE = 8 * 1024;
/** Share of control characters (and U+FFFD from undecodable bytes) in the sample that means binary. */
const BINARY_SHARE = 0.1;

export const BINARY_MESSAGE = 'binary content — not analysed';

/** "12.4 MB", "5 MB", "830 KB", "100 characters": sizes in characters, as the setting counts them. */
export function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (chars >= 10 * 1024) return `${Math.round(chars / 1024)} KB`;
  return `${chars} characters`;
}

/**
 * Binary, not text: a NUL anywhere in the first 8 KB, or more than 10% of it C0 control
 * characters other than tab, line feed, vertical tab, form feed and carriage return, DEL, or
 * U+FFFD (what an editor shows for bytes that are not valid UTF-8).
 */
export function looksBinary(text: string): boolean {
  const sample = text.length > BINARY_SAMPLE ? text.slice(0, BINARY_SAMPLE) : text;
  if (sample.length === 0) return false;
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 32 && (code < 9 || code > 13)) || code === 0x7f || code === 0xfffd) suspicious++;
  }
  return suspicious > sample.length * BINARY_SHARE;
}

/** Why a document's content is not analysed (too large, binary), or null when it is. */
export function contentSkipReason(text: string, maxFileSize: number): string | null {
  if (text.length > maxFileSize) {
    return `file is ${formatSize(text.length)}, limit ${formatSize(maxFileSize)} — see claimcheck.maxFileSize`;
  }
  if (looksBinary(text)) return BINARY_MESSAGE;
  return null;
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Wraps a request handler: an exception (or rejection) is logged through `log` and answered with
 * an InternalError response naming the request, instead of being answered silently by
 * vscode-jsonrpc. A `ResponseError` the handler throws on purpose passes through unlogged.
 */
export function guarded<A extends unknown[], R>(
  log: Logger,
  request: string,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    try {
      return await handler(...args);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      log.error(`${request} failed: ${describeError(err)}`);
      const message = err instanceof Error ? err.message : String(err);
      throw new ResponseError(ErrorCodes.InternalError, `ClaimCheck: ${request} failed: ${message}`);
    }
  };
}
