// The `news` TextMate grammar and language configuration, exercised with the same
// engine VS Code uses: vscode-textmate on top of the Oniguruma WASM build.
//
// Run: node --import tsx --test test/unit/grammar.test.ts
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'news.tmLanguage.json');
const LANGUAGE_CONFIG_PATH = path.join(ROOT, 'syntaxes', 'news.language-configuration.json');
const WASM_PATH = path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
}

let grammar: vsctm.IGrammar;

before(async () => {
  await oniguruma.loadWASM(fs.readFileSync(WASM_PATH));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => oniguruma.createOnigScanner(sources),
      createOnigString: (text: string) => oniguruma.createOnigString(text),
    }),
    loadGrammar: (scopeName: string) =>
      Promise.resolve(
        scopeName === 'text.news'
          ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
          : null,
      ),
  });
  const loaded = await registry.loadGrammar('text.news');
  assert.ok(loaded, 'vscode-textmate could not load text.news');
  grammar = loaded;
});

/** Tokenises lines the way VS Code does: the rule stack is carried from line to line. */
function tokenizeLines(lines: readonly string[]): TokenizedLine[] {
  let ruleStack = vsctm.INITIAL;
  return lines.map((text) => {
    const result = grammar.tokenizeLine(text, ruleStack);
    ruleStack = result.ruleStack;
    const tokens = result.tokens.map((t) => ({
      text: text.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes,
    }));
    return { text, tokens };
  });
}

/** Splits a document into lines like the editor does (any of \r\n, \r, \n). */
function tokenizeDocument(text: string): TokenizedLine[] {
  return tokenizeLines(text.split(/\r\n|\r|\n/));
}

/** The line holding the first occurrence of `needle`, and where in it. Fails the test if absent. */
function locate(needle: string, lines: readonly TokenizedLine[]): { line: TokenizedLine; index: number } {
  for (const line of lines) {
    const index = line.text.indexOf(needle);
    if (index !== -1) return { line, index };
  }
  assert.fail(`"${needle}" does not occur in the tokenised text`);
}

/**
 * Scopes of the token covering `needle` (first occurrence, found by searching, never by
 * column). When the text spans several tokens, only the scopes shared by all of them count:
 * a scope is returned only if it applies to the whole substring.
 */
function scopesOf(needle: string, lines: readonly TokenizedLine[]): string[] {
  const { line, index } = locate(needle, lines);
  const end = index + needle.length;
  const covering = line.tokens.filter((t) => t.end > index && t.start < end);
  assert.ok(covering.length > 0, `no token covers "${needle}"`);
  return covering[0].scopes.filter((scope) => covering.every((t) => t.scopes.includes(scope)));
}

/**
 * The full text of the run of adjacent tokens carrying a scope that starts with `scopePrefix`
 * around the start of `needle` ('' if the needle's first token lacks it). Checks that a
 * construct covers exactly the expected text: no more, no less.
 */
function extentOf(scopePrefix: string, needle: string, lines: readonly TokenizedLine[]): string {
  const { line, index } = locate(needle, lines);
  const has = (t: Token) => t.scopes.some((s) => s.startsWith(scopePrefix));
  const at = line.tokens.findIndex((t) => t.start <= index && index < t.end);
  if (at === -1 || !has(line.tokens[at])) return '';
  let first = at;
  let last = at;
  while (first > 0 && has(line.tokens[first - 1])) first--;
  while (last < line.tokens.length - 1 && has(line.tokens[last + 1])) last++;
  return line.text.slice(line.tokens[first].start, line.tokens[last].end);
}

const hasScope = (scopes: readonly string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));

// Every assertion carries its own message: node's assert.ok without one re-reads the source
// file to quote the failing expression, which under tsx's transform can spin for minutes.
function expectScope(needle: string, lines: readonly TokenizedLine[], ...prefixes: string[]): void {
  const scopes = scopesOf(needle, lines);
  for (const prefix of prefixes) {
    assert.ok(hasScope(scopes, prefix), `"${needle}" should have ${prefix}*, has: ${scopes.join(' ')}`);
  }
}

function expectNoScope(needle: string, lines: readonly TokenizedLine[], prefix: string): void {
  const scopes = scopesOf(needle, lines);
  assert.ok(!hasScope(scopes, prefix), `"${needle}" should not have ${prefix}*, has: ${scopes.join(' ')}`);
}

