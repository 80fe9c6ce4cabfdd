/**
 * Is engine A faster than engine B, by a few percent? Two engine bundles in one process take
 * turns article by article over the corpus (cold), so that the machine's drift hits both alike:
 * this VM's speed moves by 30–40% from one half hour to the next, far more than most changes.
 * Prints each round's time ratio A ÷ B and their median.
 *
 *   (in each checkout) npx esbuild server/src/analysis/engine.ts --bundle --platform=node --format=cjs --outfile=/tmp/a.js
 *   node --import tsx server/scripts/bench-compare.ts /tmp/a.js /tmp/b.js [--rounds N]
 *
 * Two A/A runs gave ratios of 0.987–0.995 and 0.997–1.007. The two engines share the CPU caches here, so a change
 * that trades memory for time can measure otherwise than it runs alone (a cache of the model's
 * weights measured 2.5% slower here, and no different with a flag switching it in one engine).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from './benchCorpus';
import { median, timeMs } from './benchStats';

interface Engine {
  analyze(text: string, options: { languageId: string }): unknown;
  clearAnalysisCache(): void;
  /** Bundles from before it was exported lack it. */
  forgetLearnedWords?: () => void;
}

const LANGUAGE = { languageId: 'plaintext' };

function analyseCold(engine: Engine, text: string): number {
  engine.clearAnalysisCache();
  return timeMs(() => engine.analyze(text, LANGUAGE));
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '6' } } });
  if (positionals.length !== 2) throw new Error('usage: bench-compare.ts A.js B.js [--rounds N]');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const [a, b] = positionals.map((file) => require(path.resolve(file)) as Engine);
  const { articles, description } = loadCorpus();
  console.log(`${description}; A ${positionals[0]}, B ${positionals[1]}`);
  for (const article of articles) {
    analyseCold(a, article.text);
    analyseCold(b, article.text);
  }
  const ratios: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    a.forgetLearnedWords?.();
    b.forgetLearnedWords?.();
    let timeA = 0;
    let timeB = 0;
    articles.forEach((article, k) => {
      // Who goes first alternates too: the second meets a text the first has just brought into the caches.
      if ((k + round) % 2 === 0) {
        timeA += analyseCold(a, article.text);
        timeB += analyseCold(b, article.text);
      } else {
        timeB += analyseCold(b, article.text);
        timeA += analyseCold(a, article.text);
      }
    });
    ratios.push(timeA / timeB);
    console.log(`round ${round + 1}: A ${timeA.toFixed(0)} ms, B ${timeB.toFixed(0)} ms, A ÷ B ${(timeA / timeB).toFixed(3)}`);
  }
  console.log(`median A ÷ B over ${ratios.length} rounds: ${median(ratios).toFixed(3)}`);
}

main();
