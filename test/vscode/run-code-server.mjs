#!/usr/bin/env node
// npm run test:vscode — runs the mocha suite (out/test/suite/index.js) inside code-server's
// extension host, driven by headless Chromium through Playwright. Offline: code-server comes from
// npm (test/vscode/setup-code-server.mjs), Chromium from Debian.
//
// With CLAIMCHECK_SCREENSHOTS=1 it also saves media/screenshot-diagnostics.png (the sample article
// with squiggles and the Problems panel) and media/screenshot-hover.png (a claim's hover).
//
// Env: CLAIMCHECK_TEST_TIMEOUT_MS (default 300000), CHROMIUM_PATH, CLAIMCHECK_VERBOSE=1 (code-server's
// own output).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import {
  cleanupAll,
  copyFixtureWorkspace,
  ensureCodeServer,
  launchBrowser,
  pollUntil,
  quickOpen,
  remoteUri,
  repoRoot,
  startCodeServer,
  waitForProblemsRow,
  waitForSquiggles,
  waitForWorkbench,
  workbenchUrl,
} from './codeServer.mjs';

const TIMEOUT_MS = Number(process.env.CLAIMCHECK_TEST_TIMEOUT_MS ?? 300_000);
const testsIndex = path.join(repoRoot, 'out', 'test', 'suite', 'index.js');
const screenshots = process.env.CLAIMCHECK_SCREENSHOTS === '1';
const SUMMARY_RE = /vscode suite: (\d+) passed, (\d+) failed/;
const verbose = process.env.CLAIMCHECK_VERBOSE === '1';
// Workbench start-up chatter that says nothing about the suite (shown with CLAIMCHECK_VERBOSE=1).
const NOISE_RE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|ChatSessionStore:)/;

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[test:vscode] ${msg}`);

/** Turns a workbench automation log entry into plain text lines. */
function formatLogArgs(args) {
  // printf-style like the console: mocha's reporter logs ('%s (%dms)', title, ms); util.format
  // also drops the %c CSS arguments of entries forwarded from the extension host.
  return format(...(Array.isArray(args) ? args : [args]));
}

async function runSuite(page, server, workspace) {
  let summary;
  let resolveExit;
  const exited = new Promise((resolve) => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = formatLogArgs(args);
    const m = SUMMARY_RE.exec(text);
    if (m) summary = { passed: Number(m[1]), failed: Number(m[2]) };
    if (!verbose && NOISE_RE.test(text)) return;
    for (const line of text.split('\n')) console.log(`  ${type === 'error' ? '!' : '|'} ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  page.on('pageerror', (err) => console.log(`  ! page error: ${err.message}`));

  const payload = [
    ['extensionDevelopmentPath', remoteUri(server.port, repoRoot)],
    ['extensionTestsPath', remoteUri(server.port, testsIndex)],
  ];
  say(`opening the workbench on ${workspace} (${elapsed()})`);
  await page.goto(workbenchUrl(server.port, workspace, payload));

  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(
      `the suite did not finish within ${TIMEOUT_MS / 1000} s (no codeAutomationExit from the workbench); ` +
      'see the log above — set CLAIMCHECK_VERBOSE=1 for code-server\'s own output')), TIMEOUT_MS);
  });
  try {
    const code = await Promise.race([exited, timeout]);
    return { code, summary };
  } finally {
    clearTimeout(timer);
  }
}

