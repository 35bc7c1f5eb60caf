import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodhart, lines, REPO } from './goodhart.ts';

/** 4 base rows × (2 + 2) = 16 points of a small meshclaw, 2 replications each. */
const SWEEP = `
scenario: ${join(REPO, 'scenarios/meshclaw.yaml')}
design: sobol
samples: 4
replications: 2
parameters:
  behaviour.rationality: { min: 0.5, max: 3 }
  behaviour.contagion: { min: 0, max: 1 }
outputs: [realOutput, gamingShare]
`;
const SMALL = ['--agents', '100', '--weeks', '8', '--set', 'policies.quota.startWeek=2', '--set', 'policies.leaderboard.startWeek=2', '--quiet'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-sensitivity-'));
  writeFileSync(join(dir, 'sobol.yaml'), SWEEP);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('goodhart sweep with design: sobol', () => {
  it('writes sensitivity.csv and a chart of the indices of each output, the same after merging shards', async () => {
    const out = join(dir, 'all');
    const shards = [1, 2].map((k) => join(dir, `shard-${k}`));
    const results = await Promise.all([
      goodhart(['sweep', join(dir, 'sobol.yaml'), '--out', out, '--workers', '2', ...SMALL]),
      ...shards.map((s, k) => goodhart(['sweep', join(dir, 'sobol.yaml'), '--out', s, '--workers', '1', '--shard', `${k + 1}/2`, ...SMALL])),
    ]);
    expect(results.map((r) => [r.status, r.stderr])).toEqual([[0, ''], [0, ''], [0, '']]);
    const csv = lines(readFileSync(join(out, 'sensitivity.csv'), 'utf8'));
    expect(csv[0]).toBe('output,parameter,method,S1,S1lo,S1hi,ST,STlo,SThi');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'realOutput,behaviour.rationality,sobol',
      'realOutput,behaviour.contagion,sobol',
      'gamingShare,behaviour.rationality,sobol',
      'gamingShare,behaviour.contagion,sobol',
    ]);
    for (const output of ['realOutput', 'gamingShare']) {
      for (const ext of ['vl.json', 'svg', 'png']) expect(existsSync(join(out, 'charts', `sensitivity-${output}.${ext}`))).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(out, 'charts', 'sensitivity-realOutput.vl.json'), 'utf8')).title.text).toBe("Sensitivity of realOutput: Sobol' indices");
    const plan = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(plan.points[8]).toMatchObject({ point: 8, role: { block: 'AB', parameter: 'behaviour.rationality', row: 0 } });
    // runs.csv carries each run's role in the design too.
    const runs = lines(readFileSync(join(out, 'runs.csv'), 'utf8'));
    expect(runs[0]).toMatch(/^point,block,block_parameter,block_row,replication,seed,/);
    expect(runs.find((r) => r.startsWith('8,'))).toMatch(/^8,AB,behaviour\.rationality,0,/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('src="charts/sensitivity-realOutput.svg"');
    // A shard's points are partial: no sensitivity until the shards are merged.
    expect(existsSync(join(shards[0], 'sensitivity.csv'))).toBe(false);

    const merged = join(dir, 'merged');
    const merge = await goodhart(['merge', ...shards, '--out', merged, '--quiet']);
    expect([merge.status, merge.stderr]).toEqual([0, '']);
    for (const f of ['runs.csv', 'sweep.json', 'sensitivity.csv', 'charts/sensitivity-gamingShare.vl.json', 'charts/sensitivity-gamingShare.svg']) {
      expect(readFileSync(join(merged, f), 'utf8')).toBe(readFileSync(join(out, f), 'utf8'));
    }
  });
});
