/** Renders a claim's normalised value for people: "> 90%", "30 countries", "£82.7m". */
import type { Claim, ClaimValue } from './types';

const BOUND_PREFIX: Record<string, string> = { '=': '', '~': '≈ ', '>': '> ', '>=': '≥ ', '<': '< ', '<=': '≤ ' };

function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

export function formatValue(claim: Pick<Claim, 'kind' | 'text'> & { value: ClaimValue | null }): string {
  const v = claim.value;
  if (!v) return claim.text;
  const prefix = v.bound ? (BOUND_PREFIX[v.bound] ?? '') : '';
  const arrow = v.direction === 'up' ? '↑ ' : v.direction === 'down' ? '↓ ' : v.direction === 'flat' ? '→ ' : '';
  if (v.date) return `${prefix}${v.date}`;
  if (v.fraction !== undefined) return `${arrow}${prefix}${formatNumber(Math.round(v.fraction * 10000) / 100)}%`;
  if (v.number === undefined) return claim.text;
  const amount = v.to !== undefined ? `${formatNumber(v.number)}–${formatNumber(v.to)}` : formatNumber(v.number);
  if (v.currency) return `${arrow}${prefix}${amount} ${v.currency}`;
  return `${arrow}${prefix}${amount}${v.unit ? ` ${v.unit}` : ''}`;
}
