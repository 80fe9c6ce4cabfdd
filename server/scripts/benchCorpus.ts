/**
 * Texts for `npm run bench`: the BBC corpus in ../shared/corpus/bbc (1,844 real articles,
 * 4.2 MB) or, when it is absent, a deterministic generated corpus of news-like articles with
 * numbers, percentages, money, dates and attributions. From either, the documents the
 * benchmark needs: a 5,000-word article, a 1 MB document and a small sample for harper.js.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedPath } from './sharedData';
import { mulberry32 } from './seededRandom';

export interface Article {
  name: string;
  text: string;
}

export interface Corpus {
  /** 'bbc' (real articles) or 'generated'. */
  source: 'bbc' | 'generated';
  description: string;
  articles: Article[];
  bytes: number;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function loadCorpus(): Corpus {
  const dir = sharedPath('corpus', 'bbc');
  if (dir) {
    const articles: Article[] = [];
    for (const category of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!category.isDirectory()) continue;
      const sub = path.join(dir, category.name);
      for (const file of readdirSync(sub).sort()) {
        if (!file.endsWith('.txt')) continue;
        articles.push({ name: `${category.name}/${file}`, text: readFileSync(path.join(sub, file), 'utf8') });
      }
    }
    if (articles.length > 0) {
      const bytes = articles.reduce((n, a) => n + utf8Bytes(a.text), 0);
      return { source: 'bbc', description: `../shared/corpus/bbc (${articles.length} articles)`, articles, bytes };
    }
  }
  const articles = generateCorpus(1844);
  const bytes = articles.reduce((n, a) => n + utf8Bytes(a.text), 0);
  return { source: 'generated', description: `generated corpus (${articles.length} articles; ../shared/corpus/bbc absent)`, articles, bytes };
}

// ---------------------------------------------------------------------------------------------
// Generated corpus: deterministic (seeded), about the size and shape of the BBC one.


