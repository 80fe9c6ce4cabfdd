/**
 * Issue #8, no catastrophic regexes: every regular expression in the product is checked by the
 * `recheck` ReDoS checker (its pure-JavaScript backend: no Java, no native binary) and must be
 * `safe` — neither exponential nor polynomial backtracking on any input.
 *
 * - TypeScript: every regex literal and every `new RegExp(...)` / `RegExp(...)` in server/src and
 *   client/src, found with the TypeScript compiler API (not with a regex). RegExp arguments are
 *   folded from string literals, `+`, template literals, `[...].join(...)`, local constants and
 *   `literal.source`; one that cannot be folded fails the test (it could not be checked).
 * - The `news` TextMate grammar: every `match` / `begin` / `end` / `while`. Its Oniguruma syntax
 *   is checked as JavaScript (the same backtracking semantics for what both support); patterns
 *   that do not compile as JavaScript (`\A`, `\G`, `\z`, possessive or atomic groups) are counted
 *   and listed as skipped.
 *
 * recheck's automaton checker proves its verdicts; its fuzzer (used for lookbehinds and large
 * patterns) can also report a pattern "vulnerable" from its own step counting when the real
 * engine is linear on the attack. Such a report is re-examined: recheck's attack string, pumped
 * four times further, runs on the real engines (V8; for the grammar also Oniguruma, which VS Code
 * uses) in a child process with a hang deadline. A catastrophic pattern never finishes there (a
 * quadratic one needs billions of steps); one that finishes is listed as "refuted". The test
 * fails on any confirmed vulnerability and on any pattern recheck cannot decide.
 *
 * Verdicts are cached in node_modules/.cache (keyed by recheck's version, the pattern and its
 * flags), as the pure-JavaScript checker needs minutes for all patterns on a busy machine; set
 * CLAIMCHECK_REDOS_CACHE=0 to recheck everything.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { check, type Diagnostics } from 'recheck';
import ts from 'typescript';
import { tsFiles } from './robustSupport';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['server/src', 'client/src'];
const GRAMMAR = 'syntaxes/news.tmLanguage.json';
/** recheck's own limit per pattern; far above what any of ours needs (most take < 1 s). */
const CHECK_TIMEOUT_MS = 120_000;
/** A refuting run of an attack on a real engine: linear ones finish in milliseconds. */
const ATTACK_DEADLINE_MS = 60_000;
const ATTACKER = path.join(ROOT, 'test', 'fixtures', 'robust', 'regexAttack.cjs');
const CACHE_FILE = path.join(ROOT, 'node_modules', '.cache', 'claimcheck-redos.json');
const RECHECK_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'recheck', 'package.json'), 'utf8')) as { version: string }).version;

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
  /** Where the pattern runs: V8 (TypeScript) or also Oniguruma (the TextMate grammar). */
  engines: ('v8' | 'oniguruma')[];
}

function literalParts(node: ts.RegularExpressionLiteral): { source: string; flags: string } {
  const text = node.text;
  const slash = text.lastIndexOf('/');
  return { source: text.slice(1, slash), flags: text.slice(slash + 1) };
}

