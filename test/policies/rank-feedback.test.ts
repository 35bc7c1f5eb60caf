import { describe, expect, it } from 'vitest';
import { effortTarget, type RankFeedbackState } from '../../src/policies/rank-feedback.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { simulate, startRun, WEEK_STEPS } from '../../src/sim/run.ts';
import { usagePercentileAt } from '../../src/sim/usage-distribution.ts';
import { bundled } from '../helpers.ts';

const WEEKS = 52;
/** Output is compared over the last quarter of the year, when the board has been up for months. */
const FROM_WEEK = 39;

/** One run to the end, with per position: effort, morale and rank surprise at the end, output summed from FROM_WEEK, and whether the engineer was there all year. */
function finalState(scenario: Scenario, seed: number) {
  const run = startRun(scenario, seed);
  const { pop } = run.ctx;
  const output = new Float64Array(pop.size);
  for (let t = 0; t < scenario.weeks; t++) {
    run.ctx.t = t;
    for (const step of WEEK_STEPS) step.run(run);
    if (t >= FROM_WEEK) for (let i = 0; i < pop.size; i++) output[i] += pop.output[i];
  }
  const state = run.policies.find((p) => p.policy.name === 'leaderboard')!.state as RankFeedbackState;
  const stayed = pop.tenure.map((weeks, i) => (pop.active[i] !== 0 && weeks === scenario.people.rampWeeks + scenario.weeks ? 1 : 0));
  // The expectation has already moved toward this week's rank; its sign against the rank is the surprise's.
  const surprise = state.expected.map((e, i) => (e < 0 ? 0 : usagePercentileAt(run.ctx.org.usage, pop.usagePosition[i]) - e));
  return { output, stayed, surprise, motivation: pop.motivation.slice(), morale: pop.morale.slice() };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('rank feedback: how a leaderboard moves effort (src/policies/rank-feedback.ts)', () => {
  it('effort heads up for a rank above expectation and down, twice as far, for one below; no weight, no change', () => {
    expect(effortTarget(0.2, 0.5, 0.5, 1)).toBeCloseTo(1.05, 12);
    expect(effortTarget(-0.2, 0.5, 0.5, 1)).toBeCloseTo(0.9, 12);
    expect(effortTarget(-0.2, 0, 0.5, 1)).toBe(1);
    expect(effortTarget(0, 1, 0.5, 1)).toBe(1);
    // Negative gains reverse the response (being ranked low spurs effort: Kuhnen and Tymula 2012).
    expect(effortTarget(-0.2, 0.5, 0.5, -1)).toBeCloseTo(1.1, 12);
    // Effort is never negative, nor more than twice the usual.
    expect(effortTarget(-1, 10, 0.5, 1)).toBe(0);
    expect(effortTarget(1, 10, 0.5, 1)).toBe(2);
  });

  it('engineers ranked below their expectation end with less effort and less real output than without the board; those above with more effort', () => {
    const board = finalState(bundled('leaderboard-only'), 1);
    // The same seed without the board: the same engineers, the same noise where the mechanics agree.
    const none = finalState(bundled('leaderboard-only', ['policies.leaderboard.enabled=false']), 1);
    const positions = Array.from(board.stayed.keys()).filter((i) => board.stayed[i] && none.stayed[i]);
    const below = positions.filter((i) => board.surprise[i] < 0);
    const above = positions.filter((i) => board.surprise[i] > 0);
    expect(below.length).toBeGreaterThan(100);
    expect(above.length).toBeGreaterThan(100);

    const effortBelow = mean(below.map((i) => board.motivation[i]));
    const effortAbove = mean(above.map((i) => board.motivation[i]));
    expect(effortBelow).toBeLessThan(0.997);
    expect(effortAbove).toBeGreaterThan(1.005);
    // Without a board nobody's effort moves.
    expect(positions.every((i) => none.motivation[i] === 1)).toBe(true);

    const outputBelow = mean(below.map((i) => board.output[i]));
    const outputBelowWithout = mean(below.map((i) => none.output[i]));
    expect(outputBelow).toBeLessThan(0.997 * outputBelowWithout);
    // Morale follows effort: those the board discourages end lower than those it encourages.
    expect(mean(below.map((i) => board.morale[i]))).toBeLessThan(mean(above.map((i) => board.morale[i])));
  });

  it('with visibility 0 nobody sees the board and the effect vanishes', () => {
    const hidden = bundled('leaderboard-only', ['policies.leaderboard.visibility=0']);
    const end = finalState(hidden, 1);
    expect(end.motivation.every((m) => m === 1)).toBe(true);
    // The same as a board with no rank feedback at all, to the last bit; at full visibility the gains do change the run.
    const noFeedback = ['policies.leaderboard.effortGainAbove=0', 'policies.leaderboard.effortGainBelow=0', 'policies.leaderboard.moraleFromEffort=0'];
    const flat = bundled('leaderboard-only', ['policies.leaderboard.visibility=0', ...noFeedback]);
    const a = simulate(hidden, 1, { checkInvariants: true }).metrics;
    const b = simulate(flat, 1, { checkInvariants: true }).metrics;
    for (const name of ['realOutput', 'morale', 'attrition', 'tokens']) expect(Array.from(a[name])).toEqual(Array.from(b[name]));
    expect(Array.from(a.rankEffort).every((e) => e === 1)).toBe(true);

    const seen = simulate(bundled('leaderboard-only'), 1).metrics;
    const seenFlat = simulate(bundled('leaderboard-only', noFeedback), 1).metrics;
    expect(Array.from(seen.realOutput.slice(8, WEEKS))).not.toEqual(Array.from(seenFlat.realOutput.slice(8, WEEKS)));
    expect(Math.min(...Array.from(seen.rankEffort.slice(9, WEEKS)))).not.toBe(1);
  });
});
