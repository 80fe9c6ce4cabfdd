/**
 * The bundles ship other people's code; their licences ask for their notices to travel with it.
 * Checked on the build (`npm run build` first): every npm package whose files are in a shipped
 * bundle, as its source map lists them, has a section with a licence in
 * out/THIRD_PARTY_NOTICES.txt, and the package's `files` ship that file.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const NOTICES = path.join(ROOT, 'out', 'THIRD_PARTY_NOTICES.txt');
const SHIPPED_BUNDLES = ['out/client.js', 'out/lib/server.js', 'out/lib/cli.js'];

/** npm package names in a bundle, from the source paths its map lists. */
function packagesIn(bundle: string): Set<string> {
  const map = JSON.parse(readFileSync(path.join(ROOT, `${bundle}.map`), 'utf8')) as { sources: string[] };
  const names = new Set<string>();
  for (const source of map.sources) {
    const parts = source.split('/');
    const at = parts.lastIndexOf('node_modules');
    if (at < 0) continue;
    names.add(parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]);
  }
  return names;
}

void describe('third-party notices', () => {
  void test('every package in a shipped bundle has its licence in out/THIRD_PARTY_NOTICES.txt', () => {
    assert.ok(existsSync(NOTICES), 'out/THIRD_PARTY_NOTICES.txt: run npm run build first');
    const text = readFileSync(NOTICES, 'utf8');
    // Each section: "<name> <version> (<licence>)", a rule, the licence text.
    const sections = new Map<string, string>();
    for (const part of text.split(/\n(?=\S+ \d[^\n]* \([^\n]*\)\n-{72}\n)/)) {
      const match = /^(\S+) \d[^\n]* \(([^\n]*)\)\n-{72}\n([\s\S]*)$/.exec(part.trim());
      if (match) sections.set(match[1], match[3]);
    }
    const bundled = new Set(SHIPPED_BUNDLES.flatMap((b) => [...packagesIn(b)]));
    assert.ok(bundled.has('wink-nlp') && bundled.has('isomorphic-git') && bundled.has('diff'), [...bundled].join(', '));
    const missing = [...bundled].filter((name) => !sections.has(name));
    assert.deepEqual(missing, [], 'bundled packages without a notice');
    const empty = [...sections].filter(([, licence]) => !/licen[cs]|permission|copyright/i.test(licence)).map(([name]) => name);
    assert.deepEqual(empty, [], 'notices without a licence text');
  });

  void test('the package ships the notices', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    assert.ok(manifest.files.includes('out/THIRD_PARTY_NOTICES.txt'), manifest.files.join(', '));
  });
});
