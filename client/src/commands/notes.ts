/**
 * The source-note commands: Add Source Note…, Mark verified / disputed / false / needs context,
 * Dismiss (with a reason), dismiss a kind in a file, apply a status to similar claims, undo,
 * and Export Report. The server does the work (so every editor behaves the same); the client
 * only asks questions and shows results.
 */
import * as vscode from 'vscode';
import {
  Commands,
  ListClaimsRequest,
  type AddNoteArgs,
  type ClaimInfo,
  type ClaimTarget,
  type DismissArgs,
  type ExportNotesResult,
  type NoteCommandResult,
  type NotesExportFormat,
} from '../../../server/src/contract';
import type { NoteStatus } from '../../../server/src/notes/model';
import type { Services } from '../services';

const VERDICTS: { label: string; status: NoteStatus; description: string }[] = [
  { label: '$(pass) Verified', status: 'verified', description: 'the source confirms the claim' },
  { label: '$(warning) Disputed', status: 'disputed', description: 'sources disagree, or the figure is contested' },
  { label: '$(error) False', status: 'false', description: 'the source contradicts the claim' },
  { label: '$(question) Needs context', status: 'needs-context', description: 'true but misleading as written' },
  { label: '$(circle-large-outline) Unverified', status: 'unverified', description: 'a source is noted, not yet conclusive' },
];

/** A target from a code action / hover link, a Claims view node, or the claim at the cursor. */
async function resolveTarget(services: Services, arg: unknown): Promise<ClaimTarget | null> {
  if (arg && typeof arg === 'object') {
    const a = arg as Partial<ClaimTarget> & { claim?: ClaimInfo };
    if (typeof a.uri === 'string' && typeof a.claimId === 'string' && a.range && a.kind) return a as ClaimTarget;
    if (typeof a.uri === 'string' && a.claim) return { uri: a.uri, claimId: a.claim.id, kind: a.claim.kind, range: a.claim.range };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('ClaimCheck: put the cursor on a claim first.');
    return null;
  }
  const uri = editor.document.uri.toString();
  const claims = (await services.store.refresh(uri)) ?? [];
  const cursor = editor.selection.active;
  const claim = claims.find((c) => {
    const r = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
    return r.contains(cursor);
  });
  if (!claim) {
    void vscode.window.showInformationMessage('ClaimCheck: there is no claim at the cursor.');
    return null;
  }
  return { uri, claimId: claim.id, kind: claim.kind, range: claim.range };
}

async function runServer<T>(services: Services, command: string, args: object): Promise<T | null> {
  const client = services.ctx.languageClient;
  if (!client || !services.ctx.running) {
    void vscode.window.showWarningMessage('ClaimCheck: the server is not running. Use "ClaimCheck: Restart Server".');
    return null;
  }
  try {
    return await client.sendRequest<T>('workspace/executeCommand', { command, arguments: [args] });
  } catch (err) {
    void vscode.window.showErrorMessage(`ClaimCheck: ${err instanceof Error ? err.message : String(err)}`, 'Show Output').then((choice) => {
      if (choice) services.ctx.output.show();
    });
    return null;
  }
}

/** Shows a failed save clearly: the note is kept in memory and retried, never dropped. */
function reportSave(result: NoteCommandResult | null, services: Services, done: string): void {
  if (!result) return;
  if (result.error) {
    void vscode.window.showWarningMessage(`ClaimCheck: ${result.error}`, 'Show Output').then((c) => {
      if (c) services.ctx.output.show();
    });
  } else {
    void vscode.window.setStatusBarMessage(`ClaimCheck: ${done}`, 3000);
  }
}

export async function addSourceNote(services: Services, arg: unknown): Promise<void> {
  const target = await resolveTarget(services, arg);
  if (!target) return;
  const { prompter } = services;
  const url = await prompter.input({
    title: 'Add source note (1/4): source',
    prompt: 'URL or citation of the source (a report, a dataset, an interview)',
    placeHolder: 'https://… or "Interview with the ministry press office, 3 March"',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? null : 'A source is needed; press Escape to cancel'),
  });
  if (url === undefined) return;
  const quote = await prompter.input({
    title: 'Add source note (2/4): quote (optional)',
    prompt: 'The passage of the source that bears on the claim',
    ignoreFocusOut: true,
  });
  if (quote === undefined) return;
  const verdict = await prompter.pick(VERDICTS, { title: 'Add source note (3/4): verdict', ignoreFocusOut: true });
  if (!verdict) return;
  const note = await prompter.input({ title: 'Add source note (4/4): note (optional)', prompt: 'What was checked, what is still open', ignoreFocusOut: true });
  if (note === undefined) return;
  const args: AddNoteArgs = {
    uri: target.uri,
    claim: { claimId: target.claimId, range: target.range, kind: target.kind },
    status: verdict.status,
    source: { url: url.trim(), ...(quote.trim() ? { quote: quote.trim() } : {}) },
    ...(note.trim() ? { note: note.trim() } : {}),
  };
  reportSave(await runServer<NoteCommandResult>(services, Commands.server.addNote, args), services, 'source note added');
}

export async function markStatus(services: Services, arg: unknown, status: NoteStatus): Promise<void> {
  const target = await resolveTarget(services, arg);
  if (!target) return;
  const args: AddNoteArgs = { uri: target.uri, claim: { claimId: target.claimId, range: target.range, kind: target.kind }, status };
  reportSave(await runServer<NoteCommandResult>(services, Commands.server.addNote, args), services, `marked ${status}`);
}

