import { describe, expect, it } from 'vitest';
import { loadSweep, parseSweepText, resolvePlan, type SweepPlan, sweep, sweepSensitivity, ScenarioError } from '../../src/index.ts';
import { runsCsv, sensitivityCsv } from '../../src/cli/sweep-files.ts';
import { sweepMorris } from '../../src/experiment/designs.ts';
import { morrisIndices } from '../../src/experiment/sensitivity.ts';
import { bundled } from '../helpers.ts';

const SMALL = ['agents=100', 'weeks=8', 'policies.quota.startWeek=2', 'policies.leaderboard.startWeek=2'];
const PARAMETERS = `
parameters:
  behaviour.rationality: { min: 0.5, max: 3 }
  behaviour.contagion: { min: 0, max: 1 }
  policies.review.managerWeight.mean: { min: 0.05, max: 0.55 }
outputs: [realOutput, spend, gamingShare]
`;
const NAMES = ['behaviour.rationality', 'behaviour.contagion', 'policies.review.managerWeight.mean'];
const OUTPUTS = ['realOutput', 'spend', 'gamingShare'];

function plan(head: string, body = PARAMETERS): SweepPlan {
  return resolvePlan(parseSweepText(`scenario: meshclaw.yaml\n${head}${body}`, 'test.yaml'), bundled('meshclaw', SMALL), 'test.yaml');
}

