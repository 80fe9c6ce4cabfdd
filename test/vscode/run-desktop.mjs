#!/usr/bin/env node
// npm run test:desktop — the same mocha suite (out/test/suite/index.js) under desktop VS Code via
// @vscode/test-electron. It downloads VS Code from Microsoft's update servers (cached in
// .vscode-test/), so it needs that network access — which the build machines and CI do not have:
// there, use `npm run test:vscode` (code-server + Chromium). Not part of `npm test`.
//
// Env: CLAIMCHECK_VSCODE_EXECUTABLE=/path/to/code — use an installed VS Code instead of
// downloading one; CLAIMCHECK_VSCODE_VERSION (default "stable"). On a Linux machine without a
// display, run it under xvfb-run.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const testsIndex = path.join(repoRoot, 'out', 'test', 'suite', 'index.js');
const say = (msg) => console.log(`[test:desktop] ${msg}`);

const NETWORK_ERRORS = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|certificate|update\.code\.visualstudio\.com|Failed to get VS Code|download/i;

async function main() {
  if (!existsSync(testsIndex)) throw new Error('out/test/suite/index.js is missing: run `npm run build` first');
  const { runTests } = await import('@vscode/test-electron');

  const temp = mkdtempSync(path.join(os.tmpdir(), 'claimcheck-desktop-'));
  const cleanup = () => rmSync(temp, { recursive: true, force: true });
  process.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

  const workspace = path.join(temp, 'workspace');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const executable = process.env.CLAIMCHECK_VSCODE_EXECUTABLE;
  say(executable ? `using ${executable}` : `downloading VS Code ${process.env.CLAIMCHECK_VSCODE_VERSION ?? 'stable'} (needs access to update.code.visualstudio.com)`);

  try {
    const code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.CLAIMCHECK_VSCODE_VERSION ?? 'stable' }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsIndex,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(temp, 'user-data')}`,
        `--extensions-dir=${path.join(temp, 'extensions')}`,
      ],
    });
    return code;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!executable && NETWORK_ERRORS.test(`${message} ${err?.code ?? ''}`)) {
      throw new Error(
        `could not download VS Code (${message.split('\n')[0]}).\n` +
        '  @vscode/test-electron fetches VS Code from update.code.visualstudio.com, which this machine cannot reach.\n' +
        '  Run the same suite offline with `npm run test:vscode` (code-server + Chromium),\n' +
        '  or point CLAIMCHECK_VSCODE_EXECUTABLE at an installed VS Code binary.');
    }
    // runTests rejects with TestRunFailedError when VS Code exits non-zero (tests failed).
    if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'number') return err.code || 1;
    throw err;
  }
}

main().then(
  (code) => {
    say(code === 0 ? 'suite passed' : `suite failed (exit code ${code})`);
    process.exit(code);
  },
  (err) => {
    console.error(`[test:desktop] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
