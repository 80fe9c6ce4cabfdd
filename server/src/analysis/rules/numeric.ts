/**
 * Quantities, percentages, money and the changes they describe, found on wink's tokens:
 * a numeric core ("30", "90%", "£2.5bn", "nearly half", "millions"), widened left by a
 * qualifier ("more than", "over") and right by its unit or head noun ("30 countries"),
 * then read as a change when a change verb or noun governs it ("cuts over 90%").
 */
import { coverageOf, type Found } from '../found';
import {
  BARE_COUNT_WORDS,
  CHANGE_NOUNS,
  CHANGE_VERBS,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  FACTOR_VERBS,
  FRACTION_WORDS,
  MONTHS,
  NUMBER_WORDS,
  QUALIFIERS,
  SCALES,
} from '../lexicon';
import type { TokenStream } from '../nlp';
import { isYear, parseNumeral, parseNumberWord, parseOrdinal, parseOrdinalWord } from '../numbers';
import type { Bound, ClaimValue } from '../types';

interface Core {
  first: number;
  last: number;
  number?: number;
  to?: number;
  scale?: string;
  currency?: string;
  percent: boolean;
  fraction?: number;
  /** A count word with no digit ("millions"). */
  countWord: boolean;
  year: boolean;
  ordinal: boolean;
  /** "6-2", "3-1": a score. */
  score: boolean;
}

const HEAD_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
const UNIT_WORDS = new Set(['mph', 'km', 'kilometres', 'kilometers', 'miles', 'metres', 'meters', 'kg', 'tonnes',
  'tons', 'hectares', 'acres', 'feet', 'ft', 'litres', 'barrels', 'mw', 'gw', 'kwh', 'degrees', 'points', 'km/h']);
const DETERMINERS = new Set(['a', 'an', 'the', 'its', 'their', 'his', 'her', 'our']);
const POSSESSIVES = new Set(['his', 'her', 'their', 'its']);

// A regular expression literal makes a new RegExp object each time it is evaluated, and these
// are asked of every number and every figure found: they live out here.
const DIGIT = /\d/;
const LETTERS = /^[a-z]+$/i;
const CAPITALISED_PLURAL = /^[A-Z][a-z]+s$/;
const TRAILING_PERIOD = /\.$/;
const SPACED_HYPHENS = / - /g; // only for replace, which starts a global pattern at 0 each time
const SCORE = /^\d+-\d+$/;
const THOUSANDS_GROUP = /^\d{3}$/;
const ORDINAL_THOUSANDS = /^\d{3}(?:st|nd|rd|th)$/i;
const HUNDREDTHS = /^(?:pence|cents?)$/;
const RACE_METRES = /^(?:m|metres|meters)$/;
const RACE_EVENTS = /^(?:final|hurdles|relay|freestyle|backstroke|breaststroke|butterfly|sprint)$/;
const CONTENT_POS = /^(?:VERB|NOUN|ADJ)$/;
const RATE_UNIT = /^[a-z]{1,3}$/i;
const DURATION_UNIT = /^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)$/;
const RELATIVE_TO = /^(?:above|below|higher|lower|up|down)$/;
const UPWARD = /^(?:above|higher|up)$/;
const COPULA = /^(?:was|is|were|are|been|be)$/;

function isNumberToken(ts: TokenStream, i: number): boolean {
  return ts.type[i] === 'number' && DIGIT.test(ts.value[i]);
}

function isCurrencyAt(ts: TokenStream, i: number): string | undefined {
  if (i < 0 || i >= ts.value.length) return undefined;
  if (ts.type[i] === 'currency' || CURRENCY_SYMBOLS.has(ts.lower[i])) return CURRENCY_SYMBOLS.get(ts.lower[i]) ?? 'XXX';
  return undefined;
}

