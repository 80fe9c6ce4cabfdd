#!/usr/bin/env node
// npm run test:vscode — runs the mocha suite (out/test/suite/index.js) inside code-server's
// extension host, driven by headless Chromium through Playwright. Offline: code-server comes from
// npm (test/vscode/setup-code-server.mjs), Chromium from Debian.
//
// With CLAIMCHECK_SCREENSHOTS=1 it then (after the suite, in a fresh page on the same workspace)
// drives the workbench like a person and saves four 1280x800 shots of sample-article.news:
//   media/screenshot-diagnostics.png  the article with squiggles and the Problems panel;
//   media/screenshot-hover.png        the hover card of "A group of 30 countries", command links
//                                     included (panel closed, card's bottom edge dragged down);
//   media/screenshot-quickfix.png     the quick-fix menu (Ctrl+G into "cuts over 90%", Ctrl+.);
//   media/screenshot-claims-view.png  the Claims view (F1 "Focus on Claims View"), expanded,
//                                     beside the article.
// A failed screenshot step makes the exit code 1 but does not hide the suite's own result.
//
// Env: CLAIMCHECK_TEST_TIMEOUT_MS (default 300000), CHROMIUM_PATH, CLAIMCHECK_VERBOSE=1 (code-server's
// own output).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import {
  cleanupAll,
  copyFixtureWorkspace,
  ensureCodeServer,
  goToLine,
  launchBrowser,
  pollUntil,
  quickOpen,
  remoteUri,
  repoRoot,
  runCommand,
  startCodeServer,
  waitForProblemsRow,
  waitForSettled,
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

/**
 * The on-screen centre of the `charIndex`-th character of `needle` in the editor line showing it,
 * measured with a DOM Range over the line's text nodes.
 */
async function pointOnText(page, needle, charIndex = 0) {
  const line = page.locator('.editor-instance .monaco-editor .view-line', { hasText: needle }).first();
  await line.waitFor({ timeout: 10_000 });
  const rect = await line.evaluate((el, { needle, charIndex }) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n, start: text.length });
      text += n.data;
    }
    // The editor renders spaces as non-breaking spaces.
    const at = text.replace(/\u00a0/g, ' ').indexOf(needle);
    if (at < 0) return null;
    const offset = at + charIndex;
    const hit = nodes.findLast((n) => n.start <= offset);
    const range = document.createRange();
    range.setStart(hit.node, offset - hit.start);
    range.setEnd(hit.node, offset - hit.start + 1);
    const r = range.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, { needle, charIndex });
  if (!rect) throw new Error(`"${needle}" is not on screen in the editor`);
  return rect;
}

/** Toggles the panel (Ctrl+J) until its visibility is `visible`. */
async function setPanelVisible(page, visible) {
  const panel = page.locator('.monaco-workbench .part.panel');
  await pollUntil(async () => {
    if ((await panel.isVisible().catch(() => false)) === visible) return true;
    await page.keyboard.press('Control+J');
    return false;
  }, { timeoutMs: 10_000, intervalMs: 300, label: `the panel to be ${visible ? 'shown' : 'hidden'} (Ctrl+J)` });
}

/** Moves the mouse to the status bar's empty middle, away from text that could raise a hover. */
async function parkMouse(page) {
  await page.mouse.move(640, 795);
}

const SETTLE_MS = 300;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

async function save(page, name) {
  const file = path.join(repoRoot, 'media', name);
  await settle();
  await page.screenshot({ path: file });
  say(`saved ${path.relative(repoRoot, file)}`);
}

/** 1. The article with its squiggles and the Problems panel. */
async function shotDiagnostics(page, workspace) {
  await quickOpen(page, 'sample-article.news', path.join(workspace, 'sample-article.news'));
  const squiggles = await waitForSquiggles(page);
  const rows = await waitForProblemsRow(page, 'ClaimCheck');
  say(`screenshot: ${squiggles} squiggles visible, ${rows} Problems rows mention ClaimCheck`);
  // Put the cursor back in the editor so the panel does not hold focus styling in the shot.
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 2, y: 2 } });
  await parkMouse(page);
  await save(page, 'screenshot-diagnostics.png');
}

