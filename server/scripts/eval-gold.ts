/**
 * Claim-span evaluation against the hand-annotated gold-dev articles (../shared/gold-dev, see its
 * GUIDELINE.md). Reports, per kind and overall: exact-span matches, overlapping matches with
 * the same kind, and overlapping matches of any kind; plus unit-level check-worthiness and
 * source agreement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, type Claim } from '../src/analysis';
import { CLAIM_KINDS } from '../src/contract';
import { sharedPath } from './sharedData';

interface GoldClaim { start: number; end: number; text: string; kind: string }
interface GoldUnit { start: number; end: number; text: string; checkworthy: boolean; source: string | null; claims: GoldClaim[] }

export interface PRF { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export interface GoldReport {
  articles: number;
  units: number;
  goldClaims: number;
  exact: PRF;
  overlapSameKind: PRF;
  overlapAnyKind: PRF;
  perKind: Record<string, PRF>;
  checkworthyUnits: PRF;
  sourceAgreement: { correct: number; total: number };
  misses: string[];
  extras: string[];
}

export function evalGold(): GoldReport | null {
  const goldDir = sharedPath('gold-dev');
  const corpus = sharedPath('corpus', 'bbc');
  if (!goldDir || !corpus) return null;
  let exactTp = 0, sameTp = 0, anyTp = 0, predicted = 0, goldTotal = 0, units = 0, articles = 0;
  const kindCounts: Record<string, { tp: number; fp: number; fn: number }> = {};
  for (const k of CLAIM_KINDS) kindCounts[k] = { tp: 0, fp: 0, fn: 0 };
  let cwTp = 0, cwFp = 0, cwFn = 0, srcCorrect = 0, srcTotal = 0;
  const misses: string[] = [];
  const extras: string[] = [];
  for (const file of readdirSync(goldDir).filter((f) => f.endsWith('.json')).sort()) {
    const gold = JSON.parse(readFileSync(path.join(goldDir, file), 'utf8')) as { file: string; sentences: GoldUnit[] };
    const text = readFileSync(path.join(corpus, gold.file), 'utf8');
    // What a user sees: claims in check-worthy sentences.
    const claims = analyze(text, { languageId: 'plaintext' }).claims.filter((c) => c.checkworthy);
    articles++;
    const goldClaims = gold.sentences.flatMap((u) => u.claims);
    goldTotal += goldClaims.length;
    predicted += claims.length;
    for (const c of claims) {
      if (goldClaims.some((g) => g.start === c.start && g.end === c.end && g.kind === c.kind)) exactTp++;
      const same = goldClaims.some((g) => overlaps(g, c) && g.kind === c.kind);
      if (same) sameTp++;
      if (goldClaims.some((g) => overlaps(g, c))) anyTp++;
      else extras.push(`${file}: ${c.kind} "${c.text}"`);
      if (same) kindCounts[c.kind].tp++;
      else kindCounts[c.kind].fp++;
    }
    for (const g of goldClaims) {
      if (!claims.some((c: Claim) => overlaps(g, c) && g.kind === c.kind)) {
        kindCounts[g.kind].fn++;
        if (!claims.some((c) => overlaps(g, c))) misses.push(`${file}: ${g.kind} "${g.text}"`);
      }
    }
    for (const unit of gold.sentences) {
      units++;
      const flagged = claims.some((c) => overlaps(c, unit) && c.checkworthy);
      if (flagged && unit.checkworthy) cwTp++;
      else if (flagged) cwFp++;
      else if (unit.checkworthy) cwFn++;
      if (unit.checkworthy) {
        srcTotal++;
        const predictedSource = claims.find((c) => overlaps(c, unit))?.source ?? null;
        if ((predictedSource ?? null) === (unit.source ?? null)) srcCorrect++;
      }
    }
  }
  const perKind: Record<string, PRF> = {};
  for (const [k, v] of Object.entries(kindCounts)) perKind[k] = prf(v.tp, v.fp, v.fn);
  const sameFn = Object.values(kindCounts).reduce((n, v) => n + v.fn, 0);
  return {
    articles,
    units,
    goldClaims: goldTotal,
    exact: prf(exactTp, predicted - exactTp, goldTotal - exactTp),
    overlapSameKind: prf(sameTp, predicted - sameTp, sameFn),
    overlapAnyKind: prf(anyTp, predicted - anyTp, misses.length),
    perKind,
    checkworthyUnits: prf(cwTp, cwFp, cwFn),
    sourceAgreement: { correct: srcCorrect, total: srcTotal },
    misses,
    extras,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export function formatPrf(name: string, r: PRF): string {
  return `${name.padEnd(26)} P ${pct(r.precision).padStart(6)}  R ${pct(r.recall).padStart(6)}  F1 ${pct(r.f1).padStart(6)}   (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`;
}

/** The report as `npm run eval` prints it. */
export function printGoldReport(report: GoldReport, verbose = false): void {
  console.log(`${report.articles} articles, ${report.units} units, ${report.goldClaims} gold claims`);
  console.log(formatPrf('claims, exact span+kind', report.exact));
  console.log(formatPrf('claims, overlap same kind', report.overlapSameKind));
  console.log(formatPrf('claims, overlap any kind', report.overlapAnyKind));
  for (const [kind, r] of Object.entries(report.perKind)) console.log(formatPrf(`  ${kind}`, r));
  console.log(formatPrf('check-worthy units', report.checkworthyUnits));
  console.log(`source agreement on check-worthy units: ${report.sourceAgreement.correct}/${report.sourceAgreement.total}`);
  if (verbose) {
    console.log('\nMISSED:\n' + report.misses.join('\n'));
    console.log('\nEXTRA:\n' + report.extras.join('\n'));
  }
}

if (require.main === module) {
  const report = evalGold();
  if (!report) console.log('SKIPPED: gold-dev evaluation needs ../shared/gold-dev and ../shared/corpus/bbc');
  else printGoldReport(report, process.argv.includes('--verbose'));
}
