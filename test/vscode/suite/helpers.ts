/** Small helpers for the VS Code suite: polling with a deadline, never a fixed sleep. */
import * as vscode from 'vscode';

const POLL_MS = 150;

/**
 * Polls `probe` every ~150 ms until it returns a value that is neither `undefined`, `null`
 * nor `false`, and resolves with that value; rejects with `label` once `timeoutMs` has passed.
 * The probe may be async; an exception from it counts as "not yet" (its message is kept for
 * the timeout error).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs: number,
  label: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}${cause}`);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}

/** ClaimCheck's diagnostics for `uri` (other sources filtered out). */
export function claimDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ClaimCheck');
}

/** Waits until `uri` has ClaimCheck diagnostics matching `accept` (default: any) and returns them. */
export function waitForClaimDiagnostics(
  uri: vscode.Uri,
  label: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const diagnostics = claimDiagnostics(uri);
    return accept(diagnostics) ? diagnostics : undefined;
  }, timeoutMs, label);
}

/** Plain text of a hover's contents (markdown strings, marked strings and code blocks). */
export function hoverText(hover: vscode.Hover): string {
  return hover.contents
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

/** The first workspace folder; the suite runs on a copy of test/fixtures/workspace. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the runner must open a copy of test/fixtures/workspace');
  return folder;
}

/** Activates ClaimCheck and opens the fixture article in an editor: the common suite set-up. */
export async function openSampleArticle<Api>(): Promise<{ api: Api; uri: vscode.Uri; document: vscode.TextDocument }> {
  const extension = vscode.extensions.getExtension<Api>('claimcheck.claimcheck');
  if (!extension) throw new Error('extension claimcheck.claimcheck is not installed');
  const api = await extension.activate();
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'sample-article.news');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return { api, uri, document };
}

export interface ScriptedAnswers {
  inputs: string[];
  picks: string[];
  save?: vscode.Uri;
}

/** The part of the extension's API the suite drives: the prompter every question goes through. */
export interface PrompterApi {
  services: {
    prompter: {
      input(options: vscode.InputBoxOptions): Promise<string | undefined>;
      pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
      saveLocation(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
    };
  };
}

/** Answers the extension's questions in order, as a user would type them. */
export function scripted(answers: ScriptedAnswers): PrompterApi['services']['prompter'] {
  return {
    input: async (options) => {
      const answer = answers.inputs.shift();
      console.log(`[claimcheck]   asked "${options.title ?? options.prompt}", answered ${JSON.stringify(answer)}`);
      return answer;
    },
    pick: async (items, options) => {
      const want = answers.picks.shift() ?? '';
      const item = items.find((i) => i.label.includes(want));
      console.log(`[claimcheck]   picked "${item?.label}" in "${options.title}"`);
      return item;
    },
    saveLocation: async () => answers.save,
  };
}
