import { describe, expect, it } from 'vitest';
import { replicationJobs } from '../../src/experiment/replicate.ts';
import { simulate } from '../../src/sim/run.ts';
import { bundled } from '../helpers.ts';

describe('replication jobs', () => {
  it('give, to the byte, what a run on its own gives: the small run that settles a thread first changes nothing', () => {
    const names = ['baseline', 'meshclaw'];
    const small = ['agents=300', 'weeks=20'];
    const scenarios = names.map((name) => bundled(name, small));
    const runJob = replicationJobs({ scenarios, settle: true });
    for (const [scenario, seed] of [[1, 7], [0, 3], [1, 8]]) {
      const job = runJob({ scenario, seed, snapshot: false });
      // Loaded afresh: nothing the settling run or the jobs did to their scenarios reaches it.
      const alone = simulate(bundled(names[scenario], small), seed);
      expect(job.weeks).toBe(20);
      expect(Object.keys(job.metrics)).toEqual(Object.keys(alone.metrics));
      for (const [name, column] of Object.entries(alone.metrics)) expect(Array.from(job.metrics[name]), name).toEqual(Array.from(column));
    }
  });
});
