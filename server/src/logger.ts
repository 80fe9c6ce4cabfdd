/**
 * Levelled logging over the LSP connection (`window/logMessage`). Never `console.log`: in
 * `--stdio` mode stdout carries the protocol.
 */
import type { Connection } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function connectionLogger(connection: Connection): Logger {
  return {
    error: (m) => connection.console.error(m),
    warn: (m) => connection.console.warn(m),
    info: (m) => connection.console.info(m),
    debug: (m) => connection.console.log(m),
  };
}
