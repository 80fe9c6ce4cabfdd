// Shared by the code-server runners (run-code-server.mjs, run-vsix.mjs, start.mjs): install,
// start and stop code-server, launch headless Chromium, and a few workbench UI steps.
// Recipe: /work/shared/notes/real-vscode-tests.md. Nothing here sleeps for a fixed time: every
// wait polls with a deadline.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerBin, setupCodeServer } from './setup-code-server.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');
export { codeServerBin };

/** Chromium flags that work as root in a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Belt and braces for "no network besides loopback": the browser cannot resolve other hosts.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  // The fixture workspace lives inside this repository: no "open the parent git repository?" toast.
  'git.openRepositoryInParentFolders': 'never',
};

// ---------------------------------------------------------------------------------------------
// Cleanup: every code-server we start (and every temp dir / browser registered here) is stopped
// on normal exit, on failure and on SIGINT/SIGTERM.

const cleanups = new Set();
let exiting = false;

/** Registers `fn` (sync or async) to run at shutdown; returns a function that unregisters it. */
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs the registered cleanups (newest first). Safe to call more than once. */
export async function cleanupAll() {
  const fns = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of fns) {
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** True once a signal has started the shutdown. */
export function shuttingDown() {
  return exiting;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n${signal}: stopping code-server and cleaning up`);
    cleanupAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}
// Last resort when the process exits without having awaited cleanupAll(): kill process groups,
// then remove temp dirs.
const syncKills = new Set();
const syncCleanups = new Set();
process.on('exit', () => {
  for (const kill of syncKills) kill();
  for (const fn of syncCleanups) {
    try { fn(); } catch { /* best effort */ }
  }
});

// ---------------------------------------------------------------------------------------------

/** Installs code-server when it is missing (see setup-code-server.mjs). */
export function ensureCodeServer() {
  setupCodeServer(); // returns at once when the marker says it is installed
  return codeServerBin;
}

/** A temp dir under os.tmpdir(), removed at cleanup unless `keep`. */
export function makeTempDir(prefix, { keep = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `claimcheck-${prefix}-`));
  if (!keep) {
    const remove = () => rmSync(dir, { recursive: true, force: true });
    onCleanup(remove);
    syncCleanups.add(remove); // also on a bare process.exit()
  }
  return dir;
}

/** Copies test/fixtures/workspace to a temp dir so tests can write there without touching the repo. */
export function copyFixtureWorkspace() {
  const dir = path.join(makeTempDir('ws'), 'workspace');
  cpSync(fixtureWorkspace, dir, { recursive: true });
  return dir;
}

/** A free TCP port on 127.0.0.1 (or `preferred` when it is free). */
export async function freePort(preferred) {
  const tryListen = (port) => new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const { port: got } = srv.address();
      srv.close(() => resolve(got));
    });
  });
  if (preferred !== undefined) {
    const got = await tryListen(preferred);
    if (got !== undefined) return got;
  }
  const got = await tryListen(0);
  if (got === undefined) throw new Error('could not find a free port on 127.0.0.1');
  return got;
}

/** Polls `probe` (async ok) until it returns a truthy value; throws `label` after `timeoutMs`. */
export async function pollUntil(probe, { timeoutMs, intervalMs = 200, label }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      if (err && err.fatal) throw err; // no point polling further (e.g. the process died)
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}` +
        (lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : ''));
    }
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(1, deadline - Date.now()))));
  }
}

function httpStatus(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
  });
}

/**
 * Environment for code-server: no extension gallery (code-server would otherwise query
 * open-vsx.org, which is unreachable here and not wanted in tests), `extra` on top.
 */
export function codeServerEnv(extra = {}) {
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', ...extra };
  delete env.VSCODE_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Writes the test user settings into `<userDataDir>/User/settings.json`. */
export function writeUserSettings(userDataDir, extra = {}) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2) + '\n');
}

/**
 * Starts code-server on 127.0.0.1 and waits (polling, with a deadline) until it answers HTTP.
 * `userDataDir`/`extensionsDir` default to fresh temp dirs. Returns { url, port, pid, stop(), output() }.
 * `workspace` is the folder code-server opens when the URL has no `folder` parameter.
 */
