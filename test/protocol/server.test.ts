/**
 * Protocol tests of the real language server: the built bundle `out/server.js`, spawned with
 * `--stdio` exactly as Neovim and Helix run it (run `npm run build` first), plus one in-process
 * run over in-memory streams.
 *
 * Assertions hold for any real claim engine: they name claims that must be found ("30 countries",
 * "90%"), never the exact list or count of claims. Positions are found by searching the text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  MarkupKind,
  TextDocumentSyncKind,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type MarkupContent,
  type Position,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import {
  applyChanges,
  offsetAt,
  offsetOf,
  positionAt,
  positionOf,
  rangeOf,
  REPO_ROOT,
  spawnServer,
  startInProcessServer,
  textOf,
  waitFor,
  type LspClient,
} from './lspClient';

const SAMPLE_PATH = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'sample-article.news');
const SAMPLE = readFileSync(SAMPLE_PATH, 'utf8');
const SAMPLE_URI = pathToFileURL(SAMPLE_PATH).href;

/** A fresh URI per test, so tests sharing one server never see each other's documents. */
let uriCounter = 0;
function freshUri(name: string, extension = 'news'): string {
  uriCounter++;
  return `file:///claimcheck-protocol-tests/${uriCounter}-${name}.${extension}`;
}

/** The text each diagnostic's range covers in `text`. */
function rangeTexts(text: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => textOf(text, d.range));
}

function describeDiagnostics(text: string, diagnostics: Diagnostic[]): string {
  if (diagnostics.length === 0) return '(no diagnostics)';
  return diagnostics
    .map((d) => `  ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${JSON.stringify(textOf(text, d.range))} ${String(d.code)}`)
    .join('\n');
}

/** The first diagnostic whose range text contains `needle`; fails with the full list otherwise. */
function diagnosticCovering(client: LspClient, text: string, diagnostics: Diagnostic[], needle: string): Diagnostic {
  const found = diagnostics.find((d) => textOf(text, d.range).includes(needle));
  assert.ok(
    found,
    client.explain(`no diagnostic whose range text contains ${JSON.stringify(needle)}; got:\n${describeDiagnostics(text, diagnostics)}`),
  );
  return found;
}

/** A diagnostic's message as text (LSP 3.18 allows markup content there). */
function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** A position inside `needle` (one code unit in), so hover tests do not sit on a boundary. */
function inside(text: string, needle: string, occurrence = 0): Position {
  return positionAt(text, offsetOf(text, needle, occurrence) + 1);
}

function markdownOf(client: LspClient, hover: Hover | null): string {
  assert.ok(hover, client.explain('expected a hover, got null'));
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown, client.explain(`hover is not markdown: ${JSON.stringify(hover.contents)}`));
  return contents.value;
}

function assertClaimCheckDiagnostics(client: LspClient, text: string, diagnostics: Diagnostic[]): void {
  assert.ok(diagnostics.length > 0, client.explain('expected ClaimCheck diagnostics, got none'));
  for (const d of diagnostics) {
    const where = `${JSON.stringify(textOf(text, d.range))} (${JSON.stringify(d)})`;
    assert.equal(d.source, 'ClaimCheck', client.explain(`diagnostic source for ${where}`));
    assert.ok(typeof d.code === 'string' && d.code.startsWith('claim.'), client.explain(`diagnostic code for ${where}`));
    assert.ok(offsetAt(text, d.range.start) <= offsetAt(text, d.range.end), client.explain(`inverted range for ${where}`));
  }
}

void describe('test helpers: positions', () => {
  void test('positionOf counts UTF-16 code units and treats \\r\\n, \\n and \\r as one line break each', () => {
    const text = 'a🎉b\r\nc\nd\re 12%';
    assert.deepEqual(positionOf(text, 'b'), { line: 0, character: 3 });
    assert.deepEqual(positionOf(text, 'c'), { line: 1, character: 0 });
    assert.deepEqual(positionOf(text, 'd'), { line: 2, character: 0 });
    assert.deepEqual(positionOf(text, '12%'), { line: 3, character: 2 });
    assert.equal(textOf(text, rangeOf(text, '12%')), '12%');
    assert.equal(offsetAt(text, { line: 0, character: 99 }), offsetOf(text, '\r\n'), 'clamped before the line break');
  });

  void test('positionOf finds the n-th occurrence and throws when there is none', () => {
    assert.deepEqual(positionOf('x\nx\nx', 'x', 2), { line: 2, character: 0 });
    assert.throws(() => positionOf('abc', 'z'), /not found/);
  });

  void test('applyChanges applies incremental changes in order', () => {
    const text = 'one\r\ntwo\nthree';
    const changes: TextDocumentContentChangeEvent[] = [
      { range: rangeOf(text, 'two'), text: '2' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'zero\n' },
    ];
    assert.equal(applyChanges(text, changes), 'zero\none\r\n2\nthree');
  });
});

