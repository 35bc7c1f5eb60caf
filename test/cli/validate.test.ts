import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodhart, lines, oneErrorLine } from './goodhart.ts';

const BUNDLED = ['baseline', 'guarded-deploys', 'leaderboard-only', 'meshclaw', 'outcome-based', 'quota-only'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-validate-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each test is its own process; running them concurrently overlaps their start-up.
describe.concurrent('goodhart validate', () => {
  it('prints ok for every good file and exits 0, with the overrides applied', async () => {
    const result = await goodhart(['validate', ...BUNDLED.map((n) => `scenarios/${n}.yaml`), '--weeks', '5', '--agents', '300']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual(BUNDLED.map((n) => `scenarios/${n}.yaml: ok (${n}: 300 engineers, 5 weeks)`));
  });

  it('exits 1 for a bad file, with one error line naming the file and the field and no stack trace', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\npolicies:\n  quota:\n    coverage: "t / 10"\n');
    const good = 'scenarios/baseline.yaml';
    const result = await goodhart(['validate', bad, good]);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `goodhart: error: ${bad}: policies.quota.coverage: the expression "t / 10" gives 1.1 at week 11; allowed 0 to 1`,
    ]);
    // The other files are still checked.
    expect(result.stdout).toBe(`${good}: ok (baseline: 1000 engineers, 52 weeks)\n`);
  });

  it('exits 1 for a bad --set, with a "did you mean"', async () => {
    const result = await goodhart(['validate', 'scenarios/meshclaw.yaml', '--set', 'policies.quota.covrage=0.5']);
    expect(result.status).toBe(1);
    expect(oneErrorLine(result.stderr)).toMatch(
      /^goodhart: error: scenarios\/meshclaw\.yaml: policies\.quota: unknown field "covrage"; did you mean "coverage"\?/,
    );
  });

  it('refuses extends outside the folder unless --allow-outside', async () => {
    mkdirSync(join(dir, 'inner'), { recursive: true });
    writeFileSync(join(dir, 'parent.yaml'), 'name: parent\nagents: 1000\n');
    const child = join(dir, 'inner', 'child.yaml');
    writeFileSync(child, `name: child\nextends: ../parent.yaml\nweeks: 4\n`);
    const refused = await goodhart(['validate', child]);
    expect(refused.status).toBe(1);
    expect(oneErrorLine(refused.stderr)).toMatch(/extends: "\.\.\/parent\.yaml" is outside the scenario's folder .*; pass --allow-outside to allow it$/);
    const allowed = await goodhart(['validate', child, '--allow-outside']);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toBe(`${child}: ok (child: 1000 engineers, 4 weeks)\n`);
    // Two processes in a row on a loaded machine.
  }, 180_000);

  it('lists every problem of a file, one line each, and exits 1', async () => {
    const bad = join(dir, 'three.yaml');
    writeFileSync(bad, 'name: three\nweeks: -1\nagents: 0\npopulation:\n  care: {dist: beta, mean: 2, sd: 0.1}\n');
    const result = await goodhart(['validate', bad]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `goodhart: error: ${bad}: weeks: must be at least 0, got -1\n` +
        `goodhart: error: ${bad}: agents: must be at least 1, got 0\n` +
        `goodhart: error: ${bad}: population.care.mean: a beta mean must lie strictly between 0 and 1, got 2\n`,
    );
  });

  it('reaches a bundled scenario by name from a scenario in any folder', async () => {
    const child = join(dir, 'by-name.yaml');
    writeFileSync(child, 'name: by-name\nextends: meshclaw\nweeks: 5\n');
    const result = await goodhart(['validate', child]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${child}: ok (by-name: 1000 engineers, 5 weeks)\n`);
  });

  it('sets one field of a distribution the scenario does not name, on its default', async () => {
    const result = await goodhart(['validate', 'scenarios/baseline.yaml', '--set', 'population.aiFitBias.mean=0.1']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses --set extends=... with a sentence', async () => {
    const result = await goodhart(['validate', 'scenarios/baseline.yaml', '--set', 'extends=/etc/passwd']);
    expect(result.status).toBe(1);
    expect(oneErrorLine(result.stderr)).toBe(
      'goodhart: error: scenarios/baseline.yaml: extends: --set cannot change extends: parents are read before overrides apply; write extends in the scenario file',
    );
  });
});
