// The scoring path's tokenizer: tokenize() (tokenize.ts) redone over char codes
// into a reused TokenBuffer of typed arrays, with no regex match, substring or
// lower-cased copy per token, then each token's word hash and lexicon flags.
// It must give exactly tokenize()'s tokens: a change to tokenize() or to
// vocabulary.ts must be mirrored here (test/unit/checkworthinessFastPath.test.ts
// checks that the two agree).

import { NS_WORD, fnv1a, fnvChars, mix } from './hashing';
import { LEXICON, NUMBER_SHAPES, UPPER_START_RE } from './vocabulary';

// Character classes of TOKEN_RE, and \p{Lu} of UPPER_START_RE, per code point.
const CLASS_KNOWN = 1;
const CLASS_RUN = 2; // [\p{L}\p{N}'’]: extends a token run
const CLASS_SYMBOL = 4; // [%$€£¥?!]: a token of its own
const CLASS_UPPER = 8; // \p{Lu}
const RUN_CHAR_RE = /^[\p{L}\p{N}'’]$/u;
const SYMBOL_CHAR_RE = /^[%$€£¥?!]$/u;

// Classes are looked up by regex once per code point and remembered.
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function computeClass(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (
    CLASS_KNOWN |
    (RUN_CHAR_RE.test(ch) ? CLASS_RUN : 0) |
    (SYMBOL_CHAR_RE.test(ch) ? CLASS_SYMBOL : 0) |
    (UPPER_START_RE.test(ch) ? CLASS_UPPER : 0)
  );
}

// ASCII is filled up front, so the tokenizer's common case is one array read.
for (let c = 0; c < 0x80; c++) bmpClasses[c] = computeClass(c);

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let c = bmpClasses[cp];
    if (c === 0) bmpClasses[cp] = c = computeClass(cp);
    return c;
  }
  let c = astralClasses.get(cp);
  if (c === undefined) astralClasses.set(cp, (c = computeClass(cp)));
  return c;
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// Buffer sizes: the initial ones fit ordinary sentences; a buffer grown past

// RETAIN_CHARS by a huge one is dropped afterwards rather than kept for good.
const INITIAL_CHARS = 1024;
const INITIAL_TOKENS = 256;
const RETAIN_CHARS = 1 << 16;

/**
 * The tokens of one sentence as tokenize() would return them, stored back to
 * back as UTF-16 code units: token i is chars[starts[i] .. starts[i + 1]).
 * One instance is reused for every sentence (scoring is synchronous).
 */
export class TokenBuffer {
  chars: Uint16Array = new Uint16Array(INITIAL_CHARS);
  starts: Int32Array = new Int32Array(INITIAL_TOKENS + 1);
  /** mix(fnv1a(token, NS_WORD)) per token: the unigram hash and the lexicon key. */
  wordHashes: Int32Array = new Int32Array(INITIAL_TOKENS);
  /** LEXICON flags per token, 0 when the token is not in it. */
  lexFlags: Int32Array = new Int32Array(INITIAL_TOKENS);
  count = 0;
  capitalised = 0;

  reset(): void {
    this.count = 0;
    this.capitalised = 0;
    this.starts[0] = 0;
  }

  /** Makes room for one more token of up to `maxChars` code units; returns where it starts. */
  open(maxChars: number): number {
    const at = this.starts[this.count];
    if (at + maxChars > this.chars.length) this.chars = grow16(this.chars, at + maxChars);
    if (this.count + 2 > this.starts.length) {
      const size = this.starts.length * 2;
      this.starts = grow32(this.starts, size);
      this.wordHashes = new Int32Array(size);
      this.lexFlags = new Int32Array(size);
    }
    return at;
  }

  close(end: number): void {
    this.starts[++this.count] = end;
  }

  /** Appends `s` as a token. */
  pushString(s: string): void {
    let at = this.open(s.length);
    for (let k = 0; k < s.length; k++) this.chars[at++] = s.charCodeAt(k);
    this.close(at);
  }

