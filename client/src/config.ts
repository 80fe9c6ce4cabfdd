/**
 * The client's one settings reader: the only caller of `workspace.getConfiguration`. The
 * server reads the analysis settings itself (per document, through `workspace/configuration`);
 * the client needs only what decides where and how the server runs.
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
