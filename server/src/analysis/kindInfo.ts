/** Human-facing names and one-line help for each claim kind (hover, diagnostics, SARIF rules). */
import type { ClaimKind } from '../contract';

export interface KindInfo {
  label: string;
  help: string;
}

export const KIND_INFO: Record<ClaimKind, KindInfo> = {
  quantity: { label: 'Quantity', help: 'A counted or measured amount: check the count and its unit against the record.' },
  percentage: { label: 'Percentage', help: 'A share or proportion: check the figure and what it is a share of.' },
  money: { label: 'Money', help: 'An amount of money: check the amount, the currency and any conversion.' },
  change: { label: 'Change', help: 'A rise, fall or trend: check the direction, the size and the period compared.' },
  comparison: { label: 'Comparison', help: 'A record, ranking or superlative: check it against the full record.' },
  temporal: { label: 'Date', help: 'A date or period that anchors an event: check when it happened.' },
  event: { label: 'Event', help: 'Something that happened or was decided: check that it did, and who did it.' },
};
