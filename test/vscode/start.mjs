#!/usr/bin/env node
// npm start — try the extension on the sample article.
//
// * With a desktop VS Code (`code` on PATH): opens test/fixtures/workspace and sample-article.news
//   in an Extension Development Host for this repository.
// * Otherwise (or with --web / CLAIMCHECK_WEB=1): starts code-server (installed on first use into
//   .vscode-test/code-server) on 127.0.0.1, and prints a URL that opens the fixture workspace and
//   the sample article with this repository loaded as the extension under development. Runs until
//   Ctrl+C, then stops code-server.
//
// Env: PORT (default 8080; a free port when it is taken), CLAIMCHECK_HOST — the host:port your
// browser uses to reach the server when it is not 127.0.0.1:PORT (e.g. "localhost:8080" behind an
// SSH tunnel): the workbench names the server by the browser's host, so the URL must match it.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  ensureCodeServer,
  fixtureWorkspace,
  freePort,
  remoteUri,
  repoRoot,
  shuttingDown,
  startCodeServer,
} from './codeServer.mjs';

const article = path.join(fixtureWorkspace, 'sample-article.news');
const say = (msg) => console.log(`[start] ${msg}`);
const forceWeb = process.argv.includes('--web') || process.env.CLAIMCHECK_WEB === '1';

function desktopCode() {
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function startDesktop(code) {
  const args = [`--extensionDevelopmentPath=${repoRoot}`, fixtureWorkspace, article];
  say(`${code} ${args.join(' ')}`);
  const child = spawn(code, args, { stdio: 'inherit' });
  child.on('exit', (status) => process.exit(status ?? 0));
  child.on('error', (err) => {
    console.error(`[start] could not run ${code}: ${err.message}`);
    process.exit(1);
  });
}

async function startWeb() {
  ensureCodeServer();
  const wanted = Number(process.env.PORT || 8080);
  const port = await freePort(wanted);
  if (port !== wanted) say(`port ${wanted} is taken; using ${port}`);
  const server = await startCodeServer({ workspace: fixtureWorkspace, port, verbose: process.env.CLAIMCHECK_VERBOSE === '1' });
  const host = process.env.CLAIMCHECK_HOST || `127.0.0.1:${server.port}`;
  const remote = (p) => remoteUri(server.port, p).replace(`//127.0.0.1:${server.port}`, `//${host}`);
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['openFile', remote(article)],
  ];
  const url = `http://${host}/?folder=${encodeURIComponent(fixtureWorkspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log('');
  say(`code-server ${server.url} is running ClaimCheck from ${repoRoot} (extension development mode).`);
  say('Open this URL in a browser (the sample article opens with ClaimCheck\'s diagnostics):');
  console.log(`\n  ${url}\n`);
  say('After `npm run build`, reload the browser tab to pick up the new build. Ctrl+C stops code-server.');
  // Keep running until code-server exits or we are interrupted (SIGINT/SIGTERM are handled in
  // codeServer.mjs: they stop code-server and remove the temp dirs).
  const { code, signal } = await server.exited;
  if (shuttingDown()) return;
  console.error(`[start] code-server exited (${code ?? signal}); stopping`);
  await server.stop();
  process.exit(code || 1);
}

const code = forceWeb ? undefined : desktopCode();
if (code) startDesktop(code);
else {
  if (!forceWeb) say('no desktop `code` on PATH; serving VS Code in the browser with code-server');
  startWeb().catch((err) => {
    console.error(`[start] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
