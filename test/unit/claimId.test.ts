/**
 * Claim ids are kept in notes files: a claim must keep its id while the article is edited
 * around it, except where the edit changes the claim or the words right beside it (the id is
 * the kind, the claim's text and up to three words on each side, claimId.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/analysis';

test('a claim keeps its id when words further away change, and gets a new one when a near word does', () => {
  const idOf = (text: string): string => {
    const claim = analyze(text, { languageId: 'plaintext' }).claims.find((c) => c.text.endsWith('30 countries'));
    assert.ok(claim, `no claim ending in "30 countries" in: ${text}`);
    return claim.id;
  };
  const base = idOf('Officials said on Monday in Paris that a group of 30 countries signed the new pact on trade.');
  assert.equal(idOf('Diplomats said on Monday in Paris that a group of 30 countries signed the new pact on trade.'), base);
  assert.equal(idOf('Officials said on Monday in Paris that a group of 30 countries signed the new pact on farming.'), base);
  assert.notEqual(idOf('Officials said on Monday in Rome that a group of 30 countries signed the new pact on trade.'), base);
  assert.notEqual(idOf('Officials said on Monday in Paris that a group of 30 countries rejected the new pact on trade.'), base);
});
