import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodhart, lines, oneErrorLine, REPO } from './goodhart.ts';

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
    const child = join(dir, 'child.yaml');
    writeFileSync(child, `name: child\nextends: ${join(REPO, 'scenarios', 'meshclaw.yaml')}\nweeks: 4\n`);
    const refused = await goodhart(['validate', child]);
    expect(refused.status).toBe(1);
    expect(oneErrorLine(refused.stderr)).toMatch(/extends: ".*meshclaw\.yaml" is outside the scenario's folder .*; pass --allow-outside to allow it$/);
    const allowed = await goodhart(['validate', child, '--allow-outside']);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toBe(`${child}: ok (child: 1000 engineers, 4 weeks)\n`);
  });
});
