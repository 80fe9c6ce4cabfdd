/**
 * Events and official actions without numbers: "The UK dropped its request for backdoor
 * access", "Moya clinches Cup for Spain". The span is the core clause: subject, verb, object.
 */
import type { Found } from '../found';
import { EVENT_VERBS, PRONOUNS } from '../lexicon';
import type { TokenStream } from '../nlp';

const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM']);
const OBJECT_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PRON']);
const OBJECT_LINKS = new Set(['for', 'of', 'to', 'from', 'in', 'on', 'against', 'with']);

export function findEvents(ts: TokenStream, s: number, e: number, headline: boolean): Found[] {
  for (let i = s; i <= e; i++) {
    if (!EVENT_VERBS.has(ts.lower[i]) || (ts.pos[i] !== 'VERB' && !(headline && ts.pos[i] === 'NOUN'))) continue;
    // Subject: the noun phrase right before the verb.
    let first = i;
    while (first - 1 >= s && (NP_POS.has(ts.pos[first - 1]) || ts.lower[first - 1] === "'s") && i - first < 6) first--;
    if (first === i) continue;
    if (first === i - 1 && PRONOUNS.has(ts.lower[first])) continue;
    if (ts.pos[first] === 'ADJ' && first === i - 1) continue;
    // Object: a noun phrase, optionally joined by one preposition ("request for backdoor access").
    let last = i;
    let links = 0;
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
    if (last === i) continue;
    return [{ kind: 'event', first, last, value: null, reasons: ['an event or official action'] }];
  }
  return [];
}
