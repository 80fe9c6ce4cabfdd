/**
 * "ClaimCheck: Show Only Claims Changed Since…": sets `claimcheck.changedSince` without opening
 * the settings: what changed since the last commit, since another branch, tag or commit, or every
 * claim again. The server applies it to every view (see server/src/lsp/changeScope.ts).
 */
import * as vscode from 'vscode';
import { GIT_REF_PATTERN } from '../../../server/src/contract';
import { readChangedSince, writeChangedSince } from '../config';
import type { Services } from '../services';

interface ScopeItem extends vscode.QuickPickItem {
  ref: string | null;
}

/** Why a typed ref would be refused by the server's settings reader, if it would. */
function refProblem(value: string): string | undefined {
  if (value.trim() === '') return 'Type a branch, tag or commit id';
  return GIT_REF_PATTERN.test(value.trim()) ? undefined : 'A branch, tag or commit id has no spaces and does not start with "-"';
}

export async function showChangedSince(services: Services): Promise<void> {
  const current = readChangedSince();
  const items: ScopeItem[] = [
    { label: 'HEAD', description: 'what changed since the last commit', ref: 'HEAD' },
    { label: 'Another branch, tag or commit…', description: 'origin/main when reviewing a branch', ref: null },
    { label: 'Every claim', description: 'no limit', ref: '' },
  ];
  const picked = await services.prompter.pick(items, {
    title: 'ClaimCheck: show only the claims on lines changed since…',
    placeHolder: current === '' ? 'Now: every claim' : `Now: changed since ${current}`,
  });
  if (!picked) return;
  let ref = picked.ref;
  if (ref === null) {
    const typed = await services.prompter.input({
      title: 'ClaimCheck: changed since which branch, tag or commit?',
      value: current,
      placeHolder: 'origin/main',
      validateInput: refProblem,
    });
    if (typed === undefined || refProblem(typed) !== undefined) return;
    ref = typed.trim();
  }
  await writeChangedSince(ref);
  void vscode.window.setStatusBarMessage(ref === '' ? 'ClaimCheck: every claim' : `ClaimCheck: claims changed since ${ref}`, 3000);
}
