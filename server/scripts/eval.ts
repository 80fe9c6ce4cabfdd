/**
 * `npm run eval`: the check-worthiness model on ClaimBuster's held-out groundtruth.csv next to
 * the flag-everything baseline, then claim spans on the hand-annotated gold-dev articles.
 * Both need ../shared; each part says SKIPPED loudly when its data is absent.
 */
import { evalClaimBuster } from './eval-claimbuster';
import { evalGold, printGoldReport } from './eval-gold';

async function main(): Promise<void> {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log('== Check-worthiness: ClaimBuster groundtruth.csv (held out from training; Arslan et al. 2020)');
  const cb = await evalClaimBuster();
  if (!cb) {
    console.log('SKIPPED: needs ../shared/data/claimbuster');
  } else {
    console.log(`sentences ${cb.sentences}`);
    console.log(`model                P ${pct(cb.precision)}  R ${pct(cb.recall)}  F1 ${pct(cb.f1)}`);
    console.log(`flag-everything      P ${pct(cb.baseline.precision)}  R ${pct(cb.baseline.recall)}  F1 ${pct(cb.baseline.f1)}`);
    console.log(`speed                ${Math.round(cb.sentencesPerSecond).toLocaleString('en-US')} sentences/s on one core`);
  }
  console.log('\n== Claim spans: gold-dev (14 hand-annotated BBC articles)');
  const gold = evalGold();
  if (!gold) {
    console.log('SKIPPED: needs ../shared/gold-dev and ../shared/corpus/bbc');
    return;
  }
  printGoldReport(gold);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
