import { loadScenario, type Scenario, runScenario, type ScenarioResult, simulate, type MetricName } from '../src/index.ts';
/** Shared helpers of the model tests: bundled scenarios, runs with invariants on, per-engineer snapshots. */

export function bundled(name: string, set: string[] = []): Scenario {
  return loadScenario(new URL(`../scenarios/${name}.yaml`, import.meta.url).pathname, { set });
}

export function replicate(scenario: Scenario, seeds: number): ScenarioResult {
  return runScenario(scenario, { seeds, checkInvariants: true });
}

/** Mean over seeds of a metric, averaged over weeks [from, to). */
export function meanOver(result: ScenarioResult, metric: MetricName, from: number, to: number): number {
  let total = 0;
  for (const run of result.runs) {
    for (let t = from; t < to; t++) total += run.metrics[metric][t];
  }
  return total / (result.runs.length * (to - from));
}

/** Mean over seeds of a metric summed over all weeks. */
export function totalOf(result: ScenarioResult, metric: MetricName): number {
  return result.runs.reduce((sum, run) => sum + run.metrics[metric].reduce((a, b) => a + b, 0), 0) / result.runs.length;
}

/** Copies of chosen per-engineer arrays at the end of week t. */
export function snapshot(scenario: Scenario, seed: number, t: number) {
  let copy: { tokens: Float64Array; active: Uint8Array; usageTarget: Float64Array; skill: Float64Array; integrity: Float64Array; strategy: Uint8Array } | undefined;
  simulate(scenario, seed, {
    checkInvariants: true,
    onWeek: (week, ctx) => {
      if (week !== t) return;
      const p = ctx.pop;
      copy = { tokens: p.tokens.slice(), active: p.active.slice(), usageTarget: ctx.signals.usageTarget.slice(), skill: p.skill.slice(), integrity: p.integrity.slice(), strategy: p.strategy.slice() };
    },
  });
  if (!copy) throw new Error(`week ${t} was not reached`);
  return copy;
}
