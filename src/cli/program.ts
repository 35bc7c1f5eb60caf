/**
 * The `goodhart` command's parser and commands (src/cli/main.ts starts it): a thin shell around the
 * public API. User mistakes (a bad scenario, a bad flag, an unwritable folder) are printed as one
 * line with a non-zero exit, never a stack trace.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ERROR_PREFIX, oneLine, ScenarioError } from '../scenario/errors.ts';
import { UserError } from './errors.ts';
import { friendlyMessage } from './messages.ts';
import { VERSION } from './version.ts';

type Command = (cli: Argv) => Argv;

/**
 * Each command's module, loaded only when that command runs: a command's module brings in what it
 * needs (the model, zod's schemas, the report's libraries), and `goodhart --version` or `validate`
 * should not wait for what `run` or `sweep` load. `--help`, or no known command, loads them all.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.ts')).runCommand,
  compare: async () => (await import('./commands/compare.ts')).compareCommand,
  explain: async () => (await import('./commands/explain.ts')).explainCommand,
  sweep: async () => (await import('./commands/sweep.ts')).sweepCommand,
  calibrate: async () => (await import('./commands/calibrate.ts')).calibrateCommand,
  merge: async () => (await import('./commands/merge.ts')).mergeCommand,
  status: async () => (await import('./commands/status.ts')).statusCommand,
  validate: async () => (await import('./commands/validate.ts')).validateCommand,
  list: async () => (await import('./commands/list.ts')).listCommand,
  params: async () => (await import('./commands/params.ts')).paramsCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
};
const COMMAND_NAMES = Object.keys(COMMANDS);

/** The commands to load for these arguments: the one named first, none for a bare --version, else all. */
function commandsFor(argv: string[]): string[] {
  const named = argv.find((arg) => !arg.startsWith('-'));
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) return [named];
  if (named === undefined && argv.includes('--version') && !argv.includes('--help')) return [];
  return COMMAND_NAMES;
}

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

/**
 * yargs writes out the whole help of the command being run as soon as its handler starts, to show
 * it should the handler fail; a mistake here is one line without the help (`fail` below), so the
 * text (tens of milliseconds of every command) is never shown. `--help` still writes it.
 */
function withoutHelpForFailures(cli: Argv): void {
  const internal = cli as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } };
  internal.getInternalMethods().getUsageInstance().cacheHelpMessage = () => {};
}

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
  const command = argv.find((a) => !a.startsWith('-'));
  let cli = yargs(argv)
    .scriptName('goodhart')
    .usage('$0 <command> [options]\n\nSimulate how engineering organisations respond to AI-usage incentive policies.')
    .version(VERSION)
    .strict()
    .demandCommand(1, 'Name a command: run, compare, explain, sweep, calibrate, merge, status, validate, list, params or serve (goodhart --help shows them).')
    .recommendCommands()
    .wrap(Math.min(HELP_WIDTH, process.stdout.columns || HELP_WIDTH))
    .fail((message, error) => {
      // yargs reports some mistakes in the command line (e.g. a flag missing its value) as a YError.
      if (error && error.name !== 'YError') throw error;
      const text = message ?? error?.message ?? '';
      // The options of the command being run: yargs holds them once the command's builder has run.
      const options = Object.keys((cli as unknown as { getOptions(): { key?: Record<string, unknown> } }).getOptions().key ?? {});
      const friendly = friendlyMessage(text, command, options, COMMAND_NAMES, argv);
      fail(friendly ?? text, 2, friendly ? '' : 'Run with --help for usage.\n');
    });
  examplesOnTheirOwnLines(cli);
  withoutHelpForFailures(cli);
  const commands = commandsFor(argv);
  for (const add of await Promise.all(commands.map((name) => COMMANDS[name]()))) cli = add(cli);
  cli = cli.epilogue('Documentation: README.md and docs/ (MODEL.md, PERFORMANCE.md, RELIABILITY.md, EXPLAIN.md, CLUSTER.md)');
  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof ScenarioError) fail(error.message, 1);
    if (error instanceof UserError) fail(error.message, 2);
    throw error;
  }
}

/** Runs the command line this process was started with. */
export function start(): Promise<void> {
  return main(hideBin(process.argv));
}
