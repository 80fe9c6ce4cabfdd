/**
 * Shared by the robustness tests (issue #8): generators of hostile news-like documents and edits,
 * and the range checks every analysis must pass. Not a test file itself.
 */
import fc from 'fast-check';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Analysis } from '../../server/src/analysis';

/** One seed for every fuzz test, so a failure reproduces; override with CLAIMCHECK_FUZZ_SEED. */
export const FUZZ_SEED = Number(process.env.CLAIMCHECK_FUZZ_SEED ?? 20_251_127);

/** Scales the run counts (CLAIMCHECK_FUZZ_SCALE=10 for a long soak; the suite uses 1). */
export const FUZZ_SCALE = Math.max(0.01, Number(process.env.CLAIMCHECK_FUZZ_SCALE ?? 1));

export function runs(base: number): number {
  return Math.max(1, Math.round(base * FUZZ_SCALE));
}

/** What a newsroom writes: numbers with units, money, records, dates, attribution, furniture. */
export const NEWS_FRAGMENTS = [
  'Profits rose 12% last year.',
  'fell 3.5 per cent',
  '£2.5bn',
  '$1m (£522,000)',
  '€40 million in fines',
  'A group of 30 countries',
  'more than 6,000 student visas',
  'nearly half of all aid workers',
  'two-thirds of voters',
  'cuts over 90% of budgets',
  'the worst fire season on record',
  'the biggest since 1990',
  'the second-largest economy',
  'in April 2004',
  'between 1983 and 1992',
  'on 28 March',
  'Rubio said.',
  'according to Reuters',
  'the State Dept said on Monday',
  '“We will not back down,” she said.',
  '"It is a disaster," he told the BBC.',
  'BREAKING: Markets tumble',
  'Prices doubled.',
  'The UK dropped its request for backdoor access.',
  'Unemployment fell to 4.1% in March, the lowest since 1975.',
  '3 min read',
  '16 hours ago',
  'Share',
  'By Jane Doe, Brussels correspondent',
  'https://example.com/news?id=12&x=90%25',
  'jane.doe+news@example.co.uk',
  '+44 20 7946 0958',
  'v1.2.3',
  '1,000,000',
  '0.5%',
  '10-15',
  'the 1990s',
  '2nd',
  'Mr. Smith',
  'the U.S.',
  'e.g.',
  '...',
  '—',
  '–',
];

/** Characters and sequences that break naive offset arithmetic or naive regexes. */
export const HOSTILE_FRAGMENTS = [
  '😀', // astral: a surrogate pair
  '👩‍👩‍👧', // ZWJ sequence
  '🇬🇧', // regional indicators
  '\uD83D', // lone high surrogate
  '\uDE00', // lone low surrogate
  '\uDE00\uD83D', // a pair in the wrong order
  'e\u0301', // combining acute
  'a\u0336\u0336\u0336', // stacked combining marks
  '\u200F', // RIGHT-TO-LEFT MARK
  '\u202E', // RIGHT-TO-LEFT OVERRIDE
  '\u202B\u202C', // embedding + pop
  '\u2066\u2069', // isolates
  'محمد بن سلمان',
  'שלום עליכם',
  '٪١٢', // Arabic-Indic digits and percent sign
  '５０％', // full-width
  '𝟙𝟚%', // mathematical digits (astral)
  '\u200D', // ZWJ
  '\u200B', // ZWSP
  '\uFEFF', // BOM / ZWNBSP
  '\u00A0', // NBSP
  '\u202F', // narrow NBSP
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\n\n',
  '\r\r\n',
  '\u2028', // LINE SEPARATOR
  '\u2029', // PARAGRAPH SEPARATOR
  '\u0085', // NEL
  '\u000B',
  '\u000C',
  '\u0000',
  '\u0001\u0002\u0003',
  '\u001B[31m',
  '\u007F',
  '\uFFFD',
  '\uFFFF',
  'İstanbul ß ﬁ',
];

/** Markdown and HTML structure (the markdown masker's input). */
export const MARKUP_FRAGMENTS = [
  '```',
  '~~~',
  '`',
  '`code 12%`',
  '<!--',
  '-->',
  '<b>',
  '</b>',
  '[link](http://x.y "t")',
  '[ref]: http://x.y',
  '# ',
  '## ',
  '> ',
  '- ',
  '* ',
  '1. ',
  '---',
  '|',
  '**',
  '_',
  '@',
];

const SEPARATORS = [' ', ' ', ' ', '', '. ', ', ', '\n', '\r\n', '\n\n', '\r\n\r\n', '\t', '\r'];

const number = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map(String),
  fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
  fc.integer({ min: 1, max: 999 }).map((n) => `£${n}m`),
  fc.double({ min: 0, max: 1000, noNaN: true }).map((n) => n.toFixed(2)),
);

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NEWS_FRAGMENTS) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKUP_FRAGMENTS) },
  { weight: 2, arbitrary: number },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  // A lone surrogate or control character anywhere.
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)) },
  // Now and then a very long line: one fragment repeated without a break.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NEWS_FRAGMENTS, ...HOSTILE_FRAGMENTS, 'x', '9', '.'), fc.integer({ min: 20, max: 120 }), fc.constantFrom('', ' '))
      .map(([f, n, sep]) => Array.from({ length: n }, () => f).join(sep)),
  },
);

