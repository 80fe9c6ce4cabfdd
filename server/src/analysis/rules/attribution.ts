/**
 * Who a sentence attributes its claims to: "Rubio said", "said Mr Cartagena", "according to
 * Reuters", a headline's ", State Dept says" or "...: Rubio". Titles and job descriptions in
 * front of a name are dropped; a pronoun is no source (guideline §5).
 */
import { FRACTION_WORDS, PRONOUNS, SAY_VERBS, TITLE_WORDS } from '../lexicon';
import type { TokenStream } from '../nlp';

const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM']);
const STOP = new Set(['and', 'but', 'that', 'while', 'as', 'because', 'which', 'who', 'when', 'if']);

function text(ts: TokenStream, first: number, last: number, source: string): string {
  return source.slice(ts.start[first], ts.end[last]);
}

/** Titles that directly precede a person's name ("Mr Cartagena", "president Patricio Cartagena"). */
const PERSONAL_TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'professor',
  'president', 'general', 'secretary', 'minister', 'chancellor', 'chairman', 'chairwoman', 'director', 'analyst',
  'economist', 'spokesman', 'spokeswoman', 'spokesperson', 'senator', 'governor', 'mayor', 'king', 'queen', 'prince',
  'judge', 'coach', 'captain', 'chief', 'executive', 'leader', 'boss', 'founder', 'editor', 'correspondent', 'officer']);

/**
 * Drops titles before a name ("US Secretary of State Marco Rubio" → "Marco Rubio") and "the"
 * before a proper name ("The Commerce Department" → "Commerce Department").
 */
function cleanSource(ts: TokenStream, first: number, last: number): [number, number] | null {
  let nameStart = last + 1;
  while (nameStart - 1 >= first && ts.pos[nameStart - 1] === 'PROPN' && /^[A-Z]/.test(ts.value[nameStart - 1]) &&
         !TITLE_WORDS.has(ts.lower[nameStart - 1])) nameStart--;
  if (nameStart <= last && nameStart > first) {
    const title = ts.lower[nameStart - 1];
    const runLength = last - nameStart + 1;
    if (PERSONAL_TITLES.has(title) || (TITLE_WORDS.has(title) && runLength >= 2)) return [nameStart, last];
  }
  while (first < last && PERSONAL_TITLES.has(ts.lower[first]) && /^[A-Z]/.test(ts.value[first]) && ts.pos[first + 1] === 'PROPN') first++;
  if (ts.lower[first] === 'the' && first < last && ts.pos[first + 1] === 'PROPN') first++;
  return first <= last ? [first, last] : null;
}

/** The noun phrase ending right before token `end` (exclusive). */
function phraseBefore(ts: TokenStream, s: number, end: number): [number, number] | null {
  let k = end - 1;
  if (k < s) return null;
  const last = k;
  const inside = (j: number) =>
    NP_POS.has(ts.pos[j]) || ts.lower[j] === "'s" || ts.lower[j] === 'of' || ts.value[j] === '.' ||
    // "officials in the U.S.", "analysts at IXIS"
    ((ts.lower[j] === 'in' || ts.lower[j] === 'at') && j > s && NP_POS.has(ts.pos[j - 1]) && (ts.pos[j + 1] === 'PROPN' || ts.lower[j + 1] === 'the'));
  while (k >= s && inside(k) && !STOP.has(ts.lower[k]) && last - k < 8) k--;
  const first = k + 1;
  if (first > last) return null;
  if (ts.lower[first] === 'of' || ts.value[first] === '.') return null;
  return [first, last];
}

/** The noun phrase starting at token `start`: "said Mr Cartagena", "according to a recent report from analysts Gartner". */
function phraseAfter(ts: TokenStream, start: number, e: number): [number, number] | null {
  let k = start;
  while (k <= e && (NP_POS.has(ts.pos[k]) || ts.lower[k] === "'s" || ts.value[k] === '.' && ts.pos[k - 1] === 'PROPN' && /^(?:Mr|Mrs|Ms|Dr|St)$/.test(ts.value[k - 1])) &&
         !STOP.has(ts.lower[k]) && k - start < 8) k++;
  const last = k - 1;
  return last >= start ? [start, last] : null;
}

