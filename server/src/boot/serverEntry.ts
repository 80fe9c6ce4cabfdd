/**
 * `out/server.js`, the language server's command (`claimcheck-language-server`, and what the
 * VS Code extension starts): runs the server bundle `out/lib/server.js` with a code cache, so
 * that the server is answering sooner (see codeCache.ts). The arguments (`--stdio`,
 * `--node-ipc`, `--socket=N`) reach the bundle unchanged.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { codeCacheDir } from './cacheDir';
import { runBundle } from './codeCache';

runBundle(path.join(__dirname, 'lib', 'server.js'), codeCacheDir(process.env, process.platform, homedir()));