/** Folds an expression to a constant string, or returns undefined when it is not one. */
function fold(node: ts.Expression, file: ts.SourceFile, depth = 0): string | undefined {
  if (depth > 20) return undefined;
  const again = (n: ts.Expression): string | undefined => fold(n, file, depth + 1);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return again(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = again(node.left);
    const right = again(node.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (ts.isTemplateExpression(node)) {
    let out = node.head.text;
    for (const span of node.templateSpans) {
      const value = again(span.expression);
      if (value === undefined) return undefined;
      out += value + span.literal.text;
    }
    return out;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') {
    const target = node.expression.expression;
    const array = ts.isArrayLiteralExpression(target) ? target : ts.isIdentifier(target) ? constInitializer(target.text, file) : undefined;
    if (!array || !ts.isArrayLiteralExpression(array)) return undefined;
    const items = array.elements.map((e) => again(e));
    if (items.some((i) => i === undefined)) return undefined;
    const separator = node.arguments.length === 0 ? ',' : again(node.arguments[0]);
    return separator === undefined ? undefined : items.join(separator);
  }
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'source' && ts.isIdentifier(node.expression)) {
    const init = constInitializer(node.expression.text, file);
    return init && ts.isRegularExpressionLiteral(init) ? literalParts(init).source : undefined;
  }
  if (ts.isIdentifier(node)) {
    const init = constInitializer(node.text, file);
    return init ? again(init) : undefined;
  }
  return undefined;
}

/** The initializer of a top-level or local `const name = ...` in the file, if there is exactly one. */
function constInitializer(name: string, file: ts.SourceFile): ts.Expression | undefined {
  const found: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclarationList(n) && (n.flags & ts.NodeFlags.Const) !== 0) {
      for (const d of n.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) found.push(d.initializer);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return found.length === 1 ? found[0] : undefined;
}

function collectTypeScript(): { regexes: FoundRegex[]; unresolved: string[]; files: number } {
  const regexes: FoundRegex[] = [];
  const unresolved: string[] = [];
  const files = SOURCE_DIRS.flatMap((d) => tsFiles(path.join(ROOT, d)));
  for (const full of files) {
    const rel = path.relative(ROOT, full);
    const file = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const where = (n: ts.Node): string => `${rel}:${file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(n)) {
        regexes.push({ where: where(n), ...literalParts(n), engines: ['v8'] });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const args = n.arguments ?? [];
        const first = args[0];
        // new RegExp(/literal/, flags): the literal itself is collected on its own.
        if (first && ts.isRegularExpressionLiteral(first)) {
          ts.forEachChild(n, visit);
          return;
        }
        const source = first ? fold(first, file) : '';
        const flags = args[1] ? fold(args[1], file) : '';
        if (source === undefined || flags === undefined) unresolved.push(`${where(n)}: ${n.getText(file).slice(0, 120)}`);
        else regexes.push({ where: `${where(n)} (new RegExp)`, source, flags, engines: ['v8'] });
      }
      ts.forEachChild(n, visit);
    };
    visit(file);
  }
  return { regexes, unresolved, files: files.length };
}

const ONIGURUMA_ONLY = /\\[AGzZhHK]|\(\?>|[*+?}]\+|\(\?[imx-]+\)|\(\?[imx-]+:/;

function collectGrammar(): { regexes: FoundRegex[]; skipped: string[] } {
  const grammar: unknown = JSON.parse(readFileSync(path.join(ROOT, GRAMMAR), 'utf8'));
  const regexes: FoundRegex[] = [];
  const skipped: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${at}/${i}`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const where = `${GRAMMAR} ${at}/${key}`;
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') {
        if (ONIGURUMA_ONLY.test(value)) {
          skipped.push(`${where}: ${value} (Oniguruma-only syntax)`);
          continue;
        }
        try {
          new RegExp(value, 'u');
          regexes.push({ where, source: value, flags: 'u', engines: ['v8', 'oniguruma'] });
        } catch (err) {
          skipped.push(`${where}: ${value} (not JavaScript: ${(err as Error).message})`);
        }
      } else {
        walk(value, `${at}/${key}`);
      }
    }
  };
  walk(grammar, '');
  return { regexes, skipped };
}

function describeDiagnostics(d: Diagnostics): string {
  if (d.status === 'vulnerable') return `vulnerable: ${d.complexity.summary}; attack ${d.attack.pattern}`;
  if (d.status === 'unknown') return `unknown: ${JSON.stringify(d.error)}`;
  return `safe (${d.complexity.type})`;
}

/** Verdicts by cacheKey(); `refuted:<key>` marks a fuzzer report already refuted on the engines. */
type Cache = Record<string, Diagnostics | { refuted: string[] }>;

function loadCache(): Cache {
  if (process.env.CLAIMCHECK_REDOS_CACHE === '0' || !existsSync(CACHE_FILE)) return {};
  try {
    return JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Cache;
  } catch {
    return {};
  }
}

function cacheKey(source: string, flags: string): string {
  return createHash('sha256').update(`${RECHECK_VERSION}\0${CHECK_TIMEOUT_MS}\0${flags}\0${source}`).digest('hex');
}

/** recheck's attack with every pump repeated four times as often. */
function pumpedAttack(d: Extract<Diagnostics, { status: 'vulnerable' }>): string {
  const { pumps, suffix, base } = d.attack;
  return pumps.map((p) => p.prefix + p.pump.repeat(4 * (base + p.bias))).join('') + suffix;
}

/** Runs the attack on `engine` in a child process; true when it finished before the deadline. */
function engineSurvives(
  source: string,
  flags: string,
  input: string,
  engine: 'v8' | 'oniguruma',
  deadlineMs = ATTACK_DEADLINE_MS,
): { survived: boolean; detail: string } {
  const result = spawnSync(process.execPath, [ATTACKER], {
    cwd: ROOT,
    input: JSON.stringify({ source, flags, input, engine }),
    encoding: 'utf8',
    timeout: deadlineMs,
    maxBuffer: 1024 * 1024,
  });
  const survived = result.status === 0 && result.stdout.startsWith('done');
  return { survived, detail: survived ? result.stdout.trim() : `exit ${result.status} ${result.signal ?? ''} ${result.stderr.slice(0, 500)}` };
}

