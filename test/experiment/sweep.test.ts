import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designPoints, gridDesign, lhsDesign, randomDesign, type Parameter, parseSweepText, resolvePlan, type SweepPlan, planJobs, sweep, sweepTable, summarisePoints, type RunRecord, type SweepTable, ScenarioError } from '../../src/index.ts';
import { runsCsv } from '../../src/cli/sweep-files.ts';
import { JOBS_QUEUED_PER_WORKER } from '../../src/experiment/pool.ts';
import { bundleWorker } from '../../src/experiment/worker-bundle.ts';
import { bundled } from '../helpers.ts';

const RANGES: Parameter[] = [
  { name: 'a', min: 0, max: 1 },
  { name: 'b', min: -10, max: 30 },
  { name: 'c', min: 100, max: 100.5 },
];

describe('designs', () => {
  it('a grid is the full product, first parameter slowest, ends exactly at min and max', () => {
    const points = gridDesign([
      { name: 'x', min: 0, max: 0.3, steps: 4 },
      { name: 'y', values: [true, false, 'floor(t / 13)'] },
    ]);
    expect(points).toHaveLength(12);
    expect(points.map((p) => p.x)).toEqual([0, 0, 0, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3]);
    expect(points.slice(0, 3).map((p) => p.y)).toEqual([true, false, 'floor(t / 13)']);
    expect(new Set(points.map((p) => JSON.stringify(p))).size).toBe(12);
  });

  it('a grid rounds integer parameters', () => {
    expect(gridDesign([{ name: 'k', min: 1, max: 10, steps: 4, integer: true }]).map((p) => p.k)).toEqual([1, 4, 7, 10]);
  });

  it('random and lhs are deterministic for a seed, differ between seeds, and stay within the ranges', () => {
    for (const design of ['random', 'lhs'] as const) {
      const one = designPoints(design, RANGES, 50, 7);
      expect(designPoints(design, RANGES, 50, 7)).toEqual(one);
      expect(designPoints(design, RANGES, 50, 8)).not.toEqual(one);
      for (const p of RANGES as { name: string; min: number; max: number }[]) {
        for (const point of one) {
          expect(point[p.name]).toBeGreaterThanOrEqual(p.min);
          expect(point[p.name]).toBeLessThanOrEqual(p.max);
        }
      }
    }
  });

  it('a Latin hypercube has exactly one sample in each stratum of each parameter', () => {
    const n = 37;
    const points = lhsDesign(RANGES, n, 3);
    expect(points).toHaveLength(n);
    for (const p of RANGES as { name: string; min: number; max: number }[]) {
      const strata = points.map((point) => Math.floor((((point[p.name] as number) - p.min) / (p.max - p.min)) * n));
      expect([...strata].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, k) => k));
    }
  });

  it('a Latin hypercube over a list takes each value equally often when the sample size is a multiple', () => {
    const points = lhsDesign([{ name: 'v', values: ['x', 'y', 'z'] }], 30, 1);
    const counts = { x: 0, y: 0, z: 0 } as Record<string, number>;
    for (const p of points) counts[p.v as string]++;
    expect(counts).toEqual({ x: 10, y: 10, z: 10 });
  });

  it('random draws cover the range (no clumping at one end)', () => {
    const points = randomDesign([{ name: 'a', min: 0, max: 1 }], 400, 1);
    const below = points.filter((p) => (p.a as number) < 0.5).length;
    expect(below).toBeGreaterThan(160);
    expect(below).toBeLessThan(240);
  });
});

const SMALL = ['agents=100', 'weeks=10', 'policies.quota.startWeek=2', 'policies.review.startWeek=2'];

function plan(text: string): SweepPlan {
  return resolvePlan(parseSweepText(text, 'test.yaml'), bundled('meshclaw', SMALL), 'test.yaml');
}

const GRID = `
scenario: ../meshclaw.yaml
design: grid
replications: 3
seed: 5
parameters:
  policies.quota.target: { min: 0, max: 40000000, steps: 2 }
  behaviour.contagion: { values: [0.2, 0.9] }
outputs: [realOutput, gamingShare, trust@final]
`;