const SAMPLE = [
  'Trump administration revoked more than 6,000 student visas, State Dept says',
  '3 min read',
  'By Jane Doe, Brussels correspondent',
  '16 hours ago',
  '',
  'A group of 30 countries has been working on guarantees, Mark Rutte said on Tuesday.',
  '“We are working on that,” Rutte told reporters. "Nobody gets 100% in a negotiation."',
  'Profits surged 15% to £1.2bn ($1.5bn) last year, while fines reached £82.7m.',
];

void describe('news grammar: loading', () => {
  void test('declares the text.news scope and every rule regex compiles in Oniguruma', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as Record<string, unknown>;
    assert.equal(raw.scopeName, 'text.news');
    assert.equal(raw.name, 'News article');
    const sources: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') sources.push(value);
          else collect(value);
        }
      }
    };
    collect(raw.repository);
    assert.ok(sources.length >= 20, `expected the grammar's rules, found ${sources.length} regexes`);
    for (const source of sources) {
      assert.doesNotThrow(() => oniguruma.createOnigScanner([source]).dispose(), `bad regex: ${source}`);
    }
  });
});

void describe('news grammar: headline', () => {
  void test('the first line is a heading and the second line is not', () => {
    const lines = tokenizeLines(['Allies line up security guarantees for Ukraine', 'Allies met again on Friday.']);
    expectScope('line up security', lines, 'markup.heading.1.news');
    expectNoScope('met again', lines, 'markup.heading');
  });

  void test('numbers inside the headline keep both the heading and the numeric scope', () => {
    expectScope('6,000', tokenizeLines(SAMPLE), 'markup.heading.1.news', 'constant.numeric.news');
  });

  void test('blank lines before the headline are skipped; later lines are never headings', () => {
    const lines = tokenizeLines(['', '   ', 'Spain endures worst fire season', 'Blazes ravaged the northwest.', 'Spain endures more fires']);
    expectScope('worst fire season', lines, 'markup.heading.1.news');
    expectNoScope('ravaged', lines, 'markup.heading');
    expectNoScope('more fires', lines, 'markup.heading');
  });
});

void describe('news grammar: bylines and datelines', () => {
  void test('reading-time and relative-time lines are byline metadata', () => {
    const lines = tokenizeLines(SAMPLE);
    expectScope('3 min read', lines, 'meta.byline.news', 'comment.line.reading-time.news');
    expectScope('16 hours ago', lines, 'meta.byline.news', 'comment.line.relative-time.news');
  });

  void test('"By Jane Doe, Brussels correspondent" marks the author name and the role', () => {
    const lines = tokenizeLines(SAMPLE);
    expectScope('By Jane Doe, Brussels correspondent', lines, 'meta.byline.news');
    assert.equal(extentOf('entity.name.tag.author.news', 'Jane', lines), 'Jane Doe');
    assert.equal(extentOf('markup.italic.role.news', 'Brussels', lines), 'Brussels correspondent');
  });

  void test('body sentences that merely start with "By" are not bylines', () => {
    const lines = tokenizeLines(['Headline', 'By Monday, the army had pushed back the rebels.', 'By 2030, emissions will fall 40%.']);
    expectNoScope('Monday', lines, 'meta.byline');
    expectNoScope('2030', lines, 'meta.byline');
  });

  void test('a "LONDON (Reuters) -" dateline is metadata and the body after the dash is not', () => {
    const lines = tokenizeLines(['Headline', "LONDON (Reuters) - Britain's economy grew 0.3% in the quarter."]);
    expectScope('LONDON (Reuters) -', lines, 'meta.byline.news', 'comment.line.dateline.news');
    assert.equal(extentOf('entity.name.tag.location.news', 'LONDON', lines), 'LONDON');
    expectNoScope('economy grew', lines, 'meta.byline');
  });

  void test('datelines and timestamp lines with dates or times', () => {
    const lines = tokenizeLines(['Headline', 'BRUSSELS, 19 August - Ministers met.', 'date 2025-08-19 WORLD', 'Updated 10:42 GMT']);
    expectScope('19 August', lines, 'comment.line.dateline.news', 'constant.numeric.date.news');
    for (const needle of ['date 2025-08-19 WORLD', 'Updated 10:42 GMT']) {
      expectScope(needle, lines, 'meta.byline.news');
    }
    expectScope('2025-08-19 WORLD', lines, 'comment.line.timestamp.news');
    assert.equal(extentOf('constant.numeric.time.news', '10:42', lines), '10:42 GMT');
  });
});