void describe('ClaimCheck language server over stdio (out/server.js --stdio)', () => {
  let client: LspClient;
  let init: InitializeResult;

  before(async () => {
    client = spawnServer();
    init = await client.initialize({ configuration: true, settings: {} });
  });

  after(() => client.dispose());

  void test('initialize: incremental sync, pull diagnostics, hover, server name', () => {
    const { capabilities, serverInfo } = init;
    const sync = capabilities.textDocumentSync;
    const change = typeof sync === 'number' ? sync : sync?.change;
    assert.equal(change, TextDocumentSyncKind.Incremental, client.explain(`textDocumentSync is ${JSON.stringify(sync)}`));
    assert.ok(capabilities.diagnosticProvider, client.explain('no diagnosticProvider'));
    assert.ok(capabilities.hoverProvider, client.explain('no hoverProvider'));
    assert.equal(serverInfo?.name, 'claimcheck-language-server');
  });

  void test('didOpen + pull: the sample article has ClaimCheck claim diagnostics on "30 countries" and "90%"', async () => {
    await client.open(SAMPLE_URI, 'news', SAMPLE);
    const diagnostics = await client.pullDiagnostics(SAMPLE_URI);
    assertClaimCheckDiagnostics(client, SAMPLE, diagnostics);
    diagnosticCovering(client, SAMPLE, diagnostics, '30 countries');
    diagnosticCovering(client, SAMPLE, diagnostics, '90%');
    assert.ok(
      diagnostics.every((d) => d.code !== 'claim.skipped' && d.code !== 'claim.cap'),
      client.explain('the sample is neither skipped nor capped with default settings'),
    );
  });

  void test('the claimcheck/documentSummary notification reports claims for the sample', async () => {
    const uri = freshUri('summary');
    await client.open(uri, 'news', SAMPLE);
    await client.pullDiagnostics(uri);
    const summary = await waitFor(
      () => client.summaries.find((s) => s.uri === uri),
      2_000,
      () => client.explain(`a documentSummary for ${uri}; got ${JSON.stringify(client.summaries)}`),
    );
    assert.ok(summary.claims > 0, client.explain(`summary.claims is ${summary.claims}`));
    assert.equal(summary.skipped, null);
    assert.equal(summary.version, 1);
    const requested = await client.getDocumentSummary(uri);
    assert.ok(requested && requested.claims === summary.claims, client.explain(`getDocumentSummary: ${JSON.stringify(requested)}`));
  });

  void test('hover on a claim ("90%") is markdown naming ClaimCheck, for the same range as its diagnostic', async () => {
    const uri = freshUri('hover');
    await client.open(uri, 'news', SAMPLE);
    const diagnostic = diagnosticCovering(client, SAMPLE, await client.pullDiagnostics(uri), '90%');
    const hover = await client.hover(uri, inside(SAMPLE, '90%'));
    const markdown = markdownOf(client, hover);
    assert.ok(markdown.includes('ClaimCheck'), client.explain(`hover lacks "ClaimCheck":\n${markdown}`));
    if (hover?.range) assert.deepEqual(hover.range, diagnostic.range, 'hover and diagnostic describe the same claim');
  });

  void test('hover on a percentage claim names the Percentage kind', async () => {
    const text = 'Turnout was 64% in the last election.';
    const uri = freshUri('hover-percentage', 'txt');
    await client.open(uri, 'plaintext', text);
    const markdown = markdownOf(client, await client.hover(uri, inside(text, '64%')));
    assert.ok(markdown.includes('ClaimCheck'), client.explain(`hover lacks "ClaimCheck":\n${markdown}`));
    assert.ok(markdown.includes('Percentage'), client.explain(`hover lacks "Percentage":\n${markdown}`));
  });

  void test('hover on a word that is not a claim returns null', async () => {
    const uri = freshUri('hover-null');
    await client.open(uri, 'news', SAMPLE);
    assert.equal(await client.hover(uri, inside(SAMPLE, 'Share')), null);
  });

  void test('incremental didChange inserting a sentence: the new claim appears at the right place, old claims move with the text', async () => {
    const uri = freshUri('insert');
    await client.open(uri, 'news', SAMPLE);
    const before = await client.pullDiagnostics(uri);
    const old90 = diagnosticCovering(client, SAMPLE, before, '90%');
    const old30 = diagnosticCovering(client, SAMPLE, before, '30 countries');

    const inserted = 'Exactly 75% of readers agree. ';
    const at = positionOf(SAMPLE, 'Meanwhile, the US cuts');
    const changes: TextDocumentContentChangeEvent[] = [{ range: { start: at, end: at }, text: inserted }];
    const text = applyChanges(SAMPLE, changes);
    await client.change(uri, 2, changes);
    const after = await client.pullDiagnostics(uri);
    assertClaimCheckDiagnostics(client, text, after);

    const new75 = diagnosticCovering(client, text, after, '75%');
    const sentenceStart = offsetAt(text, at);
    assert.ok(
      offsetAt(text, new75.range.start) >= sentenceStart && offsetAt(text, new75.range.end) <= sentenceStart + inserted.length,
      client.explain(`the 75% diagnostic lies outside the inserted sentence:\n${describeDiagnostics(text, after)}`),
    );

    // Claims after the insertion, on the same line, shift right by its length; earlier ones stay.
    const new90 = diagnosticCovering(client, text, after, '90%');
    assert.equal(textOf(text, new90.range), textOf(SAMPLE, old90.range));
    assert.deepEqual(new90.range, {
      start: { line: old90.range.start.line, character: old90.range.start.character + inserted.length },
      end: { line: old90.range.end.line, character: old90.range.end.character + inserted.length },
    });
    const new30 = diagnosticCovering(client, text, after, '30 countries');
    assert.deepEqual(new30.range, old30.range);
  });

  void test('incremental didChange deleting a claim sentence removes its diagnostic and keeps the others', async () => {
    const uri = freshUri('delete');
    await client.open(uri, 'news', SAMPLE);
    const sentence = 'Spain endured the worst fire season on record as blazes ravaged the northwest, burning more than 400,000 hectares.';
    const before = await client.pullDiagnostics(uri);
    diagnosticCovering(client, SAMPLE, before, '400,000');

    const changes: TextDocumentContentChangeEvent[] = [{ range: rangeOf(SAMPLE, sentence), text: '' }];
    const text = applyChanges(SAMPLE, changes);
    await client.change(uri, 2, changes);
    const after = await client.pullDiagnostics(uri);
    assert.ok(
      !rangeTexts(text, after).some((t) => t.includes('400,000')),
      client.explain(`the deleted claim is still reported:\n${describeDiagnostics(text, after)}`),
    );
    diagnosticCovering(client, text, after, '90%');
    diagnosticCovering(client, text, after, '30 countries');
  });

  void test('several incremental changes in one notification, across lines, are applied in order', async () => {
    const uri = freshUri('multi-change');
    await client.open(uri, 'news', SAMPLE);
    const first = 'Exactly 75% of readers agree.\n\n';
    const changes1: TextDocumentContentChangeEvent[] = [
      { range: { start: positionOf(SAMPLE, 'Spain endured'), end: positionOf(SAMPLE, 'Spain endured') }, text: first },
    ];
    const afterFirst = applyChanges(SAMPLE, changes1);
    // The second change's range is in the coordinates of the text after the first change.
    const changes = [...changes1, { range: rangeOf(afterFirst, 'over 90%'), text: 'over 95%' }];
    const text = applyChanges(SAMPLE, changes);
    await client.change(uri, 2, changes);
    const diagnostics = await client.pullDiagnostics(uri);
    assertClaimCheckDiagnostics(client, text, diagnostics);
    diagnosticCovering(client, text, diagnostics, '75%');
    diagnosticCovering(client, text, diagnostics, '95%');
    diagnosticCovering(client, text, diagnostics, '400,000');
    assert.ok(!rangeTexts(text, diagnostics).some((t) => t.includes('90%')), client.explain('"90%" was replaced'));
  });

  void test('CRLF document: ranges slice the same claim texts as with LF', async () => {
    const crlf = SAMPLE.replace(/\r?\n/g, '\r\n');
    const lf = SAMPLE.replace(/\r\n/g, '\n');
    const crlfUri = freshUri('crlf');
    const lfUri = freshUri('lf');
    await client.open(crlfUri, 'news', crlf);
    await client.open(lfUri, 'news', lf);
    const crlfDiagnostics = await client.pullDiagnostics(crlfUri);
    const lfDiagnostics = await client.pullDiagnostics(lfUri);
    assertClaimCheckDiagnostics(client, crlf, crlfDiagnostics);
    const d90 = diagnosticCovering(client, crlf, crlfDiagnostics, '90%');
    diagnosticCovering(client, crlf, crlfDiagnostics, '30 countries');
    assert.ok(!rangeTexts(crlf, crlfDiagnostics).some((t) => t.includes('\r')), 'no range ends inside a CRLF');
    assert.deepEqual(
      rangeTexts(crlf, crlfDiagnostics).sort(),
      rangeTexts(lf, lfDiagnostics).sort(),
      client.explain('CRLF and LF versions of the sample should yield the same claim texts'),
    );
    // Same line numbers as the LF version: CRLF counts as one line break.
    assert.equal(d90.range.start.line, positionOf(lf, '90%').line);
    const hover = await client.hover(crlfUri, inside(crlf, '90%'));
    markdownOf(client, hover);
    if (hover?.range) assert.ok(textOf(crlf, hover.range).includes('90%'));
  });

  void test('astral emoji before a claim: the range slices exactly "12%" in UTF-16 code units', async () => {
    const plain = 'Quarterly results\nTurnout was 12% in 2024, officials said.\n';
    const emoji = 'Quarterly results\n🎉 Turnout was 12% in 2024, officials said.\n';
    const shift = '🎉 '.length; // 3 UTF-16 code units (2 for the emoji) — 2 code points, 5 UTF-8 bytes
    const plainUri = freshUri('no-emoji', 'txt');
    const emojiUri = freshUri('emoji', 'txt');
    await client.open(plainUri, 'plaintext', plain);
    await client.open(emojiUri, 'plaintext', emoji);
    const withoutEmoji = await client.pullDiagnostics(plainUri);
    const withEmoji = await client.pullDiagnostics(emojiUri);
    assertClaimCheckDiagnostics(client, emoji, withEmoji);

    const exact = withEmoji.find((d) => textOf(emoji, d.range) === '12%');
    assert.ok(exact, client.explain(`no diagnostic whose range is exactly "12%":\n${describeDiagnostics(emoji, withEmoji)}`));
    assert.deepEqual(exact.range, rangeOf(emoji, '12%'));

    // Every claim on the emoji line is the same claim as without the emoji, shifted by 3 code units.
    assert.deepEqual(rangeTexts(emoji, withEmoji), rangeTexts(plain, withoutEmoji));
    const shifted = withoutEmoji.map((d) => {
      const move = (p: Position): Position => (p.line === 1 ? { line: 1, character: p.character + shift } : p);
      return { start: move(d.range.start), end: move(d.range.end) };
    });
    assert.deepEqual(
      withEmoji.map((d) => d.range),
      shifted,
      client.explain(`ranges with the emoji:\n${describeDiagnostics(emoji, withEmoji)}`),
    );
  });

  void test('pulling diagnostics for a document that was never opened returns an empty report', async () => {
    assert.deepEqual(await client.pullDiagnostics(freshUri('never-opened')), []);
  });

  // Last: ends this describe's server.
  void test('shutdown + exit ends the server process with code 0', async () => {
    await client.shutdown(); // asserts the exit code, with stderr in the message
  });
});

