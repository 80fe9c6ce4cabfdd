/**
 * Quick fixes on each claim, layered with one preferred: "Add source note…", then mark
 * verified / disputed / false / needs context, dismiss (this claim, or the kind in this file),
 * a Markdown suppression comment, and "apply to all N similar claims".
 *
 * In VS Code the actions run the extension's commands (they ask for a URL, a verdict, a reason);
 * other editors get the same actions as server commands with their arguments filled in, so
 * Neovim and Helix users can mark and dismiss claims too.
 */
import { CodeActionKind, type CodeAction, type Command, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Claim } from '../analysis';
import { KIND_INFO } from '../analysis/kindInfo';
import { Commands, DIAGNOSTIC_SOURCE, type AddNoteArgs, type ClaimTarget, type DismissArgs } from '../contract';
import type { ClaimDiagnosticData } from './diagnostics';
import { toRange } from './positions';

const STATUS_ACTIONS = [
  { status: 'verified', title: 'Mark verified', client: Commands.client.markVerified },
  { status: 'disputed', title: 'Mark disputed', client: Commands.client.markDisputed },
  { status: 'false', title: 'Mark false', client: Commands.client.markFalse },
  { status: 'needs-context', title: 'Mark needs context', client: Commands.client.markNeedsContext },
] as const;

export interface CodeActionContext {
  document: TextDocument;
  /** The document's reported claims. */
  claims: readonly Claim[];
  /** The ClaimCheck diagnostics the client sent with the request. */
  diagnostics: readonly Diagnostic[];
  /** True for the VS Code extension, which implements the interactive client commands. */
  interactiveClient: boolean;
}

function isClaimData(data: unknown): data is ClaimDiagnosticData {
  return typeof data === 'object' && data !== null && typeof (data as ClaimDiagnosticData).claimId === 'string';
}

/**
 * Claims that state the same figure: same kind and value as shown (what the client's "apply to
 * similar" command matches). Their figure keys agree too (figure.ts; only an event's differs
 * from its value, by case).
 */
function similarTo(claim: Claim, claims: readonly Claim[]): Claim[] {
  return claims.filter((c) => c.figure === claim.figure && c.shownValue === claim.shownValue);
}

export function claimCodeActions(ctx: CodeActionContext): CodeAction[] {
  const { document, claims, interactiveClient } = ctx;
  const actions: CodeAction[] = [];
  for (const diagnostic of ctx.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isClaimData(diagnostic.data)) continue;
    const data = diagnostic.data;
    // The claim as it is now; if the text moved on, match by its range instead of its id.
    const claim =
      claims.find((c) => c.id === data.claimId) ??
      claims.find((c) => c.kind === data.kind && toRange(document, c.start, c.end).start.line === diagnostic.range.start.line);
    if (!claim) continue;
    const target: ClaimTarget = { uri: document.uri, claimId: claim.id, kind: claim.kind, range: toRange(document, claim.start, claim.end) };
    const claimRef = { claimId: target.claimId, range: target.range, kind: target.kind };
    const action = (title: string, command: Command, preferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: preferred || undefined,
      command,
    });
    const server = (title: string, command: string, args: object): Command => ({ title, command, arguments: [args] });
    const label = KIND_INFO[claim.kind].label.toLowerCase();

    if (interactiveClient) {
      actions.push(action('Add source note…', { title: 'Add source note…', command: Commands.client.addSourceNote, arguments: [target] }, true));
    } else {
      const args: AddNoteArgs = { uri: document.uri, claim: claimRef, status: 'unverified' };
      actions.push(action('Add note (unverified)', server('Add note', Commands.server.addNote, args), true));
    }
    for (const s of STATUS_ACTIONS) {
      if (s.status === data.status) continue;
      const command = interactiveClient
        ? { title: s.title, command: s.client, arguments: [target] }
        : server(s.title, Commands.server.addNote, { uri: document.uri, claim: claimRef, status: s.status } satisfies AddNoteArgs);
      actions.push(action(s.title, command));
    }
    if (interactiveClient) {
      actions.push(action('Dismiss claim…', { title: 'Dismiss claim…', command: Commands.client.dismissClaim, arguments: [target] }));
      actions.push(
        action(`Dismiss all ${label} claims in this file…`, {
          title: 'Dismiss kind in file',
          command: Commands.client.dismissKindInFile,
          arguments: [target],
        }),
      );
    } else {
      const args: DismissArgs = { uri: document.uri, claim: claimRef, reason: 'dismissed in the editor' };
      actions.push(action('Dismiss claim', server('Dismiss claim', Commands.server.dismiss, args)));
    }
    if (document.languageId === 'markdown') {
      const line = target.range.start.line;
      const indent = /^[ \t]*/.exec(document.getText({ start: { line, character: 0 }, end: { line, character: 200 } }))?.[0] ?? '';
      actions.push({
        title: `Silence ${label} claims on this line (<!-- claimcheck-disable-next-line ${claim.kind} -->)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: {
          changes: {
            [document.uri]: [
              { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- claimcheck-disable-next-line ${claim.kind} -->\n` },
            ],
          },
        },
      });
    }
    const similar = similarTo(claim, claims);
    if (similar.length > 1 && interactiveClient) {
      actions.push(
        action(`Mark all ${similar.length} similar claims (${claim.shownValue}) verified`, {
          title: 'Apply to similar claims',
          command: Commands.client.setStatusOfSimilar,
          arguments: [{ ...target, status: 'verified' }],
        }),
      );
    }
  }
  return actions;
}
