/** Activation only: build the context and services, register commands and views, start the server. */
import * as vscode from 'vscode';
import { ClaimStore } from './claimStore';
import { ClaimsView } from './claimsView';
import { registerCommands } from './commands';
import { ClientContext } from './context';
import { windowPrompter } from './prompter';
import type { Services } from './services';

let context: ClientContext | undefined;

export interface ClaimCheckApi {
  /** For tests: the server context and the running services. */
  context: ClientContext;
  services: Services;
}

export async function activate(extension: vscode.ExtensionContext): Promise<ClaimCheckApi> {
  const ctx = new ClientContext(extension);
  context = ctx;
  const store = new ClaimStore(ctx);
  const view = new ClaimsView(store);
  const services: Services = { ctx, store, view, disabledDocuments: new Set(), prompter: windowPrompter };
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('claimcheck-workspace');
  extension.subscriptions.push(
    ctx,
    store,
    view,
    workspaceDiagnostics,
    vscode.window.createTreeView('claimcheck.claims', { treeDataProvider: view, showCollapseAll: true }),
    ...registerCommands(services, workspaceDiagnostics),
    vscode.window.onDidChangeActiveTextEditor(() => ctx.refreshStatus()),
    vscode.workspace.onDidOpenTextDocument((d) => workspaceDiagnostics.delete(d.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => store.delete(d.uri.toString())),
  );
  // Each new analysis of an open document refreshes its entry in the Claims view.
  extension.subscriptions.push(
    ctx.onDocumentSummary((summary) => {
      if (summary.skipped) store.delete(summary.uri);
      else void store.refresh(summary.uri);
    }),
  );
  try {
    await ctx.start();
  } catch (err) {
    ctx.output.error(`ClaimCheck server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage('ClaimCheck could not start its language server.', 'Show Output').then((c) => {
      if (c) ctx.output.show();
    });
  }
  void vscode.commands.executeCommand('setContext', 'claimcheck.claimsGroupBy', 'kind');
  return { context: ctx, services };
}

export async function deactivate(): Promise<void> {
  await context?.stop();
  context = undefined;
}
