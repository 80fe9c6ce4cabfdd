/** Claims as document symbols: the Outline view, breadcrumbs and Go to Symbol list them. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Claim } from '../analysis';
import { KIND_INFO } from '../analysis/kindInfo';
import { toRange } from './positions';

/** Runs of white space in a claim's text: one pattern for every claim of every request. */
const WHITESPACE_RUN = /\s+/g; // only for replace, which starts a global pattern at 0 each time

const SYMBOL_KIND: Record<Claim['kind'], SymbolKind> = {
  quantity: SymbolKind.Number,
  percentage: SymbolKind.Number,
  money: SymbolKind.Number,
  change: SymbolKind.Operator,
  comparison: SymbolKind.Enum,
  temporal: SymbolKind.Event,
  event: SymbolKind.Event,
};

export function claimSymbols(document: TextDocument, claims: readonly Claim[]): DocumentSymbol[] {
  return claims.map((claim) => {
    const range = toRange(document, claim.start, claim.end);
    const value = claim.shownValue;
    return {
      name: claim.text.replace(WHITESPACE_RUN, ' '),
      detail: value === claim.text ? KIND_INFO[claim.kind].label : `${KIND_INFO[claim.kind].label} · ${value}`,
      kind: SYMBOL_KIND[claim.kind],
      range,
      selectionRange: range,
    };
  });
}
