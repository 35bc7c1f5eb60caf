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
});
