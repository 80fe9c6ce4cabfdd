/** List Claims, Next / Previous Claim, Next Unverified Claim, and revealing a claim. */
import * as vscode from 'vscode';
import type { ClaimInfo } from '../../../server/src/contract';
import { capitalise, KIND_ICON } from '../kindIcons';
import type { Services } from '../services';

function toVsRange(range: ClaimInfo['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export async function revealClaim(uri: string | vscode.Uri, range: ClaimInfo['range']): Promise<void> {
  const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  const editor = await vscode.window.showTextDocument(document);
  const target = toVsRange(range);
  editor.selection = new vscode.Selection(target.start, target.end);
  editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The active editor's claims, fresh from the server; a message when there is nothing to show. */
async function activeClaims(services: Services): Promise<{ editor: vscode.TextEditor; claims: ClaimInfo[] } | null> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('ClaimCheck: open an article first.');
    return null;
  }
  if (!services.ctx.running) {
    void vscode.window.showWarningMessage('ClaimCheck: the server is not running. Use "ClaimCheck: Restart Server".');
    return null;
  }
  const claims = await services.store.refresh(editor.document.uri.toString());
  if (!claims || claims.length === 0) {
    void vscode.window.showInformationMessage('ClaimCheck: no check-worthy claims in this document.');
    return null;
  }
  return { editor, claims };
}

export async function listClaims(services: Services): Promise<void> {
  const active = await activeClaims(services);
  if (!active) return;
  const items = active.claims.map((claim) => ({
    label: `$(${KIND_ICON[claim.kind]}) ${claim.text.replace(/\s+/g, ' ')}`,
    description: `${capitalise(claim.kind)} · ${claim.value} · ${claim.status}`,
    detail: claim.source ? `Source: ${claim.source}` : undefined,
    claim,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `ClaimCheck: ${items.length} claims`,
    placeHolder: 'Jump to a claim',
    matchOnDescription: true,
  });
  if (picked) await revealClaim(active.editor.document.uri, picked.claim.range);
}

export async function stepClaim(services: Services, direction: 1 | -1, onlyUnverified: boolean): Promise<void> {
  const active = await activeClaims(services);
  if (!active) return;
  const { editor } = active;
  const claims = onlyUnverified ? active.claims.filter((c) => c.status === 'unverified') : active.claims;
  if (claims.length === 0) {
    void vscode.window.showInformationMessage('ClaimCheck: every claim in this document has a note.');
    return;
  }
  const cursor = editor.selection.start;
  const starts = claims.map((c) => toVsRange(c.range).start);
  let index = direction === 1 ? starts.findIndex((s) => s.isAfter(cursor)) : starts.map((s) => s.isBefore(cursor)).lastIndexOf(true);
  if (index < 0) index = direction === 1 ? 0 : claims.length - 1; // wrap around, like Go to Next Problem
  await revealClaim(editor.document.uri, claims[index].range);
}
