/**
 * A sentence's check-worthiness: the ClaimBuster-trained model's probability, raised by what
 * the rules found. Debate transcripts under-rate news signals (records, superlatives, official
 * figures), so a sentence with a checkable figure cannot score as low as small talk.
 */
import { CHECKWORTHY_THRESHOLD } from './checkworthiness/model';
import type { Found } from './found';

/**
 * How much each kind of finding alone pushes a sentence up (0..1). Chosen on the gold-dev
 * articles (npm run eval): the model decides most units; these lift the news signals it
 * under-rates (a figure, a record) without lifting figurative numbers in opinions.
 */
const RULE_STRENGTH: Record<Found['kind'], number> = {
  quantity: 0.3,
  percentage: 0.5,
  money: 0.5,
  change: 0.5,
  comparison: 0.3,
  temporal: 0.1,
  event: 0.2,
};

export interface SentenceScore {
  score: number;
  checkworthy: boolean;
}

/**
 * `model` is the sentence's probability from the check-worthiness model. The model's own
 * reasons (which words pushed it up) are worked out only when a hover asks for them.
 */
export function scoreFindings(model: number, found: readonly Found[], attributed: boolean): SentenceScore {
  let rule = 0;
  for (const f of found) if (!f.weak) rule = Math.max(rule, RULE_STRENGTH[f.kind]);
  if (attributed && rule > 0) rule = Math.min(1, rule + 0.1);
  const score = 1 - (1 - model) * (1 - rule);
  const rounded = Math.round(score * 1000) / 1000;
  return { score: rounded, checkworthy: rounded >= CHECKWORTHY_THRESHOLD };
}
