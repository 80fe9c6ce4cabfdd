/**
 * Editor features in the real workbench: navigation commands move the cursor, claims are
 * document symbols, and a settings change (a kind switched off) removes its diagnostics.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { claimDiagnostics, waitFor, waitForClaimDiagnostics, workspaceFolder } from './helpers';

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
  });
}
