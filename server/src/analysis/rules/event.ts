/**
 * Events and official actions without numbers: "The UK dropped its request for backdoor
 * access", "Moya clinches Cup for Spain". The span is the core clause: subject, verb, object.
 */
import type { Found } from '../found';
import { EVENT_VERBS, PRONOUNS, SAY_VERBS } from '../lexicon';
import type { TokenStream } from '../nlp';

const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM']);
const OBJECT_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PRON']);
const OBJECT_LINKS = new Set(['for', 'of', 'to', 'from', 'in', 'on', 'against', 'with']);

/** Verbs that report speech or opinion: a clause built on them is not itself an event. */
const NOT_EVENT_VERBS = new Set(['said', 'says', 'say', 'told', 'added', 'think', 'thinks', 'thought', 'believe',
  'believes', 'hope', 'hopes', 'feel', 'feels', 'want', 'wants', 'like', 'likes', 'love', 'expect', 'expects',
  'seem', 'seems', 'argued', 'argues', 'claims', 'claimed', 'warned', 'praised', 'attacked', 'criticised', 'urged']);

function isEventVerb(ts: TokenStream, i: number, anyVerb: boolean): boolean {
  const w = ts.lower[i];
  if (EVENT_VERBS.has(w)) return true;
  if (!anyVerb || NOT_EVENT_VERBS.has(w) || SAY_VERBS.has(w)) return false;
  // A finite verb in the past or present tense: "led", "begins", "was revamped".
  return w.endsWith('ed') || w.endsWith('s') || IRREGULAR_PAST.has(w);
}

const IRREGULAR_PAST = new Set(['led', 'won', 'beat', 'lost', 'began', 'came', 'went', 'made', 'took', 'gave',
  'left', 'held', 'met', 'sold', 'bought', 'built', 'paid', 'set', 'hit', 'ran', 'fell', 'rose', 'grew', 'became',
  'brought', 'sent', 'spent', 'found', 'kept', 'broke', 'chose', 'drew', 'flew', 'wrote', 'struck', 'shut']);

/**
 * `anyVerb`: the sentence is already check-worthy by the model, so any finite verb may carry
 * the event; otherwise only the listed official actions do.
 */
export function findEvents(ts: TokenStream, s: number, e: number, headline: boolean, anyVerb = false): Found[] {
  for (let i = s; i <= e; i++) {
    if (!isEventVerb(ts, i, anyVerb) || (ts.pos[i] !== 'VERB' && !(headline && ts.pos[i] === 'NOUN'))) continue;
    // Subject: the noun phrase right before the verb (and its auxiliaries: "have been named").
    let first = i;
    while (first - 1 >= s && (ts.pos[first - 1] === 'AUX' || ts.pos[first - 1] === 'PART') && i - first < 3) first--;
    const verbStart = first;
    while (first - 1 >= s && (NP_POS.has(ts.pos[first - 1]) || ts.lower[first - 1] === "'s") && verbStart - first < 6) first--;
    if (first === verbStart) {
      if (!(anyVerb && first - 1 >= s && ts.pos[first - 1] === 'PRON' && !/^(?:it|this|that|which|who)$/.test(ts.lower[first - 1]))) continue;
      first--; // "they beat Australia", "he came back"
    } else if (first === verbStart - 1 && PRONOUNS.has(ts.lower[first]) && !anyVerb) continue;
    if (ts.pos[first] === 'ADJ' && first === verbStart - 1) continue;
    // Object: a noun phrase, optionally joined by prepositions ("request for backdoor access").
    let last = i;
    let links = 0;
    if (ts.pos[last + 1] === 'ADV' && ts.pos[last + 2] !== 'VERB' && last + 1 <= e) last++; // "came back"
    while (last + 1 <= e && last - i < 9) {
      const next = last + 1;
      if (OBJECT_POS.has(ts.pos[next]) || ts.lower[next] === "'s") last = next;
      else if (OBJECT_LINKS.has(ts.lower[next]) && links < 2 && next + 1 <= e && OBJECT_POS.has(ts.pos[next + 1])) {
        last = next;
        links++;
      } else break;
    }
    if (headline) {
      // Headlines: the whole line up to an attribution (": Rubio", ", State Dept says").
      let end = e;
      for (let k = i + 1; k <= e; k++) if (ts.value[k] === ':' || ts.value[k] === ',' || ts.value[k] === '—') { end = k - 1; break; }
      last = Math.max(last, end);
      first = s;
    }
    const listed = EVENT_VERBS.has(ts.lower[i]);
    if (last === i && !(ts.pos[i - 1] === 'AUX' && ts.lower[i].endsWith('ed'))) continue;
    // The speaker's own plans and feelings are not events: "we had expected", "I made".
    if (/^(?:i|we|you)$/.test(ts.lower[first])) continue;
    return [{ kind: 'event', first, last, value: null, reasons: ['an event or official action'], weak: !listed }];
  }
  return [];
}
