/** parseSettings: whatever a client sends becomes complete, valid settings plus warnings. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLAIM_KINDS, DEFAULT_SETTINGS, type ClaimCheckSettings } from '../../server/src/contract';
import { parseSettings } from '../../server/src/settings';

/** A deep copy taken before any test runs, to prove parseSettings never mutates the defaults. */
const PRISTINE_DEFAULTS: ClaimCheckSettings = structuredClone(DEFAULT_SETTINGS);

void describe('parseSettings', () => {
  void test('undefined and null give the defaults without warnings', () => {
    for (const raw of [undefined, null]) {
      const { settings, warnings } = parseSettings(raw);
      assert.deepEqual(settings, DEFAULT_SETTINGS, `for ${String(raw)}`);
      assert.deepEqual(warnings, [], `for ${String(raw)}`);
    }
  });

  void test('an empty object gives the defaults without warnings', () => {
    assert.deepEqual(parseSettings({}), { settings: DEFAULT_SETTINGS, warnings: [] });
  });

  void test('garbage (not an object) gives the defaults and one warning', () => {
    for (const raw of [42, 'enable', true, [], ['enable', false], () => 1]) {
      const { settings, warnings } = parseSettings(raw);
      assert.deepEqual(settings, DEFAULT_SETTINGS, `for ${String(raw)}`);
      assert.equal(warnings.length, 1, `for ${String(raw)}: ${JSON.stringify(warnings)}`);
      assert.match(warnings[0], /object/);
    }
  });

  void test('a valid complete object is taken as is', () => {
    const raw: ClaimCheckSettings = {
      enable: false,
      languages: ['markdown'],
      kinds: ['money', 'percentage'],
      minScore: 0.5,
      severity: {
        quantity: 'hint',
        percentage: 'error',
        money: 'warning',
        change: 'none',
        comparison: 'information',
        temporal: 'hint',
        event: 'none',
      },
      statusSeverity: { verified: 'none', disputed: 'error', false: 'error', 'needs-context': 'hint', dismissed: 'hint' },
      run: 'onSave',
      debounceMs: 0,
      maxFileSize: 1000,
      maxDiagnostics: 1,
      exclude: ['**/drafts/**'],
      notesLocation: 'sidecar',
      changedSince: 'origin/main',
    };
    assert.deepEqual(parseSettings(raw), { settings: raw, warnings: [] });
  });

  void test('changedSince: a ref git could take for an option, or with white space, is refused', () => {
    for (const ref of ['--output=/tmp/x', '-p', 'main branch', 'HEAD\n']) {
      const { settings, warnings } = parseSettings({ changedSince: ref });
      assert.equal(settings.changedSince, '', `for ${JSON.stringify(ref)}`);
      assert.match(warnings.join('\n'), /claimcheck\.changedSince: invalid value/);
    }
    for (const ref of ['HEAD~3', 'origin/main', 'v1.2', 'HEAD@{1}', '9fceb02']) assert.equal(parseSettings({ changedSince: ref }).settings.changedSince, ref);
  });

  void test('statusSeverity merges with the defaults and rejects unknown statuses', () => {
    const { settings, warnings } = parseSettings({ statusSeverity: { verified: 'none', sort_of: 'hint', disputed: 'loud' } });
    assert.equal(settings.statusSeverity.verified, 'none');
    assert.equal(settings.statusSeverity.disputed, 'warning', 'an invalid level keeps the default');
    assert.equal(settings.statusSeverity.dismissed, 'none');
    assert.ok(warnings.some((w) => w.includes('sort_of')), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes('statusSeverity.disputed')), warnings.join('\n'));
  });

  void test('a wrong type falls back to the default and warns, naming the key', () => {
    const { settings, warnings } = parseSettings({ maxDiagnostics: 'lots' });
    assert.equal(settings.maxDiagnostics, DEFAULT_SETTINGS.maxDiagnostics);
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /claimcheck\.maxDiagnostics/);
    assert.deepEqual({ ...settings, maxDiagnostics: DEFAULT_SETTINGS.maxDiagnostics }, DEFAULT_SETTINGS, 'other keys untouched');
  });

  void test('each invalid key falls back on its own, with one warning per key', () => {
    const raw = {
      enable: 'yes',
      languages: 'markdown',
      minScore: 2,
      run: 'always',
      debounceMs: -1,
      maxFileSize: Number.NaN,
      maxDiagnostics: 0,
      exclude: [1, 2],
      kinds: 'money',
    };
    const { settings, warnings } = parseSettings(raw);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    for (const key of Object.keys(raw)) {
      assert.ok(
        warnings.some((w) => w.includes(`claimcheck.${key}`)),
        `no warning naming claimcheck.${key}: ${JSON.stringify(warnings)}`,
      );
    }
    assert.equal(warnings.length, Object.keys(raw).length, JSON.stringify(warnings));
  });

  void test('numbers at the documented bounds are accepted', () => {
    const { settings, warnings } = parseSettings({ minScore: 1, debounceMs: 10_000, maxDiagnostics: 100_000, maxFileSize: 0 });
    assert.deepEqual(warnings, []);
    assert.equal(settings.minScore, 1);
    assert.equal(settings.debounceMs, 10_000);
    assert.equal(settings.maxDiagnostics, 100_000);
    assert.equal(settings.maxFileSize, 0);
  });

  void test('a partial severity map merges with the defaults', () => {
    const { settings, warnings } = parseSettings({ severity: { percentage: 'error', money: 'none' } });
    assert.deepEqual(warnings, []);
    assert.deepEqual(settings.severity, { ...DEFAULT_SETTINGS.severity, percentage: 'error', money: 'none' });
    assert.equal(DEFAULT_SETTINGS.severity.percentage, PRISTINE_DEFAULTS.severity.percentage, 'the defaults are not mutated');
  });

  void test('a bad severity entry is dropped with a warning; the valid entries still apply', () => {
    const { settings, warnings } = parseSettings({ severity: { money: 'loud', rumour: 'error', change: 'warning' } });
    assert.deepEqual(settings.severity, { ...DEFAULT_SETTINGS.severity, change: 'warning' });
    assert.equal(warnings.length, 2, JSON.stringify(warnings));
    assert.ok(warnings.some((w) => w.includes('claimcheck.severity.money')), JSON.stringify(warnings));
    assert.ok(warnings.some((w) => w.includes('rumour')), JSON.stringify(warnings));
  });

  void test('a severity that is not an object gives the default map and a warning', () => {
    const { settings, warnings } = parseSettings({ severity: 'error' });
    assert.deepEqual(settings.severity, DEFAULT_SETTINGS.severity);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /claimcheck\.severity/);
  });

  void test('an unknown kind in `kinds` gives the default kinds and a warning', () => {
    const { settings, warnings } = parseSettings({ kinds: ['percentage', 'rumour'] });
    assert.deepEqual(settings.kinds, [...CLAIM_KINDS]);
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /claimcheck\.kinds/);
  });

  void test('a subset of kinds is kept in the given order', () => {
    assert.deepEqual(parseSettings({ kinds: ['money', 'quantity'] }).settings.kinds, ['money', 'quantity']);
  });

  void test('unknown keys are ignored', () => {
    assert.deepEqual(parseSettings({ colour: 'red', trace: { server: 'verbose' } }).settings, DEFAULT_SETTINGS);
  });

  void test('parsing never mutates DEFAULT_SETTINGS', () => {
    parseSettings({ severity: { quantity: 'error' }, kinds: ['money'] });
    parseSettings({ maxDiagnostics: 'lots' });
    assert.deepEqual(DEFAULT_SETTINGS, PRISTINE_DEFAULTS);
  });
});

void test(
  'the parsed settings do not share arrays with DEFAULT_SETTINGS',
  () => {
    const { settings } = parseSettings(undefined);
    assert.notEqual(settings.languages, DEFAULT_SETTINGS.languages);
    assert.notEqual(settings.kinds, DEFAULT_SETTINGS.kinds);
    assert.notEqual(settings.exclude, DEFAULT_SETTINGS.exclude);
  },
);
