/**
 * Issue #8, Restricted Mode and no telemetry, checked on the manifest and the sources:
 *
 * - package.json declares `capabilities.untrustedWorkspaces` (supported, with a description);
 *   no setting names a program, path, command line or environment — a workspace could point
 *   such a setting at its own code — unless Restricted Mode ignores it (`restrictedConfigurations`);
 * - the extension (client/src and server/src, the CLI aside) never evaluates code (eval,
 *   new Function, vm), loads no module from a computed path, and starts no process;
 * - no telemetry and no networking anywhere in the product: no telemetry or analytics package,
 *   no import of a networking module, no fetch/WebSocket/telemetry API. At run time the same is
 *   shown by test/unit/network.test.ts (every networking call trapped).
 *
 * Sources are read with the TypeScript compiler API, not with regexes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { tsFiles } from './robustSupport';

const ROOT = path.resolve(__dirname, '..', '..');

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: unknown; restrictedConfigurations?: string[] } };
  contributes?: { configuration?: { properties?: Record<string, unknown> } };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

interface SourceFacts {
  file: string;
  imports: string[];
  /** Calls and constructions by name: eval, Function, fetch, require with a computed path, ... */
  findings: string[];
}

const NETWORK_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls', 'dns', 'dgram', 'undici', 'ws', 'axios', 'node-fetch', 'got']);
const PROCESS_MODULES = new Set(['child_process', 'vm', 'worker_threads', 'cluster']);
/** The one module allowed node:vm: it compiles the server's or the CLI's own bundle with V8's code cache. */
const BUNDLE_RUNNER = 'server/src/boot/codeCache.ts';
const FORBIDDEN_CALLS = new Set(['eval', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'Function', 'createTelemetryLogger', 'TelemetryReporter']);

function bare(specifier: string): string {
  return specifier.replace(/^node:/, '').split('/')[0];
}

