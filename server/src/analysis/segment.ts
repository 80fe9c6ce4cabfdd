/**
 * Cuts a (masked) document into blocks: runs of text that wink analyses together. A line
 * without terminal punctuation (a headline, a list item, page furniture) ends its block unless
 * the next line plainly continues it (hard-wrapped prose starting in lower case). Blank lines
 * always end a block; units never cross a paragraph break.
 */
export interface Block {
  start: number;
  end: number;
  /** The document's first block, when it reads like a headline (no terminal punctuation). */
  headline: boolean;
}

const LINE = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
const ENDS_TERMINAL = /[.!?:;"”’)\]…]\s*$/;
const STARTS_ITEM = /^\s{0,3}(?:[-*+•]\s|\d{1,3}[.)]\s|#{1,6}\s|>\s?)/;
const STARTS_LOWER = /^\s*[a-z(]/;
const ENDS_OPEN = /[,\-—–(]\s*$|\b(?:and|or|the|a|of|to|in|on|for|with|by)\s*$/;

/**
 * `atDocumentStart`: the text is the start of the document (false when it is a later stretch
 * of one, re-split after an edit), so its first block may be the headline.
 */
export function splitBlocks(text: string, atDocumentStart = true): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let prevLine = '';
  LINE.lastIndex = 0;
  for (let m = LINE.exec(text); m !== null && m.index < text.length; m = LINE.exec(text)) {
    const raw = m[0];
    const lineStart = m.index;
    const content = raw.replace(/(?:\r\n|\r|\n)$/, '');
    if (raw.length === 0) break;
    if (content.trim().length === 0) {
      current = null;
      prevLine = '';
      continue;
    }
    const lead = content.length - content.trimStart().length;
    const trail = content.length - content.trimEnd().length;
    const start = lineStart + lead;
    const end = lineStart + content.length - trail;
    const continues =
      current !== null &&
      !STARTS_ITEM.test(content) &&
      (ENDS_OPEN.test(prevLine) || STARTS_LOWER.test(content));
    if (continues && current) {
      current.end = end;
    } else {
      current = { start, end, headline: false };
      blocks.push(current);
    }
    prevLine = content;
  }
  const first = blocks[0];
  if (atDocumentStart && first && !ENDS_TERMINAL.test(text.slice(first.start, first.end))) first.headline = true;
  return blocks;
}
