/**
 * The client's one settings reader (and writer): the only caller of `workspace.getConfiguration`.
 * The server reads the analysis settings itself (per document, through `workspace/configuration`);
 * the client needs only what decides where and how the server runs, and writes the one setting
 * a command sets (`changedSince`).
 */
import * as vscode from 'vscode';
import { DEFAULT_LANGUAGES } from '../../server/src/contract';

export interface ClientConfig {
  languages: string[];
  exclude: string[];
}

export function readClientConfig(): ClientConfig {
  const section = vscode.workspace.getConfiguration('claimcheck');
  const languages = section.get<string[]>('languages', [...DEFAULT_LANGUAGES]);
  const exclude = section.get<string[]>('exclude', []);
  return {
    languages: Array.isArray(languages) ? languages : [...DEFAULT_LANGUAGES],
    exclude: Array.isArray(exclude) ? exclude.filter((g) => typeof g === 'string') : [],
  };
}

/** Documents the server should see: files and unsaved (untitled) documents of these languages. */
export function documentSelector(config: ClientConfig): { scheme: string; language: string }[] {
  return config.languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

/** The `claimcheck.changedSince` in effect for the active workspace ("" when every claim shows). */
export function readChangedSince(): string {
  const value = vscode.workspace.getConfiguration('claimcheck').get<string>('changedSince', '');
  return typeof value === 'string' ? value : '';
}

/**
 * Sets `claimcheck.changedSince` for the workspace (for the user when no folder is open): a
 * review of one branch is about this repository, not every window.
 */
export async function writeChangedSince(ref: string): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('claimcheck').update('changedSince', ref === '' ? undefined : ref, target);
}
