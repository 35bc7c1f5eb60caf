import { describe, expect, it } from 'vitest';
import { learnedBias } from '../../src/agents/tool-beliefs.ts';
import { startRun, WEEK_STEPS } from '../../src/sim/run.ts';
import { bundled } from '../helpers.ts';

const SEED = 6;
const WEEKS = 52;
/** No one leaves, so every position keeps its engineer and their beliefs can be followed. */
const STAYING = ['people.attritionPerYear=0'];

interface Trace {
  /** aiFitBias before the first week. */
  initial: Float64Array;
  /** aiFitBias at the end of each week. */
  bias: Float64Array[];
  aiFit: Float64Array;
  /** Per position: weeks in which the engineer used the tool. */
  weeksUsing: Int32Array;
  /** Per week: the share of engineers with aiFit < 0 who used the tool. */
  slowedUsing: number[];
}

/** Runs a scenario week by week, following each engineer's bias about the tool. */
function trace(set: string[]): Trace {
  const scenario = bundled('baseline', set);
  const run = startRun(scenario, SEED);
  const { pop, shape } = run.ctx;
  const t: Trace = { initial: pop.aiFitBias.slice(), bias: [], aiFit: pop.aiFit.slice(), weeksUsing: new Int32Array(pop.size), slowedUsing: [] };
  for (let week = 0; week < scenario.weeks; week++) {
    run.ctx.t = week;
    for (const step of WEEK_STEPS) step.run(run);
    let slowed = 0;
    let slowedUsing = 0;
    for (let i = 0; i < pop.size; i++) {
      if (pop.active[i] === 0) continue;
      const using = shape.aiUse[pop.strategy[i]] > 0;
      if (using) t.weeksUsing[i]++;
      if (pop.aiFit[i] < 0) {
        slowed++;
        if (using) slowedUsing++;
      }
    }
    t.bias.push(pop.aiFitBias.slice());
    t.slowedUsing.push(slowedUsing / slowed);
  }
  return t;
}

/** Mean of f(i) over the positions i in `group`. */
const meanOf = (group: number[], f: (i: number) => number) => group.reduce((sum, i) => sum + f(i), 0) / group.length;

describe('beliefs about the tool learn from experience', () => {
  it('one week of use moves the perceived fit toward the experienced one, read through the bias', () => {
    // aiFit −0.2, overrated by 0.5: perceived 0.3. A week seen as it was (ε = 1) is experienced as
    // −0.2 + 0.3 (the perception bias) = 0.1, and the perceived fit moves a tenth of the way to it.
    expect(learnedBias(0.5, -0.2, 1, 1, 0.1, 0.3)).toBeCloseTo(0.5 + 0.1 * (0.1 - 0.3), 12);
    // A week seen 20% better than it was is experienced as 1.2 × 0.8 − 1 = −0.04, plus the bias.
    expect(learnedBias(0.5, -0.2, 1, 1.2, 0.1, 0.3)).toBeCloseTo(0.5 + 0.1 * (-0.04 + 0.3 - 0.3), 12);
    // Half the week with the tool: the same surprise says twice as much about the tool.
    expect(learnedBias(0.5, -0.2, 0.5, 1.2, 0.1, 0.3)).toBeCloseTo(0.5 + 0.1 * ((0.9 * 1.2 - 1) / 0.5 + 0.3 - 0.3), 12);
    expect(learnedBias(0.5, -0.2, 1, 1.2, 0, 0.3)).toBe(0.5);
  });

  const learning = trace(STAYING);
  const n = learning.aiFit.length;
  const always = Array.from({ length: n }, (_, i) => i).filter((i) => learning.weeksUsing[i] === WEEKS);
  const never = Array.from({ length: n }, (_, i) => i).filter((i) => learning.weeksUsing[i] === 0);
  const moved = (week: number) => (i: number) => Math.abs(learning.bias[week][i] - learning.initial[i]);

  it('beliefs of engineers who use the tool move, week after week; those of engineers who do not, never', () => {
    expect(always.length).toBeGreaterThan(300);
    expect(never.length).toBeGreaterThan(30);
    const early = meanOf(always, moved(4));
    const middle = meanOf(always, moved(25));
    const late = meanOf(always, moved(WEEKS - 1));
    expect(early).toBeGreaterThan(0.005);
    expect(middle).toBeGreaterThan(early * 1.5);
    expect(late).toBeGreaterThan(middle);
    expect(meanOf(never, moved(WEEKS - 1))).toBe(0);
  });

  it('they move toward aiFit + perceptionBias, not toward aiFit', () => {
    const perceptionBias = 0.3;
    const distance = (bias: Float64Array) => (i: number) => Math.abs(bias[i] - perceptionBias);
    const before = meanOf(always, distance(learning.initial));
    const after = meanOf(always, distance(learning.bias[WEEKS - 1]));
    expect(after).toBeLessThan(before * 0.6);
    // The bias that remains is the perception bias: perceived fit stays well above the true one.
    const remaining = meanOf(always, (i) => learning.bias[WEEKS - 1][i]);
    expect(Math.abs(remaining - perceptionBias)).toBeLessThan(0.03);
  });

  it('a lower perception bias pulls beliefs down toward it, slowly', () => {
    const sober = trace([...STAYING, 'behaviour.perceptionBias=0']);
    const users = Array.from({ length: n }, (_, i) => i).filter((i) => sober.weeksUsing[i] === WEEKS);
    const start = meanOf(users, (i) => sober.initial[i]);
    const end = meanOf(users, (i) => sober.bias[WEEKS - 1][i]);
    expect(end).toBeLessThan(start - 0.1);
    // Slowly: after a year of use a good part of the bias at hire is still there.
    expect(end).toBeGreaterThan(0.05);
  });

  it('with a learning rate of 0 no belief moves', () => {
    const still = trace([...STAYING, 'behaviour.toolLearningRate=0']);
    expect(still.bias[WEEKS - 1]).toEqual(still.initial);
  });

  /** The share of engineers with aiFit < 0 who use the tool, over the last four weeks. */
  const slowedUsing = (t: Trace) => t.slowedUsing.slice(WEEKS - 4).reduce((a, b) => a + b, 0) / 4;

  it('adoption stays high among engineers the tool slows down', () => {
    const share = slowedUsing(trace([]));
    expect(share).toBeGreaterThan(0.55);
    expect(share).toBeLessThan(0.85);
  });

  it('it is the perception bias that keeps them using it: learning without it, fewer do', () => {
    const sober = trace([...STAYING, 'behaviour.perceptionBias=0']);
    expect(slowedUsing(sober)).toBeLessThan(slowedUsing(learning) - 0.1);
  });
});
