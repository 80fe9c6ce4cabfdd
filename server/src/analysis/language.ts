/**
 * Which paragraphs are not English. ClaimCheck's rules, tagger and model read English; on a
 * Spanish or German paragraph they find half-claims ("30 Ländern arbeitet") and miss the rest,
 * so a paragraph in another language is reported as not analysed instead (a bilingual article,
 * a quoted statement in the original).
 *
 * Only positive evidence counts, so English never loses its claims: a paragraph of at least
 * MIN_WORDS words (of two letters or more: initials such as the "O" of "O'Driscoll" are no
 * evidence) whose letters are mostly of another script, or in which another language's function
 * words are common and English ones several times rarer. Lists of names, scores and figures have
 * neither, and stay English. On the 12,574 paragraphs of the BBC corpus: none is called foreign.
 */

const MIN_WORDS = 10;
/**
 * Another language's function words: at least MIN_OTHER of them, OTHER_SHARE of the words, and
 * ENGLISH_RATIO times as many as English ones.
 */
const OTHER_SHARE = 0.15;
const MIN_OTHER = 3;
const ENGLISH_RATIO = 3;

/**
 * Words English prose cannot do without. Some are words of the languages below too ("as", "in",
 * "an"): counting them as English only makes a paragraph less likely to be called foreign.
 */
const ENGLISH = new Set([
  'the', 'of', 'and', 'to', 'was', 'that', 'for', 'with', 'are', 'were', 'has', 'have', 'by', 'from', 'this', 'it', 'be',
  'said', 'which', 'their', 'will', 'would', 'not', 'but', 'or', 'at', 'its', 'been', 'they', 'he', 'she', 'his', 'her',
  'who', 'had', 'as', 'up', 'in', 'on', 'an', 'if', 'so', 'we', 'you', 'our', 'more', 'than', 'into', 'after', 'over',
  'about', 'also', 'can', 'could', 'there', 'what', 'when', 'one', 'new', 'all', 'out', 'is',
]);

const OTHER_LANGUAGES: readonly [string, ReadonlySet<string>][] = [
  ['Spanish', new Set(['el', 'la', 'los', 'las', 'de', 'del', 'que', 'en', 'un', 'una', 'por', 'para', 'con', 'es', 'se', 'al', 'lo', 'como', 'más', 'pero', 'sus', 'su', 'fue', 'ha', 'han', 'este', 'esta', 'entre'])],
  ['French', new Set(['le', 'la', 'les', 'des', 'du', 'de', 'et', 'est', 'une', 'un', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'aux', 'avec', 'ce', 'cette', 'sont', 'ont', 'été', 'il', 'elle', 'plus'])],
  ['German', new Set(['der', 'die', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'mit', 'den', 'dem', 'von', 'zu', 'auf', 'für', 'sich', 'auch', 'es', 'im', 'wird', 'wurde', 'sind', 'hat', 'bei', 'des', 'am'])],
  ['Italian', new Set(['il', 'lo', 'la', 'gli', 'le', 'di', 'che', 'un', 'una', 'per', 'con', 'non', 'del', 'della', 'sono', 'ha', 'nel', 'si', 'al', 'alla', 'dei'])],
  ['Portuguese', new Set(['os', 'as', 'de', 'do', 'da', 'dos', 'das', 'que', 'em', 'um', 'uma', 'para', 'com', 'não', 'por', 'no', 'na', 'foi', 'se', 'mais'])],
  ['Dutch', new Set(['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'op', 'te', 'met', 'voor', 'niet', 'zijn', 'aan', 'er', 'ook', 'als', 'bij', 'werd'])],
];

const WORD = /\p{L}{2,}/gu;
const QUICK_ENGLISH = / (?:the|of|and|to) /i;
const LATIN = /\p{Script=Latin}/u;

/** Scripts named when most of a paragraph's letters are in them. */
const SCRIPTS: readonly [string, RegExp][] = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Chinese or Japanese', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Korean', /\p{Script=Hangul}/u],
];

/** "Spanish", "text in the Cyrillic script", ...: what the paragraph is in when it is not English; null when it is (or may be). */
export function otherLanguageOf(paragraph: string): string | null {
  // Nearly every English paragraph has one of these: it is English, without counting a word.
  if (QUICK_ENGLISH.test(paragraph)) return null;
  const words = paragraph.match(WORD);
  if (!words || words.length < MIN_WORDS) return null;
  let letters = 0;
  let latin = 0;
  for (const word of words) {
    letters += word.length;
    if (LATIN.test(word)) latin += word.length;
  }
  if (latin * 2 < letters) {
    const sample = words.join('');
    const script = SCRIPTS.find(([, pattern]) => pattern.test(sample));
    return script ? `text in the ${script[0]} script` : 'text in a non-Latin script';
  }
  let english = 0;
  const counts = OTHER_LANGUAGES.map(() => 0);
  for (const word of words) {
    const lower = word.toLowerCase();
    if (ENGLISH.has(lower)) english++;
    for (let i = 0; i < OTHER_LANGUAGES.length; i++) if (OTHER_LANGUAGES[i][1].has(lower)) counts[i]++;
  }
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
  const other = counts[best];
  return other >= MIN_OTHER && other >= words.length * OTHER_SHARE && other >= english * ENGLISH_RATIO ? OTHER_LANGUAGES[best][0] : null;
}
