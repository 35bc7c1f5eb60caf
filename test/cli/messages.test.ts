/** yargs' messages rewritten for a person at a terminal (src/cli/messages.ts). */
import { describe, expect, it } from 'vitest';
import { friendlyMessage } from '../../src/cli/messages.ts';

const COMMANDS = ['run', 'params'];

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
