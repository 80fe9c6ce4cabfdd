/**
 * The one place UTF-16 offsets become LSP positions and back. `TextDocument` counts UTF-16 code
 * units and treats CRLF as one line break, matching the engine's offsets and LSP's default
 * position encoding.
 */
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function toOffset(document: TextDocument, position: Position): number {
  return document.offsetAt(position);
}
