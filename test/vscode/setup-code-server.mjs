#!/usr/bin/env node
// Installs code-server (VS Code's workbench + extension host served to a browser) into the
// git-ignored folder .vscode-test/code-server, offline apart from the npm registry.
// Recipe: /work/shared/notes/real-vscode-tests.md. 4.100.3 is the last release that runs on Node 20.
//
// Idempotent: a marker file written at the very end records a completed install, so a second run
// returns at once. A folder without the marker (an interrupted install) is removed and redone.
//
// Usage: node test/vscode/setup-code-server.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const installDir = path.join(repoRoot, '.vscode-test', 'code-server');
const markerFile = path.join(installDir, '.install-complete');
export const codeServerBin = path.join(installDir, 'node_modules', '.bin', 'code-server');

/** True when a completed install of the expected version is present. */
export function isInstalled() {
  if (!existsSync(markerFile) || !existsSync(codeServerBin)) return false;
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8'));
    return marker.version === CODE_SERVER_VERSION && marker.node === process.versions.node.split('.')[0];
  } catch {
    return false;
  }
}

function log(msg) {
  console.log(`[setup-code-server] ${msg}`);
}

function run(cmd, args, cwd, extraEnv = {}) {
  const started = Date.now();
  const res = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', ...extraEnv },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error || res.status !== 0) {
    const out = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed in ${path.relative(repoRoot, cwd) || '.'} ` +
      `(${res.error ? res.error.message : `exit ${res.status}`}):\n${out}`);
  }
  log(`  ok: ${cmd} ${args.join(' ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/**
 * The offline install has no ripgrep (its postinstall downloads it from GitHub), so Quick Open
 * cannot search files by name and workspace search fails. A system ripgrep (`apt-get install
 * ripgrep`) is linked in when one is on PATH; nothing else depends on it.
 */
function linkSystemRipgrep() {
  const rgPackage = path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep');
  const target = path.join(rgPackage, 'bin', 'rg');
  if (!existsSync(rgPackage) || existsSync(target)) return;
  const found = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  const rg = found.status === 0 ? found.stdout.trim() : '';
  if (!rg) return;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    rmSync(target, { force: true }); // a dangling link from an earlier run
    symlinkSync(rg, target);
    log(`linked system ripgrep ${rg}`);
  } catch (err) {
    log(`could not link ripgrep (${err instanceof Error ? err.message : String(err)}); Quick Open will open files by path`);
  }
}

/** Installs code-server unless a completed install exists. Throws on failure. */
export function setupCodeServer({ force = false } = {}) {
  if (!force && isInstalled()) {
    linkSystemRipgrep();
    return { installDir, codeServerBin, skipped: true };
  }
  const started = Date.now();
  if (existsSync(installDir)) {
    log(force ? 'removing existing install (--force)' : 'found an incomplete install; removing it and starting again');
    rmSync(installDir, { recursive: true, force: true });
  }
  mkdirSync(installDir, { recursive: true });
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, installDir)} (about a minute or two)`);
  writeFileSync(path.join(installDir, 'package.json'),
    JSON.stringify({ name: 'claimcheck-code-server', private: true, version: '0.0.0' }, null, 2) + '\n');

  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], installDir);
  run('npm', ['rebuild', 'argon2'], installDir);

  const vscodeDir = path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode');
  if (!existsSync(vscodeDir)) throw new Error(`expected ${vscodeDir} after installing code-server`);
  log('installing VS Code server dependencies');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  log('building native modules');
  run('npm', ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', 'node-pty', '@vscode/deviceid'], vscodeDir);

  const asar = path.join(vscodeDir, 'node_modules.asar');
  try { if (lstatSync(asar)) rmSync(asar, { force: true, recursive: true }); } catch { /* absent */ }
  symlinkSync('node_modules', asar);

  log('installing built-in extensions\' dependencies');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], path.join(vscodeDir, 'extensions'));

  linkSystemRipgrep();
  if (!existsSync(codeServerBin)) throw new Error(`code-server binary missing at ${codeServerBin}`);
  run(codeServerBin, ['--version'], installDir);

  writeFileSync(markerFile, JSON.stringify({
    version: CODE_SERVER_VERSION,
    node: process.versions.node.split('.')[0],
    installedAt: new Date().toISOString(),
  }, null, 2) + '\n');
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { installDir, codeServerBin, skipped: false };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  try {
    const { skipped } = setupCodeServer({ force: process.argv.includes('--force') });
    if (skipped) log(`code-server ${CODE_SERVER_VERSION} already installed (${Date.now() - t0} ms)`);
  } catch (err) {
    console.error(`[setup-code-server] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    console.error('[setup-code-server] the partial install is left in place without its marker; the next run redoes it.');
    process.exit(1);
  }
}
