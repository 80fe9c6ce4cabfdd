/**
 * Notes with a verdict as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview), the
 * format fact-checkers publish for search engines. Pure.
 *
 * Only verdicts are published: `unverified` says nothing and `dismissed` means "not worth
 * checking", which is not a rating. The rating scale is 1 (false) to 5 (verified); its
 * `alternateName` carries the verdict in words, which is what readers are shown.
 */
import { VERDICT_STATUSES, type Note, type NoteStatus } from '../model';

export const VERDICT_RATING: Readonly<Partial<Record<NoteStatus, { value: number; name: string }>>> = {
  false: { value: 1, name: 'False' },
  disputed: { value: 2, name: 'Disputed' },
  'needs-context': { value: 3, name: 'Needs context' },
  verified: { value: 5, name: 'Verified' },
};

export interface ClaimReviewArticle {
  /** Where the claim appears: the article's URL or file URI. */
  url: string;
  name?: string;
}

/** What the article says around a claim, when the caller knows (the engine's sentence, its source). */
export interface ClaimContext {
  sentence?: string;
  /** Who made the claim ("Rutte", "the UN"). */
  claimant?: string | null;
}

export type JsonObject = { [key: string]: unknown };

export function hasVerdict(note: Note): boolean {
  return VERDICT_STATUSES.includes(note.status);
}

export function toClaimReviews(
  notes: readonly Note[],
  article: ClaimReviewArticle,
  contextOf: (note: Note) => ClaimContext = () => ({}),
): JsonObject {
  return {
    '@context': 'https://schema.org',
    '@graph': notes.filter(hasVerdict).map((note) => toClaimReview(note, article, contextOf(note))),
  };
}

export function toClaimReview(note: Note, article: ClaimReviewArticle, context: ClaimContext = {}): JsonObject {
  const rating = VERDICT_RATING[note.status];
  if (!rating) throw new Error(`note ${note.id} has no verdict (status ${note.status})`);
  const claimText = note.claim.selector.exact;
  return {
    '@type': 'ClaimReview',
    url: article.url,
    claimReviewed: context.sentence?.trim() || claimText,
    itemReviewed: {
      '@type': 'Claim',
      text: claimText,
      // Whether the claimant is a person or an organisation is unknown here: no @type is better than a wrong one.
      ...(context.claimant && { author: { name: context.claimant } }),
      appearance: { '@type': 'CreativeWork', url: article.url, ...(article.name !== undefined && { name: article.name }) },
    },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: 5,
      worstRating: 1,
      alternateName: rating.name,
    },
    author: { '@type': 'Person', name: note.author },
    datePublished: verdictDate(note),
    ...(note.note !== '' && { reviewBody: note.note }),
    ...(note.sources.length > 0 && {
      citation: note.sources.map((s) => ({
        '@type': 'CreativeWork',
        url: s.url,
        ...(s.title !== undefined && { name: s.title }),
        ...(s.quote !== undefined && { text: s.quote }),
      })),
    }),
  };
}

/** The day the current verdict was reached: its history entry, else the note's last edit. */
function verdictDate(note: Note): string {
  const reached = [...note.history].reverse().find((h) => h.to === note.status);
  return (reached?.at ?? note.updated).slice(0, 10);
}
