/**
 * Re-anchoring: a note finds its claim again after the article changes — insertions and
 * deletions before, inside and after the claim, paragraph moves, re-wrapped lines — and is
 * orphaned, not re-attached to a look-alike, when its text is gone.
 *
 * Two paths are tested: `reanchor()` alone (the article changed on disk: only the old selectors
 * are known) and `TrackedNotes.update()` (the editor: every intermediate text is seen).
 * Claims are found by searching for their text, never by counting offsets.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mayReappear, reanchor, selectorFor, CONTEXT_LENGTH } from '../../server/src/notes/anchor';
import { diffRegion, mapSpan } from '../../server/src/notes/edits';
import type { Note, TextAnchor } from '../../server/src/notes/model';
import { TrackedNotes } from '../../server/src/notes/tracked';

const ARTICLE = [
  'Sea levels along the coast have risen 12 centimetres since 1990, the tide survey said.',
  '',
  'More than 4,000 homes now sit inside the flood zone, up from 2,600 a decade ago.',
  '',
  'Insurers paid out £310m last winter, the largest annual total on record.',
  '',
  'Only 18% of the £1.2bn pledged for coastal defences has been spent.',
].join('\n');

function find(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${occurrence}) not in text`);
  }
  return { start: at, end: at + needle.length };
}

function anchorOn(text: string, needle: string, occurrence = 0): TextAnchor {
  const { start, end } = find(text, needle, occurrence);
  return selectorFor(text, start, end);
}

function textAt(text: string, match: { start: number; end: number } | null): string | null {
  return match ? text.slice(match.start, match.end) : null;
}

function noteOn(text: string, needle: string, id: string, occurrence = 0): Note {
  return {
    id,
    claim: { kind: 'quantity', ...anchorOn(text, needle, occurrence) },
    status: 'unverified',
    sources: [],
    note: '',
    author: 'test',
    created: '2024-05-01T10:00:00.000Z',
    updated: '2024-05-01T10:00:00.000Z',
    history: [],
  };
}

/** Replaces the first `from` with `to`, as one editor edit. */
function replace(text: string, from: string, to: string): string {
  const { start, end } = find(text, from);
  return text.slice(0, start) + to + text.slice(end);
}

void describe('selectorFor', () => {
  void test('records the exact text, 32 characters of context either side, and the offsets', () => {
    const anchor = anchorOn(ARTICLE, '£310m');
    assert.equal(anchor.selector.exact, '£310m');
    assert.equal(anchor.selector.prefix.length, CONTEXT_LENGTH);
    assert.ok(anchor.selector.prefix.endsWith('Insurers paid out '));
    assert.ok(anchor.selector.suffix.startsWith(' last winter'));
    assert.equal(ARTICLE.slice(anchor.position.start, anchor.position.end), '£310m');
  });

  void test('context is cut short at the start and end of the document', () => {
    const anchor = anchorOn(ARTICLE, 'Sea levels');
    assert.equal(anchor.selector.prefix, '');
    const last = anchorOn(ARTICLE, 'been spent.');
    assert.equal(last.selector.suffix, '');
  });

  void test('context never splits a surrogate pair (no half emoji in the notes file)', () => {
    const text = `${'🌊'.repeat(40)} 30 countries`;
    const anchor = anchorOn(text, '30 countries');
    const first = anchor.selector.prefix.charCodeAt(0);
    assert.ok(!(first >= 0xdc00 && first <= 0xdfff), 'prefix starts with a low surrogate');
  });
});

