/** Codicons per claim kind and per note status, shared by the quick pick and the Claims view. */
import * as vscode from 'vscode';
import type { ClaimKind } from '../../server/src/contract';

export const KIND_ICON: Record<ClaimKind, string> = {
  quantity: 'symbol-number',
  percentage: 'pie-chart',
  money: 'credit-card',
  change: 'arrow-swap',
  comparison: 'symbol-enum',
  temporal: 'calendar',
  event: 'symbol-event',
};

export const STATUS_ICON: Record<string, string> = {
  unverified: 'circle-large-outline',
  verified: 'pass',
  disputed: 'warning',
  false: 'error',
  'needs-context': 'question',
  dismissed: 'circle-slash',
};

export function kindIcon(kind: ClaimKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(KIND_ICON[kind]);
}

export function statusIcon(status: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(STATUS_ICON[status] ?? 'circle-large-outline');
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
