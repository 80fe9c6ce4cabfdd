/**
 * Paragraphs in another language (server/src/analysis/language.ts): not analysed and said so,
 * while English, including what looks least like prose (team sheets, results, headlines, a
 * French phrase quoted), keeps every claim. The paragraphs are written for these tests.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/analysis';
import { otherLanguageOf } from '../../server/src/analysis/language';

const ENGLISH = 'A group of 30 countries has been working on security guarantees for Ukraine, NATO Secretary General Mark Rutte said on Tuesday.';

const FOREIGN: [string, string][] = [
  ['Spanish', 'Un grupo de 30 países, entre ellos Japón y Australia, ha estado trabajando en garantías de seguridad para Ucrania, dijo el martes el secretario general.'],
  ['French', "Un groupe de 30 pays, dont le Japon et l'Australie, travaille sur des garanties de sécurité pour l'Ukraine, a déclaré mardi le secrétaire général."],
  ['German', 'Eine Gruppe von 30 Ländern arbeitet an Sicherheitsgarantien für die Ukraine, sagte der Generalsekretär am Dienstag in Brüssel.'],
  ['Italian', "Un gruppo di 30 paesi, tra cui il Giappone e l'Australia, sta lavorando alle garanzie di sicurezza per l'Ucraina, ha detto il segretario generale della alleanza."],
  ['Portuguese', 'Um grupo de 30 países, entre os quais o Japão e a Austrália, tem trabalhado em garantias de segurança para a Ucrânia, disse o secretário-geral da aliança.'],
  ['Dutch', 'Een groep van 30 landen werkt aan veiligheidsgaranties voor Oekraïne, zei de secretaris-generaal van de alliantie op dinsdag in Brussel.'],
  ['text in the Cyrillic script', 'Группа из 30 стран работает над гарантиями безопасности для Украины, заявил во вторник генеральный секретарь альянса.'],
  ['text in the Greek script', 'Μια ομάδα 30 χωρών εργάζεται για εγγυήσεις ασφαλείας για την Ουκρανία, δήλωσε την Τρίτη ο γενικός γραμματέας της συμμαχίας.'],
];

const STILL_ENGLISH = [
  ENGLISH,
  // A team sheet: initials and names, no function word of any language.
  "G Murphy; G Dempsey, B O'Driscoll, S Horgan, D Hickie; R O'Gara, P Stringer; R Corrigan, S Byrne, J Hayes, M O'Kelly.",
  'Broadband rise continues apace as speeds gear up a notch across Europe and beyond this year.',
  'Results: Spain 3 USA 2; Moya bt Roddick 6-2 7-6 7-6; Nadal bt Fish 6-0 6-4 6-3 in Seville.',
  '"Le gouvernement a menti," he said, adding that the figures were wrong and that 40% of them had been revised.',
];

void describe('paragraphs in another language', () => {
  void test('each is named: six languages by their function words, two scripts by their letters', () => {
    for (const [language, paragraph] of FOREIGN) assert.equal(otherLanguageOf(paragraph), language, paragraph);
  });

  void test('English keeps being English: team sheets, results, a quoted French phrase', () => {
    for (const paragraph of STILL_ENGLISH) assert.equal(otherLanguageOf(paragraph), null, paragraph);
  });

  void test('in a document: the English paragraph keeps its claims as alone; each other one is a sentence marked with its language and has none', () => {
    const text = [ENGLISH, ...FOREIGN.map(([, p]) => p)].join('\n\n');
    const analysis = analyze(text, { languageId: 'plaintext' });
    assert.deepEqual(
      analysis.claims.map((c) => [c.kind, c.text, c.id]),
      analyze(ENGLISH, { languageId: 'plaintext' }).claims.map((c) => [c.kind, c.text, c.id]),
    );
    const marked = analysis.sentences.filter((s) => s.language !== undefined);
    assert.deepEqual(marked.map((s) => s.language), FOREIGN.map(([language]) => language));
    for (const [i, s] of marked.entries()) assert.equal(text.slice(s.start, s.end), FOREIGN[i][1]);
    assert.ok(marked.every((s) => s.score === 0 && !s.checkworthy));
  });

  void test('an edit above a paragraph in another language keeps its mark where it moved', () => {
    const text = [ENGLISH, FOREIGN[0][1]].join('\n\n');
    const first = analyze(text, { languageId: 'plaintext' });
    const edited = text.replace('30 countries', '31 countries');
    const again = analyze(edited, { languageId: 'plaintext' }, first);
    assert.deepEqual(again, analyze(edited, { languageId: 'plaintext' }));
    // Inserted between the two: the paragraph in another language is in the moved tail.
    const inserted = text.replace('\n\n', '\n\nExports rose 12% in 2024.\n\n');
    const moved = analyze(inserted, { languageId: 'plaintext' }, first).sentences.find((s) => s.language);
    assert.equal(moved && inserted.slice(moved.start, moved.end), FOREIGN[0][1]);
  });

  void test('none of the BBC corpus paragraphs is called foreign', (t) => {
    const corpus = path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'bbc');
    if (!existsSync(corpus)) {
      t.skip(`SKIPPED (not counted): needs ${corpus}`);
      return;
    }
    let paragraphs = 0;
    const called: string[] = [];
    for (const folder of readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(path.join(corpus, folder.name))) {
        for (const paragraph of readFileSync(path.join(corpus, folder.name, file), 'utf8').split(/\n/)) {
          paragraphs++;
          const language = otherLanguageOf(paragraph);
          if (language) called.push(`${language}: ${paragraph.slice(0, 80)}`);
        }
      }
    }
    assert.ok(paragraphs > 10_000, `${paragraphs} paragraphs read`);
    assert.deepEqual(called, []);
  });
});
