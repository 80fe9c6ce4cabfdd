/**
 * Source notes from the real workbench: the preferred quick fix "Add source note…" (answered by
 * a scripted prompter, the extension's seam for input boxes) writes the notes file and the
 * claim's diagnostic turns into a hint; Export Report writes a report with every claim.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { claimDiagnostics, openSampleArticle, scripted, waitFor, waitForClaimDiagnostics, workspaceFolder, type PrompterApi as Api } from './helpers';

export function registerNotesTests(): void {
  suite('ClaimCheck source notes', () => {
    let api: Api;
    let uri: vscode.Uri;
    let document: vscode.TextDocument;

    suiteSetup(async () => {
      ({ api, uri, document } = await openSampleArticle<Api>());
      await waitForClaimDiagnostics(uri, 'diagnostics on the sample article');
    });

    test('"Add source note…" writes the notes file and the claim becomes a hint', async () => {
      const target = claimDiagnostics(uri).find((d) => document.getText(d.range) === 'A group of 30 countries');
      assert.ok(target, 'the "30 countries" claim is flagged');
      assert.equal(target.severity, vscode.DiagnosticSeverity.Information);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range);
      const preferred = actions.find((a) => a.isPreferred);
      console.log(`[claimcheck] quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(preferred?.title, 'Add source note…');
      assert.ok(preferred.command);

      api.services.prompter = scripted({
        inputs: ['https://www.nato.int/press-briefing', 'a group of 30 countries', 'Rutte, press briefing; matches the NATO list'],
        picks: ['Verified'],
      });
      await vscode.commands.executeCommand(preferred.command.command, ...(preferred.command.arguments ?? []));

      const notesFile = vscode.Uri.joinPath(workspaceFolder().uri, '.claimcheck', 'notes', 'sample-article.news.json');
      const saved = await waitFor(async () => {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(notesFile));
        return text.includes('https://www.nato.int/press-briefing') ? text : undefined;
      }, 15_000, 'the notes file to hold the source');
      const note = (JSON.parse(saved) as { notes: { status: string; claim: { selector: { exact: string } } }[] }).notes[0];
      console.log(`[claimcheck] notes file written: status ${note.status}, quote ${JSON.stringify(note.claim.selector.exact)}`);
      assert.equal(note.status, 'verified');
      assert.equal(note.claim.selector.exact, 'A group of 30 countries');

      const hint = await waitForClaimDiagnostics(uri, 'the verified claim to become a hint', (ds) =>
        ds.some((d) => document.getText(d.range) === 'A group of 30 countries' && d.severity === vscode.DiagnosticSeverity.Hint),
      );
      const verified = hint.find((d) => document.getText(d.range) === 'A group of 30 countries');
      console.log(`[claimcheck] after the note: ${verified?.message} (severity Hint)`);

      const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, verified!.range.start.translate(0, 3));
      const text = hover.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).join('\n');
      assert.ok(text.includes('verified') && text.includes('nato.int'), `the hover shows the note: ${text}`);
    });

    test('Export Report writes a Markdown report with every claim', async () => {
      const report = vscode.Uri.joinPath(workspaceFolder().uri, 'claims-report.md');
      api.services.prompter = scripted({ inputs: [], picks: ['Markdown'], save: report });
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('claimcheck.exportReport');
      const text = await waitFor(async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(report)), 15_000, 'the report file');
      const claims = claimDiagnostics(uri).map((d) => document.getText(d.range));
      const missing = claims.filter((c) => !text.includes(c));
      console.log(`[claimcheck] report ${report.path.split('/').pop()}: ${text.length} characters, ${claims.length - missing.length}/${claims.length} claims present`);
      assert.deepEqual(missing, [], 'every claim is in the report');
      assert.ok(text.includes('verified'), 'the note status is in the report');
    });
  });
}