void describe('reanchor (only the old selectors are known: the file changed on disk)', () => {
  void test('unchanged text: found at its position', () => {
    const anchor = anchorOn(ARTICLE, 'More than 4,000 homes');
    assert.deepEqual(reanchor(ARTICLE, anchor), { ...find(ARTICLE, 'More than 4,000 homes'), method: 'position' });
  });

  void test('insertion before the claim: found by its quote and context', () => {
    const anchor = anchorOn(ARTICLE, '£310m');
    const edited = replace(ARTICLE, 'Sea levels', 'Along the whole eastern seaboard, sea levels');
    const match = reanchor(edited, anchor);
    assert.equal(textAt(edited, match), '£310m');
    assert.equal(match?.method, 'quote');
    assert.equal(match?.start, find(edited, '£310m').start);
  });

  void test('deletion before the claim', () => {
    const anchor = anchorOn(ARTICLE, '18%');
    const edited = replace(ARTICLE, 'More than 4,000 homes now sit inside the flood zone, up from 2,600 a decade ago.\n\n', '');
    assert.equal(textAt(edited, reanchor(edited, anchor)), '18%');
  });

  void test('insertion and deletion after the claim do not move it', () => {
    const anchor = anchorOn(ARTICLE, 'risen 12 centimetres');
    const edited = replace(replace(ARTICLE, 'the tide survey said', 'according to the national tide survey'), '£1.2bn pledged', '£1.2bn');
    assert.deepEqual(reanchor(edited, anchor), { ...find(edited, 'risen 12 centimetres'), method: 'position' });
  });

  void test('insertion inside the claim: the edited claim is found approximately', () => {
    const anchor = anchorOn(ARTICLE, 'More than 4,000 homes');
    const edited = replace(ARTICLE, '4,000 homes', '4,000 coastal homes');
    const match = reanchor(edited, anchor);
    assert.equal(textAt(edited, match), 'More than 4,000 coastal homes');
    assert.equal(match?.method, 'fuzzy');
  });

  void test('a changed figure inside the claim is still that claim ("£310m" → "£315m")', () => {
    const anchor = anchorOn(ARTICLE, 'the largest annual total on record');
    const edited = replace(ARTICLE, 'the largest annual total', 'the second-largest annual total');
    assert.equal(textAt(edited, reanchor(edited, anchor)), 'the second-largest annual total on record');
  });

  void test('deletion inside the claim', () => {
    const anchor = anchorOn(ARTICLE, 'the largest annual total on record');
    const edited = replace(ARTICLE, 'largest annual total', 'largest total');
    assert.equal(textAt(edited, reanchor(edited, anchor)), 'the largest total on record');
  });

  void test('a re-wrapped line (spaces become line breaks) is not an edit of the claim', () => {
    const anchor = anchorOn(ARTICLE, 'the largest annual total on record');
    const edited = replace(ARTICLE, 'largest annual total', 'largest\nannual total');
    assert.equal(textAt(edited, reanchor(edited, anchor)), 'the largest\nannual total on record');
  });

  void test('paragraph moves: each claim is found in its new place', () => {
    const paragraphs = ARTICLE.split('\n\n');
    const moved = [paragraphs[3], paragraphs[1], paragraphs[0], paragraphs[2]].join('\n\n');
    for (const needle of ['risen 12 centimetres', 'More than 4,000 homes', '£310m', '18%', '£1.2bn']) {
      const match = reanchor(moved, anchorOn(ARTICLE, needle));
      assert.deepEqual(textAt(moved, match), needle, needle);
      assert.equal(match?.start, find(moved, needle).start, needle);
    }
  });

  void test('of two identical quotes, the one whose context matches is chosen', () => {
    const text = 'Profits rose 30% in 2023. Costs fell 30% in 2024.';
    const anchor = anchorOn(text, '30%', 1);
    const edited = `Breaking: ${text.replace('Profits rose', 'Company profits rose sharply by')}`;
    const match = reanchor(edited, anchor);
    assert.equal(match?.start, find(edited, '30%', 1).start);
  });

  void test('deleted claim text: null (orphaned), even when a look-alike is elsewhere', () => {
    const text = 'A group of 30 countries, including Japan, met on Tuesday. Later, 40 countries joined the talks.';
    const anchor = anchorOn(text, '30 countries');
    const edited = replace(text, 'A group of 30 countries, including Japan, met on Tuesday. ', '');
    assert.equal(reanchor(edited, anchor), null);
  });

  void test('a short quote whose sentence was rewritten around it is not guessed', () => {
    const text = 'Turnout was 62% in the capital. Elsewhere it was lower.';
    const anchor = anchorOn(text, '62%');
    const edited = 'Elsewhere turnout was lower. A poll of 1,000 voters found 62% want change.';
    assert.equal(reanchor(edited, anchor), null);
  });

  void test('a long, unique quote is found even when its whole context changed', () => {
    const anchor = anchorOn(ARTICLE, 'the largest annual total on record');
    const edited = `Last winter was the largest annual total on record for claims.`;
    assert.equal(textAt(edited, reanchor(edited, anchor)), 'the largest annual total on record');
  });

  void test('bounded cost: a missing quote in a 1 MB document is given up on quickly', () => {
    const filler = 'The council met again on Thursday and discussed the harbour walls at length. ';
    const big = filler.repeat(Math.ceil(1_000_000 / filler.length));
    const anchor = anchorOn(ARTICLE, 'More than 4,000 homes');
    const started = performance.now();
    assert.equal(reanchor(big, anchor), null);
    const common = selectorFor(big, 4, 11); // "council": thousands of occurrences
    const moved = `Intro. ${big}`;
    assert.equal(textAt(moved, reanchor(moved, common)), 'council');
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1_500, `took ${elapsed.toFixed(0)} ms`);
  });
});