/** The 1-based line/column of `needle` in the fixture article (for Ctrl+G). */
function findInArticle(workspace, needle) {
  const lines = readFileSync(path.join(workspace, 'sample-article.news'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" is not in sample-article.news`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

async function takeScreenshots(browser, server, workspace) {
  const mediaDir = path.join(repoRoot, 'media');
  mkdirSync(mediaDir, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const payload = [['extensionDevelopmentPath', remoteUri(server.port, repoRoot)]];
  await page.goto(workbenchUrl(server.port, workspace, payload));
  await waitForWorkbench(page);
  await quickOpen(page, 'sample-article.news', path.join(workspace, 'sample-article.news'));
  const squiggles = await waitForSquiggles(page);
  const rows = await waitForProblemsRow(page, 'ClaimCheck');
  say(`screenshot: ${squiggles} squiggles visible, ${rows} Problems rows mention ClaimCheck`);
  // Put the cursor back in the editor so the panel does not hold focus styling in the shot.
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 2, y: 2 } });
  const diagnosticsPng = path.join(mediaDir, 'screenshot-diagnostics.png');
  await page.screenshot({ path: diagnosticsPng });
  say(`saved ${path.relative(repoRoot, diagnosticsPng)}`);

  // Hover a claim like a person: put the mouse over "30" in "A group of 30 countries".
  const { line } = findInArticle(workspace, 'A group of 30 countries');
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  const target = page.locator('.editor-instance .monaco-editor .view-line', { hasText: 'A group of 30 countries' }).first();
  await target.waitFor({ timeout: 10_000 });
  const box = await target.boundingBox();
  const text = await target.textContent();
  if (!box || !text) throw new Error('could not find the "30 countries" line on screen');
  // Approximate the x of "30" from the monospace character width.
  const charWidth = box.width / Math.max(1, text.length);
  const x = box.x + charWidth * (text.indexOf('30') + 1);
  const y = box.y + box.height / 2;
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'ClaimCheck' }).first();
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.mouse.move(x - 40, y + 60);
    await page.mouse.move(x, y, { steps: 5 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`no ClaimCheck hover appeared over "30": ${err.message}`);
    }
  }
  // The hover fades in: wait until its animations have finished so the shot is not translucent.
  await pollUntil(() => hover.evaluate((el) => {
    const box = el.closest('.monaco-resizable-hover, .editor-widget, .monaco-hover') ?? el;
    const animations = box.getAnimations({ subtree: true }).filter((a) => a.playState === 'running');
    return animations.length === 0 && Number(getComputedStyle(box).opacity) === 1;
  }), { timeoutMs: 5000, intervalMs: 100, label: 'the hover to finish fading in' });
  const hoverPng = path.join(mediaDir, 'screenshot-hover.png');
  await page.screenshot({ path: hoverPng });
  say(`saved ${path.relative(repoRoot, hoverPng)}`);
  await page.close();
}

async function main() {
  for (const f of [testsIndex, path.join(repoRoot, 'out', 'client.js'), path.join(repoRoot, 'out', 'server.js')]) {
    if (!existsSync(f)) throw new Error(`${path.relative(repoRoot, f)} is missing: run \`npm run build\` first`);
  }
  ensureCodeServer();
  const workspace = copyFixtureWorkspace();
  const server = await startCodeServer({ workspace, verbose });
  say(`code-server ready at ${server.url} (${elapsed()})`);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

  let result;
  try {
    result = await runSuite(page, server, workspace);
  } catch (err) {
    console.error(`[test:vscode] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    result = { code: 1, summary: undefined };
  }
  await page.close().catch(() => {});
  say(`suite finished with exit code ${result.code} (${elapsed()})`);

  let screenshotFailed = false;
  if (screenshots) {
    try {
      await takeScreenshots(browser, server, workspace);
    } catch (err) {
      screenshotFailed = true;
      console.error(`[test:vscode] screenshots FAILED: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  const { summary } = result;
  if (!summary) say('the suite printed no "vscode suite:" summary (it timed out, or failed before mocha ran)');
  const passed = summary?.passed ?? 0;
  const failed = summary?.failed ?? (result.code === 0 ? 0 : 1);
  const code = result.code !== 0 || failed > 0 ? (result.code || 1) : screenshotFailed ? 1 : 0;
  await cleanupAll();
  say(`total ${elapsed()}`);
  console.log(`vscode suite: ${passed} passed, ${failed} failed`);
  return code;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(`[test:vscode] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    await cleanupAll();
    console.log('vscode suite: 0 passed, 1 failed');
    process.exit(1);
  },
);
