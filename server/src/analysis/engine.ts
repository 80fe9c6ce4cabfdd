import type { Analysis, AnalyzeOptions, Claim } from './types';

// Foundation placeholder until the claim engine lands: numbers with an optional % or unit word.
const NUMBER_CLAIM = /\d[\d,.]*(?:%| per cent| [a-z]+)?/g;

export function analyze(text: string, _options: AnalyzeOptions): Analysis {
  const claims: Claim[] = [];
  for (const m of text.matchAll(NUMBER_CLAIM)) {
    const start = m.index;
    const end = start + m[0].length;
    claims.push({
      id: `quantity:${m[0]}`,
      kind: m[0].includes('%') ? 'percentage' : 'quantity',
      start,
      end,
      text: m[0],
      sentence: { start, end },
      value: null,
      source: null,
      score: 1,
      checkworthy: true,
      reasons: ['contains a number'],
    });
  }
  return { claims, sentences: [] };
}
