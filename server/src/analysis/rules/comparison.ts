/**
 * Records, rankings and superlatives: "the worst fire season on record", "the UK's
 * third-biggest bank", "the biggest since 1990", "a 16-year high", "four times more likely".
 * Debate-trained scores under-rate these, so they are found by rule.
 */
import type { Found } from '../found';
import { NOT_SUPERLATIVE, RECORD_TAILS, SUPERLATIVE_TAIL_WORDS, SUPERLATIVES } from '../lexicon';
import type { TokenStream } from '../nlp';
import { parseOrdinalWord } from '../numbers';

const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this']);
const HEAD_POS = new Set(['NOUN', 'PROPN', 'ADJ']);

function isSuperlative(ts: TokenStream, i: number): boolean {
  const w = ts.lower[i];
  if (NOT_SUPERLATIVE.has(w)) return false;
  if (w === 'top') return (ts.lower[i - 1] === 'the' || ts.lower[i - 1] === "'s") && HEAD_POS.has(ts.pos[i + 1]);
  if (w === 'most' || w === 'least') return ts.pos[i + 1] === 'ADJ' && ts.lower[i - 1] === 'the';
  if (SUPERLATIVES.has(w)) return true;
  return ts.pos[i] === 'ADJ' && w.length > 5 && w.endsWith('est');
}

/** Left edge: "the UK's third-biggest", "its second-largest". */
function extendLeft(ts: TokenStream, i: number, s: number): number {
  let k = i;
  if (k - 2 >= s && ts.value[k - 1] === '-' && !Number.isNaN(parseOrdinalWord(ts.lower[k - 2]))) k -= 2;
  else if (k - 1 >= s && !Number.isNaN(parseOrdinalWord(ts.lower[k - 1]))) k--;
  if (k - 1 >= s && (ts.lower[k - 1] === 'most' || ts.lower[k - 1] === 'least')) k--;
  if (k - 1 >= s && ts.lower[k - 1] === "'s") {
    // "Britain's", "the UK's", "the Labour Party's": one name, or up to three words after "the".
    let j = k - 2;
    while (j >= s && (ts.pos[j] === 'PROPN' || ts.pos[j] === 'NOUN') && k - j < 5) j--;
    if (j >= s && ts.lower[j] === 'the') return j;
    return k - 2;
  }
  // "the previous highest", "the single biggest"
  if (k - 2 >= s && ts.pos[k - 1] === 'ADJ' && DETERMINERS.has(ts.lower[k - 2])) k--;
  if (k - 1 >= s && DETERMINERS.has(ts.lower[k - 1])) k--;
  return k;
}

/** Right edge: head noun, then "on record", "ever (recorded)", "since 1990", "in history". */
function extendRight(ts: TokenStream, i: number, e: number): number {
  let k = i;
  // "most/least" + adjective
  if ((ts.lower[k] === 'most' || ts.lower[k] === 'least') && ts.pos[k + 1] === 'ADJ') k++;
  // "longest-serving", "best-selling"
  if (ts.value[k + 1] === '-' && k + 2 <= e && ts.type[k + 2] === 'word') k += 2;
  let taken = 0;
  while (k + 1 <= e && taken < 3 && HEAD_POS.has(ts.pos[k + 1]) && ts.type[k + 1] === 'word') {
    k++;
    taken++;
  }
  for (;;) {
    const next = ts.lower[k + 1];
    if (k + 1 > e) break;
    if (SUPERLATIVE_TAIL_WORDS.has(next)) {
      k++;
    } else if (next === 'on' && ts.lower[k + 2] === 'record') {
      k += 2;
    } else if (next === 'since' && k + 2 <= e && /\d/.test(ts.value[k + 2])) {
      k += 2;
    } else if (next === 'in' && ts.lower[k + 2] === 'history') {
      k += 2;
    } else if (next === 'in' && HEAD_POS.has(ts.pos[k + 2]) && ts.lower[k + 3] === 'history') {
      k += 3;
    } else if (next === 'of' && ts.lower[k + 2] === 'all' && ts.lower[k + 3] === 'time') {
      k += 3;
    } else if (next === 'in' && ts.lower[k + 2] === 'the' && ts.lower[k + 3] === 'world') {
      k += 3;
    } else if (next === 'in' && HEAD_POS.has(ts.pos[k + 2]) && HEAD_POS.has(ts.pos[k + 3]) && ts.lower[k + 4] === 'history') {
      k += 4;
    } else if (next === 'of' && ts.lower[k + 2] === 'the' && /^(?:\d+(?:st|nd|rd|th)|\w+)$/.test(ts.value[k + 3] ?? '') && ts.lower[k + 4] === 'century') {
      k += 4;
    } else if (next === 'of' && ts.lower[k + 2] === 'modern' && ts.lower[k + 3] === 'times') {
      k += 3;
    } else if (next === 'on' && (ts.lower[k + 2] === 'earth' || (ts.lower[k + 2] === 'the' && ts.lower[k + 3] === 'planet'))) {
      k += ts.lower[k + 2] === 'earth' ? 2 : 3;
    } else if (next === 'for' && ts.lower[k + 2] === 'a' && /^(?:year|decade|century|generation)$/.test(ts.lower[k + 3] ?? '')) {
      k += 3;
    } else break;
  }
  return k;
}

