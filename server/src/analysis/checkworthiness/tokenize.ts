// The reference tokenizer of the check-worthiness featuriser: a sentence becomes
// lower-cased tokens, with numbers reduced to shapes (vocabulary.ts). It defines
// the tokens; the scoring path's tokenizeInto (fastTokenizer.ts) must produce
// exactly the same ones, which test/unit/checkworthinessFastPath.test.ts checks.

import { NUMBER_SHAPES, TOKEN_RE, UPPER_START_RE, numberShape } from './vocabulary';

function hasDigit(tok: string): boolean {
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

export interface Tokens {
  /** Lower-cased tokens with numbers replaced by shapes. */
  readonly tokens: string[];
  /** Number of tokens in the original text that start with a capital, not counting the first. */
  readonly capitalised: number;
}

/**
 * Splits a sentence into lower-cased tokens; numbers become shape tokens such as
 * "#d2", "#dec" or "#year". "3.9" and "40,000" stay one number: the regex splits
 * them at the separator and the loop joins adjacent digit runs back together.
 */
export function tokenize(text: string): Tokens {
  const tokens: string[] = [];
  let capitalised = 0;
  let numberEnd = -1;
  let numberDigits = 0;
  let numberDecimal = false;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const raw = m[0];
    let tok = raw;
    const c0 = tok.charCodeAt(0);
    const cn = tok.charCodeAt(tok.length - 1);
    if (c0 === 0x2019 || c0 === 0x27 || cn === 0x2019 || cn === 0x27) {
      tok = stripApostrophes(tok);
      if (tok.length === 0) continue;
    }
    if (hasDigit(tok)) {
      const digitsOnly = allDigits(tok);
      if (numberEnd >= 0 && m.index === numberEnd + 1 && digitsOnly) {
        const sep = text.charCodeAt(numberEnd);
        if (sep === 0x2e /* . */ || sep === 0x2c /* , */) {
          // Counts, not the joined text: a long "1,1,1,…" stays linear.
          if (sep === 0x2e) numberDecimal = true;
          numberDigits += tok.length;
          tokens[tokens.length - 1] = numberDecimal ? '#dec' : NUMBER_SHAPES[Math.min(numberDigits, 5)];
          numberEnd = m.index + raw.length;
          continue;
        }
      }
      tokens.push(numberShape(tok));
      // Only a plain digit run can be continued by ".5" or ",000".
      numberEnd = digitsOnly ? m.index + raw.length : -1;
      numberDigits = tok.length;
      numberDecimal = false;
      continue;
    }
    numberEnd = -1;
    if (tokens.length > 0 && UPPER_START_RE.test(tok)) capitalised++;
    let lower = tok.toLowerCase();
    if (lower.indexOf('’') >= 0) lower = lower.split('’').join("'");
    tokens.push(lower);
  }
  return { tokens, capitalised };
}

function allDigits(tok: string): boolean {
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function stripApostrophes(tok: string): string {
  let a = 0;
  let b = tok.length;
  while (a < b && (tok.charCodeAt(a) === 0x27 || tok.charCodeAt(a) === 0x2019)) a++;
  while (b > a && (tok.charCodeAt(b - 1) === 0x27 || tok.charCodeAt(b - 1) === 0x2019)) b--;
  return tok.slice(a, b);
}
