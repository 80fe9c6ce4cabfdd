/**
 * Dates and periods that anchor an event: "in April 2004", "on 20 May, 2000", "between 1983
 * and 1992", "over the next three years", "At 1405 GMT". Words that only make sense relative to
 * the article's date ("last year", "on Friday") are not claims (guideline §4, temporal).
 */
import type { Found } from '../found';
import { MONTHS, NUMBER_WORDS, TEMPORAL_PREPOSITIONS } from '../lexicon';
import type { TokenStream } from '../nlp';
import { isYear, parseNumeral } from '../numbers';
import type { ClaimValue } from '../types';

// Patterns asked of every number token (a regular expression literal makes a new RegExp object
// each time it is evaluated; findTemporal runs for every token of every sentence).
const DAY_OF_MONTH = /^\d{1,2}(?:st|nd|rd|th)?$/;
const TIME_ZONE = /^(?:GMT|BST|UTC|CET|EST|ET|PST)$/;

const PERIOD_UNITS = new Set(['year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'decade', 'decades',
  'hour', 'hours', 'minutes', 'quarter', 'quarters', 'century']);

function yearAt(ts: TokenStream, i: number): number | null {
  if (ts.type[i] !== 'number') return null;
  const n = parseNumeral(ts.value[i]);
  return isYear(n, ts.value[i]) ? n : null;
}

function dayAt(ts: TokenStream, i: number): number | null {
  if (ts.type[i] !== 'number' && ts.type[i] !== 'ordinal') return null;
  const n = parseInt(ts.value[i], 10);
  return n >= 1 && n <= 31 && DAY_OF_MONTH.test(ts.value[i]) ? n : null;
}

