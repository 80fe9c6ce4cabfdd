#!/usr/bin/env node
// npm run test:vsix — packages the extension the way it ships (vsce package --no-dependencies),
// installs the .vsix into a private code-server extensions dir, opens the workbench in headless
// Chromium WITHOUT extensionDevelopmentPath, opens sample-article.news through Quick Open and
// polls the Problems panel until a ClaimCheck row shows. Offline; everything under os.tmpdir().
//
// Packaging runs in a temp copy of the files the package.json `files` allow-list names, so
// nothing is written into the repository. If README.md or LICENSE is missing from the repo, a
// placeholder is written into that temp copy only, with a warning (the real `npm run package`
// would fail until they exist).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  cleanupAll,
  codeServerBin,
  codeServerEnv,
  copyFixtureWorkspace,
  ensureCodeServer,
  launchBrowser,
  makeTempDir,
  quickOpen,
  repoRoot,
  startCodeServer,
  waitForProblemsRow,
  waitForSquiggles,
  waitForWorkbench,
  workbenchUrl,
  writeUserSettings,
} from './codeServer.mjs';

const TIMEOUT_MS = Number(process.env.CLAIMCHECK_TEST_TIMEOUT_MS ?? 300_000);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[test:vsix] ${msg}`);

/** Runs a command to completion, returning its output; rejects with the output on failure. */
function exec(cmd, args, { cwd, env = process.env, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`\`${path.basename(cmd)} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${out.trim()}`));
    });
  });
}

