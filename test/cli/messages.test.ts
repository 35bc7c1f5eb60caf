/** yargs' messages rewritten for a person at a terminal (src/cli/messages.ts). */
import { describe, expect, it } from 'vitest';
import { friendlyMessage } from '../../src/cli/messages.ts';

const COMMANDS = ['run', 'params', 'list'];

describe('friendlyMessage', () => {
  it('says what each flag given a value it does not take allows, in one line', () => {
    // As yargs writes it (its validation's "Invalid values:" message): a line per flag.
    const yargs = 'Invalid values:\n  Argument: charts, Given: "gif", Choices: "none", "svg", "png", "all"\n  Argument: maxAgents, Given: "x", Choices: "1", "2"';
    expect(friendlyMessage(yargs, 'run', [], COMMANDS)).toBe('--charts must be one of none, svg, png, all, got "gif"; --max-agents must be one of 1, 2, got "x"');
  });

  it('keeps yargs\' own message when it cannot read it', () => {
    expect(friendlyMessage('Invalid values:\n  something else', 'run', [], COMMANDS)).toBeUndefined();
  });
});

describe('friendlyMessage on words a command does not take', () => {
  it('names a word typed where the command takes none as an argument, not as an unknown option', () => {
    expect(friendlyMessage('Unknown argument: scenarios/meshclaw.yaml', 'list', [], COMMANDS, ['list', 'scenarios/meshclaw.yaml'])).toBe(
      'unexpected argument "scenarios/meshclaw.yaml" (goodhart list --help lists what it takes)',
    );
  });

  it('still names a mistyped flag as an option', () => {
    expect(friendlyMessage('Unknown argument: sedes', 'run', ['seeds'], COMMANDS, ['run', 'a.yaml', '--sedes', '3'])).toBe('unknown option --sedes: did you mean --seeds? (goodhart run --help lists the options)');
  });
});