  /** Replaces the last token by `s` (a number joined with its ".5" or ",000"). */
  replaceLast(s: string): void {
    this.count--;
    this.pushString(s);
  }

  /** True when token i is exactly `s`. */
  tokenIs(i: number, s: string): boolean {
    return sameChars(s, this.chars, this.starts[i], this.starts[i + 1]);
  }

  /** Drops buffers a huge sentence grew past RETAIN_CHARS. */
  shrink(): void {
    if (this.chars.length > RETAIN_CHARS) this.chars = new Uint16Array(INITIAL_CHARS);
    if (this.starts.length > RETAIN_CHARS) {
      this.starts = new Int32Array(INITIAL_TOKENS + 1);
      this.wordHashes = new Int32Array(INITIAL_TOKENS);
      this.lexFlags = new Int32Array(INITIAL_TOKENS);
    }
  }
}

function grow16(a: Uint16Array, min: number): Uint16Array {
  const b = new Uint16Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function grow32(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function sameChars(s: string, chars: Uint16Array, start: number, end: number): boolean {
  if (end - start !== s.length) return false;
  for (let k = 0; k < s.length; k++) if (chars[start + k] !== s.charCodeAt(k)) return false;
  return true;
}

/**
 * tokenize(text) into `buf`, without a regex or a string per token. Mirrors
 * tokenize() step by step: runs of TOKEN_RE's first alternative or one symbol,
 * apostrophes stripped, digit tokens shaped and joined across "." and ",".
 */
export function tokenizeInto(buf: TokenBuffer, text: string): void {
  buf.reset();
  const number = { end: -1, digits: 0, decimal: false };
  const len = text.length;
  let i = 0;
  while (i < len) {
    const cls = classAt(text, i);
    const width = codePointWidth(text, i);
    if (cls & CLASS_RUN) {
      let j = i + width;
      while (j < len && classAt(text, j) & CLASS_RUN) j += codePointWidth(text, j);
      addRawToken(buf, text, i, j, number);
      i = j;
    } else {
      if (cls & CLASS_SYMBOL) addRawToken(buf, text, i, i + width, number);
      i += width;
    }
  }
}

// A /u regex walks code points: a surrogate pair is one, a lone surrogate is one.
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 0x80 ? bmpClasses[c] : classOf(text.codePointAt(i) as number);
}

function codePointWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** State of the digit run that a following ".5" or ",000" would continue. */
interface NumberRun {
  /** End of the last raw digit-only token, or -1 when the last token was not one. */
  end: number;
  digits: number;
  decimal: boolean;
}

/** One TOKEN_RE match text[rawStart, rawEnd), as the body of tokenize()'s loop. */
function addRawToken(buf: TokenBuffer, text: string, rawStart: number, rawEnd: number, number: NumberRun): void {
  let a = rawStart;
  let b = rawEnd;
  while (a < b && isApostrophe(text.charCodeAt(a))) a++;
  while (b > a && isApostrophe(text.charCodeAt(b - 1))) b--;
  if (a === b) return;

  let digits = 0;
  let ascii = true;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) digits++;
    else if (c >= 0x80 && c !== 0x2019) ascii = false;
  }

  if (digits > 0) {
    const digitsOnly = digits === b - a;
    if (number.end >= 0 && rawStart === number.end + 1 && digitsOnly) {
      const sep = text.charCodeAt(number.end);
      if (sep === 0x2e /* . */ || sep === 0x2c /* , */) {
        if (sep === 0x2e) number.decimal = true;
        number.digits += b - a;
        buf.replaceLast(number.decimal ? '#dec' : NUMBER_SHAPES[Math.min(number.digits, 5)]);
        number.end = rawEnd;
        return;
      }
    }
    buf.pushString(numberShapeAt(text, a, b, digits));
    number.end = digitsOnly ? rawEnd : -1;
    number.digits = b - a;
    number.decimal = false;
    return;
  }

  number.end = -1;
  if (buf.count > 0 && classOf(text.codePointAt(a) as number) & CLASS_UPPER) buf.capitalised++;
  if (ascii) pushLowerAscii(buf, text, a, b);
  else pushLowerUnicode(buf, text.slice(a, b));
}