async function askReason(services: Services, what: string): Promise<string | undefined> {
  const reason = await services.prompter.input({
    title: `Dismiss ${what}`,
    prompt: 'Why is this not worth checking? (kept in the notes file for the desk)',
    placeHolder: 'e.g. "figure of speech", "the article quotes its own earlier report"',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? null : 'A reason is required'),
  });
  return reason?.trim() || undefined;
}

export async function dismissClaim(services: Services, arg: unknown): Promise<void> {
  const target = await resolveTarget(services, arg);
  if (!target) return;
  const reason = await askReason(services, 'claim');
  if (!reason) return;
  const args: DismissArgs = { uri: target.uri, claim: { claimId: target.claimId, range: target.range, kind: target.kind }, reason };
  reportSave(await runServer<NoteCommandResult>(services, Commands.server.dismiss, args), services, 'claim dismissed');
}

async function claimsOf(services: Services, uri: string): Promise<ClaimInfo[]> {
  const client = services.ctx.languageClient;
  if (!client) return [];
  return (await client.sendRequest(ListClaimsRequest, { uri })) ?? [];
}

export async function dismissKindInFile(services: Services, arg: unknown): Promise<void> {
  const target = await resolveTarget(services, arg);
  if (!target) return;
  const claims = (await claimsOf(services, target.uri)).filter((c) => c.kind === target.kind && c.status !== 'dismissed');
  const reason = await askReason(services, `all ${claims.length} ${target.kind} claims in this file`);
  if (!reason) return;
  for (const c of claims) {
    await runServer<NoteCommandResult>(services, Commands.server.dismiss, {
      uri: target.uri,
      claim: { claimId: c.id, range: c.range, kind: c.kind },
      reason,
    } satisfies DismissArgs);
  }
  void vscode.window.setStatusBarMessage(`ClaimCheck: dismissed ${claims.length} ${target.kind} claims`, 3000);
}

/** "Apply to all N similar claims": the same status on every claim stating the same figure. */
export async function setStatusOfSimilar(services: Services, arg: unknown): Promise<void> {
  const a = arg as (ClaimTarget & { status?: NoteStatus }) | undefined;
  const target = await resolveTarget(services, a);
  if (!target || !a?.status) return;
  const claims = await claimsOf(services, target.uri);
  const model = claims.find((c) => c.id === target.claimId);
  if (!model) return;
  const similar = claims.filter((c) => c.kind === model.kind && c.value === model.value);
  for (const c of similar) {
    await runServer<NoteCommandResult>(services, Commands.server.addNote, {
      uri: target.uri,
      claim: { claimId: c.id, range: c.range, kind: c.kind },
      status: a.status,
    } satisfies AddNoteArgs);
  }
  void vscode.window.setStatusBarMessage(`ClaimCheck: marked ${similar.length} similar claims ${a.status}`, 3000);
}

export async function undoNoteChange(services: Services): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  reportSave(
    await runServer<NoteCommandResult>(services, Commands.server.undo, { uri: editor.document.uri.toString() }),
    services,
    'last notes change undone',
  );
}

const FORMATS: { label: string; format: NotesExportFormat | 'json'; extension: string }[] = [
  { label: 'Markdown review report', format: 'markdown', extension: 'md' },
  { label: 'CSV review report', format: 'csv', extension: 'csv' },
  { label: 'JSON (claims with their notes)', format: 'json', extension: 'json' },
  { label: 'W3C Web Annotation (JSON-LD)', format: 'webAnnotation', extension: 'jsonld' },
  { label: 'schema.org ClaimReview (JSON-LD)', format: 'claimReview', extension: 'jsonld' },
];

/** Export Report: asks for a format and a file, writes it. Returns the file written. */
export async function exportReport(services: Services): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('ClaimCheck: open an article to export its report.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const choice = await services.prompter.pick(FORMATS, { title: 'Export ClaimCheck report', ignoreFocusOut: true });
  if (!choice) return undefined;
  let content: string;
  let fileName: string;
  if (choice.format === 'json') {
    const claims = await claimsOf(services, uri);
    const notes = await runServer<unknown>(services, Commands.server.listNotes, { uri });
    content = `${JSON.stringify({ version: 1, uri, claims, notes }, null, 2)}\n`;
    fileName = `${editor.document.uri.path.split('/').pop() ?? 'article'}.claims.json`;
  } else {
    const result = await runServer<ExportNotesResult>(services, Commands.server.exportNotes, { uri, format: choice.format });
    if (!result) return undefined;
    content = result.content;
    fileName = result.fileName;
  }
  const base = vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri ?? vscode.Uri.joinPath(editor.document.uri, '..');
  const target = await services.prompter.saveLocation({
    title: 'Save ClaimCheck report',
    defaultUri: vscode.Uri.joinPath(base, fileName),
    filters: { [choice.label]: [choice.extension] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  // Not awaited: the command is done once the file is written, whether or not the user clicks.
  void vscode.window.showInformationMessage(`ClaimCheck: report saved to ${vscode.workspace.asRelativePath(target)}`, 'Open').then((open) => {
    if (open) void vscode.window.showTextDocument(target);
  });
  return target;
}
