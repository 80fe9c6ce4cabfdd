/**
 * Hides what is not prose before analysis, keeping every offset: the hidden characters become
 * spaces (line breaks stay), so offsets into the masked text are offsets into the original.
 * Markdown: fenced and inline code, front matter, HTML and comments, link targets. Everywhere:
 * URLs, e-mail addresses, phone numbers and version numbers.
 */

// Each pattern is linear: no nested quantifiers, bounded alternations (checked by the ReDoS test).
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]]+/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;
const PHONE = /(?:\+\d{1,3}[ -]?)?\(?\d{2,5}\)?[ -]\d{3,4}[ -]\d{3,4}\b/g;
const VERSION = /\b(?:v|version\s)\d+(?:\.\d+){0,3}\b|\b\d+\.\d+\.\d+\b/gi;

const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;
const INLINE_CODE = /`[^`\r\n]+`/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HTML_TAG = /<\/?[A-Za-z][^<>\r\n]{0,500}>/g;
const LINK_TARGET = /\]\([^()\s]*(?:\s"[^"\r\n]*")?\)/g;
const LINK_DEFINITION = /^ {0,3}\[[^\]\r\n]+\]:[^\r\n]*/gm;

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

export function maskMarkdown(text: string): string {
  let out = text.replace(FRONT_MATTER, blank);
  out = maskFences(out);
  out = replaceAll(out, HTML_COMMENT);
  out = replaceAll(out, INLINE_CODE);
  out = replaceAll(out, HTML_TAG);
  // Keep the "]" so the link text still ends where it did; hide "(target)".
  out = replaceAll(out, LINK_TARGET, (m) => ' ' + blank(m.slice(1)));
  out = replaceAll(out, LINK_DEFINITION);
  return out;
}

export function maskNonProse(text: string, languageId: string): string {
  let out = languageId === 'markdown' ? maskMarkdown(text) : text;
  out = replaceAll(out, URL);
  out = replaceAll(out, EMAIL);
  out = replaceAll(out, PHONE);
  out = replaceAll(out, VERSION);
  return out;
}
