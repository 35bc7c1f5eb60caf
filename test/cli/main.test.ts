import { describe, expect, it } from 'vitest';
import { goodhart, lines, oneErrorLine } from './goodhart.ts';

// Each test is its own process; running them concurrently overlaps their start-up.
describe.concurrent('goodhart (the command line as a whole)', () => {
  it('refuses an unknown command with exit 2, listing the commands', async () => {
    const result = await goodhart(['frobnicate']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(
      'goodhart: error: unknown command "frobnicate" (goodhart --help lists the commands: run, compare, explain, sweep, calibrate, merge, status, validate, list, params, serve)',
    );
    expect(result.stdout).toBe('');
  });

  it('suggests the command meant for a mistyped one', async () => {
    const result = await goodhart(['rn', 'scenarios/baseline.yaml']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: unknown command "rn": did you mean run? (goodhart --help lists the commands)');
  });

  it.each([
    [['run', 'scenarios/baseline.yaml', '--charts', 'gif'], 'goodhart: error: --charts must be one of none, svg, png, all, got "gif"'],
    [['params', '--format', 'x'], 'goodhart: error: --format must be one of text, markdown, json, got "x"'],
    [['serve', '--port', 'abc'], 'goodhart: error: --port must be a whole number from 0 to 65535, got "abc"'],
    [['serve', '--max-agents', 'abc'], 'goodhart: error: --max-agents must be a whole number from 1 to 10000, got "abc"'],
    [['serve', '--maxAgents', 'abc'], 'goodhart: error: --max-agents must be a whole number from 1 to 10000, got "abc"'],
  ])('refuses %j with exit 2 in one line naming the flag, what it takes and what was given', async (args, message) => {
    const result = await goodhart(args);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(message);
    expect(result.stderr).not.toMatch(/--help for usage/);
    expect(result.stdout).toBe('');
  });

  it('refuses an unknown flag with exit 2, naming it', async () => {
    const result = await goodhart(['validate', 'scenarios/baseline.yaml', '--frob']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: unknown option --frob (goodhart validate --help lists the options)');
    expect(result.stdout).toBe('');
  });

  it('suggests the option meant for a mistyped one: --sedes, did you mean --seeds', async () => {
    const result = await goodhart(['run', 'scenarios/baseline.yaml', '--sedes', '3']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: unknown option --sedes: did you mean --seeds? (goodhart run --help lists the options)');
    expect(result.stdout).toBe('');
  });

  it.each([
    [['run'], 'goodhart: error: goodhart run needs one or more scenario files, e.g. goodhart run scenarios/meshclaw.yaml --seeds 20'],
    [['sweep'], 'goodhart: error: goodhart sweep needs a sweep file, e.g. goodhart sweep scenarios/sweeps/quota-vs-review.yaml --out out/sweep'],
    [['explain', 'scenarios/meshclaw.yaml'], 'goodhart: error: goodhart explain needs --against, e.g. goodhart explain scenarios/meshclaw.yaml --against scenarios/baseline.yaml'],
  ])('says what %j is missing, in a sentence with an example', async (args, message) => {
    const result = await goodhart(args);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(message);
    expect(message.length).toBeLessThanOrEqual(300);
  });

  it.each(['run', 'explain', 'sweep', 'compare', 'calibrate', 'params', 'serve', 'merge', 'status', 'validate'])('%s --help writes each example whole on a line of its own, under its description', async (command) => {
    const result = await goodhart([command, '--help']);
    const examples = lines(result.stdout.split('Examples:')[1]);
    const commands = examples.filter((l) => l.trim().startsWith('goodhart '));
    expect(commands.length).toBeGreaterThan(0);
    // A command broken across lines would leave a line that is neither a command nor a description.
    for (const line of examples.filter((l) => l.trim() !== '')) expect(line.trim()).toMatch(/^(goodhart |# )/);
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