/** A token without the period of an abbreviation ("dec." → "dec"); '' past the end. */
function withoutPeriod(lower: string | undefined): string {
  if (lower === undefined) return '';
  // Not a regex: this runs for every token of every sentence.
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** A month name, also abbreviated with its period ("Dec."). */
function monthOf(ts: TokenStream, i: number): number | undefined {
  return MONTHS.get(withoutPeriod(ts.lower[i]));
}

function isMonth(ts: TokenStream, i: number): boolean {
  const w = withoutPeriod(ts.lower[i]);
  if (!MONTHS.has(w)) return false;
  if (ts.value[i].endsWith('.')) return /^[A-Z]/.test(ts.value[i]);
  // "may" and "march" are verbs too: require a capital letter.
  if (w === 'may' || w === 'march') return ts.value[i][0] === 'M';
  return /^[A-Z]/.test(ts.value[i]) && (w.length > 3 || ts.value[i + 1] === '.' || ts.type[i + 1] === 'number');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Reads a calendar expression at i: "April 2004", "20 May, 2000", "August 19, 2025", "2004", "2003's". */
function readDate(ts: TokenStream, i: number, e: number): { last: number; value: ClaimValue } | null {
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let k = i;
  const d0 = dayAt(ts, k);
  if (d0 !== null && k + 1 <= e && isMonth(ts, k + 1)) {
    day = d0;
    month = monthOf(ts, k + 1)!;
    k++;
  } else if (isMonth(ts, k)) {
    month = monthOf(ts, k)!;
    if (ts.value[k + 1] === '.' && k + 1 <= e) k++;
    const d1 = k + 1 <= e ? dayAt(ts, k + 1) : null;
    if (d1 !== null) {
      day = d1;
      k++;
    }
  } else {
    year = yearAt(ts, k);
    if (year === null) return null;
  }
  if (year === null) {
    let y = k + 1;
    if (ts.value[y] === ',' && y + 1 <= e) y++;
    const found = y <= e ? yearAt(ts, y) : null;
    if (found !== null) {
      year = found;
      k = y;
    }
  }
  if (ts.lower[k + 1] === "'s" && year !== null && month === null) k++;
  const value: ClaimValue = {};
  if (year !== null) value.date = month ? (day ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`) : `${year}`;
  return { last: k, value };
}

export function findTemporal(ts: TokenStream, s: number, e: number): Found[] {
  const found: Found[] = [];
  for (let i = s; i <= e; i++) {
    const w = ts.lower[i];
    // "between 1983 and 1992"
    if (w === 'between' && yearAt(ts, i + 1) !== null && ts.lower[i + 2] === 'and' && yearAt(ts, i + 3) !== null) {
      found.push({
        kind: 'temporal', first: i, last: i + 3,
        value: { date: `${yearAt(ts, i + 1)}`, number: yearAt(ts, i + 1)!, to: yearAt(ts, i + 3)! },
        reasons: ['a period'],
      });
      i += 3;
      continue;
    }
    // "over the next three years", "in the last 15 minutes"
    if ((w === 'over' || w === 'in' || w === 'within' || w === 'during') && ts.lower[i + 1] === 'the' &&
        ['next', 'last', 'past', 'previous', 'coming', 'first'].includes(ts.lower[i + 2])) {
      const n = i + 3;
      const isNum = ts.type[n] === 'number' || NUMBER_WORDS.has(ts.lower[n]);
      if (isNum && PERIOD_UNITS.has(ts.lower[n + 1]) && n + 1 <= e) {
        found.push({ kind: 'temporal', first: i, last: n + 1, value: null, reasons: ['a period'] });
        i = n + 1;
        continue;
      }
    }
    // "Two years later", "16 years after"
    if ((ts.type[i] === 'number' || (NUMBER_WORDS.has(w) && ts.pos[i] === 'NUM')) && PERIOD_UNITS.has(ts.lower[i + 1]) &&
        (ts.lower[i + 2] === 'later' || ts.lower[i + 2] === 'after' || ts.lower[i + 2] === 'earlier') && i + 2 <= e) {
      found.push({ kind: 'temporal', first: i, last: i + 2, value: null, reasons: ['a period'] });
      i += 2;
      continue;
    }
    // "for the year to 31 December"
    if (w === 'for' && ts.lower[i + 1] === 'the' && ts.lower[i + 2] === 'year' && ts.lower[i + 3] === 'to') {
      const date = readDate(ts, i + 4, e);
      if (date) {
        found.push({ kind: 'temporal', first: i, last: date.last, value: date.value, reasons: ['a date'] });
        i = date.last;
        continue;
      }
    }
    // "at 8am", "at 10:42"
    if (ts.type[i] === 'time' && i - 1 >= s && (ts.lower[i - 1] === 'at' || ts.lower[i - 1] === 'by' || ts.lower[i - 1] === 'until')) {
      found.push({ kind: 'temporal', first: i - 1, last: i, value: null, reasons: ['a time'] });
      continue;
    }
    // "during the 1960s and 1970s", "in the 1990s"
    if (ts.type[i] === 'decade' && i - 2 >= s && ts.lower[i - 1] === 'the' && TEMPORAL_PREPOSITIONS.has(ts.lower[i - 2])) {
      let last = i;
      if ((ts.lower[i + 1] === 'and' || ts.lower[i + 1] === 'to') && ts.type[i + 2] === 'decade' && i + 2 <= e) last = i + 2;
      found.push({ kind: 'temporal', first: i - 2, last, value: null, reasons: ['a period'] });
      i = last;
      continue;
    }
    // "by the end of 2008", "at the start of 2005", "between now and 2007"
    if ((w === 'by' || w === 'at' || w === 'until' || w === 'before') && ts.lower[i + 1] === 'the' &&
        ['end', 'start', 'beginning', 'middle', 'turn'].includes(ts.lower[i + 2]) && ts.lower[i + 3] === 'of') {
      const date = readDate(ts, i + 4, e);
      if (date) {
        found.push({ kind: 'temporal', first: i, last: date.last, value: date.value, reasons: ['a date'] });
        i = date.last;
        continue;
      }
    }
    if (w === 'between' && ts.lower[i + 1] === 'now' && ts.lower[i + 2] === 'and' && yearAt(ts, i + 3) !== null) {
      found.push({ kind: 'temporal', first: i, last: i + 3, value: { date: `${yearAt(ts, i + 3)}` }, reasons: ['a period'] });
      i += 3;
      continue;
    }
    // "at Christmas 1986", "at Easter 2004" (compared, not matched: this runs for every token)
    if ((w === 'christmas' || w === 'easter' || w === 'new') && i - 1 >= s && TEMPORAL_PREPOSITIONS.has(ts.lower[i - 1]) && yearAt(ts, i + 1) !== null) {
      found.push({ kind: 'temporal', first: i - 1, last: i + 1, value: { date: `${yearAt(ts, i + 1)}` }, reasons: ['a date'] });
      i++;
      continue;
    }
    // Clock times with a zone: "At 1405 GMT", "at 10:42 BST"
    if ((ts.type[i] === 'number' || ts.type[i] === 'time') && TIME_ZONE.test(ts.value[i + 1] ?? '') && i + 1 <= e) {
      const first = ts.lower[i - 1] === 'at' && i - 1 >= s ? i - 1 : i;
      found.push({ kind: 'temporal', first, last: i + 1, value: null, reasons: ['a time'] });
      i++;
      continue;
    }
    const date = readDate(ts, i, e);
    if (!date) continue;
    const onlyMonth = date.value.date === undefined;
    let prep = i - 1 >= s && TEMPORAL_PREPOSITIONS.has(ts.lower[i - 1]) ? i - 1 : -1;
    // "For all of 2004"
    if (prep < 0 && i - 3 >= s && ts.lower[i - 1] === 'of' && ts.lower[i - 2] === 'all' && ts.lower[i - 3] === 'for') prep = i - 3;
    // A month on its own needs a preposition ("in December"); a bare year needs one too,
    // unless it is possessive ("2003's imbalance").
    if (onlyMonth && prep < 0) continue;
    if (!onlyMonth && /^\d{4}$/.test(ts.value[i]) && date.last === i && prep < 0) continue;
    const first = prep >= 0 ? prep : i;
    found.push({ kind: 'temporal', first, last: date.last, value: date.value.date ? date.value : null, reasons: ['a date'] });
    i = date.last;
  }
  return found;
}