/** numberShape(text.slice(a, b)), given its count of ASCII digits. */
function numberShapeAt(text: string, a: number, b: number, digits: number): string {
  const length = b - a;
  if (digits === length) {
    if (digits === 4) {
      const c0 = text.charCodeAt(a);
      const c1 = text.charCodeAt(a + 1);
      if ((c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48)) return '#year';
    }
    return NUMBER_SHAPES[Math.min(digits, 5)];
  }
  // Here 1 <= digits < length, so the token has at least two code units.
  const last = text.charCodeAt(b - 1);
  const prev = text.charCodeAt(b - 2);
  if (last === 0x73 /* s */ && digits === length - 1) return '#decade';
  if (prev === 0x27 /* ' */ && last === 0x73 && digits === length - 2) return '#decade';
  const ordinal =
    (prev === 0x74 /* t */ && last === 0x68) /* h */ ||
    (prev === 0x73 /* s */ && last === 0x74) /* t */ ||
    (prev === 0x6e /* n */ && last === 0x64) /* d */ ||
    (prev === 0x72 /* r */ && last === 0x64); /* d */
  if (ordinal && digits === length - 2) return '#ordinal';
  return '#mixed';
}

/** toLowerCase plus ’ → ', for a token of ASCII and ’ only: no string needed. */
function pushLowerAscii(buf: TokenBuffer, text: string, a: number, b: number): void {
  let at = buf.open(b - a);
  const chars = buf.chars;
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    chars[at++] = c >= 65 && c <= 90 ? c + 32 : c === 0x2019 ? 0x27 : c;
  }
  buf.close(at);
}

/** The general case: String#toLowerCase (context- and length-changing rules included). */
function pushLowerUnicode(buf: TokenBuffer, token: string): void {
  const lower = token.toLowerCase();
  let at = buf.open(lower.length);
  const chars = buf.chars;
  for (let k = 0; k < lower.length; k++) {
    const c = lower.charCodeAt(k);
    chars[at++] = c === 0x2019 ? 0x27 : c;
  }
  buf.close(at);
}

// LEXICON as an open-addressing table keyed by the word hash each token needs
// anyway, so looking a token up costs no string. Keys are checked char by char.
const LEX_SLOTS = 1024;
const lexKeys = new Int32Array(LEX_SLOTS);
const lexFlagsBySlot = new Int32Array(LEX_SLOTS); // 0: empty slot (every LEXICON entry has a flag)
const lexWords: string[] = new Array<string>(LEX_SLOTS).fill('');
for (const [word, flags] of LEXICON) {
  const key = mix(fnv1a(word, NS_WORD)) | 0;
  let slot = key & (LEX_SLOTS - 1);
  while (lexFlagsBySlot[slot] !== 0) slot = (slot + 1) & (LEX_SLOTS - 1);
  lexKeys[slot] = key;
  lexFlagsBySlot[slot] = flags;
  lexWords[slot] = word;
}

function lexiconFlags(key: number, chars: Uint16Array, start: number, end: number): number {
  for (let slot = key & (LEX_SLOTS - 1); lexFlagsBySlot[slot] !== 0; slot = (slot + 1) & (LEX_SLOTS - 1)) {
    if (lexKeys[slot] === key && sameChars(lexWords[slot], chars, start, end)) return lexFlagsBySlot[slot];
  }
  return 0;
}

/** Fills wordHashes and lexFlags for every token in buf. */
export function hashTokens(buf: TokenBuffer): void {
  const { chars, starts, wordHashes, lexFlags } = buf;
  for (let i = 0; i < buf.count; i++) {
    const key = mix(fnvChars(chars, starts[i], starts[i + 1], NS_WORD)) | 0;
    wordHashes[i] = key;
    lexFlags[i] = lexiconFlags(key, chars, starts[i], starts[i + 1]);
  }
}