function errorOf(text: string): string {
  try {
    plan(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('sweep files', () => {
  it('resolve into points, seeds and outputs', () => {
    const p = plan(GRID);
    expect(p.points).toHaveLength(4);
    expect(p.outputs).toEqual([
      { column: 'realOutput', metric: 'realOutput', over: 'whole' },
      { column: 'gamingShare', metric: 'gamingShare', over: 'whole' },
      { column: 'trust@final', metric: 'trust', over: 'final' },
    ]);
    expect(planJobs(p).map((j) => j.seed)).toEqual([5, 6, 7, 5, 6, 7, 5, 6, 7, 5, 6, 7]);
  });

  it('name an unknown parameter path with the nearest field', () => {
    expect(errorOf(GRID.replace('behaviour.contagion', 'behaviour.contagoin'))).toBe(
      'test.yaml: parameters.behaviour.contagoin: unknown scenario path: no field "contagoin" in behaviour; did you mean "contagion"? ' +
        // The list is cut at the 300 characters a message may take.
        'Fields in behaviour: revisionRate, rationality, inertia, gamingAversion, padderGaming, autopilotGaming, contagion, conformity, suspicion, learningRate, too…',
    );
  });

  it('refuse min > max', () => {
    expect(errorOf(GRID.replace('{ min: 0, max: 40000000', '{ min: 5, max: 1'))).toBe('test.yaml: parameters.policies.quota.target.max: must be at least min (5), got 1');
  });

  it('refuse an unknown design', () => {
    expect(errorOf(GRID.replace('design: grid', 'design: sobel'))).toBe('test.yaml: design: must be one of grid, random, lhs, sobol, morris, got "sobel"; did you mean "sobol"?');
  });

  it('refuse an unknown output metric', () => {
    expect(errorOf(GRID.replace('trust@final', 'trsut@final'))).toMatch(/^test\.yaml: outputs\.2: unknown metric "trsut"; did you mean "trust"\? Metrics: realOutput, /);
    expect(errorOf(GRID.replace('trust@final', 'trust@start'))).toMatch(/^test\.yaml: outputs\.2: "trust@start": write a metric, or metric@final/);
  });

  it('refuse a value the scenario does not allow, naming the point', () => {
    expect(errorOf(GRID.replace('values: [0.2, 0.9]', 'values: [0.2, 1.5]'))).toBe('test.yaml: parameters.behaviour.contagion: at point 1 = 1.5: must be at most 1, got 1.5');
  });
});

describe('sweep', () => {
  const p = plan(GRID);
  // Each pool bundles its worker and starts threads (a fraction of a second); the runs themselves are tiny.
  let reference: Promise<SweepTable> | undefined;
  const onOneWorker = () => (reference ??= sweep(p, { workers: 1 }));

  it('gives byte-identical runs for 1, 2 and 4 workers', async () => {
    const one = await onOneWorker();
    expect(one.complete).toBe(true);
    expect(one.rows).toHaveLength(12);
    expect(one.columns).toEqual(['point', 'replication', 'seed', 'policies.quota.target', 'behaviour.contagion', 'realOutput', 'gamingShare', 'trust@final']);
    const csv = runsCsv(one);
    expect(runsCsv(await sweep(p, { workers: 2 }))).toBe(csv);
    expect(runsCsv(await sweep(p, { workers: 4 }))).toBe(csv);
    // Common random numbers: replication r of every point has seed 5 + r.
    expect(one.rows.filter((r) => r.replication === 1).every((r) => r.seed === 6)).toBe(true);
    // The points differ where the parameters matter.
    const summary = summarisePoints(p, one);
    expect(summary).toHaveLength(4);
    expect(summary[0].replications).toBe(3);
    expect(summary[0].outputs.gamingShare.mean).not.toBe(summary[3].outputs.gamingShare.mean);
  });

  it('runs only its shard, skips the runs it is given, and reports progress up to the total', async () => {
    const one = await onOneWorker();
    const records = one.rows.map((r) => ({ point: r.point, replication: r.replication, seed: r.seed, outputs: p.outputs.map((o) => r[o.column] as number) }));
    const previous = records.filter((r) => r.point * 3 + r.replication < 8);
    const ran: RunRecord[] = [];
    const progress: number[] = [];
    const shard = await sweep(p, { workers: 1, shard: { index: 2, count: 3 }, previous, onRun: (r) => ran.push(r), onProgress: (done) => progress.push(done) });
    // Shard 2 of 3 holds runs 1, 4, 7 and 10; the first three were given.
    expect(shard.rows.map((r) => r.point * 3 + r.replication)).toEqual([1, 4, 7, 10]);
    expect(ran.map((r) => r.point * 3 + r.replication)).toEqual([10]);
    expect(progress).toEqual([3, 4]);
    expect(runsCsv(shard)).toBe(runsCsv(sweepTable(p, records.filter((r) => (r.point * 3 + r.replication) % 3 === 1))));
  });

  it('runs in the calling thread with workers: 0 (and where threads cannot load the worker), giving the same runs', async () => {
    const inline = await sweep(p, { workers: 0 });
    expect(runsCsv(inline)).toBe(runsCsv(await onOneWorker()));
    let finished = 0;
    const stopped = await sweep(p, { workers: 0, onRun: () => finished++, shouldStop: () => finished >= 5 });
    expect([stopped.complete, stopped.rows.length]).toEqual([false, 5]);
  });

  it('stops handing out runs when asked, finishing those already handed out', async () => {
    let finished = 0;
    const table = await sweep(p, { workers: 1, onRun: () => finished++, shouldStop: () => finished >= 2 });
    expect(table.complete).toBe(false);
    // When the second run finishes, the worker already holds the next ones queued behind it.
    expect(table.rows).toHaveLength(2 + JOBS_QUEUED_PER_WORKER - 1);
  });

  it('starts its threads, from the sources, from one bundled file of the one worker entry, the same for the same code', async () => {
    const source = new URL('../../src/experiment/worker.ts', import.meta.url);
    const first = await bundleWorker(source);
    expect(first?.href).toMatch(/\/node_modules\/\.cache\/goodhart\/worker-[0-9a-f]{16}\.mjs$/);
    expect(existsSync(first!)).toBe(true);
    expect((await bundleWorker(source))?.href).toBe(first!.href);
    // Where it cannot bundle, the pool runs its jobs in the calling thread (see the test above).
    expect(await bundleWorker(new URL('../../src/experiment/no-such-worker.ts', import.meta.url))).toBeUndefined();
  });
});