/** Copies what the `files` allow-list names (plus package.json) into a temp dir for vsce. */
function stagePackage(pkg) {
  const stage = makeTempDir('vsix-stage');
  cpSync(path.join(repoRoot, 'package.json'), path.join(stage, 'package.json'));
  const tops = new Set((pkg.files ?? []).map((pattern) => pattern.split('/')[0]).filter((p) => p && !/[*?[]/.test(p)));
  for (const extra of ['CHANGELOG.md', '.vscodeignore', pkg.icon].filter(Boolean)) tops.add(extra.split('/')[0]);
  const missing = [];
  for (const top of tops) {
    const from = path.join(repoRoot, top);
    if (existsSync(from)) cpSync(from, path.join(stage, top), { recursive: true });
    else if (pkg.files?.some((p) => p === top || p.startsWith(`${top}/`))) missing.push(top);
  }
  const placeholders = [];
  if (!existsSync(path.join(repoRoot, 'README.md'))) {
    writeFileSync(path.join(stage, 'README.md'), `# ${pkg.displayName ?? pkg.name}\n\n${pkg.description ?? ''}\n`);
    placeholders.push('README.md');
  }
  if (!existsSync(path.join(repoRoot, 'LICENSE'))) {
    writeFileSync(path.join(stage, 'LICENSE'), `${pkg.license ?? 'UNLICENSED'} (placeholder written by test/vscode/run-vsix.mjs for a test package)\n`);
    placeholders.push('LICENSE');
  }
  for (const p of placeholders) {
    console.warn(`[test:vsix] WARNING: ${p} is missing from the repository; packaging with a temporary placeholder ` +
      '(in the temp copy only). `npm run package` fails until it exists.');
  }
  const stillMissing = missing.filter((m) => !placeholders.includes(m));
  if (stillMissing.length) {
    console.warn(`[test:vsix] WARNING: the package.json "files" allow-list names ${stillMissing.join(', ')}, which the repository does not have`);
  }
  return { stage, placeholders, missing: stillMissing };
}

async function main() {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const extensionId = `${pkg.publisher}.${pkg.name}`.toLowerCase();
  for (const f of ['out/client.js', 'out/server.js']) {
    if (!existsSync(path.join(repoRoot, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  ensureCodeServer();

  // 1. Package.
  const { stage, missing } = stagePackage(pkg);
  const vsix = path.join(makeTempDir('vsix'), `${pkg.name}-${pkg.version}.vsix`);
  const vsceBin = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  if (!existsSync(vsceBin)) throw new Error('node_modules/.bin/vsce is missing: run `npm install` (@vscode/vsce is a devDependency)');
  // The repo's own vsce (what `npx vsce` resolves to in the repo), run in the staged copy.
  // --allow-unused-files-pattern only when an allow-listed path is absent from the repo (reported above).
  const vsceArgs = ['package', '--no-dependencies', '--out', vsix, ...(missing.length ? ['--allow-unused-files-pattern'] : [])];
  say(`packaging: vsce ${vsceArgs.join(' ')}`);
  const vsceOut = await exec(vsceBin, vsceArgs, {
    cwd: stage,
    // No update checks, no prompts, no proxies: vsce package itself needs no network.
    env: { ...process.env, npm_config_update_notifier: 'false', VSCE_STORE: path.join(stage, '.vsce-store'), CI: '1' },
  });
  for (const line of vsceOut.trim().split('\n')) if (line.trim()) console.log(`  | ${line}`);
  say(`packaged ${path.basename(vsix)} (${(statSync(vsix).size / 1024).toFixed(0)} KiB, ${elapsed()})`);

  // 2. Install into a private extensions dir.
  const extensionsDir = makeTempDir('vsix-ext');
  const userDataDir = makeTempDir('vsix-ud');
  writeUserSettings(userDataDir);
  const installOut = await exec(codeServerBin, [
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force',
  ], { cwd: repoRoot, env: codeServerEnv() });
  for (const line of installOut.trim().split('\n')) if (line.trim()) console.log(`  | ${line}`);
  const installed = readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${extensionId}-`));
  if (!installed) throw new Error(`code-server did not install ${extensionId} into ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);
  for (const f of ['package.json', 'out/client.js', 'out/server.js']) {
    if (!existsSync(path.join(extensionsDir, installed, f))) throw new Error(`the installed extension lacks ${f}`);
  }
  if (existsSync(path.join(extensionsDir, installed, 'node_modules'))) throw new Error('the .vsix ships node_modules (it should be self-contained bundles)');
  say(`installed ${installed} (${elapsed()})`);

  // 3. Run it like a user: no extensionDevelopmentPath, just the installed extension.
  const workspace = copyFixtureWorkspace();
  const server = await startCodeServer({ workspace, userDataDir, extensionsDir, verbose: process.env.CLAIMCHECK_VERBOSE === '1' });
  say(`code-server ready at ${server.url} (${elapsed()})`);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (err) => console.log(`  ! page error: ${err.message}`));
  await page.goto(workbenchUrl(server.port, workspace));
  await waitForWorkbench(page);
  say(`workbench loaded (${elapsed()})`);
  await quickOpen(page, 'sample-article.news', path.join(workspace, 'sample-article.news'));
  say('opened sample-article.news through Quick Open');
  const squiggles = await waitForSquiggles(page, 60_000);
  const rows = await waitForProblemsRow(page, 'ClaimCheck', 60_000);
  const firstRow = (await page.locator('.markers-panel .monaco-list-row', { hasText: 'ClaimCheck' }).first().innerText()).replace(/\s+/g, ' ');
  say(`${squiggles} squiggles; Problems panel: ${rows} visible rows mention ClaimCheck, e.g. "${firstRow}" (${elapsed()})`);
  const badge = await page.locator('.part.panel .composite-bar .badge-content, .panel .action-item.checked .badge-content').first().innerText().catch(() => '');
  if (badge) say(`Problems badge: ${badge}`);
  if (process.env.CLAIMCHECK_VSIX_SCREENSHOT) {
    await page.screenshot({ path: process.env.CLAIMCHECK_VSIX_SCREENSHOT });
    say(`screenshot: ${process.env.CLAIMCHECK_VSIX_SCREENSHOT}`);
  }
}

let timer;
const timeout = new Promise((_, reject) => {
  timer = setTimeout(() => reject(new Error(`did not finish within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
});
Promise.race([main(), timeout]).then(
  async () => {
    clearTimeout(timer);
    await cleanupAll();
    say(`total ${elapsed()}`);
    console.log('vsix: 1 passed, 0 failed');
    process.exit(0);
  },
  async (err) => {
    clearTimeout(timer);
    console.error(`[test:vsix] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    await cleanupAll();
    say(`total ${elapsed()}`);
    console.log('vsix: 0 passed, 1 failed');
    process.exit(1);
  },
);
