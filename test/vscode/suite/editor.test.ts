/**
 * Editor features in the real workbench: navigation commands move the cursor, claims are
 * document symbols, a settings change (a kind switched off) removes its diagnostics, and "Show
 * Only Claims Changed Since…" sets its setting and the server answers it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { claimDiagnostics, openSampleArticle, scripted, waitFor, waitForClaimDiagnostics, workspaceFolder, type PrompterApi } from './helpers';

export function registerEditorTests(): void {
  suite('ClaimCheck editor features', () => {
    let uri: vscode.Uri;
    let editor: vscode.TextEditor;

    suiteSetup(async () => {
      uri = vscode.Uri.joinPath(workspaceFolder().uri, 'sample-article.news');
      const document = await vscode.workspace.openTextDocument(uri);
      editor = await vscode.window.showTextDocument(document);
      await waitForClaimDiagnostics(uri, 'diagnostics on the sample article');
    });

    test('Next Unverified Claim moves the cursor to the next claim', async () => {
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand('claimcheck.nextUnverifiedClaim');
      const selected = await waitFor(() => {
        const sel = vscode.window.activeTextEditor?.selection;
        return sel && !sel.isEmpty ? sel : undefined;
      }, 10_000, 'a claim to be selected');
      const text = editor.document.getText(selected);
      console.log(`[claimcheck] Next Unverified Claim selected ${JSON.stringify(text)} at ${selected.start.line + 1}:${selected.start.character + 1}`);
      assert.ok(claimDiagnostics(uri).some((d) => d.range.isEqual(selected)), 'the selection is a flagged claim');
      await vscode.commands.executeCommand('claimcheck.nextClaim');
      const next = await waitFor(() => {
        const sel = vscode.window.activeTextEditor?.selection;
        return sel && sel.start.isAfter(selected.start) ? sel : undefined;
      }, 10_000, 'Next Claim to move further down');
      console.log(`[claimcheck] Next Claim selected ${JSON.stringify(editor.document.getText(next))}`);
    });

    test('List Claims offers every claim and jumps to the one picked', async () => {
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const listing = vscode.commands.executeCommand('claimcheck.listClaims');
      // Move to the second item and accept it, as a user pressing ↓ and Enter would.
      await waitFor(async () => {
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        const sel = vscode.window.activeTextEditor?.selection;
        return sel && !sel.isEmpty;
      }, 10_000, 'List Claims to select a claim');
      await listing;
      const sel = vscode.window.activeTextEditor!.selection;
      console.log(`[claimcheck] List Claims jumped to ${JSON.stringify(editor.document.getText(sel))}`);
      assert.ok(claimDiagnostics(uri).some((d) => d.range.isEqual(sel)), 'the jump target is a flagged claim');
    });

    test('claims appear as document symbols (Outline, Go to Symbol)', async () => {
      const symbols = await waitFor(
        async () => await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri),
        10_000,
        'document symbols',
      );
      const names = symbols.map((s) => s.name);
      console.log(`[claimcheck] ${symbols.length} document symbols, e.g. ${names.slice(0, 3).join(' | ')}`);
      assert.ok(names.includes('A group of 30 countries'), names.join(', '));
    });

    test('switching a kind off in the settings removes its diagnostics', async () => {
      const isPercentage = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'claim.percentage';
      await waitForClaimDiagnostics(uri, 'a percentage claim', (ds) => ds.some(isPercentage));
      const config = vscode.workspace.getConfiguration('claimcheck', uri);
      const allKinds = ['quantity', 'percentage', 'money', 'change', 'comparison', 'temporal', 'event'];
      await config.update('kinds', allKinds.filter((k) => k !== 'percentage'), vscode.ConfigurationTarget.Workspace);
      try {
        const after = await waitForClaimDiagnostics(uri, 'percentage claims to disappear', (ds) => ds.length > 0 && !ds.some(isPercentage));
        console.log(`[claimcheck] with percentage off: ${after.length} diagnostics, none of them percentages`);
      } finally {
        await config.update('kinds', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitForClaimDiagnostics(uri, 'percentage claims to come back', (ds) => ds.some(isPercentage));
    });

    test('"Show Only Claims Changed Since…" sets claimcheck.changedSince; outside git every claim stays and one diagnostic says why', async () => {
      const { api } = await openSampleArticle<PrompterApi>();
      const setting = () => vscode.workspace.getConfiguration('claimcheck', uri).get<string>('changedSince');
      const isScope = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'claim.scope';
      const claims = claimDiagnostics(uri).filter((d) => !isScope(d)).length;
      try {
        api.services.prompter = scripted({ inputs: [], picks: ['HEAD'] });
        await vscode.commands.executeCommand('claimcheck.showChangedSince');
        assert.equal(setting(), 'HEAD');
        // The suite's workspace is a copy outside any repository.
        const scoped = await waitForClaimDiagnostics(uri, 'the diagnostic saying why every claim stays', (ds) => ds.some(isScope));
        const why = scoped.find(isScope)!;
        console.log(`[claimcheck] changedSince HEAD: ${why.message}`);
        assert.match(why.message, /^claimcheck\.changedSince: sample-article\.news is not in a git repository; showing every claim$/);
        assert.equal(scoped.filter((d) => !isScope(d)).length, claims, 'every claim stays');

        api.services.prompter = scripted({ inputs: ['origin/main'], picks: ['Another branch'] });
        await vscode.commands.executeCommand('claimcheck.showChangedSince');
        assert.equal(setting(), 'origin/main');
      } finally {
        api.services.prompter = scripted({ inputs: [], picks: ['Every claim'] });
        await vscode.commands.executeCommand('claimcheck.showChangedSince');
      }
      assert.equal(setting(), '');
      await waitForClaimDiagnostics(uri, 'the scope diagnostic to go', (ds) => ds.length > 0 && !ds.some(isScope));
    });
  });
}
