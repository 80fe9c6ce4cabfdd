/**
 * Where a JSON text first goes wrong, for messages a person can act on ("line 14, column 3:
 * unexpected '<'"). V8's own messages do not always carry a position. Pure, linear, no regexes
 * over the input.
 *
 * Only called after JSON.parse failed, so it need not build values — only find the offset.
 */

export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

const MAX_DEPTH = 512;

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const conflict = conflictMarkerLine(text);
  if (conflict !== null) return { line: conflict, column: 1, message: 'a git merge conflict marker "<<<<<<<": resolve the conflict' };
  const offset = firstErrorOffset(text);
  if (offset === null) return null;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const message = offset >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[offset])}`;
  return { line, column, message };
}

function conflictMarkerLine(text: string): number | null {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.startsWith('<<<<<<< ') || l === '<<<<<<<');
  return index >= 0 ? index + 1 : null;
}

function firstErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const isDigit = (c: number) => c >= 48 && c <= 57;
  const space = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(i)) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) fail();
    i++;
  };
  const literal = (word: string) => {
    for (const ch of word) expect(ch);
  };
  const digits = () => {
    if (!isDigit(text.charCodeAt(i))) fail();
    while (isDigit(text.charCodeAt(i))) i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c !== 92) {
        i++;
        continue;
      }
      i++;
      const escape = text[i];
      if (escape === 'u') {
        i++;
        for (let k = 0; k < 4; k++) {
          if (!'0123456789abcdefABCDEF'.includes(text[i] ?? 'x')) fail();
          i++;
        }
      } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i++;
      else fail();
    }
  };
  const sequence = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === ',') {
        i++;
        space();
      } else {
        expect(close);
        return;
      }
    }
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail();
    space();
    const c = text[i];
    if (c === '{') {
      sequence('}', () => {
        string();
        space();
        expect(':');
        value(depth + 1);
      });
    } else if (c === '[') sequence(']', () => value(depth + 1));
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || isDigit(text.charCodeAt(i))) number();
    else fail();
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value(0);
    space();
    if (i < text.length) fail();
    return null;
  } catch (err) {
    if (err instanceof SyntaxAt) return err.offset;
    throw err;
  }
}