const ORGS = ['the Treasury', 'the Bank of England', 'Ofcom', 'the European Commission', 'Shell', 'BP', 'Tesco', 'the IMF', 'the World Bank', 'Unicef', 'the BBC', 'Sony', 'Microsoft', 'the Football Association', 'the NHS'];
const PEOPLE = ['Gordon Brown', 'Tony Blair', 'Mervyn King', 'Alan Greenspan', 'Kofi Annan', 'Jose Manuel Barroso', 'Sir Alex Ferguson', 'Bill Gates', 'Steve Jobs', 'Michael Howard'];
const CITIES = ['London', 'Paris', 'New York', 'Tokyo', 'Berlin', 'Madrid', 'Moscow', 'Beijing', 'Delhi', 'Sydney', 'Manchester', 'Glasgow'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const THINGS = ['profits', 'sales', 'exports', 'house prices', 'unemployment', 'inflation', 'ticket sales', 'subscriber numbers', 'costs', 'revenues'];
const NOUNS = ['plan', 'deal', 'report', 'bill', 'strike', 'merger', 'tournament', 'album', 'film', 'campaign'];
const RISE = ['rose', 'fell', 'jumped', 'slipped', 'grew', 'dropped', 'surged', 'declined'];
const FILLER = [
  'The decision is expected to be discussed at a meeting later this week.',
  'Critics have questioned whether the approach will work in practice.',
  'The company declined to comment on the details of the talks.',
  'Supporters say the change is long overdue and welcome the move.',
  'Analysts said the outlook remained uncertain for the rest of the year.',
  'It is not yet clear how the proposals would be paid for.',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function sentence(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 90);
  const year = 1990 + Math.floor(rand() * 16);
  switch (Math.floor(rand() * 9)) {
    case 0:
      return `${cap(pick(rand, ORGS))} said ${pick(rand, THINGS)} ${pick(rand, RISE)} ${n}% to £${(rand() * 900).toFixed(1)}m in ${year}.`;
    case 1:
      return `About ${(n * 1000).toLocaleString('en-US')} people attended the event in ${pick(rand, CITIES)} on ${1 + Math.floor(rand() * 28)} ${pick(rand, MONTHS)}, officials said.`;
    case 2:
      return `The ${pick(rand, NOUNS)} was the biggest since ${year}, according to ${pick(rand, ORGS)}.`;
    case 3:
      return `"We have cut costs by ${n}% over the past ${2 + (n % 8)} years," said ${pick(rand, PEOPLE)}.`;
    case 4:
      return `The firm paid $${n}m (£${Math.round(n * 0.53)}m) for a ${n % 50}% stake in the ${pick(rand, CITIES)} business.`;
    case 5:
      return `Nearly half of all ${pick(rand, THINGS)} came from ${pick(rand, CITIES)}, up from a third in ${year}.`;
    default:
      return pick(rand, FILLER);
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function generateCorpus(count: number, seed = 7): Article[] {
  const rand = mulberry32(seed);
  const articles: Article[] = [];
  for (let i = 0; i < count; i++) {
    const headline = `${cap(pick(rand, ORGS))} ${pick(rand, NOUNS)} ${pick(rand, ['hits', 'boosts', 'faces', 'wins'])} ${pick(rand, THINGS)}`;
    const paragraphs: string[] = [];
    const target = 1400 + Math.floor(rand() * 1800);
    let length = 0;
    while (length < target) {
      const p = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => sentence(rand)).join(' ');
      paragraphs.push(p);
      length += p.length;
    }
    articles.push({ name: `generated/${String(i).padStart(4, '0')}.txt`, text: `${headline}\n\n${paragraphs.join('\n\n')}\n` });
  }
  return articles;
}

// ---------------------------------------------------------------------------------------------
// Documents built from the corpus.

function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function wordCount(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/**
 * One long article of about `words` words: the first article's headline, then body paragraphs
 * (no other headlines) taken in order from the articles, stopping at the paragraph that reaches
 * the count.
 */
export function buildLongArticle(articles: readonly Article[], words: number): { text: string; words: number } {
  const parts: string[] = [];
  let count = 0;
  for (const [i, article] of articles.entries()) {
    const paragraphs = paragraphsOf(article.text);
    if (i === 0 && paragraphs.length > 0) {
      parts.push(paragraphs[0]);
      count += wordCount(paragraphs[0]);
    }
    for (const p of paragraphs.slice(1)) {
      if (count >= words) break;
      parts.push(p);
      count += wordCount(p);
    }
    if (count >= words) break;
  }
  const text = `${parts.join('\n\n')}\n`;
  return { text, words: wordCount(text) };
}

/** Whole articles, separated by blank lines, until the text has at least `chars` UTF-16 units. */
export function buildDocument(articles: readonly Article[], chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const text = articles[i % articles.length].text.trim();
    parts.push(text);
    length += text.length + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

/**
 * `count` texts of whole articles, each at least `bytes` UTF-8 bytes, taken one after another
 * from the start of the corpus: no article is in two of them. Fewer when the corpus runs out.
 */
export function buildSamples(articles: readonly Article[], bytes: number, count: number): string[] {
  const samples: string[] = [];
  let parts: string[] = [];
  let total = 0;
  for (const article of articles) {
    if (samples.length === count) break;
    parts.push(article.text.trim());
    total += utf8Bytes(article.text);
    if (total >= bytes) {
      samples.push(`${parts.join('\n\n')}\n`);
      parts = [];
      total = 0;
    }
  }
  return samples;
}

/** `count` articles spread evenly over the corpus (every category of the BBC one). */
export function spreadArticles(articles: readonly Article[], count: number): Article[] {
  const step = Math.max(1, Math.floor(articles.length / count));
  const out: Article[] = [];
  for (let i = 0; out.length < count && i < articles.length; i += step) out.push(articles[i]);
  return out;
}

/** The article of median length: "a typical article". */
export function typicalArticle(articles: readonly Article[]): Article {
  const sorted = [...articles].sort((a, b) => a.text.length - b.text.length);
  return sorted[sorted.length >> 1];
}
