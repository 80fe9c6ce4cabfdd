/**
 * Process-level A/B measurements of the language server (issue #7): start → first diagnostics
 * and peak RSS, for one or more server bundles and node options, runs interleaved so that a
 * change in the (shared, 2-core) machine's load hits every variant alike.
 *
 *   node --import tsx server/scripts/bench-startup.ts [--runs N] [--memory-runs N] [--what start,many,large,huge]
 *        [--client-delay MS] [--variant LABEL=BUNDLE[,NODE_OPTION|env:NAME=VALUE...]]...
 *
 * Without --variant: out/server.js as built. Each variant is spawned as
 * `node [NODE_OPTIONS] BUNDLE --stdio` and driven over LSP by benchLsp.ts's BenchServer:
 * - start: spawn → initialize → didOpen of a typical article → its diagnostics pulled (ms), and
 *   the peak RSS then; with --client-delay, the client waits that long after `initialized`
 *   before the didOpen, as an editor busy setting up its features would;
 * - many: 20 articles opened and pulled, then 200 hovers; peak RSS;
 * - large: a 1 MB document opened and pulled, 30 one-character edits each pulled (p50, p95),
 *   220 hovers; peak RSS (about the sequence of `npm run bench -- --quick`);
 * - huge: a document just under 5 MiB (maxFileSize's default) opened and pulled, then 3 edits:
 *   the server must survive it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildDocument, loadCorpus, spreadArticles, typicalArticle } from './benchCorpus';
import { BenchServer } from './benchLsp';
import { median } from './benchStats';

interface Variant {
  label: string;
  bundle: string;
  nodeArgs: string[];
  env: Record<string, string>;
}

/**
 * A fresh server of variant `v`, driven by `drive` and shut down. A failure (the server dying,
 * say) ends the whole run, named after the variant, and takes the server with it.
 */
async function withServer(v: Variant, drive: (server: BenchServer) => Promise<void>): Promise<void> {
  const server = new BenchServer(v.nodeArgs, { bundle: v.bundle, env: v.env });
  try {
    await drive(server);
    await server.shutdown();
  } catch (err) {
    server.process.kill();
    throw new Error(`${v.label}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

function peakMB(server: BenchServer): number {
  return server.memory()?.peakRssMB ?? Number.NaN;
}

function parseVariant(spec: string): Variant {
  const eq = spec.indexOf('=');
  const [bundle, ...options] = spec.slice(eq + 1).split(',');
  const env = Object.fromEntries(options.filter((o) => o.startsWith('env:')).map((o) => o.slice(4).split('=', 2)));
  return { label: spec.slice(0, eq), bundle: path.resolve(bundle), nodeArgs: options.filter((o) => !o.startsWith('env:')), env };
}

async function hovers(server: BenchServer, uri: string, text: string, count: number): Promise<void> {
  const doc = TextDocument.create(uri, 'plaintext', 1, text);
  for (let i = 0; i < count; i++) await server.hover(uri, doc.positionAt(Math.floor((text.length * (i + 0.5)) / count)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '9' },
      what: { type: 'string', default: 'start,many,large' },
      variant: { type: 'string', multiple: true },
      'client-delay': { type: 'string', default: '0' },
      'memory-runs': { type: 'string', default: '3' },
    },
  });
  const runs = Number(values.runs);
  /** ms the client waits after `initialized` before opening the document (an editor's own work). */
  const clientDelay = Number(values['client-delay']);
  const what = new Set(values.what.split(','));
  const variants = (values.variant ?? ['as-built=out/server.js']).map(parseVariant);
  const corpus = loadCorpus();
  const typical = typicalArticle(corpus.articles);
  const results = new Map<string, Map<string, number[]>>(variants.map((v) => [v.label, new Map()]));
  const record = (v: Variant, metric: string, x: number): void => {
    const m = results.get(v.label)!;
    m.set(metric, [...(m.get(metric) ?? []), x]);
  };

  if (what.has('start')) {
    for (let r = 0; r < runs; r++) {
      for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
        await withServer(v, async (s) => {
          await s.initialize(clientDelay);
          record(v, 'initialize answered ms', s.initializedAt - s.spawnedAt);
          await s.open('file:///bench/start.txt', typical.text);
          record(v, 'diagnostics', await s.pull('file:///bench/start.txt'));
          record(v, 'start→diagnostics ms', performance.now() - s.spawnedAt);
          record(v, 'start peak RSS MB', peakMB(s));
        });
      }
    }
  }
  const memRuns = Number(values['memory-runs']);
  if (what.has('many')) {
    const twenty = spreadArticles(corpus.articles, 20);
    for (let r = 0; r < memRuns; r++) {
      for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
        await withServer(v, async (s) => {
          await s.initialize();
          for (const [i, a] of twenty.entries()) {
            await s.open(`file:///bench/a${i}.txt`, a.text);
            await s.pull(`file:///bench/a${i}.txt`);
          }
          const longest = twenty.reduce((b, a, i) => (a.text.length > twenty[b].text.length ? i : b), 0);
          await hovers(s, `file:///bench/a${longest}.txt`, twenty[longest].text, 220);
          record(v, '20 articles peak RSS MB', peakMB(s));
        });
      }
    }
  }
  for (const [key, chars, edits] of [
    ['large', 1024 * 1024, 30],
    // Just under claimcheck.maxFileSize's default (5 MiB), which the server would skip.
    ['huge', 5 * 1024 * 1024 - 16_384, 3],
  ] as const) {
    if (!what.has(key)) continue;
    const text = buildDocument(corpus.articles, chars);
    const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
    const mid = doc.positionAt(text.indexOf(' ', text.length >> 1));
    for (let r = 0; r < memRuns; r++) {
      for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
        await withServer(v, async (s) => {
          await s.initialize();
          const uri = `file:///bench/${key}.txt`;
          const t0 = performance.now();
          await s.open(uri, text);
          record(v, `${key}: diagnostics`, await s.pull(uri));
          record(v, `${key}: open→diagnostics ms`, performance.now() - t0);
          const times: number[] = [];
          for (let i = 0; i < edits; i++) {
            const t1 = performance.now();
            const at: Position = { line: mid.line, character: mid.character + i };
            await s.insert(uri, i + 2, at, 'x');
            await s.pull(uri);
            times.push(performance.now() - t1);
          }
          times.sort((a, b) => a - b);
          record(v, `${key}: edit p50 ms`, times[Math.floor(times.length / 2)]);
          record(v, `${key}: edit p95 ms`, times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]);
          if (key === 'large') await hovers(s, uri, text, 220);
          record(v, `${key}: peak RSS MB`, peakMB(s));
        });
      }
    }
  }

  const metrics = [...new Set([...results.values()].flatMap((m) => [...m.keys()]))];
  const width = Math.max(...metrics.map((m) => m.length));
  console.log(`${''.padEnd(width)}  ${variants.map((v) => v.label.padStart(22)).join('')}`);
  for (const metric of metrics) {
    const cells = variants.map((v) => {
      const xs = results.get(v.label)!.get(metric) ?? [];
      const cell = xs.length === 0 ? '-' : `${median(xs).toFixed(0)} [${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}]`;
      return cell.padStart(22);
    });
    console.log(`${metric.padEnd(width)}  ${cells.join('')}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
