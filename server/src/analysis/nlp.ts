/**
 * The one place wink-nlp is called. wink tokenises, tags parts of speech and finds sentence
 * boundaries; it has no character-offset API, so offsets are rebuilt here from each
 * token's preceding spaces and value (exact on CRLF, NBSP, zero-width and astral characters).
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface TokenStream {
  /** Token text as written. */
  value: string[];
  /** Lower-cased token text. */
  lower: string[];
  /** wink token type: word, number, punctuation, currency, symbol, ordinal, url, email, ... */
  type: string[];
  /** Universal POS tag: NOUN, PROPN, VERB, ADJ, NUM, DET, ADP, ... */
  pos: string[];
  /** UTF-16 offsets relative to the analysed text. */
  start: number[];
  end: number[];
  /** Sentences as inclusive token index ranges. */
  sentences: [number, number][];
}

type Nlp = ReturnType<typeof winkNLP>;

/** The part of wink's in-memory model that its tokenizer consults (`features.lexeme`). */
interface LexemeTable {
  hash: Record<string, number>;
  list: string[];
}

let nlp: Nlp | undefined;
let lexemes: LexemeTable | undefined;
/** Above this many remembered out-of-vocabulary lexemes, wink is reloaded to bound memory. */
const MAX_EXTRA_LEXEMES = 300_000;
let intrinsicLexemes = 0;

/**
 * A wink automaton that recognises nothing, in wink's export format (`[version, lastUsedState,
 * machine, terminalStates, markedStates, customProperties]`, as its `emptyModelJSON()` writes it).
 */
const EMPTY_AUTOMATON = '[100,0,{"0":{}},{},{},{}]';

/**
 * Loaded once per process (about 50–70 ms), on first use or by `preloadNlp`. The model object is
 * wrapped so that the lexeme table wink builds from it stays reachable (see `forgetNewLexemes`),
 * and so that the annotators left out of the pipe get empty automata: wink builds every
 * annotator of the model whatever the pipe, and the named-entity, negation and sentiment
 * automata (about 1.5 MB of heap, parsed from 0.5 MB of JSON) would never run. Tokens, tags and
 * sentences do not depend on them (wink runs an annotator only when the pipe names it).
 */
function instance(): Nlp {
  if (!nlp || (lexemes && lexemes.list.length - intrinsicLexemes > MAX_EXTRA_LEXEMES)) {
    // The model's published types hide its internals (`core` is `unknown`); its shape is wink's.
    const loadCore = (model as unknown as { core: () => { features: { lexeme: LexemeTable } } }).core;
    const unused = model as unknown as Record<'ner' | 'negation' | 'sa', () => { machines: string[] }>;
    const wrapped = {
      ...model,
      core: () => {
        const core = loadCore();
        lexemes = core.features.lexeme;
        intrinsicLexemes = lexemes.list.length;
        return core;
      },
      ner: () => ({ ...unused.ner(), machines: [] }),
      negation: () => ({ ...unused.negation(), machines: [EMPTY_AUTOMATON] }),
      sa: () => ({ ...unused.sa(), machines: [EMPTY_AUTOMATON] }),
    } as typeof model;
    // No 'ner': the claim rules read tokens, POS and sentences only, and wink's entity
    // recogniser is about a fifth of its time (the tokens and tags are the same without it).
    nlp = winkNLP(wrapped, ['sbd', 'pos']);
  }
  return nlp;
}

/**
 * Loads wink and its model now rather than at the first analysis. The language server calls
 * this when the client says `initialized`, while the editor is still setting up (see main.ts):
 * the first diagnostics then come sooner. Nothing else changes (the same instance either way).
 */
export function preloadNlp(): void {
  instance();
}

const PLAIN_WORD = /^[A-Za-z]+$/;
const LOWER_CASE = /[a-z]/;

/**
 * A word wink may keep: ASCII letters, at least one of them lower-case. The only patterns of
 * wink's splitter that match letters for a class other than "word" are its currency codes
 * ("AUD", "GBP", "INR", "USD": capitals only); test/unit/engine.test.ts checks that against the
 * installed model.
 */