/** A document of 0 to 40 pieces joined by spaces, punctuation and every kind of line break. */
export const documentArbitrary: fc.Arbitrary<string> = fc
  .array(fc.tuple(piece, fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

/**
 * An article: 4 to 16 paragraphs of news sentences (a hostile fragment now and then) between
 * blank lines of every form, so that edits land in, between, and across paragraphs.
 */
export const articleArbitrary: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...NEWS_FRAGMENTS) }, { weight: 1, arbitrary: piece }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('\n\n', '\r\n\r\n', '\n \n', '\r\r', '\n\t\n\n', '\n\u00a0\n', '\n'),
    ),
    { minLength: 4, maxLength: 16 },
  )
  .map((paragraphs) => paragraphs.map(([sentences, gap]) => sentences.join(' ') + gap).join(''));

/**
 * A Markdown article whose markup reaches across paragraphs: front matter, fenced code (closed or
 * not) and HTML comments (suppression directives among them) between its paragraphs.
 */
export const markdownArticleArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.tuple(
        fc.array(fc.constantFrom(...NEWS_FRAGMENTS), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(
          '',
          '',
          '```\nSales rose 12% in 2004.\n\nstill code 40%\n```',
          '~~~\nunclosed fence 30%',
          '<!-- a comment\n\nthat spans 90% of paragraphs -->',
          '<!-- claimcheck-disable-next-line -->',
          '<!-- claimcheck-disable-next-line percentage money -->',
        ),
      ),
      { minLength: 3, maxLength: 10 },
    ),
  )
  .map(([frontMatter, parts]) => (frontMatter ? '---\ntitle: 5 facts\n---\n\n' : '') + parts.map(([sentences, markup]) => `${markup}\n${sentences.join(' ')}\n\n`).join(''));

export const languageArbitrary = fc.constantFrom('plaintext', 'markdown', 'news');

// ---------------------------------------------------------------------------------------------

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when offset `at` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, at: number): boolean {
  return at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
}

function rangeProblem(text: string, what: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `${what}: non-integer range ${start}..${end}`;
  if (start < 0 || end > text.length || start > end) return `${what}: range ${start}..${end} outside 0..${text.length}`;
  if (splitsSurrogatePair(text, start)) return `${what}: start ${start} splits a surrogate pair`;
  if (splitsSurrogatePair(text, end)) return `${what}: end ${end} splits a surrogate pair`;
  return null;
}

/**
 * Everything that must hold for any analysis of any text: ranges inside the document on UTF-16
 * boundaries that do not split a surrogate pair, `text === slice`, claims inside their sentence,
 * sentences in order without overlap. Returns the problems (empty when all is well).
 */
export function analysisProblems(text: string, analysis: Analysis): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  analysis.sentences.forEach((s, i) => {
    const p = rangeProblem(text, `sentence ${i}`, s.start, s.end);
    if (p) problems.push(p);
    if (s.start < previousEnd) problems.push(`sentence ${i} (${s.start}..${s.end}) overlaps the previous one (ends ${previousEnd})`);
    previousEnd = Math.max(previousEnd, s.end);
    if (!(s.score >= 0 && s.score <= 1)) problems.push(`sentence ${i}: score ${s.score} outside 0..1`);
  });
  analysis.claims.forEach((c, i) => {
    const what = `claim ${i} ${c.kind} ${JSON.stringify(c.text)}`;
    const p = rangeProblem(text, what, c.start, c.end);
    if (p) problems.push(p);
    if (c.start === c.end) problems.push(`${what}: empty range at ${c.start}`);
    if (text.slice(c.start, c.end) !== c.text) problems.push(`${what}: text differs from slice ${JSON.stringify(text.slice(c.start, c.end))}`);
    if (c.start < c.sentence.start || c.end > c.sentence.end) {
      problems.push(`${what}: ${c.start}..${c.end} outside its sentence ${c.sentence.start}..${c.sentence.end}`);
    }
    const sp = rangeProblem(text, `${what} sentence`, c.sentence.start, c.sentence.end);
    if (sp) problems.push(sp);
    if (!(c.score >= 0 && c.score <= 1)) problems.push(`${what}: score ${c.score} outside 0..1`);
  });
  const ids = new Set(analysis.claims.map((c) => c.id));
  if (ids.size !== analysis.claims.length) problems.push('claim ids are not unique');
  return problems;
}

/** A short, printable description of a text for failure messages. */
export function describeText(text: string, max = 400): string {
  const shown = text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
  return JSON.stringify(shown);
}

// ---------------------------------------------------------------------------------------------
// Edits: offsets into the current text, so a sequence is replayed exactly.

export interface Edit {
  start: number;
  end: number;
  text: string;
}

const insertion = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NEWS_FRAGMENTS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '', '.', '%', '1', '0', 'a', '\n', '\r\n', '\r', '\n\n', '😀', '\uD83D', '\uDE00') },
  { weight: 1, arbitrary: fc.constantFrom(...MARKUP_FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

/**
 * One edit as three fractions of the text (where, how much to delete) plus what to insert, so it
 * applies to whatever the text is by then: inserts, deletes and replacements anywhere, including
 * inside claims, between "\r" and "\n" and between the halves of a surrogate pair.
 */
export const editArbitrary = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 60 })),
  text: fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: insertion }),
});

export type EditSpec = { at: number; length: number; text: string };

export function concreteEdit(text: string, spec: EditSpec): Edit {
  const start = Math.min(text.length, Math.floor(spec.at * (text.length + 1)));
  const end = Math.min(text.length, start + spec.length);
  return { start, end, text: spec.text };
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** Every TypeScript source file under `dir` (declaration files excluded), for source-level checks. */
export function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) tsFiles(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}
