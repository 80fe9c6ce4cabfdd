/**
 * The claim under the cursor (what a hover shows) is found by a binary search over sentences:
 * it must be the claim a plain scan of every claim finds, at every offset of every document.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, type Claim } from '../../server/src/analysis';
import { claimAt } from '../../server/src/lsp/hover';
import { articleArbitrary, documentArbitrary, FUZZ_SEED, languageArbitrary, runs } from './robustSupport';

function scanned(claims: readonly Claim[], offset: number, shown: (c: Claim) => boolean): Claim | undefined {
  return claims.find((c) => c.start <= offset && offset <= c.end && shown(c));
}

void test('claimAt finds the same claim as a scan of every claim, at every offset (all claims, and only check-worthy ones)', () => {
  let offsets = 0;
  let hits = 0;
  fc.assert(
    fc.property(fc.oneof(articleArbitrary, documentArbitrary), languageArbitrary, (text, languageId) => {
      const analysis = analyze(text, { languageId });
      const checkworthy = (c: Claim): boolean => c.checkworthy;
      for (let offset = 0; offset <= text.length; offset++) {
        for (const shown of [() => true, checkworthy]) {
          const expected = scanned(analysis.claims, offset, shown);
          assert.equal(claimAt(analysis, offset, shown), expected, `offset ${offset} of ${JSON.stringify(text.slice(0, 200))}`);
          if (expected) hits++;
        }
        offsets++;
      }
    }),
    { seed: FUZZ_SEED + 4, numRuns: runs(150) },
  );
  assert.ok(hits > 0, 'no offset was on a claim');
  console.log(`claimAt: ${offsets} offsets, ${hits} on a claim, all as a full scan finds them`);
});