/** 2. The hover card of "A group of 30 countries", command links included. */
async function shotHover(page, workspace) {
  // Without the panel the editor is tall enough for the whole card below the line.
  await setPanelVisible(page, false);
  const { line } = findInArticle(workspace, 'A group of 30 countries');
  await goToLine(page, line);
  const { x, y } = await pointOnText(page, 'A group of 30 countries', 'A group of '.length);
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
  // VS Code caps a hover at a quarter of the editor's height (at least 250 px) and scrolls the rest;
  // like a person, drag the card's bottom edge down until the command links show.
  await pollUntil(async () => {
    const overflow = await hover.evaluate((el) => {
      const content = el.querySelector('.monaco-hover-content');
      return content ? content.scrollHeight - content.clientHeight : 0;
    });
    if (overflow <= 0) return true;
    const sash = page.locator('.monaco-resizable-hover .monaco-sash.horizontal.orthogonal-edge-south:not(.disabled)').first();
    const box = await sash.boundingBox();
    if (!box) throw new Error('the hover has no bottom edge to drag');
    const sx = box.x + box.width / 2;
    const sy = box.y + box.height / 2;
    await page.mouse.move(sx, sy - 20, { steps: 4 });
    await page.mouse.move(sx, sy, { steps: 2 });
    await page.mouse.down();
    await page.mouse.move(sx, sy + overflow + 4, { steps: 6 });
    await page.mouse.up();
    return false;
  }, { timeoutMs: 10_000, intervalMs: 200, label: 'the hover to be resized to show the whole card' });
  // The card is complete once its command links are rendered, inside the card, unclipped.
  await pollUntil(() => hover.evaluate((el) => {
    const links = [...el.querySelectorAll('a')].filter((a) => /^(Add source note|Mark verified|Dismiss)$/.test(a.textContent.trim()));
    if (links.length < 3) return false;
    const card = el.getBoundingClientRect();
    const scroller = el.querySelector('.monaco-scrollable-element');
    const content = el.querySelector('.monaco-hover-content') ?? scroller?.firstElementChild;
    if (scroller && content && content.scrollHeight > scroller.clientHeight + 1) return false;
    return links.every((a) => {
      const r = a.getBoundingClientRect();
      return r.height > 0 && r.top >= card.top && r.bottom <= card.bottom && r.bottom <= window.innerHeight;
    });
  }), { timeoutMs: 10_000, intervalMs: 200, label: 'the whole hover card, command links included, to be visible' });
  await waitForSettled(hover, 'the hover');
  await save(page, 'screenshot-hover.png');
  await page.keyboard.press('Escape');
  await parkMouse(page);
  await hover.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
}

/** 3. The quick-fix menu (Ctrl+.) on "cuts over 90%". */
async function shotQuickFix(page, workspace) {
  const { line, column } = findInArticle(workspace, 'cuts over 90%');
  await goToLine(page, line, column + 'cuts o'.length);
  const menu = page.locator('.action-widget', { hasText: 'Add source note' }).first();
  await pollUntil(async () => {
    await page.keyboard.press('Control+.');
    try {
      await menu.waitFor({ state: 'visible', timeout: 3000 });
      return true;
    } catch {
      await page.keyboard.press('Escape');
      return false;
    }
  }, { timeoutMs: 20_000, intervalMs: 200, label: 'the quick-fix menu (Ctrl+.) with "Add source note…"' });
  const entries = await menu.locator('.monaco-list-row').allTextContents();
  say(`screenshot: quick-fix menu entries: ${entries.map((t) => t.trim()).filter(Boolean).join(' | ')}`);
  await waitForSettled(menu, 'the quick-fix menu');
  await save(page, 'screenshot-quickfix.png');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
}

