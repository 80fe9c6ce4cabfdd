/**
 * The client's view of the claims: per document URI, the reported claims as the server lists
 * them. Open documents are refreshed when the server announces a new analysis; files found by
 * Scan Workspace are added by the scan. The Claims view and the navigation commands read it.
 */
import * as vscode from 'vscode';
import { ListClaimsRequest, type ClaimInfo } from '../../server/src/contract';
import type { ClientContext } from './context';

export class ClaimStore implements vscode.Disposable {
  private readonly claims = new Map<string, ClaimInfo[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: ClientContext) {}

  /** Asks the server for an open document's claims (null while the server is down). */
  async refresh(uri: string): Promise<ClaimInfo[] | null> {
    const client = this.ctx.languageClient;
    if (!client || !this.ctx.running) return null;
    try {
      const claims = await client.sendRequest(ListClaimsRequest, { uri });
      if (claims) this.set(uri, claims);
      return claims;
    } catch (err) {
      // The server may be restarting; the next summary refreshes the entry.
      this.ctx.output.warn(`could not list claims for ${uri}: ${String(err)}`);
      return null;
    }
  }

  set(uri: string, claims: ClaimInfo[]): void {
    this.claims.set(uri, claims);
    this.changed.fire();
  }

  delete(uri: string): void {
    if (this.claims.delete(uri)) this.changed.fire();
  }

  get(uri: string): ClaimInfo[] | undefined {
    return this.claims.get(uri);
  }

  entries(): [string, ClaimInfo[]][] {
    return [...this.claims.entries()].sort(([a], [b]) => a.localeCompare(b));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
