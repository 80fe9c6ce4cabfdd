/**
 * Word lists the claim rules use. Each list says what it is for; tests in
 * test/unit/engine.test.ts exercise them through whole sentences.
 */
import type { Bound } from './types';

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Qualifiers kept in a number's span, longest first, with the bound they give the value. */
export const QUALIFIERS: readonly { words: string[]; bound: Bound }[] = [
  ['well over', '>'], ['just over', '>'], ['more than', '>'], ['over', '>'], ['above', '>'], ['passed', '>'],
  ['upwards of', '>'], ['in excess of', '>'], ['at least', '>='], ['no fewer than', '>='], ['no less than', '>='],
  ['a minimum of', '>='], ['or more', '>='],
  ['less than', '<'], ['fewer than', '<'], ['just under', '<'], ['under', '<'], ['below', '<'],
  ['up to', '<='], ['as much as', '<='], ['as many as', '<='], ['as high as', '<='], ['at most', '<='],
  ['no more than', '<='], ['a maximum of', '<='], ['within', '<='],
  ['nearly', '~'], ['almost', '~'], ['about', '~'], ['around', '~'], ['roughly', '~'], ['approximately', '~'],
  ['some', '~'], ['an estimated', '~'], ['estimated', '~'], ['close to', '~'], ['circa', '~'], ['an average of', '~'],
  ['exactly', '='], ['precisely', '='], ['a group of', '='],
].map(([w, bound]) => ({ words: w.split(' '), bound: bound as Bound }))
  .sort((a, b) => b.words.length - a.words.length);

/** Scale words after a number: "£2.5bn", "22 million". */
export const SCALES: ReadonlyMap<string, number> = new Map([
  ['k', 1e3], ['thousand', 1e3], ['thousands', 1e3], ['m', 1e6], ['mn', 1e6], ['mln', 1e6], ['million', 1e6],
  ['millions', 1e6], ['bn', 1e9], ['b', 1e9], ['billion', 1e9], ['billions', 1e9], ['tn', 1e12], ['trillion', 1e12],
  ['trillions', 1e12], ['hundred', 1e2], ['hundreds', 1e2], ['crore', 1e7], ['lakh', 1e5],
]);

/** Number words. Plural scale words ("millions") are counts on their own. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15],
  ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30],
  ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90], ['hundred', 100],
  ['thousand', 1000], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['dozen', 12], ['dozens', 12],
  ['hundreds', 100], ['thousands', 1000], ['millions', 1e6], ['billions', 1e9],
]);

/** Words that are a count by themselves, without a digit ("millions in militia", "dozens of"). */
export const BARE_COUNT_WORDS = set('dozens hundreds thousands millions billions tens scores');

/** Shares written in words, as fractions. */
export const FRACTION_WORDS: ReadonlyMap<string, number> = new Map([
  ['half', 0.5], ['third', 1 / 3], ['thirds', 1 / 3], ['quarter', 0.25], ['quarters', 0.25], ['fifth', 0.2],
  ['fifths', 0.2], ['tenth', 0.1], ['majority', 0.5], ['minority', 0.5],
]);

/** Currency symbols and words, as ISO 4217 codes. */
export const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'], ['£', 'GBP'], ['€', 'EUR'], ['¥', 'JPY'], ['₹', 'INR'], ['₽', 'RUB'], ['₩', 'KRW'], ['₺', 'TRY'],
  ['us$', 'USD'], ['a$', 'AUD'], ['c$', 'CAD'], ['hk$', 'HKD'],
]);
export const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ['dollars', 'USD'], ['dollar', 'USD'], ['pounds', 'GBP'], ['sterling', 'GBP'], ['pence', 'GBP'], ['p', 'GBP'],
  ['euros', 'EUR'], ['euro', 'EUR'], ['yen', 'JPY'], ['yuan', 'CNY'], ['rupees', 'INR'], ['roubles', 'RUB'],
  ['rubles', 'RUB'], ['francs', 'CHF'], ['usd', 'USD'], ['gbp', 'GBP'], ['eur', 'EUR'], ['hryvnias', 'UAH'],
]);