/** Drags the sash between the side bar and the editor until the side bar is `width` px wide. */
async function resizeSideBar(page, width) {
  const sideBar = page.locator('.monaco-workbench .part.sidebar');
  await pollUntil(async () => {
    const bar = await sideBar.boundingBox();
    if (!bar) throw new Error('no side bar');
    if (Math.abs(bar.width - width) <= 2) return true;
    const edge = bar.x + bar.width;
    const sash = await page.evaluate((edge) => {
      for (const el of document.querySelectorAll('.monaco-sash.vertical:not(.disabled)')) {
        const r = el.getBoundingClientRect();
        if (Math.abs(r.x + r.width / 2 - edge) <= 3 && r.height > 200) return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return null;
    }, edge);
    if (!sash) throw new Error('no sash at the side bar\'s edge');
    await page.mouse.move(sash.x, sash.y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.move(sash.x + (width - bar.width), sash.y, { steps: 8 });
    await page.mouse.up();
    return false;
  }, { timeoutMs: 10_000, intervalMs: 200, label: `the side bar to be ${width} px wide` });
}

/**
 * Headless Chromium sometimes scrolls one of the workbench's overflow-hidden layout containers a
 * few pixels to bring a newly focused element into view, which a real window never shows; undo it.
 */
async function unscrollLayout(page) {
  const undone = await page.evaluate(() => {
    let n = 0;
    for (const el of document.querySelectorAll('.monaco-workbench .split-view-container, .monaco-workbench .monaco-grid-view')) {
      if (el.scrollTop || el.scrollLeft) n++;
      el.scrollTop = 0;
      el.scrollLeft = 0;
    }
    return n;
  });
  if (undone) say(`screenshot: undid the scroll of ${undone} workbench layout container(s)`);
}

/** 4. The Claims view (Explorer) expanded beside the article. */
async function shotClaimsView(page) {
  // Room for the whole tree: fold the folder section and widen the side bar.
  const folders = page.locator('.part.sidebar .pane-header[aria-label^="Explorer Section"]').first();
  if ((await folders.getAttribute('aria-expanded')) === 'true') {
    await folders.click();
    await pollUntil(async () => (await folders.getAttribute('aria-expanded')) === 'false',
      { timeoutMs: 5000, intervalMs: 100, label: 'the folder section to fold' });
  }
  await resizeSideBar(page, 560);
  await runCommand(page, 'Focus on Claims View');
  // (A `has` locator is relative to the outer element, so it names only the header itself.)
  const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header[aria-label="Claims Section"]') }).first();
  const header = pane.locator('.pane-header').first();
  await pollUntil(async () => (await header.getAttribute('aria-expanded')) === 'true',
    { timeoutMs: 10_000, intervalMs: 100, label: 'the Claims view to be expanded' });
  const rows = pane.locator('.monaco-list-row');
  const texts = await pollUntil(async () => {
    const all = (await rows.allTextContents()).map((t) => t.trim());
    const file = all.some((t) => t.startsWith('sample-article.news'));
    const groups = all.filter((t) => /^(Quantity|Percentage|Money|Change|Comparison|Temporal|Date|Event)\s*\d+$/.test(t)).length;
    const verified = all.some((t) => t.startsWith('A group of 30 countries') && /(^|[^n])verified$/.test(t));
    return file && groups >= 3 && verified ? all : false;
  }, { timeoutMs: 20_000, intervalMs: 250, label: 'the Claims view to list the article, its kind groups and the verified claim' });
  say(`screenshot: Claims view shows ${texts.length} rows`);
  await unscrollLayout(page);
  await parkMouse(page);
  await save(page, 'screenshot-claims-view.png');
}

async function takeScreenshots(browser, server, workspace) {
  mkdirSync(path.join(repoRoot, 'media'), { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const payload = [['extensionDevelopmentPath', remoteUri(server.port, repoRoot)]];
  await page.goto(workbenchUrl(server.port, workspace, payload));
  await waitForWorkbench(page);
  try {
    await shotDiagnostics(page, workspace);
    await shotHover(page, workspace);
    await shotQuickFix(page, workspace);
    await shotClaimsView(page);
  } catch (err) {
    // What the page showed when a step gave up, for the error message.
    const failPng = path.join(os.tmpdir(), 'claimcheck-screenshot-failure.png');
    const saved = await page.screenshot({ path: failPng }).then(() => true, () => false);
    if (saved) err.message += ` (the page at that moment: ${failPng})`;
    throw err;
  }
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