export async function startCodeServer({
  workspace,
  userDataDir,
  extensionsDir,
  port,
  verbose = false,
  readyTimeoutMs = 60_000,
  extraArgs = [],
} = {}) {
  ensureCodeServer();
  const udd = userDataDir ?? makeTempDir('ud');
  const ext = extensionsDir ?? makeTempDir('ext');
  writeUserSettings(udd);
  const chosenPort = port ?? await freePort();
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', udd,
    '--extensions-dir', ext,
    ...extraArgs,
    ...(workspace ? [workspace] : []),
  ];
  // Its own process group, so stop() also ends the extension host and the language server.
  const child = spawn(codeServerBin, args, {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: codeServerEnv({ PORT: String(chosenPort) }),
  });
  let log = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    log = (log + text).slice(-200_000);
    if (verbose) process.stderr.write(text.replace(/^/gm, '[code-server] '));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));
  const killGroup = (sig) => {
    try { process.kill(-child.pid, sig); } catch { /* already gone */ }
  };
  const syncKill = () => { if (!exited) killGroup('SIGKILL'); };
  syncKills.add(syncKill);

  let stopped = false;
  const stop = async () => {
    if (stopped) return exitPromise;
    stopped = true;
    if (!exited) {
      killGroup('SIGTERM');
      const done = await Promise.race([exitPromise, new Promise((r) => setTimeout(() => r(null), 5000).unref())]);
      if (!done) killGroup('SIGKILL');
      await exitPromise;
    }
    // Stragglers in the group (extension host, language server) get no second chance.
    killGroup('SIGKILL');
    syncKills.delete(syncKill);
    return exited;
  };
  onCleanup(stop);

  const url = `http://127.0.0.1:${chosenPort}/`;
  try {
    await pollUntil(async () => {
      if (exited) throw Object.assign(new Error(`code-server exited (${exited.code ?? exited.signal}) before it was ready`), { fatal: true });
      const status = await httpStatus(url);
      return status > 0 && status < 500;
    }, { timeoutMs: readyTimeoutMs, intervalMs: 200, label: `code-server to answer on ${url}` });
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- code-server output (tail) ---\n${log.split('\n').slice(-30).join('\n')}`);
  }
  return { url, port: chosenPort, pid: child.pid, userDataDir: udd, extensionsDir: ext, stop, exited: exitPromise, output: () => log };
}

/** A vscode-remote URI for a server-side path, as the web workbench's `payload` expects. */
export function remoteUri(port, fsPath) {
  return `vscode-remote://127.0.0.1:${port}${fsPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** The workbench URL opening `folder`, with optional payload entries ([key, value] pairs). */
export function workbenchUrl(port, folder, payload = []) {
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Launches headless Chromium (/usr/bin/chromium or $CHROMIUM_PATH) through playwright-core. */
export async function launchBrowser({ headless = true } = {}) {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless, args: CHROMIUM_ARGS });
  onCleanup(() => browser.close().catch(() => {}));
  return browser;
}

// ---------------------------------------------------------------------------------------------
// Workbench UI steps (keyboard-driven, like a person).

/** Waits until the workbench has rendered an editor area and the status bar. */
export async function waitForWorkbench(page, timeoutMs = 60_000) {
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
}

/**
 * Ctrl+P, type the file name, Enter; waits until its tab is active. Searching by name needs
 * ripgrep, which the offline install lacks unless a system `rg` was linked (setup-code-server.mjs
 * links one when it is on PATH); when the name finds nothing, the helper types `absolutePath`
 * instead, which Quick Open resolves without a search.
 */
export async function quickOpen(page, fileName, absolutePath, timeoutMs = 30_000) {
  const queries = absolutePath ? [fileName, absolutePath] : [fileName];
  let attempt = 0;
  await pollUntil(async () => {
    const query = queries[Math.min(attempt++, queries.length - 1)];
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(query);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
    await row.waitFor({ timeout: query === fileName && queries.length > 1 ? 3000 : 8000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: 8000 });
    return true;
  }, { timeoutMs, intervalMs: 200, label: `${fileName} to open through Quick Open (Ctrl+P)` });
}

/** Waits until the active editor shows at least one squiggle (info/warning/error/hint decoration). */
export async function waitForSquiggles(page, timeoutMs = 30_000) {
  return pollUntil(
    () => page.locator('.editor-instance .monaco-editor .squiggly-info, .editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error, .editor-instance .monaco-editor .squiggly-hint').count(),
    { timeoutMs, intervalMs: 200, label: 'diagnostic squiggles in the editor' },
  );
}

/** Opens the Problems panel (Ctrl+Shift+M) and waits until a row containing `text` shows. */
export async function waitForProblemsRow(page, text, timeoutMs = 30_000) {
  await page.keyboard.press('Control+Shift+M');
  return pollUntil(async () => {
    const panel = page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await page.keyboard.press('Control+Shift+M');
      return false;
    }
    const rows = panel.locator('.monaco-list-row', { hasText: text });
    const n = await rows.count();
    return n > 0 ? n : false;
  }, { timeoutMs, intervalMs: 250, label: `a Problems panel row containing "${text}"` });
}

/** F1, type a command's title, Enter once the highlighted row is that command; waits until the palette closes. */
export async function runCommand(page, title, timeoutMs = 20_000) {
  const widget = page.locator('.quick-input-widget');
  await pollUntil(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = widget.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(`>${title}`);
    const row = widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first();
    await row.waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 5000 });
    return true;
  }, { timeoutMs, intervalMs: 200, label: `the command "${title}" to run from the command palette (F1)` });
}

/** Ctrl+G, type `line:column`, Enter; waits until the status bar shows the cursor there. */
export async function goToLine(page, line, column = 1, timeoutMs = 15_000) {
  const status = page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` });
  await pollUntil(async () => {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    // Ctrl+G opens Quick Open with ":" typed; `fill` replaces it, so keep the prefix.
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await status.first().waitFor({ timeout: 3000 });
    return true;
  }, { timeoutMs, intervalMs: 200, label: `Go to Line (Ctrl+G) to put the cursor at ${line}:${column}` });
}

/**
 * Waits until `locator` (and what it contains) has no running animations and is fully opaque, so a
 * screenshot does not catch a widget mid-fade.
 */
export async function waitForSettled(locator, label, timeoutMs = 5000) {
  await pollUntil(() => locator.evaluate((el) => {
    const running = el.getAnimations({ subtree: true }).filter((a) => a.playState === 'running');
    for (let node = el; node; node = node.parentElement) {
      if (Number(getComputedStyle(node).opacity) < 1) return false;
    }
    return running.length === 0;
  }), { timeoutMs, intervalMs: 100, label: `${label} to finish animating` });
}
