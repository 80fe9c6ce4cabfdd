/**
 * Hides what is not prose before analysis, keeping every offset: the hidden characters become
 * spaces (line breaks stay), so offsets into the masked text are offsets into the original.
 * Markdown: fenced and inline code, front matter, HTML and comments, link targets. Everywhere:
 * URLs, e-mail addresses, phone numbers, version numbers and "words" longer than MAX_WORD.
 */

// Each pattern is linear: no nested quantifiers, bounded alternations (checked by the ReDoS test,
// test/unit/redos.test.ts). Where one regex would backtrack over every start position, a small
// scan finds the starts and a sticky (/y) or anchored pattern is tried once at each.
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]]+/g;
/** An e-mail's domain, tried only right after an "@" (sticky): see maskEmails. */
const EMAIL_DOMAIN = /[\w-]+\.[\w.-]+/y;
const PHONE = /(?:\+\d{1,3}[ -]?)?\(?\d{2,5}\)?[ -]\d{3,4}[ -]\d{3,4}\b/g;
const VERSION = /\b(?:v|version\s)\d+(?:\.\d+){0,3}\b|\b\d+\.\d+\.\d+\b/gi;

const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;
const INLINE_CODE = /`[^`\r\n]+`/g;
const HTML_TAG = /<\/?[A-Za-z][^<>\r\n]{0,500}>/g;
const LINK_TARGET = /\]\([^()\s]*(?:\s"[^"\r\n]*")?\)/g;
const LINE = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
const LINK_DEFINITION = /^ {0,3}\[[^\]\r\n]+\]:/;
/** Longer runs without whitespace are not prose (base64, hashes, minified code, binary junk). */
const MAX_WORD = 256;

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

function replaceAll(text: string, re: RegExp, keep?: (match: string) => string): string {
  return text.replace(re, (m) => (keep ? keep(m) : blank(m)));
}

function maskFences(text: string): string {
  const lines = text.split(/(?<=\n)/);
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE_LINE.exec(lines[i]);
    if (fence === null && m) {
      fence = m[1][0];
      lines[i] = blank(lines[i]);
    } else if (fence !== null) {
      if (m && m[1][0] === fence) fence = null;
      lines[i] = blank(lines[i]);
    }
  }
  return lines.join('');
}

/** Blanks [start, end) ranges of `text` (sorted by start; overlaps allowed). */
function blankRanges(text: string, ranges: [number, number][]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + blank(text.slice(from, end));
    at = end;
  }
  return out + text.slice(at);
}

/**
 * `<!-- … -->`, without a lazy regex: `/<!--[\s\S]*?-->/g` rescans to the end of the text from
 * every unclosed "<!--", quadratic in their number. One indexOf per comment is linear.
 */
function maskHtmlComments(text: string): string {
  const ranges: [number, number][] = [];
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', open)) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break; // nothing after an unclosed comment closes one either
    ranges.push([open, close + 3]);
    open = close + 3;
  }
  return blankRanges(text, ranges);
}

function isLocalPartChar(code: number): boolean {
  // [\w.+-]
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 43 || code === 45
  );
}

/**
 * E-mail addresses (`[\w.+-]+@[\w-]+\.[\w.-]+`), found from each "@": as one regex that pattern
 * backtracks over every start in a long run of word characters with no "@" (quadratic: 40,000
 * digits took 12 s). Here each "@" scans left over the local part and tries the domain once;
 * those scans stop at the previous/next "@", so every character is read a bounded number of times.
 */
function maskEmails(text: string): string {
  const ranges: [number, number][] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocalPartChar(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const domain = EMAIL_DOMAIN.exec(text);
    if (domain) ranges.push([start, at + 1 + domain[0].length]);
  }
  return blankRanges(text, ranges);
}

/** Reference links `[label]: target`, line by line (an anchored test per line is linear). */
function maskLinkDefinitions(text: string): string {
  return text.replace(LINE, (line) => (LINK_DEFINITION.test(line) ? blank(line) : line));
}

/** JavaScript's `\s`. */
export function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Runs of more than MAX_WORD characters without whitespace. Never prose, and wink-nlp's
 * per-token regexes (its e-mail pattern among them) are quadratic in a token's length.
 */
function maskLongWords(text: string): string {
  const ranges: [number, number][] = [];
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || isSpace(text.charCodeAt(i))) {
      if (i - runStart > MAX_WORD) ranges.push([runStart, i]);
      runStart = i + 1;
    }
  }
  return blankRanges(text, ranges);
}

export function maskMarkdown(text: string): string {
  let out = text.replace(FRONT_MATTER, blank);
  out = maskFences(out);
  out = maskHtmlComments(out);
  out = replaceAll(out, INLINE_CODE);
  out = replaceAll(out, HTML_TAG);
  // Keep the "]" so the link text still ends where it did; hide "(target)".
  out = replaceAll(out, LINK_TARGET, (m) => ' ' + blank(m.slice(1)));
  out = maskLinkDefinitions(out);
  return out;
}

export function maskNonProse(text: string, languageId: string): string {
  let out = languageId === 'markdown' ? maskMarkdown(text) : text;
  out = replaceAll(out, URL);
  out = maskEmails(out);
  out = replaceAll(out, PHONE);
  out = replaceAll(out, VERSION);
  return maskLongWords(out);
}
