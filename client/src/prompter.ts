/**
 * Everything the note commands ask the user goes through a Prompter, so the VS Code suite can
 * answer with scripted input (the real workbench's input boxes cannot be typed into from the
 * extension host) while users get VS Code's own input boxes and quick picks.
 */
import * as vscode from 'vscode';

export interface Prompter {
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  saveLocation(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
}

export const windowPrompter: Prompter = {
  input: async (options) => vscode.window.showInputBox(options),
  pick: async (items, options) => vscode.window.showQuickPick(items, options),
  saveLocation: async (options) => vscode.window.showSaveDialog(options),
};
