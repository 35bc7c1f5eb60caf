/**
 * The `goodhart` command: a thin shell around the public API. User mistakes (a bad scenario, a bad
 * flag, an unwritable folder) are printed as one line with a non-zero exit, never a stack trace.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ERROR_PREFIX, oneLine, ScenarioError } from '../scenario/errors.ts';
import { compareCommand } from './commands/compare.ts';
import { explainCommand } from './commands/explain.ts';
import { listCommand } from './commands/list.ts';
import { mergeCommand } from './commands/merge.ts';
import { paramsCommand } from './commands/params.ts';
import { statusCommand } from './commands/status.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateCommand } from './commands/validate.ts';
import { UserError } from './errors.ts';
import { VERSION } from './version.ts';

/** Prints a mistake as one line of at most MAX_MESSAGE_CHARS, whatever it quotes, and exits. */
function fail(message: string, code: number, hint = ''): never {
  process.stderr.write(`${ERROR_PREFIX}${oneLine(message)}\n${hint}`);
  process.exit(code);
}

export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`goodhart params | head`) closes the pipe: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let cli = yargs(argv)
    .scriptName('goodhart')
    .usage('$0 <command> [options]\n\nSimulate how engineering organisations respond to AI-usage incentive policies.')
    .version(VERSION)
    .strict()
    .demandCommand(1, 'Name a command: run, compare, explain, sweep, merge, status, validate, list, params or serve (goodhart --help shows them).')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      // yargs reports some mistakes in the command line (e.g. a flag missing its value) as a YError.
      if (error && error.name !== 'YError') throw error;
      fail(`${message ?? error?.message}`, 2, 'Run with --help for usage.\n');
    });
  cli = runCommand(cli);
  cli = compareCommand(cli);
  cli = explainCommand(cli);
  cli = sweepCommand(cli);
  cli = mergeCommand(cli);
  cli = statusCommand(cli);
  cli = validateCommand(cli);
  cli = listCommand(cli);
  cli = paramsCommand(cli);
  cli = serveCommand(cli);
  cli = cli.epilogue('Documentation: README.md and docs/ (MODEL.md, PERFORMANCE.md, RELIABILITY.md, EXPLAIN.md, CLUSTER.md)');
  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof ScenarioError) fail(error.message, 1);
    if (error instanceof UserError) fail(error.message, 2);
    throw error;
  }
}

await main(hideBin(process.argv));