export function findComparisons(ts: TokenStream, s: number, e: number): Found[] {
  const found: Found[] = [];
  for (let i = s; i <= e; i++) {
    const w = ts.lower[i];
    if (isSuperlative(ts, i)) {
      const first = extendLeft(ts, i, s);
      const last = extendRight(ts, i, e);
      // A lone "best" or "most" with nothing after it is usually an opinion ("the best").
      if (last === i && first === i) continue;
      const rank = parseOrdinalWord(ts.lower[first === i ? i : i - 2]);
      found.push({
        kind: 'comparison',
        first,
        last,
        value: Number.isNaN(rank) ? null : { rank },
        reasons: [ts.value.slice(first, last + 1).join(' ').includes('record') ? 'a record claim' : 'a superlative'],
      });
      i = last;
    } else if (w === 'record' || w === 'records') {
      // "a (new) record", "record levels", "worst ... on record" is handled above.
      if (ts.lower[i - 1] === 'on') continue;
      let first = i;
      let last = i;
      if (RECORD_TAILS.has(ts.lower[i + 1]) || (ts.pos[i + 1] === 'NOUN' && i + 1 <= e)) last = i + 1;
      // "a new record", "the previous record", "an Olympic record"
      if (ts.pos[first - 1] === 'ADJ' || (ts.pos[first - 1] === 'PROPN' && DETERMINERS.has(ts.lower[first - 2]))) first--;
      if (DETERMINERS.has(ts.lower[first - 1])) first--;
      if (first === i && last === i && ts.pos[i] !== 'NOUN') continue;
      const verb = ts.lower[first - 1];
      if (['hit', 'hits', 'reached', 'reach', 'reaches', 'set', 'broke', 'smashed', 'beat'].includes(verb)) first--;
      else if (ts.lower[first - 1] === 'to' && ['climb', 'climbed', 'rose', 'rise', 'jumped'].includes(ts.lower[first - 2])) first -= 2;
      found.push({ kind: 'comparison', first, last, value: null, reasons: ['a record claim'] });
      i = last;
    } else if ((w === 'high' || w === 'low' || w === 'highs' || w === 'lows') && i - 3 >= s) {
      // "a 16-year high", "an all-time low": N - unit high
      if (!/^(?:time|year|years|month|months|decade|decades|week|weeks)$/.test(ts.lower[i - 1]) || ts.value[i - 2] !== '-') continue;
      let first = i - 3;
      if (first - 1 >= s && DETERMINERS.has(ts.lower[first - 1])) first--;
      found.push({ kind: 'comparison', first, last: i, value: null, reasons: ['a record claim'] });
    } else if (w === 'number' && ts.lower[i - 1] === 'world' && (ts.pos[i + 1] === 'NUM' || ts.type[i + 1] === 'number') && i + 1 <= e) {
      // "world number two"
      found.push({ kind: 'comparison', first: i - 1, last: i + 1, value: null, reasons: ['a ranking'] });
      i++;
    } else if (w === 'times' && i - 1 >= s && (ts.type[i - 1] === 'number' || ts.pos[i - 1] === 'NUM') &&
               (ts.lower[i + 1] === 'more' || ts.lower[i + 1] === 'less' || ts.pos[i + 1] === 'ADJ')) {
      // "four times more likely to have players"
      let last = i + 1;
      if (ts.pos[last + 1] === 'ADJ') last++;
      found.push({ kind: 'comparison', first: i - 1, last, value: null, reasons: ['a comparison'] });
      i = last;
    } else if (w === 'in' && ts.lower[i + 1] === 'line' && ts.lower[i + 2] === 'with') {
      let last = i + 2;
      while (last + 1 <= e && HEAD_POS.has(ts.pos[last + 1]) && last - i < 5) last++;
      if (last > i + 2) found.push({ kind: 'comparison', first: i, last, value: null, reasons: ['a comparison with expectations'] });
      i = last;
    }
  }
  return found;
}