function keepable(word: string): boolean {
  return PLAIN_WORD.test(word) && LOWER_CASE.test(word);
}

/**
 * wink caches every out-of-vocabulary word it meets, and its tokenizer then treats a cached
 * word as known: after reading "men's'" once, "men's" stops splitting into "men" + "'s".
 * The same text must always give the same claims, so words first seen while reading a text
 * are forgotten afterwards (their hash entries; wink's internal tables only grow, which is why
 * the instance is reloaded past MAX_EXTRA_LEXEMES).
 *
 * Except plain words ("Brexit", "Zelensky"): meeting them again cost wink a lookup, a new
 * entry and its features every time (names recur in every paragraph of an article; 11% of the
 * engine's time on the BBC corpus), and knowing them changes nothing. wink consults its cache
 * to decide how to split a string with a hyphen, a period or an apostrophe (never a plain
 * word), and to take a token's class from the cache rather than from its patterns. For a
 * string of letters the patterns say "word" (the first one tried matches every such string),
 * except where the splitter cuts a currency code out of a longer string ("INR" in "INR5bn"):
 * a cached "INR" would turn that currency into a word. So a plain word is kept only when it
 * has a lower-case letter (see keepable) and wink filed it as a word: wink also adds the
 * lower-cased form of each token, with the token's class ("inr" as a currency). A word's
 * features come from its text and class alone. `notWords`: the text's plain-letter tokens wink
 * filed under another class, lower-cased; undefined when wink failed part-way (then every new
 * word is forgotten).
 */
function forgetNewLexemes(from: number, notWords: ReadonlySet<string> | undefined): void {
  if (!lexemes) return;
  const { hash, list } = lexemes;
  for (let i = from; i < list.length; i++) {
    const word = list[i];
    if (hash[word] !== i) continue;
    if (notWords && keepable(word) && !notWords.has(word.toLowerCase())) continue;
    delete hash[word];
  }
}

/**
 * For benchmarks: wink forgets every word it was not born with, as a new instance would (the
 * plain words kept from earlier texts make it faster on text it has met before).
 */
export function forgetLearnedWords(): void {
  forgetNewLexemes(intrinsicLexemes, undefined);
}

/** The lower-cased plain-letter tokens that wink did not file as words (usually none). */
function plainTokensNotWords(tokens: TokenStream): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < tokens.type.length; i++) {
    if (tokens.type[i] !== 'word' && PLAIN_WORD.test(tokens.value[i])) out.add(tokens.lower[i]);
  }
  return out;
}

export function tokenize(text: string): TokenStream {
  const engine = instance();
  const known = lexemes?.list.length ?? 0;
  let notWords: Set<string> | undefined;
  try {
    const tokens = readTokens(engine, text);
    notWords = plainTokensNotWords(tokens);
    return tokens;
  } finally {
    // Also when wink throws part-way: what it added must not change the next text's tokens.
    forgetNewLexemes(known, notWords);
  }
}

function readTokens(engine: Nlp, text: string): TokenStream {
  const its = engine.its;
  const doc = engine.readDoc(text);
  const tokens = doc.tokens();
  const value = tokens.out(its.value) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const type = tokens.out(its.type) as string[];
  const pos = tokens.out(its.pos) as string[];
  const start: number[] = new Array(value.length);
  const end: number[] = new Array(value.length);
  const lower: string[] = new Array(value.length);
  let offset = 0;
  for (let i = 0; i < value.length; i++) {
    offset += spaces[i].length;
    // wink normalises some characters in `value`; find the token in the text when it drifts.
    if (text.startsWith(value[i], offset)) {
      start[i] = offset;
    } else {
      const found = text.indexOf(value[i], offset);
      start[i] = found >= 0 ? found : offset;
    }
    end[i] = start[i] + value[i].length;
    offset = end[i];
    lower[i] = value[i].toLowerCase();
  }
  const sentences = (doc.sentences().out(its.span) as unknown as [number, number][]).map(
    ([first, last]): [number, number] => [first, last],
  );
  return { value, lower, type, pos, start, end, sentences };
}