void describe('news grammar: quotations', () => {
  void test('curly double quotes are a string with begin/end punctuation', () => {
    const lines = tokenizeLines(SAMPLE);
    expectScope('“We are working on that,”', lines, 'string.quoted.double.news');
    expectScope('“', lines, 'punctuation.definition.string.begin.news');
    expectScope('”', lines, 'punctuation.definition.string.end.news');
    expectNoScope('Rutte told reporters', lines, 'string');
  });

  void test('straight double quotes are a string and numbers inside keep their scope', () => {
    const lines = tokenizeLines(SAMPLE);
    expectScope('"Nobody gets 100% in a negotiation."', lines, 'string.quoted.double.news');
    expectScope('100%', lines, 'string.quoted.double.news', 'constant.numeric.percentage.news');
  });

  void test("apostrophes (Rubio’s, don't, it’s) never open a quotation", () => {
    const lines = tokenizeLines(['Headline', "Rubio’s plan, which officials don't like, is what it’s about, 5 sources said."]);
    for (const needle of ['plan', 'officials', 'like', 'about', '5 sources']) {
      expectNoScope(needle, lines, 'string');
    }
  });

  void test('single quotes around words are a string; an elided ‘90s or \'90s is not', () => {
    const lines = tokenizeLines([
      'Headline',
      'He called it ‘a deal we don’t want to lose’ in the ‘90s style.',
      "Officials were 'furious, if that's the word' about the '90s rules, it's said.",
    ]);
    expectScope('‘a deal we don’t want to lose’', lines, 'string.quoted.single.news');
    expectNoScope('in the', lines, 'string');
    expectNoScope('style', lines, 'string');
    expectScope("'furious, if that's the word'", lines, 'string.quoted.single.news');
    expectNoScope('rules', lines, 'string');
    expectNoScope('said', lines, 'string');
  });

  void test('an unterminated quotation ends at the end of its paragraph', () => {
    const lines = tokenizeLines(['Headline', 'He said “this never closes, and', 'Next paragraph has 5 claims.', 'She said "also open', 'Plain again.']);
    expectScope('this never closes', lines, 'string.quoted.double.news');
    expectNoScope('Next paragraph', lines, 'string');
    expectScope('also open', lines, 'string.quoted.double.news');
    expectNoScope('Plain again', lines, 'string');
  });
});

void describe('news grammar: numbers, money, percentages and dates', () => {
  const lines = (): TokenizedLine[] =>
    tokenizeLines([
      'Headline',
      'Spending rose 90% while 90 per cent agreed; ninety percent of staff and 15 percent of firms saw 2.5 percentage points.',
      'It cost $1m, then £82.7m, then €40 million and £2.5bn; the debt hit $1.76 trillion; shares fell to 590 pence; US$5.',
      'About 6,000 visas, 1.5 tonnes, 30 countries, the 2,838th day; two-thirds of millions, a dozen, half of them.',
      'Talks began in April 2004, resumed on 19 August 2025 and August 19, 2025, filed 2025-08-19, due Dec. 3, since 1990.',
      'Someone often said Theresa May would go.',
    ]);

  void test('percentages cover the number and the % sign or the words', () => {
    const l = lines();
    for (const text of ['90%', '90 per cent', 'ninety percent', '15 percent', '2.5 percentage points']) {
      assert.equal(extentOf('constant.numeric.percentage.news', text, l), text);
    }
  });

  void test('money covers the currency symbol, the amount and the scale word', () => {
    const l = lines();
    for (const text of ['$1m', '£82.7m', '€40 million', '£2.5bn', '$1.76 trillion', '590 pence', 'US$5']) {
      assert.equal(extentOf('constant.numeric.money.news', text, l), text);
    }
  });

  void test('plain numbers, decimals and ordinals are numeric (and not money)', () => {
    const l = lines();
    for (const text of ['6,000', '1.5', '30', '2,838th']) {
      assert.equal(extentOf('constant.numeric.news', text, l), text);
      expectNoScope(text, l, 'constant.numeric.money');
    }
  });

  void test('number words are numeric, words that merely contain them are not', () => {
    const l = lines();
    for (const text of ['two-thirds', 'millions', 'dozen', 'half']) {
      assert.equal(extentOf('constant.numeric.word.news', text, l), text);
    }
    for (const text of ['Someone', 'often', 'May']) {
      expectNoScope(text, l, 'constant');
    }
  });

  void test('dates: month-year, day-month-year, US style, ISO, abbreviated and bare years', () => {
    const l = lines();
    for (const text of ['April 2004', '19 August 2025', 'August 19, 2025', '2025-08-19', 'Dec. 3', '1990']) {
      assert.equal(extentOf('constant.numeric.date', text, l), text);
    }
  });
});

