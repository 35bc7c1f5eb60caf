/**
 * The `goodhart` command: a thin shell around the public API. User mistakes (a bad scenario, a bad
 * flag, an unwritable folder) are printed as one line with a non-zero exit, never a stack trace.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ScenarioError } from '../scenario/errors.ts';
import { compareCommand } from './commands/compare.ts';
import { explainCommand } from './commands/explain.ts';
import { listCommand } from './commands/list.ts';
import { mergeCommand } from './commands/merge.ts';
import { statusCommand } from './commands/status.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateCommand } from './commands/validate.ts';
import { UserError } from './errors.ts';
import { friendlyMessage } from './messages.ts';
import { VERSION } from './version.ts';

const COMMANDS = ['run', 'compare', 'explain', 'sweep', 'merge', 'status', 'validate', 'list', 'serve'];

/** Help width: wide enough for the longest example whole, on its own line (a terminal narrower still wraps it). */
const HELP_WIDTH = 120;

/**
 * Each help example as two lines, its description as a comment and then the command whole: side by
 * side in two columns, a long command was broken in the middle.
 */
function examplesOnTheirOwnLines(cli: Argv): void {
  const example = cli.example.bind(cli) as (command: string, description?: string) => Argv;
  (cli as { example: unknown }).example = (command: string, description?: string) => {
    if (description) example(`# ${description}`, '');
    return example(command, '');
  };
}

function fail(message: string, code: number): never {
  process.stderr.write(`goodhart: error: ${message}\n`);
  process.exit(code);
}

export async function main(argv: string[]): Promise<void> {
  const command = argv.find((a) => !a.startsWith('-'));
  let cli = yargs(argv)
    .scriptName('goodhart')
    .usage('$0 <command> [options]\n\nSimulate how engineering organisations respond to AI-usage incentive policies.')
    .version(VERSION)
    .strict()
    .demandCommand(1, 'Name a command: run, compare, explain, sweep, merge, status, validate, list or serve (goodhart --help shows them).')
    .recommendCommands()
    .wrap(Math.min(HELP_WIDTH, process.stdout.columns || HELP_WIDTH))
    .fail((message, error) => {
      // yargs reports some mistakes in the command line (e.g. a flag missing its value) as a YError.
      if (error && error.name !== 'YError') throw error;
      const text = message ?? error?.message ?? '';
      // The options of the command being run: yargs holds them once the command's builder has run.
      const options = Object.keys((cli as unknown as { getOptions(): { key?: Record<string, unknown> } }).getOptions().key ?? {});
      const friendly = friendlyMessage(text, command, options, COMMANDS);
      fail(friendly ?? `${text}\nRun with --help for usage.`, 2);
    });
  examplesOnTheirOwnLines(cli);
  cli = runCommand(cli);
  cli = compareCommand(cli);
  cli = explainCommand(cli);
  cli = sweepCommand(cli);
  cli = mergeCommand(cli);
  cli = statusCommand(cli);
  cli = validateCommand(cli);
  cli = listCommand(cli);
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
