/**
 * The claim engine's output types. Pure data: no LSP or VS Code types here, offsets are UTF-16
 * code units into the document text exactly as given (CRLF and all).
 */
import type { ClaimKind } from '../contract';

export type { ClaimKind };

/** `=` exact, `~` approximate, `>`/`>=`/`<`/`<=` from "over/at least/under/up to". */
export type Bound = '=' | '~' | '>' | '>=' | '<' | '<=';

export interface ClaimValue {
  /** The number, or the low end of a range. */
  number?: number;
  /** The high end of a range ("between 10 and 15"). */
  to?: number;
  unit?: string;
  bound?: Bound;
  /** Scale word that multiplied the number ("million", "bn"). */
  scale?: string;
  /** ISO 4217 code for money. */
  currency?: string;
  /** Share as a fraction of one, for percentages and proportions ("nearly half" → 0.5). */
  fraction?: number;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) when the expression resolves to one. */
  date?: string;
  /** Direction of a change. */
  direction?: 'up' | 'down' | 'flat';
  /** Rank for ordinals and rankings ("second-largest" → 2). */
  rank?: number;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface Claim {
  /** Stable across edits that do not touch the claim: kind + normalised text + nearby words. */
  id: string;
  kind: ClaimKind;
  start: number;
  end: number;
  text: string;
  sentence: TextRange;
  value: ClaimValue | null;
  /** Who the claim is attributed to ("Rubio", "Reuters", "State Dept"), or null. */
  source: string | null;
  /** Check-worthiness of the sentence, 0..1. */
  score: number;
  checkworthy: boolean;
  /** Short human-readable reasons, for the hover. */
  reasons: string[];
  /**
   * The value as people read it ("> 90%", "£82.7m", the claim's text when it has none;
   * formatValue.ts). Worked out once, when the claim is made: diagnostics, document symbols
   * and the claim list show it for every claim on every request.
   */
  shownValue: string;
  /** What the claim states, as a key shared by claims that state the same figure (figure.ts). */
  figure: string;
}

export interface Sentence extends TextRange {
  score: number;
  checkworthy: boolean;
  source: string | null;
  /**
   * Set on a paragraph in another language ("Spanish"), which is not analysed: it is one
   * "sentence" with no claims and score 0 (see language.ts). Absent on English text.
   */
  language?: string;
}

export type LanguageId = 'plaintext' | 'markdown' | 'news';

export interface AnalyzeOptions {
  languageId: LanguageId | string;
}

export interface Analysis {
  claims: Claim[];
  sentences: Sentence[];
}