void describe('news grammar: line endings and robustness', () => {
  void test('CRLF text tokenises exactly like LF text, and a stray \\r does not break rules', () => {
    const lf = SAMPLE.join('\n');
    const dump = (ls: readonly TokenizedLine[]) => ls.map((l) => l.tokens.map((t) => `${t.text}=${t.scopes.join(' ')}`));
    assert.deepEqual(dump(tokenizeDocument(SAMPLE.join('\r\n'))), dump(tokenizeDocument(lf)));

    // Lines split on \n only keep their trailing \r: metadata and quotes must still behave.
    const raw = tokenizeLines(['Headline\r', 'By Jane Doe\r', 'He said “unfinished\r', 'Body 3 text\r']);
    expectNoScope('Headline', raw, 'meta');
    expectScope('Headline', raw, 'markup.heading.1.news');
    expectScope('Jane Doe', raw, 'entity.name.tag.author.news');
    expectNoScope('Body 3', raw, 'string');
  });

  // VS Code stops colouring a line when tokenising it exceeds its time budget (`stoppedEarly`);
  // these lines would trip quadratic patterns. Speed itself is measured by benchmarks, not here.
  void test('long pathological lines are tokenised completely, as the editor would colour them', () => {
    const size = 20_000;
    const evil = [
      'one '.repeat(size / 4) + 'x',
      '‘a '.repeat(size / 3) + 'x',
      "'a ".repeat(size / 3) + 'x',
      '1,000,'.repeat(size / 6) + 'x',
      ' '.repeat(size) + 'x',
      'By ' + 'Jane '.repeat(size / 5) + ',',
      'A '.repeat(size / 2) + '-x',
      '“'.repeat(size),
    ];
    let ruleStack = vsctm.INITIAL;
    for (const line of ['Headline', ...evil]) {
      const result = grammar.tokenizeLine(line, ruleStack, 10_000);
      assert.equal(result.stoppedEarly, false, `tokenising stopped early on ${JSON.stringify(line.slice(0, 12))}…`);
      ruleStack = result.ruleStack;
    }
  });
});

void describe('news language configuration', () => {
  const config = JSON.parse(fs.readFileSync(LANGUAGE_CONFIG_PATH, 'utf8')) as {
    wordPattern: string;
    autoClosingPairs: { open: string; close: string }[];
    surroundingPairs: [string, string][];
    brackets: [string, string][];
    comments?: { blockComment?: [string, string] };
  };

  void test('wordPattern compiles and keeps amounts, numbers and percentages together', () => {
    assert.equal(typeof config.wordPattern, 'string');
    const words = (text: string): string[] => Array.from(text.matchAll(new RegExp(config.wordPattern, 'g')), (m) => m[0]);
    assert.equal(new RegExp(config.wordPattern).test(''), false, 'a wordPattern matching "" hangs the editor');
    const found = words('Fines reached £82.7m after 6,000 visas, a 90% cut; US$5, Rubio’s plan, don\'t.');
    for (const word of ['£82.7m', '6,000', '90%', 'US$5', 'Rubio’s', "don't", 'Fines']) {
      assert.ok(found.includes(word), `"${word}" is not one word in ${JSON.stringify(found)}`);
    }
    assert.ok(!found.includes('82'), 'the amount was split');
  });

  void test('brackets and quotes auto-close and surround', () => {
    const pairs: [string, string][] = [['(', ')'], ['[', ']'], ['"', '"'], ['“', '”'], ['‘', '’']];
    const auto = config.autoClosingPairs.map((p) => [p.open, p.close]);
    for (const pair of pairs) {
      assert.ok(auto.some(([o, c]) => o === pair[0] && c === pair[1]), `autoClosingPairs lacks ${pair.join('')}`);
      assert.ok(config.surroundingPairs.some(([o, c]) => o === pair[0] && c === pair[1]), `surroundingPairs lacks ${pair.join('')}`);
    }
    assert.deepEqual(config.brackets, [['(', ')'], ['[', ']']]);
    if (config.comments?.blockComment) assert.deepEqual(config.comments.blockComment, ['<!--', '-->']);
  });
});
