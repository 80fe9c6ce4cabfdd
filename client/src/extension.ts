/** Activation only: build the context, register commands, start the server. */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ClientContext } from './context';

let context: ClientContext | undefined;

export interface ClaimCheckApi {
  /** For tests: the running context. */
  context: ClientContext;
}

export async function activate(extension: vscode.ExtensionContext): Promise<ClaimCheckApi> {
  const ctx = new ClientContext(extension);
  context = ctx;
  extension.subscriptions.push(ctx, ...registerCommands(ctx));
  extension.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => ctx.refreshStatus()));
  try {
    await ctx.start();
  } catch (err) {
    ctx.output.error(`ClaimCheck server failed to start: ${String(err)}`);
    void vscode.window.showErrorMessage('ClaimCheck could not start its language server.', 'Show Output').then((c) => {
      if (c) ctx.output.show();
    });
  }
  return { context: ctx };
}

export async function deactivate(): Promise<void> {
  await context?.stop();
  context = undefined;
}
