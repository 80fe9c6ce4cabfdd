/** The language status item: "27 claims · 12 check-worthy", fed by the server's summaries. */
import * as vscode from 'vscode';
import { Commands, type DocumentSummary } from '../../server/src/contract';

export class ClaimStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly summaries = new Map<string, DocumentSummary>();

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('claimcheck.status', selector);
    this.item.name = 'ClaimCheck';
    this.item.command = { title: 'Next Unverified', command: Commands.client.nextUnverifiedClaim };
    this.setText('ClaimCheck: starting…');
  }

  update(summary: DocumentSummary): void {
    this.summaries.set(summary.uri, summary);
    this.render();
  }

  serverStopped(message: string): void {
    this.item.severity = vscode.LanguageStatusSeverity.Error;
    this.setText(`ClaimCheck: ${message}`);
  }

  render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const summary = uri ? this.summaries.get(uri) : undefined;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    if (!summary) return this.setText('ClaimCheck');
    if (summary.skipped) return this.setText(`ClaimCheck: ${summary.skipped}`);
    const plural = summary.claims === 1 ? 'claim' : 'claims';
    const since = summary.changedSince === null ? '' : ` since ${summary.changedSince}`;
    this.setText(`${summary.claims} ${plural}${since} · ${summary.sourced} sourced · ${summary.disputed} disputed`);
  }

  private setText(text: string): void {
    this.item.text = text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
