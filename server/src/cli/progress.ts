/**
 * "Scanning 120/1844 business/042.txt" on stderr while a large scan runs, redrawn in place and
 * cleared at the end. Only when stderr is a terminal and the scan has more than a few files.
 */
import { sanitize } from './formats/style';

/** Fewer files than this finish too fast for a progress line to help. */
const MIN_FILES = 20;
const REDRAW_MS = 80;

export interface Progress {
  update(done: number, file: string): void;
  clear(): void;
}

const NONE: Progress = { update: () => undefined, clear: () => undefined };

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true || total <= MIN_FILES) return NONE;
  let last = 0;
  let shown = false;
  return {
    update(done, file) {
      const now = Date.now();
      if (now - last < REDRAW_MS && done < total) return;
      last = now;
      const head = `Scanning ${done}/${total} `;
      const width = Math.max(20, (stream.columns || 80) - 1);
      const room = width - head.length;
      const name = sanitize(file);
      const shownName = name.length <= room ? name : `…${name.slice(name.length - room + 1)}`;
      stream.write(`\r\x1b[K${head}${shownName}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
