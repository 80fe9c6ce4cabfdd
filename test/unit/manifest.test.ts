/**
 * Drift test: package.json (what VS Code shows and vsce packages) against the wire contract
 * (what the server and client actually implement).
 *
 * client/src/commands.ts imports 'vscode', which only exists inside VS Code, so it is read as
 * text here; the ids themselves come from `Commands.client` in server/src/contract.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CLAIM_KINDS, Commands, DEFAULT_LANGUAGES, DEFAULT_SETTINGS, type ClaimCheckSettings } from '../../server/src/contract';
import { parseSettings } from '../../server/src/settings';

const ROOT = path.resolve(__dirname, '..', '..');

interface ConfigurationProperty {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  items?: { type?: string; enum?: unknown[] };
  properties?: Record<string, unknown>;
}

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents?: string[];
  contributes: {
    languages: { id: string; extensions?: string[]; configuration?: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, ConfigurationProperty> };
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const PREFIX = 'claimcheck.';
/** Contributed by vscode-languageclient itself, not a server setting. */
const CLIENT_OWNED = new Set(['claimcheck.trace.server']);

const properties = manifest.contributes.configuration.properties;
const settingProperties = Object.entries(properties).filter(([key]) => key.startsWith(PREFIX) && !CLIENT_OWNED.has(key));
const settingKeys = Object.keys(DEFAULT_SETTINGS) as (keyof ClaimCheckSettings)[];

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

/** "^1.91.0" / "1.91.0" / "~1.91.0" → [1, 91, 0]; throws on anything else. */
function minimumVersion(range: string): [number, number, number] {
  const m = /^[\^~]?(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  assert.ok(m, `unsupported version range ${JSON.stringify(range)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

void describe('package.json contributes.configuration ↔ DEFAULT_SETTINGS', () => {
  void test('every claimcheck.* property is a setting whose default equals DEFAULT_SETTINGS', () => {
    assert.ok(settingProperties.length > 0, 'no claimcheck.* properties found');
    for (const [key, property] of settingProperties) {
      const name = key.slice(PREFIX.length);
      assert.ok(Object.hasOwn(DEFAULT_SETTINGS, name), `${key} in package.json has no key "${name}" in DEFAULT_SETTINGS`);
      assert.deepEqual(
        property.default,
        DEFAULT_SETTINGS[name as keyof ClaimCheckSettings],
        `${key}: package.json default differs from DEFAULT_SETTINGS.${name}`,
      );
    }
  });

  void test('every DEFAULT_SETTINGS key has a claimcheck.* property', () => {
    for (const key of settingKeys) {
      assert.ok(properties[`${PREFIX}${key}`], `DEFAULT_SETTINGS.${key} has no "${PREFIX}${key}" in contributes.configuration`);
    }
  });

  void test('the package.json defaults, read as a client would send them, parse without warnings', () => {
    const raw = Object.fromEntries(settingProperties.map(([key, p]) => [key.slice(PREFIX.length), p.default]));
    assert.deepEqual(parseSettings(raw), { settings: DEFAULT_SETTINGS, warnings: [] });
  });

  void test('the kind enums list exactly CLAIM_KINDS', () => {
    assert.deepEqual(properties['claimcheck.kinds'].items?.enum, [...CLAIM_KINDS], 'claimcheck.kinds items.enum');
    assert.deepEqual(
      sorted(Object.keys(properties['claimcheck.severity'].properties ?? {})),
      sorted(CLAIM_KINDS),
      'claimcheck.severity properties',
    );
  });
});

void describe('package.json contributes.commands ↔ client commands', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);
  const clientIds = Object.values(Commands.client) as string[];

  void test('the contributed commands are exactly Commands.client', () => {
    assert.equal(new Set(contributed).size, contributed.length, `duplicate command ids: ${contributed.join(', ')}`);
    assert.deepEqual(sorted(contributed), sorted(clientIds));
  });

  void test('every contributed command has category "ClaimCheck" and a title', () => {
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, 'ClaimCheck', `${c.command} category`);
      assert.ok(c.title.trim().length > 0, `${c.command} has no title`);
    }
  });

  void test('client/src/commands.ts registers exactly the Commands.client ids, by constant', () => {
    const source = readFileSync(path.join(ROOT, 'client', 'src', 'commands.ts'), 'utf8');
    const registered = [...source.matchAll(/\[\s*Commands\.client\.(\w+)\s*\]\s*:/g)].map((m) => m[1]);
    assert.deepEqual(sorted(registered), sorted(Object.keys(Commands.client)), 'keys of the command table in commands.ts');
    assert.doesNotMatch(source, /['"`]claimcheck\.[\w.]+['"`]/, 'commands.ts spells a command id as a string literal: use Commands.client');
  });

  void test('server commands (workspace/executeCommand) are not contributed to the palette', () => {
    for (const id of Object.values(Commands.server)) assert.ok(!contributed.includes(id), `${id} is contributed`);
  });
});

void describe('package.json languages, activation and engine', () => {
  void test('activation covers plaintext, markdown and news (every default language)', () => {
    const events = manifest.activationEvents ?? [];
    for (const language of ['plaintext', 'markdown', 'news', ...DEFAULT_LANGUAGES]) {
      assert.ok(events.includes(`onLanguage:${language}`), `activationEvents lacks onLanguage:${language}`);
    }
  });

  void test('contributes.languages declares news with the .news and .article extensions', () => {
    const news = manifest.contributes.languages.find((l) => l.id === 'news');
    assert.ok(news, 'no "news" language contributed');
    for (const extension of ['.news', '.article']) {
      assert.ok(news.extensions?.includes(extension), `news language lacks extension ${extension}`);
    }
  });

  void test('every contributed language configuration file exists', () => {
    for (const language of manifest.contributes.languages) {
      if (!language.configuration) continue;
      const file = path.join(ROOT, language.configuration);
      assert.ok(existsSync(file), `language configuration of "${language.id}" is missing: ${language.configuration}`);
    }
  });

  void test('every contributed grammar exists, is for a contributed language and declares its scopeName', () => {
    const languages = new Set(manifest.contributes.languages.map((l) => l.id));
    assert.ok(manifest.contributes.grammars.length > 0, 'no grammar contributed');
    for (const grammar of manifest.contributes.grammars) {
      assert.ok(languages.has(grammar.language), `grammar for undeclared language "${grammar.language}"`);
      const file = path.join(ROOT, grammar.path);
      assert.ok(existsSync(file), `grammar of "${grammar.language}" is missing: ${grammar.path}`);
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { scopeName?: string };
      assert.equal(parsed.scopeName, grammar.scopeName, `${grammar.path} scopeName`);
    }
  });

  void test('engines.vscode is a caret range at least ^1.80.0', () => {
    const range = manifest.engines.vscode;
    assert.match(range, /^\^\d+\.\d+\.\d+$/, `engines.vscode ${JSON.stringify(range)} is not a caret range`);
    assert.ok(compareVersions(minimumVersion(range), [1, 80, 0]) >= 0, `engines.vscode ${range} is older than 1.80.0`);
  });

  void test('@types/vscode is not newer than the engines.vscode minimum (vsce rejects that)', () => {
    const types = manifest.devDependencies['@types/vscode'];
    assert.ok(types, '@types/vscode missing from devDependencies');
    const engine = minimumVersion(manifest.engines.vscode);
    assert.ok(
      compareVersions(minimumVersion(types), engine) <= 0,
      `@types/vscode ${types} is newer than engines.vscode ${manifest.engines.vscode}`,
    );
  });
});
