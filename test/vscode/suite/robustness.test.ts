/**
 * Issue #8 in the real workbench: a language server killed with SIGKILL is restarted by the
 * client, serves again, and the notes file is byte-identical; the restarts are bounded (after
 * MAX_RESTARTS crashes in three minutes the server stays stopped until "Restart Server").
 *
 * The server is found with `ps` as the child of this extension host running out/server.js, so
 * another VS Code on the machine is never touched. POSIX only (code-server on Linux, macOS).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { openSampleArticle, waitFor, waitForClaimDiagnostics, workspaceFolder } from './helpers';

interface Api {
  context: { running: boolean };
}

interface ListNotes {
  notesFile: string | null;
  notes: { id: string }[];
}

/** client/src/context.ts: crashes tolerated within three minutes. */
const MAX_RESTARTS = 4;
const RESTART_TIMEOUT_MS = 30_000;

/** Pid of this extension host's ClaimCheck server process, or undefined when there is none. */
function serverPid(): number | undefined {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n');
  for (const row of rows) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row);
    if (m && Number(m[2]) === process.pid && /out[/\\]server\.js/.test(m[3])) return Number(m[1]);
  }
  return undefined;
}

function kill(pid: number): void {
  process.kill(pid, 'SIGKILL');
  console.log(`[claimcheck] killed the language server (pid ${pid}) with SIGKILL`);
}

async function waitForNewServer(api: Api, old: number): Promise<number> {
  return waitFor(
    () => {
      const pid = serverPid();
      return api.context.running && pid !== undefined && pid !== old ? pid : undefined;
    },
    RESTART_TIMEOUT_MS,
    `a new ClaimCheck server after killing pid ${old}`,
  );
}

export function registerRobustnessTests(): void {
  suite('ClaimCheck robustness: a killed server', () => {
    let api: Api;
    let uri: vscode.Uri;
    let document: vscode.TextDocument;

    suiteSetup(async () => {
      ({ api, uri, document } = await openSampleArticle<Api>());
      // A manual restart clears the crash count, so this suite starts from zero crashes.
      await vscode.commands.executeCommand('claimcheck.restartServer');
      await waitFor(() => api.context.running && serverPid(), RESTART_TIMEOUT_MS, 'the ClaimCheck server to be running');
      await waitForClaimDiagnostics(uri, 'diagnostics on the sample article');
    });

    test('is restarted by the client, serves edits again, and the notes file is intact', async () => {
      // A note on disk to watch: the one an earlier suite wrote, or a new one.
      let listed = await vscode.commands.executeCommand<ListNotes>('claimcheck.server.listNotes', { uri: uri.toString() });
      if (listed.notes.length === 0) {
        const text = document.getText();
        const at = text.indexOf('90%');
        assert.ok(at >= 0);
        const range = { start: document.positionAt(at), end: document.positionAt(at + 3) };
        await vscode.commands.executeCommand('claimcheck.server.addNote', { uri: uri.toString(), claim: { range }, note: 'robustness test' });
        listed = await vscode.commands.executeCommand<ListNotes>('claimcheck.server.listNotes', { uri: uri.toString() });
      }
      assert.ok(listed.notesFile, 'the sample article keeps its notes in a file');
      const notesFile = vscode.Uri.joinPath(workspaceFolder().uri, listed.notesFile);
      const before = await vscode.workspace.fs.readFile(notesFile);
      const ids = listed.notes.map((n) => n.id).sort();

      const old = serverPid();
      assert.ok(old, 'no ClaimCheck server process found');
      kill(old);
      const pid = await waitForNewServer(api, old);
      console.log(`[claimcheck] the client restarted the server (pid ${pid})`);

      // The new server analyses a claim that did not exist before the crash.
      const editor = await vscode.window.showTextDocument(document);
      const marker = 'After the crash, officials counted 8,888 new applications.';
      const end = document.lineAt(document.lineCount - 1).range.end;
      assert.ok(await editor.edit((b) => b.insert(end, `\n${marker}\n`)));
      try {
        await waitForClaimDiagnostics(uri, 'a diagnostic on the claim added after the crash', (ds) => ds.some((d) => document.getText(d.range).includes('8,888')));
      } finally {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }

      const after = await vscode.workspace.fs.readFile(notesFile);
      assert.deepEqual(Buffer.from(after), Buffer.from(before), 'the notes file changed across the crash');
      const relisted = await vscode.commands.executeCommand<ListNotes>('claimcheck.server.listNotes', { uri: uri.toString() });
      assert.deepEqual(relisted.notes.map((n) => n.id).sort(), ids, 'the restarted server lists the same notes');
      console.log(`[claimcheck] after the crash: ${ids.length} note(s) intact, notes file byte-identical`);
    });

    test(`is restarted at most ${MAX_RESTARTS} times in three minutes, then stays stopped until "Restart Server"`, async () => {
      // The previous test crashed it once; crash it until the client gives up.
      for (let crash = 2; crash <= MAX_RESTARTS; crash++) {
        const old = serverPid();
        assert.ok(old, `no server before crash ${crash}`);
        kill(old);
        await waitForNewServer(api, old);
      }
      const last = serverPid();
      assert.ok(last);
      kill(last);
      // Give a restart every chance to happen, then check that none did.
      await waitFor(() => !api.context.running, RESTART_TIMEOUT_MS, 'the client to give up');
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      assert.equal(api.context.running, false, 'restarted after more than MAX_RESTARTS crashes');
      assert.equal(serverPid(), undefined, 'a server process is running');
      console.log(`[claimcheck] after ${MAX_RESTARTS + 1} crashes the client stopped restarting the server`);

      await vscode.commands.executeCommand('claimcheck.restartServer');
      await waitFor(() => api.context.running && serverPid(), RESTART_TIMEOUT_MS, 'the server after "Restart Server"');
      await waitForClaimDiagnostics(uri, 'diagnostics after "Restart Server"');
    });
  });
}
