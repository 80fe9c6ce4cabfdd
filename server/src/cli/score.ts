/** `claimcheck score`: one sentence per line in, one JSON object per line out. */
import { analyze } from '../analysis';
import { readInput } from './readInput';

export function runScore(args: string[]): number {
  const input = readInput(args[0] ?? '-');
  if (!input.ok) {
    process.stderr.write(`${args[0] ?? 'stdin'}: ${input.error}\n`);
    return 2;
  }
  const lines = input.text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  lines.forEach((line, i) => {
    // Each line is analysed as its own paragraph: the score is the sentence's check-worthiness.
    const analysis = analyze(line, { languageId: 'plaintext' });
    const score = analysis.sentences.reduce((max, s) => Math.max(max, s.score), 0);
    const checkworthy = analysis.sentences.some((s) => s.checkworthy);
    const kinds = [...new Set(analysis.claims.map((c) => c.kind))];
    out.push(JSON.stringify({ line: i + 1, score, checkworthy, kinds }));
  });
  process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
  return 0;
}
