#!/usr/bin/env node
// Runs every test level in order and prints one closing line: "total: N passed, N failed".
//   1. unit + protocol tests (Node's test runner, TypeScript through tsx)
//   2. the VS Code suite inside code-server + headless Chromium (real workbench)
//   3. the packaged .vsix installed into code-server
// Output of each level streams through unchanged; counts are read from each level's summary.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const testFiles = ['test/unit', 'test/protocol'].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => `${dir}/${f}`),
);

function run(label, command, args, parse) {
  return new Promise((resolve) => {
    console.log(`\n=== ${label} ===`);
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
    });
    child.on('close', (code) => {
      const counts = parse(out);
      // A level that crashed before reporting counts as one failure, never as a pass.
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      resolve({ label, code, ...counts });
    });
  });
}

const last = (text, re) => {
  const all = [...text.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : 0;
};
const nodeCounts = (out) => ({ passed: last(out, /^# pass (\d+)$/gm), failed: last(out, /^# fail (\d+)$/gm) });
const lineCounts = (out) => {
  const m = [...out.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 0 };
};

const levels = [
  await run('unit and protocol tests', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...testFiles], nodeCounts),
  await run('VS Code suite (code-server + Chromium)', process.execPath, ['test/vscode/run-code-server.mjs'], lineCounts),
  await run('packaged .vsix in code-server', process.execPath, ['test/vscode/run-vsix.mjs'], lineCounts),
];

console.log('\n=== summary ===');
for (const l of levels) console.log(`${l.label}: ${l.passed} passed, ${l.failed} failed (exit ${l.code})`);
const passed = levels.reduce((n, l) => n + l.passed, 0);
const failed = levels.reduce((n, l) => n + l.failed, 0);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || levels.some((l) => l.code !== 0) ? 1 : 0;