void describe('settings via workspace/configuration (a VS Code-like client)', () => {
  let client: LspClient;
  const small = 'Sales rose 12% in 2024.';

  before(async () => {
    client = spawnServer();
    await client.initialize({ configuration: true, settings: {} });
  });

  after(async () => {
    try {
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });

  void test('the server asks for the claimcheck section, scoped to the document', async () => {
    await client.setSettings({});
    const uri = freshUri('scope');
    await client.open(uri, 'news', SAMPLE);
    await client.pullDiagnostics(uri);
    const items = client.configurationRequests.flatMap((r) => r.items);
    assert.ok(
      items.some((item) => item.section === 'claimcheck' && item.scopeUri === uri),
      client.explain(`configuration requests: ${JSON.stringify(client.configurationRequests)}`),
    );
  });

  void test('{enable: false}: the pull returns no diagnostics and no hover', async () => {
    await client.setSettings({ enable: false });
    const uri = freshUri('disabled');
    await client.open(uri, 'news', SAMPLE);
    assert.deepEqual(await client.pullDiagnostics(uri), []);
    assert.equal(await client.hover(uri, inside(SAMPLE, '90%')), null);
  });

  void test("{languages: ['markdown']}: a plaintext document gets none, a markdown one still gets claims", async () => {
    await client.setSettings({ languages: ['markdown'] });
    const plain = freshUri('plain', 'txt');
    const markdown = freshUri('markdown', 'md');
    await client.open(plain, 'plaintext', SAMPLE);
    await client.open(markdown, 'markdown', SAMPLE);
    assert.deepEqual(await client.pullDiagnostics(plain), []);
    diagnosticCovering(client, SAMPLE, await client.pullDiagnostics(markdown), '90%');
  });

  void test('{maxFileSize: 100}: a longer document gets exactly one information diagnostic mentioning maxFileSize', async () => {
    await client.setSettings({ maxFileSize: 100 });
    assert.ok(SAMPLE.length > 100);
    const uri = freshUri('too-large');
    await client.open(uri, 'news', SAMPLE);
    const diagnostics = await client.pullDiagnostics(uri);
    assert.equal(diagnostics.length, 1, client.explain(`got:\n${describeDiagnostics(SAMPLE, diagnostics)}`));
    const [only] = diagnostics;
    assert.equal(only.severity, DiagnosticSeverity.Information);
    assert.equal(only.source, 'ClaimCheck');
    assert.match(messageOf(only), /maxFileSize/);
    const summary = client.summaries.find((s) => s.uri === uri);
    assert.ok(summary?.skipped, client.explain(`summary should say why it was skipped: ${JSON.stringify(summary)}`));

    const smallUri = freshUri('small-enough');
    await client.open(smallUri, 'news', small);
    diagnosticCovering(client, small, await client.pullDiagnostics(smallUri), '12%');
  });

  void test('{maxDiagnostics: 1}: one claim plus one summary diagnostic naming the setting', async () => {
    await client.setSettings({ maxDiagnostics: 1 });
    const uri = freshUri('capped');
    await client.open(uri, 'news', SAMPLE);
    const diagnostics = await client.pullDiagnostics(uri);
    assert.equal(diagnostics.length, 2, client.explain(`got:\n${describeDiagnostics(SAMPLE, diagnostics)}`));
    assert.equal(diagnostics[1].code, 'claim.cap');
    assert.match(messageOf(diagnostics[1]), /maxDiagnostics/);
  });

  void test('a partial severity map changes only the kinds it names', async () => {
    await client.setSettings({ severity: { percentage: 'error' } });
    const uri = freshUri('severity');
    await client.open(uri, 'news', SAMPLE);
    const diagnostics = await client.pullDiagnostics(uri);
    assertClaimCheckDiagnostics(client, SAMPLE, diagnostics);
    for (const d of diagnostics) {
      const expected = d.code === 'claim.percentage' ? DiagnosticSeverity.Error : DiagnosticSeverity.Information;
      assert.equal(d.severity, expected, client.explain(`severity of ${JSON.stringify(textOf(SAMPLE, d.range))} (${String(d.code)})`));
    }
  });

  void test('an invalid setting is logged as a warning naming the key, and its default is used', async () => {
    await client.setSettings({ maxDiagnostics: 'lots' });
    const uri = freshUri('invalid-setting');
    await client.open(uri, 'news', SAMPLE);
    assertClaimCheckDiagnostics(client, SAMPLE, await client.pullDiagnostics(uri));
    await waitFor(
      () => client.logs.some((l) => l.message.includes('claimcheck.maxDiagnostics')),
      2_000,
      () => client.explain('a window/logMessage naming claimcheck.maxDiagnostics'),
    );
  });

  void test('workspace/didChangeConfiguration makes the next pull of an open document use the new settings', async () => {
    await client.setSettings({});
    const uri = freshUri('reconfigure');
    await client.open(uri, 'news', SAMPLE);
    diagnosticCovering(client, SAMPLE, await client.pullDiagnostics(uri), '90%');

    const refreshesBefore = client.refreshRequests;
    client.settings = { enable: false };
    await client.didChangeConfiguration(null);
    assert.deepEqual(await client.pullDiagnostics(uri), []);
    await waitFor(
      () => client.refreshRequests > refreshesBefore,
      2_000,
      () => client.explain('a workspace/diagnostic/refresh request after the configuration change'),
    );

    client.settings = {};
    await client.didChangeConfiguration(null);
    diagnosticCovering(client, SAMPLE, await client.pullDiagnostics(uri), '90%');
  });
});

void describe('claimcheck.exclude in the language server', () => {
  let client: LspClient;
  const workspace = 'file:///claimcheck-exclude/newsroom';

  before(async () => {
    client = spawnServer();
    await client.initialize({ configuration: true, workspaceFolders: [workspace], settings: { exclude: ['drafts/**', '*.wire.md'] } });
  });

  after(async () => {
    try {
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });

  void test("{exclude: ['drafts/**', '*.wire.md']}: matching files get no diagnostics and say why; the others are analysed", async () => {
    const draft = `${workspace}/drafts/budget.md`;
    const wire = `${workspace}/agency/reuters.wire.md`;
    const story = `${workspace}/stories/budget.md`;
    for (const uri of [draft, wire, story]) await client.open(uri, 'markdown', SAMPLE);
    assert.deepEqual(await client.pullDiagnostics(draft), [], client.explain('drafts/** was analysed'));
    assert.deepEqual(await client.pullDiagnostics(wire), [], client.explain('*.wire.md was analysed'));
    assert.equal(await client.hover(draft, inside(SAMPLE, '90%')), null);
    const summary = client.summaries.filter((s) => s.uri === draft).pop();
    assert.equal(summary?.skipped, 'excluded by claimcheck.exclude', client.explain(JSON.stringify(summary)));
    // A folder named "drafts" elsewhere in the path is not the workspace's drafts/ folder.
    diagnosticCovering(client, SAMPLE, await client.pullDiagnostics(story), '90%');
    const outside = `${workspace}/stories/drafts-of-history.md`;
    await client.open(outside, 'markdown', SAMPLE);
    diagnosticCovering(client, SAMPLE, await client.pullDiagnostics(outside), '90%');
  });
});

void describe('settings without workspace/configuration (a minimal Neovim/Helix-like client)', () => {
  let client: LspClient;

  before(async () => {
    client = spawnServer();
    await client.initialize({ configuration: false, refreshSupport: false, initializationOptions: { claimcheck: { maxFileSize: 100 } } });
  });

  after(async () => {
    try {
      await client.shutdown();
    } finally {
      client.dispose();
    }
  });

  void test('settings given only as initializationOptions are honoured', async () => {
    const uri = freshUri('init-options');
    await client.open(uri, 'news', SAMPLE);
    const diagnostics = await client.pullDiagnostics(uri);
    assert.equal(diagnostics.length, 1, client.explain(`got:\n${describeDiagnostics(SAMPLE, diagnostics)}`));
    assert.match(messageOf(diagnostics[0]), /maxFileSize/);
    assert.equal(client.configurationRequests.length, 0, 'no workspace/configuration request to a client without the capability');
  });

  void test('settings pushed with workspace/didChangeConfiguration replace them, wrapped or bare', async () => {
    const uri = freshUri('pushed');
    await client.open(uri, 'news', SAMPLE);
    await client.didChangeConfiguration({ claimcheck: { enable: true } });
    diagnosticCovering(client, SAMPLE, await client.pullDiagnostics(uri), '90%');
    await client.didChangeConfiguration({ enable: false });
    assert.deepEqual(await client.pullDiagnostics(uri), []);
  });

  void test(
    'no workspace/diagnostic/refresh is sent to a client without workspace.diagnostics.refreshSupport',
    async () => {
      const uri = freshUri('no-refresh');
      await client.open(uri, 'news', SAMPLE);
      await client.didChangeConfiguration({ enable: true });
      // The pull is answered after the notification was handled, so any refresh has been sent by now.
      await client.pullDiagnostics(uri);
      assert.equal(client.refreshRequests, 0, 'refresh requests sent to a client that did not advertise refreshSupport');
    },
  );
});

void describe('in-process server', () => {
  void test('in-process over in-memory streams: open + pull finds the same claims', async () => {
    const client = startInProcessServer();
    try {
      await client.initialize({ configuration: true, settings: {}, processId: null });
      await client.open(SAMPLE_URI, 'news', SAMPLE);
      const diagnostics = await client.pullDiagnostics(SAMPLE_URI);
      assertClaimCheckDiagnostics(client, SAMPLE, diagnostics);
      diagnosticCovering(client, SAMPLE, diagnostics, '30 countries');
      diagnosticCovering(client, SAMPLE, diagnostics, '90%');
      const markdown = markdownOf(client, await client.hover(SAMPLE_URI, inside(SAMPLE, '90%')));
      assert.ok(markdown.includes('ClaimCheck'));
    } finally {
      client.dispose(); // never `exit` in-process: it would call process.exit
    }
  });
});
