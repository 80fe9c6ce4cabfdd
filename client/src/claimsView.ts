/**
 * The Claims view: files → kind or status groups (switchable) → claims, with counts. Clicking
 * a claim reveals it; the context menu carries the quick-fix actions.
 */
import * as vscode from 'vscode';
import { Commands, type ClaimInfo } from '../../server/src/contract';
import type { ClaimStore } from './claimStore';
import { capitalise, kindIcon, statusIcon } from './kindIcons';

export type GroupBy = 'kind' | 'status';

type Node =
  | { type: 'file'; uri: string; claims: ClaimInfo[] }
  | { type: 'group'; uri: string; label: string; claims: ClaimInfo[]; by: GroupBy }
  | { type: 'claim'; uri: string; claim: ClaimInfo };

export class ClaimsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private groupBy: GroupBy = 'kind';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ClaimStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  setGroupBy(by: GroupBy): void {
    this.groupBy = by;
    void vscode.commands.executeCommand('setContext', 'claimcheck.claimsGroupBy', by);
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return this.store
        .entries()
        .filter(([, claims]) => claims.length > 0)
        .map(([uri, claims]) => ({ type: 'file', uri, claims }));
    }
    if (node.type === 'file') {
      const groups = new Map<string, ClaimInfo[]>();
      for (const claim of node.claims) {
        const key = this.groupBy === 'kind' ? claim.kind : claim.status;
        groups.set(key, [...(groups.get(key) ?? []), claim]);
      }
      return [...groups.entries()].map(([label, claims]) => ({ type: 'group', uri: node.uri, label, claims, by: this.groupBy }));
    }
    if (node.type === 'group') return node.claims.map((claim) => ({ type: 'claim', uri: node.uri, claim }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'file') {
      const uri = vscode.Uri.parse(node.uri);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.claims.length} ${node.claims.length === 1 ? 'claim' : 'claims'}`;
      item.contextValue = 'claimcheck.file';
      return item;
    }
    if (node.type === 'group') {
      const item = new vscode.TreeItem(capitalise(node.label), vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.claims.length);
      item.iconPath = node.by === 'kind' ? kindIcon(node.claims[0].kind) : statusIcon(node.label);
      return item;
    }
    const { claim } = node;
    const item = new vscode.TreeItem(claim.text.replace(/\s+/g, ' '), vscode.TreeItemCollapsibleState.None);
    item.description = `${claim.value === claim.text ? '' : `${claim.value} · `}${claim.status}`;
    item.tooltip = new vscode.MarkdownString(
      `**${capitalise(claim.kind)}** · ${claim.value}\n\nCheck-worthiness ${claim.score.toFixed(2)}` +
        (claim.source ? `\n\nSource: ${claim.source}` : ''),
    );
    item.iconPath = this.groupBy === 'kind' ? statusIcon(claim.status) : kindIcon(claim.kind);
    item.contextValue = 'claimcheck.claim';
    item.command = { title: 'Reveal', command: Commands.client.revealClaim, arguments: [node.uri, claim.range] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