/** Verbs of change, with their direction. */
export const CHANGE_VERBS: ReadonlyMap<string, 'up' | 'down' | 'flat'> = new Map(
  (
    [
      ['up', 'rise rises rose risen rising increase increases increased increasing grow grows grew grown growing ' +
        'climb climbs climbed climbing jump jumps jumped jumping surge surges surged surging soar soars soared ' +
        'soaring gain gains gained rocket rocketed boost boosted boosts widen widened widens ' +
        'double doubles doubled tripled trebled quadrupled expand expanded expands up'],
      ['down', 'fall falls fell fallen falling drop drops dropped dropping decline declines declined declining ' +
        'decrease decreases decreased cut cuts cutting slash slashes slashed slump slumps slumped plunge plunges ' +
        'plunged tumble tumbles tumbled shrink shrinks shrank shrunk sink sank dip dips dipped lose loses lost ' +
        'narrow narrows narrowed halve halves halved reduce reduces reduced slide slid slides down lower lowered ' +
        'contract contracted contracts'],
      ['flat', 'unchanged steady flat stable'],
    ] as const
  ).flatMap(([direction, words]) => words.split(' ').map((w) => [w, direction] as const)),
);

/** Nouns of change that follow an amount: "an 82% jump", "a 1% fall". */
export const CHANGE_NOUNS: ReadonlyMap<string, 'up' | 'down'> = new Map([
  ...'rise increase jump surge upsurge gain growth hike boost climb rally uptick'.split(' ').map((w) => [w, 'up'] as const),
  ...'fall decrease drop decline cut slump plunge reduction loss dip contraction slide'.split(' ')
    .map((w) => [w, 'down'] as const),
]);

/** Multiplicative changes that need no number: "doubled", "halved". */
export const FACTOR_VERBS: ReadonlyMap<string, number> = new Map([
  ['doubled', 2], ['tripled', 3], ['trebled', 3], ['quadrupled', 4], ['halved', 0.5],
]);

/** Superlatives that do not end in -est, and -est words that are not superlatives. */
export const SUPERLATIVES = set('best worst most least biggest largest highest lowest fastest slowest greatest ' +
  'smallest longest shortest oldest youngest richest poorest deadliest strongest weakest busiest cheapest ' +
  'heaviest hottest coldest wettest driest warmest deepest tallest top');
export const NOT_SUPERLATIVE = set('latest earliest honest interest forest modest west nest rest test best-selling ' +
  'guest quest protest contest request arrest chest pest suggest digest harvest invest manifest priest');

/** Heads that make "record" a claim: "record levels", "a record high". */
export const RECORD_TAILS = set('high highs low lows level levels year years profit profits sales number numbers ' +
  'amount amounts figure figures turnout temperatures temperature');

/** Tails that extend a superlative: "on record", "ever", "since 1990". */
export const SUPERLATIVE_TAIL_WORDS = set('ever recorded seen');

/** Attribution verbs: "X said", "said X", "X found". */
export const SAY_VERBS = set('said says say told tells added adds noted notes reported reports found finds showed ' +
  'shows show estimated estimates warned warns announced announces confirmed confirms claimed claims stated states ' +
  'suggests suggested revealed reveals argued argues insisted insists explained explains wrote writes ' +
  'predicted predicts concluded concludes according');

/** Words before a name that are titles or job descriptions, dropped from a source. */
export const TITLE_WORDS = set('mr mrs ms miss dr sir dame lord lady prof professor president vice secretary ' +
  'general prime minister chancellor chief executive spokesman spokeswoman spokesperson analyst economist ' +
  'director head chairman chairwoman chair senator governor mayor king queen prince princess pope judge ' +
  'minister foreign defence defense interior finance state deputy officer manager coach captain ' +
  'ambassador commissioner leader boss founder editor correspondent of the');

export const PRONOUNS = set('he she it they we i you this that these those who which one someone everyone');

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8], ['september', 9],
  ['sep', 9], ['sept', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
]);

/** Prepositions that belong to a temporal span: "in April 2004", "between 1983 and 1992". */
export const TEMPORAL_PREPOSITIONS = set('in on at by between over since from until till during before after for ' +
  'throughout through');

/** Official actions and events that make a clause checkable without numbers. */
export const EVENT_VERBS = set('dropped resigned announced approved revoked signed banned launched agreed voted won ' +
  'lost elected appointed sacked fired closed filed sued arrested charged killed died rejected passed vetoed ' +
  'acquired bought sold merged suspended withdrew withdrawn cancelled canceled released ordered imposed lifted ' +
  'blocked confirmed ruled convicted jailed sentenced freed invaded attacked struck defeated beat clinches ' +
  'clinched wins won breaks broke quits quit resigns joins joined leaves left returned declared mobilised ' +
  'mobilized deployed introduced unveiled halted halts paused pauses revokes drops bans sues');
