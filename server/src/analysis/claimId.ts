/**
 * Claim ids: stable across edits that do not touch the claim. Derived from the kind, the
 * normalised claim text and a few words around it — never from offsets — with a counter
 * for the rare exact repeats.
 */

/** FNV-1a, 32 bit: fast, deterministic, good enough to tell claims apart in one document. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function normaliseForId(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Up to `count` words before `start` and after `end` within the sentence, normalised. */
export function contextWords(text: string, start: number, end: number, sentence: { start: number; end: number }, count = 3): string {
  const before = text.slice(Math.max(sentence.start, start - 60), start).split(/\s+/).filter(Boolean).slice(-count);
  const after = text.slice(end, Math.min(sentence.end, end + 60)).split(/\s+/).filter(Boolean).slice(0, count);
  return normaliseForId(`${before.join(' ')}|${after.join(' ')}`);
}

/** The id of a claim before repeats are told apart: kind, normalised text, words around it. */
export function baseClaimId(kind: string, claimText: string, context: string): string {
  return `${kind[0]}${fnv1a(`${kind}|${normaliseForId(claimText)}|${context}`).toString(36)}`;
}

/** Numbers exact repeats within one document ("-2", "-3", ...). */
export class ClaimIdFactory {
  private readonly seen = new Map<string, number>();

  next(base: string): string {
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }
}