void describe('edits: the changed region and how spans move through it', () => {
  void test('diffRegion finds the one replaced region', () => {
    assert.equal(diffRegion('abc', 'abc'), null);
    assert.deepEqual(diffRegion('hello world', 'hello big world'), { start: 6, oldEnd: 6, newEnd: 10 });
    assert.deepEqual(diffRegion('hello big world', 'hello world'), { start: 6, oldEnd: 10, newEnd: 6 });
    assert.deepEqual(diffRegion('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
  });

  void test('diffRegion is exact around its 1 KB comparison chunks (the region rebuilds the new text)', () => {
    const base = 'abcdefghij'.repeat(410); // 4,100 characters: several chunks and a remainder
    for (const at of [0, 1, 1023, 1024, 1025, 2047, 2048, 3000, 4095, 4099, 4100]) {
      for (const [removed, inserted] of [[0, 'X'], [1, ''], [3, 'YZ'], [0, 'abc']] as const) {
        const end = Math.min(base.length, at + removed);
        const next = base.slice(0, at) + inserted + base.slice(end);
        const edit = diffRegion(base, next);
        if (next === base) {
          assert.equal(edit, null);
          continue;
        }
        assert.ok(edit, `no region for an edit at ${at}`);
        assert.equal(base.slice(0, edit.start) + next.slice(edit.start, edit.newEnd) + base.slice(edit.oldEnd), next, `edit at ${at}`);
        assert.ok(edit.oldEnd - edit.start <= removed && edit.newEnd - edit.start <= inserted.length, `region at ${at} is minimal`);
      }
    }
  });

  void test('mapSpan: before stays, after shifts, touching is re-searched, boundary insertions are outside', () => {
    const edit = { start: 10, oldEnd: 15, newEnd: 12 };
    assert.deepEqual(mapSpan({ start: 0, end: 10 }, edit), { touched: false, span: { start: 0, end: 10 } });
    assert.deepEqual(mapSpan({ start: 15, end: 20 }, edit), { touched: false, span: { start: 12, end: 17 } });
    assert.deepEqual(mapSpan({ start: 12, end: 20 }, edit), { touched: true, hint: 10 });
    const insertion = { start: 5, oldEnd: 5, newEnd: 8 };
    assert.deepEqual(mapSpan({ start: 5, end: 9 }, insertion), { touched: false, span: { start: 8, end: 12 } });
    assert.deepEqual(mapSpan({ start: 1, end: 5 }, insertion), { touched: false, span: { start: 1, end: 5 } });
    assert.deepEqual(mapSpan({ start: 4, end: 6 }, insertion), { touched: true, hint: 4 });
  });

  void test('mayReappear: only edits near a word of the quote can bring an orphan back', () => {
    const quote = anchorOn(ARTICLE, '£310m').selector;
    const pasted = `${ARTICLE}\n\nInsurers paid out £310m last winter.`;
    assert.equal(mayReappear(pasted, diffRegion(ARTICLE, pasted)!, quote), true);
    const unrelated = `${ARTICLE}\n\nThe mayor declined to comment.`;
    assert.equal(mayReappear(unrelated, diffRegion(ARTICLE, unrelated)!, quote), false);
  });
});

void describe('TrackedNotes.update (the editor: every edit is seen)', () => {
  function track(text: string, needles: string[]): TrackedNotes {
    const tracked = new TrackedNotes(text);
    needles.forEach((needle, i) => tracked.put(noteOn(text, needle, `n${i}`)));
    return tracked;
  }

  function spanText(tracked: TrackedNotes, id: string): string | null {
    const view = tracked.view(id);
    assert.ok(view, `note ${id} was lost`);
    return view.span ? tracked.text.slice(view.span.start, view.span.end) : null;
  }

  void test('typing before, inside and after claims, one keystroke at a time', () => {
    const tracked = track(ARTICLE, ['risen 12 centimetres', '£310m', '18%']);
    let text = ARTICLE;
    const typeAt = (offset: number, typed: string) => {
      for (const ch of typed) {
        text = text.slice(0, offset) + ch + text.slice(offset);
        offset++;
        tracked.update(text);
      }
    };
    typeAt(0, 'UPDATED: ');
    typeAt(find(text, 'paid out').end, ' a record');
    typeAt(find(text, '18%').end, ' (one fifth)');
    assert.equal(spanText(tracked, 'n0'), 'risen 12 centimetres');
    assert.equal(spanText(tracked, 'n1'), '£310m');
    assert.equal(spanText(tracked, 'n2'), '18%');
  });

  void test('replacing a figure inside a claim keeps the note on the edited claim', () => {
    const tracked = track(ARTICLE, ['More than 4,000 homes']);
    tracked.update(replace(ARTICLE, '4,000', '4,250'));
    assert.equal(spanText(tracked, 'n0'), 'More than 4,250 homes');
  });

  void test('cut and paste of a paragraph: orphaned in between, found again after the paste', () => {
    const tracked = track(ARTICLE, ['£310m', 'the largest annual total on record']);
    const paragraph = 'Insurers paid out £310m last winter, the largest annual total on record.\n\n';
    const cut = ARTICLE.replace(paragraph, '');
    assert.equal(tracked.update(cut), true, 'orphans changed');
    assert.equal(spanText(tracked, 'n0'), null);
    assert.equal(tracked.orphans().length, 2);
    const pasted = paragraph + cut;
    assert.equal(tracked.update(pasted), true, 'orphans found again');
    assert.equal(spanText(tracked, 'n0'), '£310m');
    assert.equal(spanText(tracked, 'n1'), 'the largest annual total on record');
    assert.equal(tracked.view('n0')?.span?.start, find(pasted, '£310m').start);
  });

  void test('an orphan keeps the selectors of the last text it was found in', () => {
    const tracked = track(ARTICLE, ['18%']);
    const deleted = ARTICLE.replace('Only 18% of the £1.2bn pledged for coastal defences has been spent.', '');
    tracked.update(deleted);
    const note = tracked.current('n0');
    assert.equal(note?.claim.selector.exact, '18%');
    assert.ok(note?.claim.selector.suffix.startsWith(' of the £1.2bn'));
  });

  void test('current() describes the current text: selectors are refreshed, not stale', () => {
    const tracked = track(ARTICLE, ['£310m']);
    const edited = `Intro paragraph.\n\n${ARTICLE}`;
    tracked.update(edited);
    const note = tracked.current('n0');
    assert.deepEqual(note?.claim.position, find(edited, '£310m'));
    assert.equal(edited.slice(note!.claim.position.start, note!.claim.position.end), note?.claim.selector.exact);
  });

  void test('typing in a 1 MB article with 50 notes costs a few milliseconds per keystroke', () => {
    const paragraph = 'The council said on Monday that more than 4,000 homes now sit inside the flood zone. ';
    let text = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    const tracked = new TrackedNotes(text);
    for (let i = 0; i < 50; i++) {
      const start = text.indexOf('4,000 homes', i * 20_000);
      tracked.put({ ...noteOn(text, '4,000 homes', `n${i}`), claim: { kind: 'quantity', ...selectorFor(text, start, start + 11) } });
    }
    const started = performance.now();
    for (let i = 0; i < 50; i++) {
      const at = 500_000 + i;
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      tracked.update(text);
    }
    const perKeystroke = (performance.now() - started) / 50;
    assert.ok(perKeystroke < 20, `${perKeystroke.toFixed(1)} ms per keystroke`);
    assert.equal(tracked.orphans().length, 0);
  });

  void test('findForClaim: exact span, else the most-overlapping note of the same kind', () => {
    const tracked = track(ARTICLE, ['More than 4,000 homes']);
    const exact = find(ARTICLE, 'More than 4,000 homes');
    assert.equal(tracked.findForClaim({ kind: 'money', ...exact })?.note.id, 'n0');
    assert.equal(tracked.findForClaim({ kind: 'quantity', ...find(ARTICLE, '4,000 homes') })?.note.id, 'n0');
    assert.equal(tracked.findForClaim({ kind: 'money', ...find(ARTICLE, '4,000 homes') }), undefined);
    assert.equal(tracked.findForClaim({ kind: 'quantity', ...find(ARTICLE, '£310m') }), undefined);
  });
});
