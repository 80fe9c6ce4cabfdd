/**
 * The client's command table. Each entry is a small factory taking the services; commands that
 * need the server show a clear message instead of an exception while it is down.
 */
import * as vscode from 'vscode';
import { Commands, type ClaimInfo } from '../../server/src/contract';
import { listClaims, revealClaim, stepClaim } from './commands/navigation';
import {
  addSourceNote,
  dismissClaim,
  dismissKindInFile,
  exportReport,
  markStatus,
  setStatusOfSimilar,
  undoNoteChange,
} from './commands/notes';
import { scanDocument, scanWorkspace, toggleDocument } from './commands/scan';
import { showChangedSince } from './commands/changedSince';
import type { Services } from './services';

type CommandFactory = (services: Services) => (...args: unknown[]) => unknown;

export function commandTable(workspaceDiagnostics: vscode.DiagnosticCollection): Record<string, CommandFactory> {
  return {
    [Commands.client.restartServer]: ({ ctx }) => async () => {
      await ctx.restart();
      void vscode.window.setStatusBarMessage('ClaimCheck server restarted', 3000);
    },
    [Commands.client.showOutput]: ({ ctx }) => () => ctx.output.show(true),
    [Commands.client.scanDocument]: (s) => () => scanDocument(s),
    [Commands.client.scanWorkspace]: (s) => () => scanWorkspace(s, workspaceDiagnostics),
    [Commands.client.listClaims]: (s) => () => listClaims(s),
    [Commands.client.nextClaim]: (s) => () => stepClaim(s, 1, false),
    [Commands.client.previousClaim]: (s) => () => stepClaim(s, -1, false),
    [Commands.client.nextUnverifiedClaim]: (s) => () => stepClaim(s, 1, true),
    [Commands.client.toggleDocument]: (s) => () => toggleDocument(s),
    [Commands.client.showChangedSince]: (s) => () => showChangedSince(s),
    [Commands.client.claimsGroupByKind]: ({ view }) => () => view.setGroupBy('kind'),
    [Commands.client.claimsGroupByStatus]: ({ view }) => () => view.setGroupBy('status'),
    [Commands.client.revealClaim]: () => (uri, range) => revealClaim(uri as string, range as ClaimInfo['range']),
    [Commands.client.addSourceNote]: (s) => (arg) => addSourceNote(s, arg),
    [Commands.client.markVerified]: (s) => (arg) => markStatus(s, arg, 'verified'),
    [Commands.client.markDisputed]: (s) => (arg) => markStatus(s, arg, 'disputed'),
    [Commands.client.markFalse]: (s) => (arg) => markStatus(s, arg, 'false'),
    [Commands.client.markNeedsContext]: (s) => (arg) => markStatus(s, arg, 'needs-context'),
    [Commands.client.dismissClaim]: (s) => (arg) => dismissClaim(s, arg),
    [Commands.client.dismissKindInFile]: (s) => (arg) => dismissKindInFile(s, arg),
    [Commands.client.setStatusOfSimilar]: (s) => (arg) => setStatusOfSimilar(s, arg),
    [Commands.client.undoNoteChange]: (s) => () => undoNoteChange(s),
    [Commands.client.exportReport]: (s) => () => exportReport(s),
  };
}

export function registerCommands(services: Services, workspaceDiagnostics: vscode.DiagnosticCollection): vscode.Disposable[] {
  return Object.entries(commandTable(workspaceDiagnostics)).map(([id, factory]) =>
    vscode.commands.registerCommand(id, factory(services)),
  );
}
