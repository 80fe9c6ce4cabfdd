/**
 * `claimcheck` command line: `claimcheck [scan] PATH... [--format json|text]` and
 * `claimcheck score [FILE|-]`. Exit codes: 0 done, 2 usage or input error.
 */
import { parseArgs } from 'node:util';
import { runScan } from './scan';
import { runScore } from './score';
import { SERVER_VERSION } from '../version';

const HELP = `Usage:
  claimcheck [scan] PATH... [--format text|json]   find check-worthy claims in files ("-" reads stdin)
  claimcheck score [FILE|-]                        score one sentence per line (JSON lines)

Options:
  -f, --format <text|json>   output format for scan (default: text)
  -h, --help                 show this help
  -v, --version              show the version
`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    process.stderr.write(`claimcheck: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return 0;
  }
  const [first, ...rest] = positionals;
  if (first === 'score') return runScore(rest);
  const paths = first === 'scan' ? rest : positionals;
  if (paths.length === 0) {
    process.stderr.write(`claimcheck: no files given\n\n${HELP}`);
    return 2;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    process.stderr.write(`claimcheck: unknown format "${values.format}" (expected text or json)\n`);
    return 2;
  }
  return runScan(paths, values.format);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`claimcheck: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