function message(head: string, body = PARAMETERS): string {
  try {
    plan(head, body);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('sobol and morris sweep files', () => {
  it('sobol runs the Saltelli rows scaled to the ranges, each with its block and base row', () => {
    const p = plan('design: sobol\nsamples: 4\n');
    expect(p.points).toHaveLength(4 * (3 + 2));
    expect(p.roles).toHaveLength(20);
    expect(p.roles![0]).toEqual({ block: 'A', row: 0 });
    expect(p.roles![4]).toEqual({ block: 'B', row: 0 });
    expect(p.roles![8 + 3]).toEqual({ block: 'AB', parameter: NAMES[0], row: 3 });
    // Sobol' point 1 is (0.5, ..., 0.5): the middle of every range in A and in B.
    expect(p.points[1]).toEqual({ [NAMES[0]]: 1.75, [NAMES[1]]: 0.5, [NAMES[2]]: 0.3 });
    expect(p.points[5]).toEqual(p.points[1]);
    // AB_0 is A with the first parameter from B.
    for (let j = 0; j < 4; j++) expect(p.points[8 + j]).toEqual({ ...p.points[j], [NAMES[0]]: p.points[4 + j][NAMES[0]] });
  });

  it('morris runs trajectories of d + 1 points, each step moving the named parameter', () => {
    const p = plan('design: morris\nsamples: 3\nlevels: 6\n');
    expect(p.levels).toBe(6);
    expect(p.points).toHaveLength(3 * 4);
    for (let k = 0; k < p.points.length; k++) {
      const role = p.roles![k] as { trajectory: number; step: number; moved?: string };
      expect([role.trajectory, role.step]).toEqual([Math.floor(k / 4), k % 4]);
      if (role.step === 0) continue;
      const changed = NAMES.filter((n) => p.points[k][n] !== p.points[k - 1][n]);
      expect(changed).toEqual([role.moved]);
    }
    expect(plan('design: morris\nsamples: 3\n').levels).toBe(4);
  });

  it('the bundled meshclaw-sobol.yaml: 8 parameters, 512 base rows, as its header says', () => {
    const p = loadSweep(new URL('../../scenarios/sweeps/meshclaw-sobol.yaml', import.meta.url).pathname, { set: ['agents=200', 'weeks=26'] });
    expect([p.design, p.parameters.length, p.points.length, p.points.length * p.replications]).toEqual(['sobol', 8, 5120, 25600]);
    expect(p.outputs.map((o) => o.column)).toEqual(['realOutput', 'spend', 'gamingShare', 'trust@final']);
  });

  it('morris with a whole-number parameter: effects divide by the step it really took', () => {
    const body = 'parameters:\n  policies.leaderboard.topK: { min: 1, max: 8, integer: true }\n  behaviour.contagion: { min: 0, max: 1 }\noutputs: [spend]\n';
    const p = plan('design: morris\nsamples: 5\n', body);
    expect(p.points.every((point) => Number.isInteger(point['policies.leaderboard.topK']))).toBe(true);
    // y = topK itself: its effect per unit of the unit cube is its range, 7, however the steps were rounded.
    const y = p.points.map((point) => point['policies.leaderboard.topK'] as number);
    const [topK, contagion] = morrisIndices(sweepMorris(p.parameters, 5, 4, p.seed), y);
    expect(topK.muStar).toBeCloseTo(7, 12);
    expect(topK.sigma).toBeCloseTo(0, 12);
    expect(contagion.muStar).toBe(0);
    expect(message('design: morris\nsamples: 4\n', 'parameters:\n  policies.leaderboard.topK: { min: 1, max: 2, integer: true }\noutputs: [spend]\n')).toMatch(
      /parameters.policies.leaderboard.topK: is a whole number from 1 to 2, too narrow for a morris design of 4 levels: .* at least 1.5$/,
    );
  });

  it('says what is wrong with a sobol or morris sweep file', () => {
    expect(message('design: sobol\nsamples: 100\n')).toMatch(/samples: must be a power of 2 for a sobol design .*got 100; use 64 or 128/);
    expect(message('design: sobol\n')).toMatch(/samples: is required for design sobol: N, the base rows \(a power of 2\)/);
    expect(message('design: morris\nsamples: 1\n')).toMatch(/samples: must be at least 2 for a morris design/);
    expect(message('design: morris\nsamples: 4\nlevels: 5\n')).toMatch(/levels: must be an even number/);
    expect(message('design: lhs\nsamples: 4\nlevels: 4\n')).toMatch(/levels: is for a morris design only/);
    expect(message('design: sobol\nsamples: 4\n', 'parameters:\n  behaviour.contagion: { values: [0, 1] }\noutputs: [spend]\n')).toMatch(
      /parameters.behaviour.contagion: a sobol design needs a range \{ min: ..., max: ... \}/,
    );
    expect(message('design: morris\nsamples: 4\n', 'parameters:\n  behaviour.contagion: { min: 0, max: 1, steps: 3 }\noutputs: [spend]\n')).toMatch(
      /parameters.behaviour.contagion.steps: is for a grid/,
    );
  });
});

describe('sensitivity at the end of a sweep', () => {
  for (const [design, head, runs] of [
    ['sobol', 'design: sobol\nsamples: 4\nreplications: 2\n', 40],
    ['morris', 'design: morris\nsamples: 4\nreplications: 2\n', 32],
  ] as const) {
    it(`${design}: indices for every output × parameter, the same for 1 and 2 workers`, async () => {
      const p = plan(head);
      const [one, two] = await Promise.all([sweep(p, { workers: 1 }), sweep(p, { workers: 2 })]);
      expect(one.rows).toHaveLength(runs);
      expect(runsCsv(two)).toBe(runsCsv(one));
      const results = sweepSensitivity(p, one);
      expect(sensitivityCsv(sweepSensitivity(p, two))).toBe(sensitivityCsv(results));
      expect(results.map((r) => [r.output, r.method, r.skipped])).toEqual(OUTPUTS.map((o) => [o, design, undefined]));
      for (const r of results) {
        const rows = design === 'sobol' ? r.sobol! : r.morris!;
        expect(rows.map((x) => x.parameter)).toEqual(NAMES);
        for (const x of rows) for (const v of Object.values(x)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }
      const csv = sensitivityCsv(results).split('\n');
      expect(csv[0]).toBe(design === 'sobol' ? 'output,parameter,method,S1,S1lo,S1hi,ST,STlo,SThi' : 'output,parameter,method,mu,muStar,sigma');
      expect(csv.filter((l) => l !== '')).toHaveLength(1 + OUTPUTS.length * NAMES.length);
    });
  }

  it('is nothing for a grid', async () => {
    const p = plan('design: grid\n', 'parameters:\n  behaviour.contagion: { min: 0, max: 1, steps: 2 }\noutputs: [spend]\n');
    expect(sweepSensitivity(p, await sweep(p))).toEqual([]);
  });
});
