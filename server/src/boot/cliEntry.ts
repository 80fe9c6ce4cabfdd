/**
 * `out/cli.js`, the `claimcheck` command: runs the CLI bundle `out/lib/cli.js` with a code
 * cache (see codeCache.ts). The scan's worker threads run this script too, and so load the
 * cache as well (only the main thread writes it).
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { codeCacheDir } from './cacheDir';
import { runBundle } from './codeCache';

runBundle(path.join(__dirname, 'lib', 'cli.js'), codeCacheDir(process.env, process.platform, homedir()));
