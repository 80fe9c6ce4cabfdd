/**
 * Page furniture: lines that are part of the web page, not the story ("3 min read",
 * "16 hours ago", "Share", bylines, "Updated 10:42 GMT"). They never carry claims.
 */
const FURNITURE_LINE = new RegExp(
  '^(?:' +
    [
      '\\d{1,3} (?:min|mins|minute|minutes) read',
      '(?:\\d{1,3}|an?) (?:second|minute|hour|day|week|month)s? ago',
      '(?:share|share this|share this article|recommended|explore|related|advertisement|contact us|read more|' +
        'skip to content|sign up|subscribe|follow us|image caption|image source|getty images|listen|watch)\\b.{0,80}',
      '(?:updated|published|posted|last updated|first published)\\b.{0,80}',
      'date \\d{4}-\\d{2}-\\d{2}.{0,40}',
      'source ?:.{0,120}',
      '\\d{1,2}:\\d{2}(?: ?[ap]m)?(?: [A-Z]{2,4})?',
    ].join('|') +
    ')$',
  'i',
);

/** "By Jane Doe", "By Jane Doe, Brussels correspondent": case-sensitive, so "By then, ..." is prose. */
const BYLINE = /^By [A-Z][\w.'’-]{0,40}(?: (?:[A-Z][\w.'’-]{0,40}|and|de|van|von)){0,4}(?:,[^.!?]{0,80})?$/;

export function isFurniture(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= 160 && (FURNITURE_LINE.test(trimmed) || BYLINE.test(trimmed));
}
