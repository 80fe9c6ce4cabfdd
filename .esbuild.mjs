// Bundles the extension client, the language server, the CLI and the VS Code test suite.
// One root package, one node_modules: everything the extension needs at run time is inside
// these files, so the .vsix ships no node_modules.
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * JSON as ASCII text: non-ASCII characters become `\uXXXX`, which means the same inside JSON
 * strings (the only place they can be), so JSON.parse gives back the same value. The data files
 * are read as latin1 (no UTF-8 decoding) into one-byte strings, which V8 scans fastest.
 */
function asciiJson(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JavaScript that reads and parses the data file `name` written beside the bundle (see jsonData). */
function readDataFile(name) {
  return `require("fs").readFileSync(require("path").join(__dirname, "data", ${JSON.stringify(name)}), "latin1")`;
}

/** Below this size a JSON file stays an object literal (esbuild's json loader). */
const LARGE_JSON_BYTES = 10_000;

/**
 * Start-up time and memory of the server and the CLI (issue #7). The engine needs about 4.5 MB
 * of JSON data: wink's English model (3 MB, and 0.5 MB of models it never runs) and the
 * check-worthiness weights (1 MB). Each JSON file of 10 kB or more is written, as ASCII, to a
 * `data/` folder beside the bundle, and the bundle reads and parses it when the module that
 * imports it is first required. In the bundle, as object literals (esbuild's json loader), V8
 * parsed the data as JavaScript twice, at a cost of tens of MB of parser memory; as
 * `JSON.parse('…')` string literals it kept every string for good, twice (once in the bundle's
 * source, which V8 keeps, once as the literal): 10 MB of heap, 15 MB of peak RSS with a long
 * document open. Read from files, the text is garbage as soon as it is parsed.
 * wink's core model (wink-eng-lite-web-model/dist/read-core-model.js) deep-copies its model with
 * JSON.parse(JSON.stringify(model)) so that it could build it again; here it reads its data file
 * afresh on each load instead (the same model), and its packed lexicon is decoded from base64 by
 * Buffer instead of atob() and a loop (about 6 ms less per start).
 * Measured with server/scripts/bench-startup.ts (interleaved runs, 2 cores). The analysis results
 * are the same (the CLI's JSON output over the BBC corpus is byte-identical). Minifying as well
 * (whitespace and syntax, or everything) saved no measurable start-up time, so development builds
 * stay unminified, with readable stack traces.
 */
const jsonData = {
  name: 'json-data',
  setup(build) {
    const dataDir = path.join(path.dirname(build.initialOptions.outfile), 'data');
    /** Data file name → the JSON file it was written from: two sources may not share a name. */
    const written = new Map();
    const writeData = async (name, source, value) => {
      if (written.has(name) && written.get(name) !== source) throw new Error(`${source} and ${written.get(name)} would both be data/${name}`);
      written.set(name, source);
      await mkdir(dataDir, { recursive: true });
      await writeFile(path.join(dataDir, name), asciiJson(value));
    };
    build.onLoad({ filter: /\.json$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (text.length < LARGE_JSON_BYTES) return undefined;
      const name = path.basename(args.path);
      await writeData(name, args.path, JSON.parse(text));
      return { contents: `module.exports = JSON.parse(${readDataFile(name)});`, loader: 'js' };
    });
    build.onLoad({ filter: /[\\/]wink-eng-lite-web-model[\\/]dist[\\/]read-core-model\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const modelPath = path.join(path.dirname(args.path), 'languages', 'cur', 'models', 'eng-core-web-model.json');
      const load = 'require("./languages/cur/models/eng-core-web-model.json")';
      const copy = 'JSON.parse(JSON.stringify(originalModel))';
      const decode = /bufferFromBase64=function\(data\)\{.*?return bytes\.buffer\}/;
      if (source.split(load).length !== 2 || source.split(copy).length !== 2 || !decode.test(source)) {
        throw new Error(`${args.path} is not what .esbuild.mjs expects (wink-eng-lite-web-model upgraded?): update the json-data plugin`);
      }
      const name = path.basename(modelPath);
      await writeData(name, modelPath, JSON.parse(await readFile(modelPath, 'utf8')));
      // Function replacements: a replacement string would read `$` specially.
      const nativeDecode = 'bufferFromBase64=function(data){const b=Buffer.from(data,"base64");return b.buffer.slice(b.byteOffset,b.byteOffset+b.length)}';
      const contents = source
        .replace(load, () => `function(){return ${readDataFile(name)}}`)
        .replace(copy, () => 'JSON.parse(originalModel())')
        .replace(decode, () => nativeDecode);
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Start-up time (issue #7): wink's English model loads its lemmatiser, and with it 285 kB of
 * WordNet exception tables as object literals, when the module is first required: about 13 ms
 * of every start. ClaimCheck never asks for lemmas, so the lemmatiser is required on its first
 * call instead (the same function then, and the same lemmas for anyone who asks).
 */
const lazyLemmatizer = {
  name: 'lazy-lemmatizer',
  setup(build) {
    build.onLoad({ filter: /[\\/]wink-eng-lite-web-model[\\/]dist[\\/]model\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = 'lemmatize=require("./lemmatize.js")';
      if (source.split(eager).length !== 2) {
        throw new Error(`${args.path} is not what .esbuild.mjs expects (wink-eng-lite-web-model upgraded?): update the lazy-lemmatizer plugin`);
      }
      const lazy = 'lemmatize=function(){return require("./lemmatize.js").apply(this,arguments)}';
      return { contents: source.replace(eager, () => lazy), loader: 'js' };
    });
  },
};

/**
 * Keeps the bundles ASCII. Node reads a script as UTF-8, and a single character above U+00FF
 * anywhere in it (a "—" in a comment, a "’" in a regular expression: esbuild escapes strings
 * but copies regular expressions and comments as written) makes V8 hold the whole source as
 * a two-byte string for as long as the process lives: twice the RSS for nothing (measured). Every
 * non-ASCII character of the sources is written as `\uXXXX` before esbuild sees it, which means
 * the same in strings, untagged template literals, regular expressions (with or without the u
 * flag) and identifiers, and nothing in comments; a backslash before the character (an identity
 * escape such as `\–`) is dropped with it. Whitespace and line terminators are left as they are
 * (an escape is not whitespace), so a file with them outside strings stays non-ASCII rather
 * than changing meaning.
 */
const asciiSources = {
  name: 'ascii-sources',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/[^\x00-\x7f]/.test(source)) return undefined;
      const ascii = source.replace(/(\\*)([^\x00-\x7f])/g, (match, slashes, c) => {
        if (/\s/.test(c)) return match;
        const escaped = `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
        return (slashes.length % 2 === 1 ? slashes.slice(1) : slashes) + escaped;
      });
      return { contents: ascii, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // json-data first: the read-core-model.js it writes is ASCII already.
  plugins: [jsonData, lazyLemmatizer, asciiSources],
};

/** Must match MODULE_WRAPPER in server/src/boot/codeCache.ts. */
const moduleWrapper = {
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '})' },
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'out/client.js', external: ['vscode'] },
  // The server and the CLI are bundles in out/lib/, each run by a small launcher script that
  // keeps V8's code cache for it (server/src/boot/codeCache.ts): the commands start sooner.
  // Each bundle is one function expression, Node's module wrapper, so that the launcher
  // compiles the file's text as it is (wrapping it there would copy the whole source).
  { entryPoints: ['server/src/main.ts'], outfile: 'out/lib/server.js', ...moduleWrapper },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'out/lib/cli.js', ...moduleWrapper },
  { entryPoints: ['server/src/boot/serverEntry.ts'], outfile: 'out/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/boot/cliEntry.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['test/vscode/suite/index.ts'], outfile: 'out/test/suite/index.js', external: ['vscode', 'mocha'] },
];

/** The bundles the .vsix and the npm package ship (the test suite is not shipped). */
const SHIPPED = new Set(['out/client.js', 'out/lib/server.js', 'out/lib/cli.js', 'out/server.js', 'out/cli.js']);

/** The folder of the npm package a bundled file belongs to (the innermost node_modules/<name>). */
function packageRoot(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return null;
  const scoped = parts[at + 1]?.startsWith('@');
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

/**
 * out/THIRD_PARTY_NOTICES.txt: every package whose code or data is inside a shipped bundle, with
 * its licence text. The bundles carry other people's code (wink, jsdiff, isomorphic-git, ...);
 * their licences (MIT, BSD, ISC) ask for their notices to travel with it.
 */
async function writeNotices(metafiles) {
  const roots = new Set();
  for (const metafile of metafiles) for (const input of Object.keys(metafile.inputs)) {
    const root = packageRoot(input);
    if (root) roots.add(root);
  }
  const sections = [...roots].sort().map((root) => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(root).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
    const where = manifest.homepage ?? manifest.repository?.url ?? manifest.repository ?? `https://www.npmjs.com/package/${manifest.name}`;
    // A few packages ship no licence file: their declared licence, author and home say it.
    const text = licenceFile
      ? readFileSync(path.join(root, licenceFile), 'utf8').trim()
      : manifest.license
        ? `Licensed under ${manifest.license}${author ? ` by ${author}` : ''} (the package has no licence file): ${where}`
        : null;
    if (!text) throw new Error(`${root}: neither a licence file nor a licence in package.json: add its notice by hand`);
    return `${manifest.name} ${manifest.version} (${manifest.license ?? 'see below'})\n${'-'.repeat(72)}\n${text}\n`;
  });
  const header = 'ClaimCheck bundles the following packages. Their licences and notices:\n\n';
  await writeFile('out/THIRD_PARTY_NOTICES.txt', header + sections.join('\n'));
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, metafile: SHIPPED.has(b.outfile) })));
  await writeNotices(results.filter((r) => r.metafile).map((r) => r.metafile));
  // The package's bins (`claimcheck`, `claimcheck-language-server`) run as scripts: a fresh
  // clone builds after `npm ci`, so npm has not marked them executable.
  for (const bin of ['out/server.js', 'out/cli.js']) chmodSync(bin, 0o755);
}