function factsOf(full: string): SourceFacts {
  return factsOfText(path.relative(ROOT, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
}

function factsOfText(file: string, text: string): SourceFacts {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const imports: string[] = [];
  const findings: string[] = [];
  const at = (n: ts.Node): string => `${file}:${source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1}`;
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      imports.push(n.moduleSpecifier.text);
    } else if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const first = n.arguments?.[0];
      if (name === 'require' || callee.kind === ts.SyntaxKind.ImportKeyword) {
        if (first && ts.isStringLiteral(first)) imports.push(first.text);
        else findings.push(`${at(n)}: ${name || 'import'}() of a computed path`);
      } else if (FORBIDDEN_CALLS.has(name) && (ts.isIdentifier(callee) || name.startsWith('create') || name === 'TelemetryReporter')) {
        findings.push(`${at(n)}: ${name}(...)`);
      }
    } else if (ts.isPropertyAccessExpression(n) && n.name.text === 'telemetry' && n.expression.getText(source).endsWith('connection')) {
      findings.push(`${at(n)}: connection.telemetry`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return { file, imports, findings };
}

const ALL_SOURCES = ['client/src', 'server/src'].flatMap((d) => tsFiles(path.join(ROOT, d))).map(factsOf);
/** What runs in VS Code: the extension client and the language server (the CLI is a separate program). */
const EXTENSION_SOURCES = ALL_SOURCES.filter((f) => !f.file.startsWith('server/src/cli/'));

void describe('Restricted Mode (untrusted workspaces)', () => {
  void test('package.json declares capabilities.untrustedWorkspaces: supported, with a description', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(untrusted, 'capabilities.untrustedWorkspaces is missing');
    assert.equal(untrusted.supported, true);
    assert.equal(typeof untrusted.description, 'string');
    assert.ok((untrusted.description as string).length > 20, 'the description says what ClaimCheck does in Restricted Mode');
    assert.match(untrusted.description as string, /no code from the workspace|runs no code|executes no/i);
  });

  void test('no setting could point at a program, path or command line without being restricted', () => {
    const properties = Object.keys(manifest.contributes?.configuration?.properties ?? {});
    assert.ok(properties.length > 5, 'settings not found in package.json');
    const restricted = new Set(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);
    const risky = properties.filter((p) => /path|command|executable|program|args|env|shell|script/i.test(p.replace(/^claimcheck\./, '')) && !restricted.has(p));
    assert.deepEqual(risky, [], 'settings that name programs or paths must be listed in restrictedConfigurations');
  });

  void test('the extension never evaluates code or loads a module from a computed path', () => {
    const found = EXTENSION_SOURCES.flatMap((f) => f.findings.filter((x) => !/fetch|WebSocket|XMLHttpRequest|EventSource|Telemetry|telemetry/.test(x)));
    assert.deepEqual(found, []);
    const evaluators = EXTENSION_SOURCES.filter((f) => f.file !== BUNDLE_RUNNER).flatMap((f) => f.imports.filter((i) => bare(i) === 'vm').map((i) => `${f.file}: ${i}`));
    assert.deepEqual(evaluators, []);
  });

  void test('node:vm compiles only the bundles shipped with ClaimCheck (the code cache of its launchers)', () => {
    const callers = ALL_SOURCES.filter((f) => f.file !== BUNDLE_RUNNER && readFileSync(path.join(ROOT, f.file), 'utf8').includes('runBundle('));
    assert.deepEqual(callers.map((f) => f.file).sort(), ['server/src/boot/cliEntry.ts', 'server/src/boot/serverEntry.ts']);
    for (const { file } of callers) {
      const calls = readFileSync(path.join(ROOT, file), 'utf8').match(/runBundle\((.*?), codeCacheDir/g) ?? [];
      assert.equal(calls.length, 1, file);
      assert.match(calls[0], /^runBundle\(path\.join\(__dirname, 'lib', '(server|cli)\.js'\), codeCacheDir/, `${file}: a fixed file beside the launcher`);
    }
  });

  void test(
    'the extension starts no process (a program started in a workspace folder can be the workspace\'s own: on Windows a git.exe there runs first)',
    () => {
      const spawners = EXTENSION_SOURCES.flatMap((f) =>
        f.imports
          .filter((i) => PROCESS_MODULES.has(bare(i)) && bare(i) !== 'worker_threads' && !(f.file === BUNDLE_RUNNER && bare(i) === 'vm'))
          .map((i) => `${f.file}: ${i}`),
      );
      assert.deepEqual(spawners, []);
    },
  );
});

void describe('no telemetry, no networking in the product', () => {
  void test('no telemetry or analytics package among the dependencies', () => {
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies });
    const telemetry = names.filter((n) => /telemetry|applicationinsights|analytics|sentry|segment|mixpanel|amplitude|posthog|datadog|newrelic|bugsnag|rollbar/i.test(n));
    assert.deepEqual(telemetry, []);
  });

  void test('no source imports a networking module or calls fetch, WebSocket or a telemetry API (client, server and CLI)', () => {
    assert.ok(ALL_SOURCES.length > 30, `only ${ALL_SOURCES.length} source files found`);
    const network = ALL_SOURCES.flatMap((f) => f.imports.filter((i) => NETWORK_MODULES.has(bare(i))).map((i) => `${f.file}: import ${i}`));
    const calls = ALL_SOURCES.flatMap((f) => f.findings.filter((x) => /fetch|WebSocket|XMLHttpRequest|EventSource|Telemetry|telemetry/.test(x)));
    assert.deepEqual([...network, ...calls], []);
  });

  void test('the checks above do see what they look for', () => {
    const facts = factsOfText(
      'probe.ts',
      [
        "import http from 'node:http';",
        "import { execFile } from 'child_process';",
        "eval('1');",
        "new Function('return 1');",
        "void fetch('https://example.com');",
        'require(name);',
        'void import(name);',
        'connection.telemetry.logEvent({});',
        'vscode.env.createTelemetryLogger(sender);',
      ].join('\n'),
    );
    assert.deepEqual(facts.imports, ['node:http', 'child_process']);
    assert.deepEqual(facts.findings, [
      'probe.ts:3: eval(...)',
      'probe.ts:4: Function(...)',
      'probe.ts:5: fetch(...)',
      'probe.ts:6: require() of a computed path',
      'probe.ts:7: import() of a computed path',
      'probe.ts:8: connection.telemetry',
      'probe.ts:9: createTelemetryLogger(...)',
    ]);
  });
});
