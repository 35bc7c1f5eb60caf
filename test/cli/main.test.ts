import { describe, expect, it } from 'vitest';
import { goodhart, lines, oneErrorLine } from './goodhart.ts';

// Each test is its own process; running them concurrently overlaps their start-up.
describe.concurrent('goodhart (the command line as a whole)', () => {
  it('refuses an unknown command with exit 2 and a hint to --help', async () => {
    const result = await goodhart(['frobnicate']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: Unknown argument: frobnicate');
    expect(result.stderr).toContain('Run with --help for usage.');
    expect(result.stdout).toBe('');
  });

  it('refuses an unknown flag with exit 2, naming it', async () => {
    const result = await goodhart(['validate', 'scenarios/baseline.yaml', '--frob']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: Unknown argument: frob');
    expect(result.stdout).toBe('');
  });

  it.each([
    ['run', ['goodhart run scenarios/meshclaw.yaml', '--set', '--seeds', '--out', '--weeks', '--agents', '--allow-outside']],
    ['validate', ['goodhart validate scenarios/meshclaw.yaml', 'goodhart validate scenarios/*.yaml', '--set']],
    ['list', ['goodhart list']],
  ])('%s --help shows its options and examples', async (command, expected) => {
    const result = await goodhart([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const examples = result.stdout.split('Examples:')[1];
    expect(examples, 'an Examples: section').toBeDefined();
    for (const text of expected) expect(result.stdout).toContain(text);
    expect(lines(examples).some((line) => line.trim().startsWith(`goodhart ${command}`))).toBe(true);
  });
});
