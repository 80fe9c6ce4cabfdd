/**
 * `claimcheck` command line: `claimcheck [scan] PATH... [options]` and `claimcheck score [FILE|-]`.
 * See `HELP` in args.ts for every option. Exit codes: 0 nothing matched --fail-on, 1 something
 * did, 2 usage or input error.
 *
 * The same script is the body of the scan's worker threads (see pool.ts).
 */
import { HELP, parseCommand, UsageError } from './args';
import { isScanWorker, runScanWorker } from './pool';
import { EXIT_ERROR, runScan } from './scan';
import { runScore } from './score';
import { SERVER_VERSION } from '../version';

export async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`claimcheck: ${err.message}\nRun "claimcheck --help" for usage.\n`);
    return EXIT_ERROR;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP);
      return 0;
    case 'version':
      process.stdout.write(`${SERVER_VERSION}\n`);
      return 0;
    case 'score':
      return runScore(command.args);
    case 'scan':
      // The workers run the script this process started with (out/cli.js, the launcher), so
      // they load the code cache too; __filename would be the bundle itself.
      return runScan(command.options, { stdout: process.stdout, stderr: process.stderr, workerScript: process.argv[1] });
  }
}

if (isScanWorker()) {
  runScanWorker();
} else {
  // `claimcheck ... | head` closes stdout early: stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`claimcheck: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
