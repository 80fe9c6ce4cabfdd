/**
 * The client's command table. Each entry is a small factory taking the context; commands that
 * need the server get a clear message instead of an exception while it is down.
 */
import * as vscode from 'vscode';
import { Commands } from '../../server/src/contract';
import type { ClientContext } from './context';

type CommandFactory = (ctx: ClientContext) => (...args: unknown[]) => unknown;

const commands: Record<string, CommandFactory> = {
  [Commands.client.restartServer]: (ctx) => async () => {
    await ctx.restart();
    void vscode.window.setStatusBarMessage('ClaimCheck server restarted', 3000);
  },
  [Commands.client.showOutput]: (ctx) => () => ctx.output.show(true),
};

export function registerCommands(ctx: ClientContext): vscode.Disposable[] {
  return Object.entries(commands).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ctx)));
}

/** Ids the client implements; a test checks them against package.json. */
export const CLIENT_COMMAND_IDS = Object.keys(commands);
