/**
 * The extension tests module: VS Code's extension host (desktop via @vscode/test-electron, or
 * code-server driven by test/vscode/run-code-server.mjs) calls `run()` and treats a rejection as
 * failure. esbuild bundles this file and the test files into out/test/suite/index.js; mocha stays
 * external and resolves from the repository's node_modules at run time.
 */
import Mocha from 'mocha';
import { registerEditorTests } from './editor.test';
import { registerExtensionTests } from './extension.test';
import { registerNotesTests } from './notes.test';
import { registerRobustnessTests } from './robustness.test';

/** The test files, as registration functions (run after mocha's `pre-require`). */
const registrations: Array<() => void> = [registerExtensionTests, registerEditorTests, registerNotesTests, registerRobustnessTests];

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Defines suite/test/suiteSetup/... on globalThis, as mocha does before loading each file.
  mocha.suite.emit('pre-require', globalThis, 'test/vscode/suite', mocha);
  for (const register of registrations) register();

  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      const runner = mocha.run(() => {
        const summary = `vscode suite: ${passed} passed, ${failed} failed`;
        console.log(summary);
        if (failed > 0) reject(new Error(`${failed} test(s) failed`));
        else if (passed === 0) reject(new Error('no tests ran'));
        else resolve();
      });
      runner.on('pass', () => { passed++; });
      runner.on('fail', () => { failed++; });
    } catch (err) {
      console.error(err);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
