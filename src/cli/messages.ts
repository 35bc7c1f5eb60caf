/**
 * yargs' messages rewritten for a person at a terminal: a mistyped option or command gets the
 * nearest real one ("--sedes: did you mean --seeds?"), a missing argument a sentence with an example.
 */
import { suggest } from '../scenario/suggest.ts';

/** An example of each command with its required arguments, for the message when one is missing. */
export const COMMAND_EXAMPLES: Record<string, { needs: string; example: string }> = {
  run: { needs: 'one or more scenario files', example: 'goodhart run scenarios/meshclaw.yaml --seeds 20' },
  compare: { needs: 'two or more scenario files', example: 'goodhart compare scenarios/baseline.yaml scenarios/meshclaw.yaml' },
  explain: { needs: 'the scenario to explain and --against the reference', example: 'goodhart explain scenarios/meshclaw.yaml --against scenarios/baseline.yaml' },
  sweep: { needs: 'a sweep file', example: 'goodhart sweep scenarios/sweeps/quota-vs-review.yaml --out out/sweep' },
  merge: { needs: 'the folders of the shards', example: 'goodhart merge out/shard-1 out/shard-2 out/shard-3 --out out/sweep' },
  status: { needs: 'the --out folder of a sweep', example: 'goodhart status out/sweep' },
  validate: { needs: 'one or more scenario files', example: 'goodhart validate scenarios/meshclaw.yaml' },
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The message for a mistake yargs found, or undefined to keep yargs' own. `command` is the command
 * typed (the first word), `options` the options that command knows, `typed` the command line.
 */
export function friendlyMessage(message: string, command: string | undefined, options: readonly string[], commands: readonly string[], typed: readonly string[] = []): string | undefined {
  const help = command && commands.includes(command) ? `goodhart ${command} --help` : 'goodhart --help';
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const names = unknown[1].split(', ');
    // A first word that is no command is a mistyped command, not an unknown option.
    if (command && !commands.includes(command) && names.includes(command)) return unknownCommand(command, commands);
    // yargs names a word typed where the command takes none (goodhart list a.yaml) as it names an unknown flag.
    const words = names.filter((name) => typed.includes(name));
    if (words.length > 0) return `unexpected argument${words.length > 1 ? 's' : ''} ${words.map((w) => JSON.stringify(w)).join(', ')} (${help} lists what it takes)`;
    const known = [...new Set(options.map(kebab))].filter((o) => o.length > 1);
    const parts = names.map((name) => {
      const flag = name.length === 1 ? `-${name}` : `--${name}`;
      const guess = suggest(kebab(name), known);
      return guess ? `${flag}: did you mean --${guess}?` : flag;
    });
    return `unknown option ${parts.join('; ')} (${help} lists the options)`;
  }
  const recommended = /^Did you mean (.+)\?$/.exec(message);
  if (recommended && command) return `unknown command "${command}": did you mean ${recommended[1]}? (goodhart --help lists the commands)`;
  if (/^Not enough non-option arguments/.test(message) && command && COMMAND_EXAMPLES[command]) {
    const { needs, example } = COMMAND_EXAMPLES[command];
    return `goodhart ${command} needs ${needs}, e.g. ${example}`;
  }
  const invalid = /^Invalid values:\s*((?:Argument: .+\s*)+)$/.exec(message);
  if (invalid) {
    // One "Argument: name, Given: value, Choices: a, b" line per flag given a value it does not take.
    const parts = invalid[1].trim().split(/\n\s*/).map((line) => {
      const m = /^Argument: ([^,]+), Given: (.+), Choices: (.+)$/.exec(line);
      if (!m) return undefined;
      const choices = m[3].split(', ').map((c) => c.replace(/^"(.*)"$/, '$1')).join(', ');
      return `--${kebab(m[1])} must be one of ${choices}, got ${m[2]}`;
    });
    if (parts.every((part) => part !== undefined)) return parts.join('; ');
  }
  const missing = /^Missing required argument: (.+)$/.exec(message);
  if (missing && command && COMMAND_EXAMPLES[command]) {
    const flags = missing[1].split(', ').map((m) => `--${kebab(m)}`).join(', ');
    return `goodhart ${command} needs ${flags}, e.g. ${COMMAND_EXAMPLES[command].example}`;
  }
  return undefined;
}

function unknownCommand(command: string, commands: readonly string[]): string {
  const guess = suggest(command, commands);
  return `unknown command "${command}"${guess ? `: did you mean ${guess}?` : ''} (goodhart --help lists the commands: ${commands.join(', ')})`;
}
