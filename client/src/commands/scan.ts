/** Scan Document, Scan Workspace and Toggle for This Document. */
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE, ScanTextRequest, SetDocumentEnabledNotification } from '../../../server/src/contract';
import { readClientConfig } from '../config';
import type { Services } from '../services';

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  txt: 'plaintext',
  md: 'markdown',
  markdown: 'markdown',
  news: 'news',
  article: 'news',
};

export async function scanDocument(services: Services): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const client = services.ctx.languageClient;
  if (!editor || !client || !services.ctx.running) {
    void vscode.window.showInformationMessage('ClaimCheck: open an article (and make sure the server runs) to scan it.');
    return;
  }
  await client.sendRequest('workspace/executeCommand', {
    command: Commands.server.scanDocument,
    arguments: [editor.document.uri.toString()],
  });
  await services.store.refresh(editor.document.uri.toString());
}

/**
 * Scans every article in the workspace that is not open: results go to the Problems panel
 * (a diagnostic collection of the client's own) and to the Claims view. Cancellable.
 */
export async function scanWorkspace(services: Services, collection: vscode.DiagnosticCollection): Promise<number> {
  const client = services.ctx.languageClient;
  if (!client || !services.ctx.running) {
    void vscode.window.showWarningMessage('ClaimCheck: the server is not running. Use "ClaimCheck: Restart Server".');
    return 0;
  }
  const config = readClientConfig();
  const extensions = Object.entries(LANGUAGE_BY_EXTENSION)
    .filter(([, language]) => config.languages.includes(language))
    .map(([ext]) => ext);
  const exclude = config.exclude.length > 0 ? `{${['**/node_modules/**', ...config.exclude].join(',')}}` : '**/node_modules/**';
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'ClaimCheck: scanning workspace', cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, exclude, 10_000, token);
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      let total = 0;
      for (const [i, file] of files.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${i + 1}/${files.length} ${vscode.workspace.asRelativePath(file)}`, increment: 100 / files.length });
        if (open.has(file.toString())) continue; // open documents are analysed live
        const bytes = await vscode.workspace.fs.readFile(file);
        if (bytes.subarray(0, 8000).includes(0)) continue; // binary
        const ext = file.path.slice(file.path.lastIndexOf('.') + 1).toLowerCase();
        const claims = await client.sendRequest(ScanTextRequest, {
          uri: file.toString(),
          languageId: LANGUAGE_BY_EXTENSION[ext] ?? 'plaintext',
          text: new TextDecoder().decode(bytes),
        });
        total += claims.length;
        services.store.set(file.toString(), claims);
        collection.set(
          file,
          claims.map((c) => {
            const d = new vscode.Diagnostic(
              new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character),
              `${c.kind.charAt(0).toUpperCase()}${c.kind.slice(1)} claim — ${c.value} — ${c.status}`,
              vscode.DiagnosticSeverity.Information,
            );
            d.source = DIAGNOSTIC_SOURCE;
            d.code = `claim.${c.kind}`;
            return d;
          }),
        );
      }
      void vscode.window.showInformationMessage(`ClaimCheck: ${total} claims in ${files.length} files.`);
      return total;
    },
  );
}

export async function toggleDocument(services: Services): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const client = services.ctx.languageClient;
  if (!editor || !client) return;
  const uri = editor.document.uri.toString();
  const enabled = services.disabledDocuments.has(uri);
  if (enabled) services.disabledDocuments.delete(uri);
  else services.disabledDocuments.add(uri);
  await client.sendNotification(SetDocumentEnabledNotification, { uri, enabled });
  if (!enabled) services.store.delete(uri);
  void vscode.window.setStatusBarMessage(`ClaimCheck ${enabled ? 'on' : 'off'} for this document`, 3000);
}
