/** Renders a claim's normalised value for people: "> 90%", "30 countries", "£82.7m". */
import type { Claim, ClaimValue } from './types';

const BOUND_PREFIX: Record<string, string> = { '=': '', '~': '≈ ', '>': '> ', '>=': '≥ ', '<': '< ', '<=': '≤ ' };

// One formatter for the process: `toLocaleString` with options builds a new one on every call.
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

function formatNumber(n: number): string {
  return NUMBER_FORMAT.format(n);
}

const CURRENCY_SYMBOL: Record<string, string> = { GBP: '£', USD: '$', EUR: '€', JPY: '¥', INR: '₹' };

/** "£1.2bn", "$950m", "€40,000", "590 GBP" for currencies without a symbol here. */
function formatMoney(n: number, currency: string): string {
  const symbol = CURRENCY_SYMBOL[currency];
  const compact =
    n >= 1e12 ? `${formatNumber(n / 1e12)}tn` : n >= 1e9 ? `${formatNumber(n / 1e9)}bn` : n >= 1e6 ? `${formatNumber(n / 1e6)}m` : formatNumber(n);
  return symbol ? `${symbol}${compact}` : `${compact} ${currency}`;
}

export function formatValue(claim: Pick<Claim, 'kind' | 'text'> & { value: ClaimValue | null }): string {
  const v = claim.value;
  if (!v) return claim.text;
  const prefix = v.bound ? (BOUND_PREFIX[v.bound] ?? '') : '';
  const arrow = v.direction === 'up' ? '↑ ' : v.direction === 'down' ? '↓ ' : v.direction === 'flat' ? '→ ' : '';
  if (v.date) return `${prefix}${v.date}`;
  if (v.fraction !== undefined) return `${arrow}${prefix}${formatNumber(Math.round(v.fraction * 10000) / 100)}%`;
  if (v.number === undefined) return claim.text;
  // "millions in militia": a count word is its own best rendering.
  if (v.scale && /s$/.test(v.scale) && !/\d/.test(claim.text)) return claim.text;
  if (v.currency) return `${arrow}${prefix}${formatMoney(v.number, v.currency)}${v.to !== undefined ? `–${formatMoney(v.to, v.currency)}` : ''}`;
  const amount = v.to !== undefined ? `${formatNumber(v.number)}–${formatNumber(v.to)}` : formatNumber(v.number);
  if (v.currency) return `${arrow}${prefix}${amount} ${v.currency}`;
  return `${arrow}${prefix}${amount}${v.unit ? ` ${v.unit}` : ''}`;
}