/** Reads a number word run: "forty - three", "two - thirds", "a dozen". */
function readWordNumber(ts: TokenStream, i: number, e: number): { last: number; number?: number; fraction?: number } | null {
  const w = ts.lower[i];
  const n = parseNumberWord(w);
  if (Number.isNaN(n)) return null;
  // "one" is usually a pronoun ("one of the"), and number words need a NUM tag unless they are counts.
  if (ts.pos[i] !== 'NUM' && !BARE_COUNT_WORDS.has(w) && w !== 'dozen') return null;
  // A bare "one" is a pronoun or an article ("one side", "one of the"), not a count.
  if (w === 'one' && ts.lower[i + 1] !== 'in' && !SCALES.has(ts.lower[i + 1])) return null;
  if (i + 2 <= e && ts.value[i + 1] === '-') {
    const frac = FRACTION_WORDS.get(ts.lower[i + 2]);
    if (frac !== undefined && ts.lower[i + 2] !== 'majority') return { last: i + 2, fraction: n * frac };
    const unit = parseNumberWord(ts.lower[i + 2]);
    if (!Number.isNaN(unit) && unit < 10) return { last: i + 2, number: n + unit };
  }
  return { last: i, number: n };
}

/**
 * False when no core can start at token i without a currency: only numbers, ordinals, number
 * words and share words do. readCore runs for every token and most start nothing, so it asks
 * this before it allocates.
 */
function mayStartCore(ts: TokenStream, i: number): boolean {
  const type = ts.type[i];
  if (type === 'number' || type === 'ordinal') return true;
  const w = ts.lower[i];
  return NUMBER_WORDS.has(w) || FRACTION_WORDS.has(w);
}

function readCore(ts: TokenStream, i: number, e: number): Core | null {
  let j = i;
  const currency = isCurrencyAt(ts, j);
  if (currency) {
    if (j + 1 > e || !isNumberToken(ts, j + 1)) return null;
    j++;
  } else if (!mayStartCore(ts, j)) {
    return null;
  }
  const core: Core = { first: i, last: j, percent: false, countWord: false, year: false, ordinal: false, score: false };
  if (currency) core.currency = currency;
  const tok = ts.value[j];
  const lower = ts.lower[j];

  if (isNumberToken(ts, j) && ts.value[j + 1] === ',' && ts.type[j + 2] === 'ordinal' && ORDINAL_THOUSANDS.test(ts.value[j + 2] ?? '')) {
    // "2,838th" arrives as "2" "," "838th"
    core.ordinal = true;
    core.number = Number(tok) * 1000 + parseInt(ts.value[j + 2], 10);
    core.last = j + 2;
    return core;
  }
  if (isNumberToken(ts, j)) {
    let n = parseNumeral(tok);
    if (Number.isNaN(n)) {
      const ord = parseOrdinal(tok);
      if (!Number.isNaN(ord)) {
        core.ordinal = true;
        core.number = ord;
        return core;
      }
      if (SCORE.test(tok)) {
        core.score = true;
        return core;
      }
      return null;
    }
    // "$30, 000": a thousands group split by a stray space.
    if (currency && j + 2 <= e && ts.value[j + 1] === ',' && THOUSANDS_GROUP.test(ts.value[j + 2])) {
      n = n * 1000 + Number(ts.value[j + 2]);
      j += 2;
    }
    core.number = n;
    core.last = j;
    core.year = !currency && isYear(n, tok);
  } else if (ts.type[j] === 'ordinal') {
    const ord = parseOrdinal(tok);
    if (Number.isNaN(ord)) return null;
    core.ordinal = true;
    core.number = ord;
    return core;
  } else {
    // Shares in words: "half", "a quarter", "one in 10", "two-thirds".
    const frac = FRACTION_WORDS.get(lower);
    if (frac !== undefined && lower !== 'majority' && lower !== 'minority' && lower !== 'third' && lower !== 'fifth' && lower !== 'tenth') {
      core.fraction = frac;
      core.percent = true;
      return core;
    }
    if ((lower === 'majority' || lower === 'minority') && i > 0 && (ts.lower[i - 1] === 'a' || ts.lower[i - 1] === 'the')) {
      const next = ts.lower[j + 1];
      if (next === 'of' || next === '(' || next === ',') {
        core.fraction = lower === 'majority' ? 0.5 : 0.5;
        core.percent = true;
        return core;
      }
      return null;
    }
    const word = readWordNumber(ts, j, e);
    if (!word) return null;
    core.last = word.last;
    if (word.fraction !== undefined) {
      core.fraction = word.fraction;
      core.percent = true;
      return core;
    }
    core.number = word.number;
    core.countWord = BARE_COUNT_WORDS.has(lower);
    if (core.countWord) core.scale = lower;
    // "one in 10", "one in five": a proportion.
    if (lower === 'one' && ts.lower[j + 1] === 'in' && j + 2 <= e) {
      const d = isNumberToken(ts, j + 2) ? parseNumeral(ts.value[j + 2]) : parseNumberWord(ts.lower[j + 2]);
      if (!Number.isNaN(d) && d > 1) {
        core.last = j + 2;
        core.fraction = 1 / d;
        core.percent = true;
        delete core.number;
        return core;
      }
    }
  }
  j = core.last;

  // Compound number words after digits: "22 million", "£2.5bn", "$1m".
  // wink keeps a sentence-final period on abbreviation-like words ("£82.7m."): the engine trims it.
  const scaleWord = ts.lower[j + 1]?.replace(TRAILING_PERIOD, '');
  if (j + 1 <= e && SCALES.has(scaleWord) && !(scaleWord === 'm' && !core.currency)) {
    core.scale = scaleWord;
    j++;
  }
  // Ranges: "10-15", "between 10 and 15", "10 to 15".
  const sep = ts.lower[j + 1];
  if (j + 2 <= e && (sep === '-' || sep === 'to' || (sep === 'and' && ts.lower[core.first - 1] === 'between')) &&
      isNumberToken(ts, j + 2) && !core.year) {
    const to = parseNumeral(ts.value[j + 2]);
    if (!Number.isNaN(to) && core.number !== undefined && to > core.number) {
      core.to = to;
      j += 2;
      if (j + 1 <= e && SCALES.has(ts.lower[j + 1]) && ts.lower[j + 1] !== 'm') j++;
    }
  }
  // Percentages: "90%", "90 per cent", "ninety percent", "5 percentage points".
  if (ts.value[j + 1] === '%') {
    core.percent = true;
    j++;
  } else if (ts.lower[j + 1] === 'per' && ts.lower[j + 2] === 'cent') {
    core.percent = true;
    j += 2;
  } else if (ts.lower[j + 1] === 'percent') {
    core.percent = true;
    j++;
  }
  if (core.percent && ts.lower[j + 1] === 'percentage' && (ts.lower[j + 2] === 'points' || ts.lower[j + 2] === 'point')) {
    j += 2;
  }
  // Money written with a currency word: "590 pence", "80 euro".
  if (!core.currency && !core.percent && j + 1 <= e && CURRENCY_WORDS.has(ts.lower[j + 1]) && ts.lower[j + 1] !== 'p') {
    core.currency = CURRENCY_WORDS.get(ts.lower[j + 1]);
    // Pence and cents are hundredths of the currency the value is kept in.
    if (HUNDREDTHS.test(ts.lower[j + 1]) && core.number !== undefined) core.number /= 100;
    j++;
  }
  core.last = j;
  if (core.percent && core.number !== undefined) core.fraction = core.number / 100;
  return core;
}

