/** typedText: what a user typed after a flag, which the messages about number flags quote (src/cli/options.ts). */
import { describe, expect, it } from 'vitest';
import { typedText } from '../../src/cli/options.ts';

describe('typedText', () => {
  it.each([
    [['run', 'a.yaml', '--seeds', 'abc'], 'abc'],
    [['run', 'a.yaml', '--seeds=abc'], 'abc'],
    [['run', 'a.yaml', '--seeds='], ''],
    [['run', 'a.yaml', '--seeds', '3', '--seeds', 'x'], 'x'],
    [['run', 'a.yaml', '--seed', '3'], undefined],
    [['run', 'a.yaml', '--', '--seeds', 'x'], undefined],
    [['run', 'a.yaml', '--seeds'], undefined],
  ])('in %j finds %j for --seeds', (argv, text) => {
    expect(typedText('seeds', argv)).toBe(text);
  });

  it.each([
    [['serve', '--max-agents', 'abc'], 'abc'],
    [['serve', '--maxAgents', 'abc'], 'abc'],
    [['serve', '--maxAgents=', '--max-agents', '9'], '9'],
    [['serve', '--max-weeks', '9'], undefined],
  ])('in %j finds %j for --max-agents, in either spelling', (argv, text) => {
    expect(typedText('max-agents', argv)).toBe(text);
  });
});
