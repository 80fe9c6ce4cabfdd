/**
 * Does analysis time grow linearly with document size? (issue #8)
 *
 * For each document shape — ordinary news prose, one endless line of prose, and the hostile
 * shapes that were quadratic before issue #8 — analyses documents of 50 KB, 200 KB and 800 KB
 * (cold block cache, best of a few runs) and prints the time per character at each size and its
 * ratio to the smallest size. Linear growth keeps the ratio near 1; a quadratic path doubles it
 * with every doubling of the size (×16 from 50 KB to 800 KB).
 *
 *   node --import tsx server/scripts/bench-linearity.ts           # the table
 *   node --import tsx server/scripts/bench-linearity.ts --5mb     # plus a 5 MB news document
 *   node --import tsx server/scripts/bench-linearity.ts --sizes 25,50,100   # KB
 *
 * It only measures and prints; the test suite asserts no timings (test/unit/robustFuzz.test.ts
 * checks that big hostile documents finish and are correct). The machine's load shows in the
 * numbers: compare ratios, not absolute times.
 */
import { analyze, clearAnalysisCache } from '../src/analysis/engine';

const KB = 1024;

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SIZES = (argument('--sizes') ?? '50,200,800').split(',').map((s) => Number(s) * KB);
const WITH_5MB = process.argv.includes('--5mb');

const FRAGMENTS = [
  'Profits rose {n}% last year, the company said.',
  'A group of {n} countries signed the accord in April {y}.',
  'The government pledged £{n}bn for coastal defences, but only {m}% has been spent.',
  'It was the worst fire season on record, burning more than {n},000 hectares.',
  'Unemployment fell to {m}.{n}% in March, the lowest since {y}, according to Reuters.',
  '“We will not back down,” the minister told the BBC on Monday.',
  'Exports to {n} countries doubled between {y} and 2024.',
];

/** Distinct paragraphs (numbers vary), so the block cache never serves one from another. */
function newsProse(size: number, lineBreak = '\n\n'): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const sentence = FRAGMENTS[i % FRAGMENTS.length]
      .replace('{n}', String(10 + (i % 9973)))
      .replace('{m}', String(i % 97))
      .replace('{y}', String(1900 + (i % 120)));
    const paragraph = i % 3 === 2 ? sentence + lineBreak : `${sentence} `;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return parts.join('').slice(0, size);
}

function repeated(unit: string): (size: number) => string {
  return (size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** [name, document of a given size, language]. */
const SHAPES: [string, (size: number) => string, string][] = [
  ['news prose, paragraphs', (n) => newsProse(n), 'news'],
  ['news prose, CRLF, markdown', (n) => newsProse(n, '\r\n\r\n'), 'markdown'],
  ['prose as one line', (n) => newsProse(n, ' '), 'plaintext'],
  ['digits, no spaces', repeated('0123456789'), 'plaintext'],
  ['dots, no spaces', repeated('.'), 'plaintext'],
  ['e-mail-like run, no "@"', repeated('a.b-c+'), 'plaintext'],
  ['backticks (markdown)', repeated('`a'), 'markdown'],
  ['unclosed <!-- (markdown)', repeated('<!-- '), 'markdown'],
  ['"5% " on one line', repeated('5% '), 'plaintext'],
  ['emoji', repeated('😀 '), 'plaintext'],
];

function timeOnce(text: string, languageId: string): number {
  clearAnalysisCache();
  const start = performance.now();
  analyze(text, { languageId });
  return performance.now() - start;
}

/** Best of `runs`: the least disturbed by other processes. */
function best(text: string, languageId: string, runs: number): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, timeOnce(text, languageId));
  return min;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function main(): void {
  analyze('Warm-up: sales rose 12% in 2024.', { languageId: 'news' }); // loads wink's model
  const header = [pad('shape', 30), ...SIZES.map((s) => pad(`${s / KB} KB µs/char`, 18, true)), pad('ratio largest/smallest', 24, true)];
  console.log(header.join(''));
  let worst = 0;
  for (const [name, make, languageId] of SHAPES) {
    const perChar: number[] = [];
    for (const size of SIZES) {
      const text = make(size);
      const runs = size <= 64 * KB ? 5 : size <= 256 * KB ? 3 : 1;
      perChar.push((best(text, languageId, runs) * 1000) / text.length);
    }
    const ratio = perChar[perChar.length - 1] / perChar[0];
    worst = Math.max(worst, ratio);
    console.log([pad(name, 30), ...perChar.map((p) => pad(p.toFixed(2), 18, true)), pad(`×${ratio.toFixed(2)}`, 24, true)].join(''));
  }
  console.log(`\nworst ratio ×${worst.toFixed(2)} over a ×${(SIZES[SIZES.length - 1] / SIZES[0]).toFixed(0)} size range (linear ≈ ×1; quadratic would be ×${(SIZES[SIZES.length - 1] / SIZES[0]).toFixed(0)})`);
  if (WITH_5MB) {
    const text = newsProse(5 * KB * KB);
    const ms = timeOnce(text, 'news');
    console.log(`5 MB news prose, cold cache: ${(ms / 1000).toFixed(1)} s (${((ms * 1000) / text.length).toFixed(2)} µs/char)`);
    const start = performance.now();
    analyze(text, { languageId: 'news' });
    console.log(`5 MB news prose, warm cache (unchanged document): ${((performance.now() - start) / 1000).toFixed(2)} s`);
  }
}

main();