void describe('ReDoS: every regular expression is safe (recheck, pure-JavaScript backend)', () => {
  void test('every regex literal and RegExp constructor in server/src, client/src and the news grammar', { timeout: 60 * 60_000 }, async (t) => {
    // Read by recheck at each call: never start Java or the native binary.
    process.env.RECHECK_BACKEND = 'pure';
    const typescript = collectTypeScript();
    const grammar = collectGrammar();
    assert.deepEqual(typescript.unresolved, [], 'RegExp constructors whose pattern is not a constant cannot be checked');

    const all = [...typescript.regexes, ...grammar.regexes];
    assert.ok(typescript.regexes.length > 50, `only ${typescript.regexes.length} regexes found in ${typescript.files} files: the walk is broken`);
    assert.ok(grammar.regexes.length > 20, `only ${grammar.regexes.length} grammar patterns found`);

    // The same pattern in several places is checked once; verdicts are cached across runs.
    const cache = loadCache();
    let fromCache = 0;
    const verdicts = new Map<string, Diagnostics>();
    for (const r of all) {
      const key = cacheKey(r.source, r.flags);
      if (verdicts.has(key)) continue;
      const cached = cache[key] as Diagnostics | undefined;
      if (cached && cached.status !== 'unknown') {
        verdicts.set(key, cached);
        fromCache++;
        continue;
      }
      const verdict = await check(r.source, r.flags, { timeout: CHECK_TIMEOUT_MS });
      verdicts.set(key, verdict);
      cache[key] = verdict;
    }

    const unknown: string[] = [];
    const confirmed: string[] = [];
    const refuted: string[] = [];
    for (const r of all) {
      const d = verdicts.get(cacheKey(r.source, r.flags)) as Diagnostics;
      if (d === undefined) throw new Error(`no verdict for ${r.where}`);
      const line = `${r.where}: /${r.source}/${r.flags} — ${describeDiagnostics(d)}`;
      if (d.status === 'unknown') unknown.push(line);
      if (d.status !== 'vulnerable') continue;
      if (!d.complexity.isFuzz) {
        confirmed.push(`${line} (proved by the automaton checker)`);
        continue;
      }
      const input = pumpedAttack(d);
      const refutedKey = `refuted:${cacheKey(r.source, r.flags)}`;
      const already = (cache[refutedKey] as { refuted: string[] } | undefined)?.refuted ?? [];
      const runs = r.engines.map((engine) => (already.includes(engine) ? { engine, survived: true, detail: 'cached' } : { engine, ...engineSurvives(r.source, r.flags, input, engine) }));
      const failed = runs.filter((x) => !x.survived);
      if (failed.length > 0) {
        confirmed.push(`${line}; the ${input.length}-character attack did not finish on ${failed.map((f) => `${f.engine} (${f.detail})`).join(', ')}`);
      } else {
        cache[refutedKey] = { refuted: r.engines };
        refuted.push(`${r.where}: recheck's fuzzer reported ${d.complexity.summary}; its attack pumped to ${input.length} characters finishes on ${r.engines.join(' and ')}`);
      }
    }
    if (process.env.CLAIMCHECK_REDOS_CACHE !== '0') {
      mkdirSync(path.dirname(CACHE_FILE), { recursive: true });
      writeFileSync(CACHE_FILE, JSON.stringify(cache));
    }

    const safe = all.length - unknown.length - confirmed.length - refuted.length;
    const summary =
      `regexes checked: ${all.length} (safe ${safe}, fuzzer reports refuted on the real engines ${refuted.length}, vulnerable ${confirmed.length}, undecided ${unknown.length}) — ` +
      `${typescript.regexes.length} in ${typescript.files} TypeScript files, ${grammar.regexes.length} in the grammar; ${verdicts.size} distinct, ${fromCache} verdicts cached; ` +
      `${grammar.skipped.length} grammar pattern(s) skipped as Oniguruma-only`;
    t.diagnostic(summary);
    console.log(summary);
    for (const s of grammar.skipped) t.diagnostic(`skipped: ${s}`);
    for (const s of refuted) t.diagnostic(`refuted: ${s}`);
    assert.deepEqual(confirmed, [], 'vulnerable regexes (exponential or polynomial backtracking)');
    assert.deepEqual(unknown, [], 'regexes recheck could not decide');
  });

  void test('the checker does flag catastrophic patterns, and a true attack does not finish (so a pass above means something)', { timeout: 10 * 60_000 }, async () => {
    process.env.RECHECK_BACKEND = 'pure';
    const nested = await check('^(a+)+$', '');
    assert.equal(nested.status, 'vulnerable');
    // The e-mail pattern mask.ts used before issue #8: quadratic on long runs without "@".
    const email = await check('[\\w.+-]+@[\\w-]+\\.[\\w.-]+', 'g');
    assert.equal(email.status, 'vulnerable');
    assert.equal((await check('<!--[\\s\\S]*?-->', 'g')).status, 'vulnerable');
    // Its attack, pumped, keeps V8 busy past even a short deadline (billions of steps), while the
    // linear pattern that replaced it goes through the same input at once: the re-examination
    // above tells real vulnerabilities from the fuzzer's false alarms.
    assert.ok(email.status === 'vulnerable');
    const input = pumpedAttack(email);
    const old = engineSurvives(email.source, email.flags, input, 'v8', 5_000);
    assert.equal(old.survived, false, `the pumped attack on the old e-mail pattern finished: ${old.detail}`);
    const linear = engineSurvives('[\\w-]+\\.[\\w.-]+', 'y', input, 'v8', 5_000);
    assert.equal(linear.survived, true, linear.detail);
  });
});
