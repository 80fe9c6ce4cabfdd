// Bundles the extension client, the language server, the CLI and the VS Code test suite.
// One root package, one node_modules: everything the extension needs at run time is inside
// these files, so the .vsix ships no node_modules.
import { chmodSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'out/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'out/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['test/vscode/suite/index.ts'], outfile: 'out/test/suite/index.js', external: ['vscode', 'mocha'] },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  // The package's bins (`claimcheck`, `claimcheck-language-server`) run as scripts: a fresh
  // clone builds after `npm ci`, so npm has not marked them executable.
  for (const bin of ['out/server.js', 'out/cli.js']) chmodSync(bin, 0o755);
}
