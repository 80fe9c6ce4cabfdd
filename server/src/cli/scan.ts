/** `claimcheck scan`: analyse files and print their claims as text or JSON. */
import { statSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Claim } from '../analysis';
import { formatValue } from '../analysis/formatValue';
import { KIND_INFO } from '../analysis/kindInfo';
import { readInput } from './readInput';

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.news', '.article']);

export interface JsonClaim extends Claim {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface ScanOutput {
  version: 1;
  files: { path: string; claims: JsonClaim[] }[];
}

function languageOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'markdown' : ext === '.news' || ext === '.article' ? 'news' : 'plaintext';
}

/** Files under the given paths: folders are walked (skipping dot-folders and node_modules). */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (TEXT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
    }
  };
  for (const p of paths) {
    if (p !== '-' && statSync(p, { throwIfNoEntry: false })?.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

export function scanText(text: string, file: string): JsonClaim[] {
  const document = TextDocument.create('file:///scan', languageOf(file), 0, text);
  return analyze(text, { languageId: languageOf(file) }).claims.map((c) => ({
    ...c,
    range: { start: document.positionAt(c.start), end: document.positionAt(c.end) },
  }));
}

export function runScan(paths: string[], format: 'text' | 'json'): number {
  const output: ScanOutput = { version: 1, files: [] };
  let failed = false;
  for (const file of expandPaths(paths)) {
    const input = readInput(file);
    if (!input.ok) {
      process.stderr.write(`${file}: ${input.error}\n`);
      failed = true;
      continue;
    }
    const claims = scanText(input.text, file);
    output.files.push({ path: file, claims });
    if (format === 'text') process.stdout.write(formatText(file, claims));
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify(output)}\n`);
  return failed ? 2 : 0;
}

function formatText(file: string, claims: JsonClaim[]): string {
  if (claims.length === 0) return '';
  const color = process.stdout.isTTY === true;
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[22m` : s);
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const lines = [bold(file)];
  for (const c of claims) {
    const at = `${c.range.start.line + 1}:${c.range.start.character + 1}`;
    const source = c.source ? ` — ${c.source}` : '';
    lines.push(`  ${dim(at.padEnd(8))} ${KIND_INFO[c.kind].label.padEnd(11)} ${JSON.stringify(c.text)} ${dim(`(${formatValue(c)}, score ${c.score.toFixed(2)})${source}`)}`);
  }
  return `${lines.join('\n')}\n\n`;
}