function isPronounPhrase(ts: TokenStream, first: number, last: number): boolean {
  return first === last && PRONOUNS.has(ts.lower[first]);
}

/** Respondents are not a source: "Some 82% said ...", "two-thirds of voters said". */
function isRespondents(ts: TokenStream, first: number, last: number): boolean {
  for (let k = first; k <= last; k++) {
    if (ts.type[k] === 'number' || ts.value[k] === '%' || ts.pos[k] === 'NUM' || FRACTION_WORDS.has(ts.lower[k])) return true;
  }
  if (first - 2 >= 0 && ts.value[first - 1] === '-' && ts.pos[first - 2] === 'NUM') return true;
  return false;
}

export function findSource(ts: TokenStream, s: number, e: number, sourceText: string, headline: boolean): string | null {
  for (let i = s; i <= e; i++) {
    const w = ts.lower[i];
    if (w === 'according' && ts.lower[i + 1] === 'to') {
      let start = i + 2;
      // "according to a recent report from analysts Gartner" → the named organisation.
      const np = phraseAfter(ts, start, e);
      if (!np) continue;
      for (let k = np[0]; k <= Math.min(e, np[1] + 2); k++) {
        if ((ts.lower[k] === 'from' || ts.lower[k] === 'by') && k + 1 <= e) start = k + 1;
      }
      const named = start !== i + 2 ? phraseAfter(ts, start, e) : np;
      if (!named) continue;
      const cleaned = cleanSource(ts, named[0], named[1]);
      if (cleaned && !isPronounPhrase(ts, ...cleaned)) {
        return text(ts, cleaned[0], cleaned[1], sourceText).replace(/^(?:analysts|experts)\s+(?=[A-Z])/, '');
      }
    }
    if (!SAY_VERBS.has(w) || w === 'according') continue;
    if (ts.pos[i] !== 'VERB' && ts.pos[i] !== 'AUX' && !(headline && w === 'says')) {
      if (!(ts.pos[i] === 'NOUN' && (w === 'says' || w === 'warns' || w === 'claims'))) continue;
    }
    // "X said", "X has reported"
    let verbStart = i;
    if (i - 1 >= s && (ts.lower[i - 1] === 'has' || ts.lower[i - 1] === 'have' || ts.lower[i - 1] === 'had')) verbStart--;
    if (verbStart - 1 >= s && ts.pos[verbStart - 1] === 'ADV') verbStart--; // "Rutte earlier noted"
    const before = phraseBefore(ts, s, verbStart);
    if (before && !isPronounPhrase(ts, ...before) && !isRespondents(ts, ...before)) {
      const cleaned = cleanSource(ts, before[0], before[1]);
      if (cleaned) return text(ts, cleaned[0], cleaned[1], sourceText);
    }
    if (before && isPronounPhrase(ts, ...before)) return null;
    // "said Mr Cartagena", "said economist Marie-Pierre Ripert"
    const after = i + 1 <= e ? phraseAfter(ts, i + 1, e) : null;
    const named = after !== null && ts.pos.slice(after[0], after[1] + 1).includes('PROPN');
    if (after && named && (ts.pos[after[1]] === 'PROPN' || ts.pos[after[1]] === 'NOUN') && !isPronounPhrase(ts, ...after)) {
      const cleaned = cleanSource(ts, after[0], after[1]);
      if (cleaned) return text(ts, cleaned[0], cleaned[1], sourceText);
    }
  }
  // Headline: "...: Rubio", "... — Trump"
  if (headline) {
    for (let i = e; i > s && e - i < 4; i--) {
      if ((ts.value[i] === ':' || ts.value[i] === '—' || ts.value[i] === '–') && i + 1 <= e) {
        const np = phraseAfter(ts, i + 1, e);
        if (np && np[1] === e && ts.pos[e] === 'PROPN') return text(ts, np[0], np[1], sourceText);
      }
    }
  }
  return null;
}
