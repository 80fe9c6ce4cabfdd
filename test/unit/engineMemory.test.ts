/**
 * Issue #7, memory while typing: re-analysing a long document after each keystroke must not keep
 * the earlier versions of its text alive. (V8 cuts a substring as a view into its parent, so one
 * kept claim text or cache key used to hold a whole version: 1 MB per keystroke in a 1 MB
 * document, until the server had grown by hundreds of MB.) Heap sizes after a full collection,
 * no timings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyze } from '../../server/src/analysis';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** About `size` characters of news paragraphs (ASCII: one byte per character in V8). */
function longDocument(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const paragraph = `Exports rose ${i % 97}% to GBP ${(i % 89) + 1}bn in ${1950 + (i % 70)}, officials said, after ${i % 13} years of talks.`;
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n');
}

void test('typing 40 characters into a 1 MB document leaves the heap where it was (no version of the text kept)', () => {
  const MB = 1024 * 1024;
  let text = longDocument(MB);
  let previous = analyze(text, { languageId: 'plaintext' });
  let at = text.indexOf('officials', text.length >> 1);
  // One edit first, so that what every edit keeps (the last version, its analysis) is counted.
  text = `${text.slice(0, at)}x${text.slice(at)}`;
  previous = analyze(text, { languageId: 'plaintext' }, previous);
  const before = heapAfterGc();
  for (let i = 0; i < 40; i++) {
    at++;
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    previous = analyze(text, { languageId: 'plaintext' }, previous);
  }
  const grown = (heapAfterGc() - before) / MB;
  assert.ok(previous.claims.some((c) => c.text.endsWith('%')), 'the document has its claims');
  // 40 kept versions would be 40 MB; what 40 edits legitimately add (40 cache entries) is tiny.
  assert.ok(grown < 8, `the heap grew by ${grown.toFixed(1)} MB over 40 keystrokes`);
  console.log(`heap growth over 40 keystrokes in a 1 MB document: ${grown.toFixed(2)} MB`);
});
