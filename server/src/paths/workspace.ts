/** The workspace folders an editor opened, as file-system paths, and which one holds a file. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InitializeParams } from 'vscode-languageserver';

/** The `file:` workspace folders of `initialize` (or its `rootUri`), as paths. */
export function workspaceRoots(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri'>): string[] {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
}

/** The innermost of `roots` that contains `file`, or null. */
export function workspaceFor(file: string, roots: readonly string[]): string | null {
  let best: string | null = null;
  for (const root of roots) {
    const relative = path.relative(root, file);
    const inside = relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
    if (inside && (best === null || root.length > best.length)) best = root;
  }
  return best;
}