/** A bracketed conversion right after an amount: "(£522,000)", "(61km/h)", "(68%)". */
function readBracket(ts: TokenStream, j: number, e: number): number {
  if (ts.value[j + 1] !== '(') return j;
  for (let k = j + 2; k <= Math.min(e, j + 7); k++) {
    if (ts.value[k] === ')') {
      const inner = ts.value.slice(j + 2, k);
      return inner.some((t) => DIGIT.test(t)) ? k : j;
    }
  }
  return j;
}

function qualifierBefore(ts: TokenStream, first: number, s: number): { first: number; bound: Bound } | null {
  for (const q of QUALIFIERS) {
    const n = q.words.length;
    const from = first - n;
    if (from < s || q.words[0] === 'or') continue;
    let ok = true;
    for (let k = 0; k < n; k++) {
      if (ts.lower[from + k] !== q.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return { first: from, bound: q.bound };
  }
  return null;
}

/** The head noun after an amount: "30 countries", "6,000 student visas", "51-year-old". */
function readHead(ts: TokenStream, j: number, e: number): number {
  let k = j;
  // "51-year-old", "16-year" compounds; an age ends the span ("74-year-old", not "74-year-old comedian").
  if (ts.value[k + 1] === '-' && k + 2 <= e && LETTERS.test(ts.value[k + 2])) {
    k += 2;
    if (ts.value[k + 1] === '-' && k + 2 <= e && LETTERS.test(ts.value[k + 2])) k += 2;
    if (ts.lower[k] === 'old') return k;
  }
  let taken = 0;
  while (k + 1 <= e && taken < 3 && HEAD_POS.has(ts.pos[k + 1]) && ts.type[k + 1] === 'word' && !MONTHS.has(ts.lower[k + 1])) {
    // A hyphenated modifier joins as one word: "high-speed lifts".
    if (ts.value[k + 2] === '-' && k + 3 <= e && ts.type[k + 3] === 'word') {
      k += 3;
      taken++;
      continue;
    }
    // A proper noun only joins when a common noun follows ("13 US cities"), not "30 Japan".
    if (ts.pos[k + 1] === 'PROPN' && ts.pos[k + 2] !== 'NOUN') break;
    if (ts.pos[k + 1] === 'ADJ' && !HEAD_POS.has(ts.pos[k + 2])) break;
    k++;
    taken++;
  }
  if (UNIT_WORDS.has(ts.lower[k + 1]) && k === j) k++;
  return k;
}

/** "of all aid workers", "in militia", "of voters": the group a share or count word is about. */
function readOfGroup(ts: TokenStream, j: number, e: number, preps: ReadonlySet<string>): number {
  if (!preps.has(ts.lower[j + 1])) return j;
  let k = j + 1;
  if (['all', 'the', 'those', 'its', 'their'].includes(ts.lower[k + 1])) k++;
  let taken = 0;
  while (k + 1 <= e && taken < 3 && HEAD_POS.has(ts.pos[k + 1]) && ts.type[k + 1] === 'word') {
    k++;
    taken++;
  }
  return taken > 0 ? k : j;
}

const OF_ONLY = new Set(['of']);
const OF_OR_IN = new Set(['of', 'in']);

function changeVerbBefore(ts: TokenStream, first: number, s: number): { verb: number; direction: 'up' | 'down' | 'flat' } | null {
  let k = first - 1;
  if (k >= s && ts.lower[k] === 'by') k--;
  // Up to two adverbs between verb and amount: "rose even faster by 16.3%".
  for (let skipped = 0; k >= s && skipped <= 2; skipped++) {
    const dir = CHANGE_VERBS.get(ts.lower[k]);
    if (dir && (ts.pos[k] === 'VERB' || ts.pos[k] === 'NOUN' || ts.pos[k] === 'ADV' || ts.pos[k] === 'ADP' || ts.pos[k] === 'ADJ' || ts.pos[k] === 'PROPN')) {
      return { verb: k, direction: dir };
    }
    if (ts.pos[k] !== 'ADV' && ts.pos[k] !== 'ADJ') return null;
    k--;
  }
  return null;
}

/** Common nouns right before the verb are the theme: "oil exports surged by 35.7%". */
function themeBefore(ts: TokenStream, verb: number, s: number): number {
  let k = verb;
  // A capitalised first word is often tagged PROPN ("Exports surged"): accept it at the sentence start.
  const isTheme = (j: number) => ts.pos[j] === 'NOUN' || (j === s && ts.pos[j] === 'PROPN' && CAPITALISED_PLURAL.test(ts.value[j]));
  while (k - 1 >= s && isTheme(k - 1) && verb - k < 2 && ts.type[k - 1] === 'word') k--;
  return k;
}

export function findNumeric(ts: TokenStream, s: number, e: number): Found[] {
  const found: Found[] = [];
  for (let i = s; i <= e; i++) {
    const core = readCore(ts, i, e);
    if (!core) continue;
    let first = core.first;
    let last = core.last;
    const value: ClaimValue = {};
    const reasons: string[] = [];
    if (core.number !== undefined) value.number = core.number;
    if (core.to !== undefined) value.to = core.to;
    if (core.scale) value.scale = core.scale;
    if (core.currency) value.currency = core.currency;
    if (core.fraction !== undefined) value.fraction = core.fraction;

    // "a dozen", "a quarter", "a majority", "one half".
    if (first - 1 >= s && (ts.lower[first - 1] === 'a' || ts.lower[first - 1] === 'the') &&
        ((core.fraction !== undefined && core.number === undefined) || ts.lower[first] === 'dozen')) {
      first--;
    }
    // "between 10 and 15": the range keeps its opening word.
    if (core.to !== undefined && first - 1 >= s && ts.lower[first - 1] === 'between') first--;
    const qualifier = qualifierBefore(ts, first, s);
    if (qualifier) {
      first = qualifier.first;
      value.bound = qualifier.bound;
    }
    if (core.number !== undefined && core.scale && SCALES.has(core.scale)) {
      value.number = core.number * (core.countWord ? 1 : SCALES.get(core.scale)!);
      if (value.to !== undefined) value.to *= SCALES.get(core.scale)!;
    }
    // Race names are not measurements: "the 100m", "the 4x100m relay", "100m hurdles".
    if (!core.currency && RACE_METRES.test(ts.lower[core.last + 1] ?? '') &&
        (ts.lower[first - 1] === 'the' || RACE_EVENTS.test(ts.lower[core.last + 2] ?? ''))) {
      i = core.last + 1;
      continue;
    }
    if (core.year && !core.percent && !qualifier) {
      i = last;
      continue; // a bare year is a date; the temporal rule reads it
    }
    if (ts.lower[last + 1] && MONTHS.has(ts.lower[last + 1]) && core.number !== undefined && core.number <= 31) {
      i = last;
      continue; // "20 May" is a date
    }

    let kind: Found['kind'];
    if (core.currency) {
      kind = 'money';
      last = readBracket(ts, last, e);
      if (ts.lower[last + 1] === 'or' && (ts.lower[last + 2] === 'above' || ts.lower[last + 2] === 'more')) last += 2;
      if (ts.lower[last + 1] === 'each') last++;
      else if (ts.lower[last + 1] === 'in' && ts.pos[last + 2] === 'NOUN' && ts.pos[last + 3] !== 'NOUN') last += 2;
      reasons.push('an amount of money');
    } else if (core.percent) {
      kind = 'percentage';
      if (core.number === undefined) last = readOfGroup(ts, last, e, OF_ONLY);
      if (core.number === undefined && ts.lower[last + 1] === 'those' && last + 2 <= e && CONTENT_POS.test(ts.pos[last + 2])) last += 2;
      // "A majority, 52%": the figure joins the share written in words
      if (core.number === undefined && ts.value[last + 1] === ',' && isNumberToken(ts, last + 2) && ts.value[last + 3] === '%' && last + 3 <= e) last += 3;
      if (core.fraction !== undefined && core.number === undefined && ts.lower[core.first] === 'one') {
        last = readHead(ts, last, e); // "One in 10 adult Americans"
      }
      last = readBracket(ts, last, e);
      reasons.push(core.number !== undefined ? 'a percentage' : 'a share in words');
    } else {
      kind = 'quantity';
      const head = core.countWord ? readOfGroup(ts, last, e, OF_OR_IN) : readHead(ts, last, e);
      if (head === last && !core.scale && !qualifier && !core.score && !core.countWord) {
        i = last;
        continue; // a bare number with nothing to count is rarely a checkable claim
      }
      if (core.ordinal && head === last) {
        i = last;
        continue;
      }
      if (head > last) value.unit = ts.value.slice(last + 1, head + 1).join(' ').replace(SPACED_HYPHENS, '-').toLowerCase();
      let end = head;
      // Rates: "17m per second", "17m/s"
      if (ts.lower[end + 1] === 'per' && end + 2 <= e && HEAD_POS.has(ts.pos[end + 2])) end += 2;
      else if (ts.value[end + 1] === '/' && end + 2 <= e && RATE_UNIT.test(ts.value[end + 2])) end += 2;
      // Compound durations: "18 years and 187 days"
      if (ts.lower[end + 1] === 'and' && isNumberToken(ts, end + 2) && end + 3 <= e &&
          DURATION_UNIT.test(ts.lower[end + 3])) end += 3;
      last = readBracket(ts, end, e);
      // Tennis and football scores: "6-2 7-6 (7-1) 7-6 (7-5)"
      if (core.score) {
        while (SCORE.test(ts.value[last + 1] ?? '') && last + 1 <= e) last = readBracket(ts, last + 1, e);
      }
      if (ts.lower[last + 1] === 'or' && ts.lower[last + 2] === 'more') {
        last += 2;
        value.bound = '>=';
      }
      reasons.push(core.countWord ? 'a count in words' : 'a counted amount');
    }
    if (!value.bound && (core.number !== undefined || core.fraction !== undefined)) value.bound = '=';

    // "was 24.4% above the previous record"
    if (kind === 'percentage' && core.number !== undefined && RELATIVE_TO.test(ts.lower[last + 1] ?? '') && last + 1 <= e) {
      value.direction = UPWARD.test(ts.lower[last + 1]) ? 'up' : 'down';
      let start = first;
      if (start - 1 >= s && COPULA.test(ts.lower[start - 1])) start--;
      found.push({ kind: 'change', first: start, last: last + 1, value, reasons: ['a change', ...reasons] });
      i = last + 1;
      continue;
    }
    // Changes: "cuts over 90%", "rose 20%", "an 82% jump".
    const change = kind === 'percentage' || kind === 'money' || kind === 'quantity' ? changeVerbBefore(ts, first, s) : null;
    const changeNoun = CHANGE_NOUNS.get(ts.lower[last + 1]);
    if (change && (kind !== 'quantity' || core.percent)) {
      value.direction = change.direction;
      found.push({ kind: 'change', first: themeBefore(ts, change.verb, s), last, value, reasons: ['a change', ...reasons] });
    } else if (change && kind === 'quantity' && ts.pos[change.verb] === 'VERB') {
      value.direction = change.direction;
      found.push({ kind: 'change', first: themeBefore(ts, change.verb, s), last, value, reasons: ['a change', ...reasons] });
    } else if (changeNoun && kind !== 'quantity') {
      value.direction = changeNoun;
      let start = first;
      if (start - 1 >= s && DETERMINERS.has(ts.lower[start - 1])) start--;
      found.push({ kind: 'change', first: start, last: last + 1, value, reasons: ['a change', ...reasons] });
      last++;
    } else {
      found.push({ kind, first, last, value, reasons });
    }
    i = last;
  }
  // Constant-time "does a find so far include token i?" (a scan of `found` per token was quadratic).
  const covered = coverageOf(found, s, e);
  // "a sharp rise in business", "the upsurge in ownership": a trend noun with what changed.
  for (let i = s; i <= e; i++) {
    const direction = CHANGE_NOUNS.get(ts.lower[i]);
    if (!direction || ts.lower[i + 1] !== 'in' || covered(i)) continue;
    let first = i;
    if (first - 1 >= s && ts.pos[first - 1] === 'ADJ') first--;
    if (first - 1 >= s && (ts.lower[first - 1] === 'a' || ts.lower[first - 1] === 'an' || ts.lower[first - 1] === 'the')) first--;
    else continue;
    let last = i + 1;
    while (last + 1 <= e && (HEAD_POS.has(ts.pos[last + 1]) || ts.pos[last + 1] === 'DET') && last - i < 4) last++;
    if (last === i + 1) continue;
    found.push({ kind: 'change', first, last, value: { direction }, reasons: ['a trend'] });
    i = last;
  }
  // "his fourth child", "the age of 43": counts that are not digits followed by a noun.
  for (let i = s + 1; i <= e; i++) {
    if (covered(i)) continue;
    const possessive = POSSESSIVES.has(ts.lower[i - 1]);
    const ordinal = parseOrdinalWord(ts.lower[i]);
    if (possessive && !Number.isNaN(ordinal) && ordinal > 1 && ts.pos[i + 1] === 'NOUN' && i + 1 <= e) {
      let last = i + 1;
      if (ts.pos[last + 1] === 'NOUN' && last + 1 <= e) last++;
      found.push({ kind: 'quantity', first: i, last, value: { number: ordinal, unit: ts.lower.slice(i + 1, last + 1).join(' ') }, reasons: ['an ordinal count'] });
      i = last;
    } else if (ts.lower[i] === 'age' && ts.lower[i - 1] === 'the' && ts.lower[i + 1] === 'of' && ts.type[i + 2] === 'number' && i + 2 <= e) {
      found.push({ kind: 'quantity', first: i - 1, last: i + 2, value: { number: parseNumeral(ts.value[i + 2]), unit: 'years' }, reasons: ['an age'] });
      i += 2;
    }
  }
  // "doubled", "halved": a change with no number.
  for (let i = s; i <= e; i++) {
    const factor = FACTOR_VERBS.get(ts.lower[i]);
    if (factor === undefined || covered(i)) continue;
    found.push({
      kind: 'change',
      first: themeBefore(ts, i, s),
      last: i,
      value: { number: factor, unit: '×', direction: factor > 1 ? 'up' : 'down' },
      reasons: ['a change by a factor'],
    });
  }
  return found;
}

