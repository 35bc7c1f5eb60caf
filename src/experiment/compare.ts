/**
 * Comparing scenarios: the key outcomes of each, and paired differences (b − a) computed seed by
 * seed. Seed k of every scenario shares its random streams (common random numbers), so the
 * difference of seed k is the policy's effect on the same organisation and the interval is narrow.
 */
import { metricDefinition, type MetricDefinition, type MetricName } from '../sim/metrics.ts';
import type { ScenarioResult } from './replicate.ts';
import { finalWeek, interval, wholeRun, type Interval } from './summary.ts';

/** An outcome leadership compares: a metric, over the whole run or at the final week. */
export interface Outcome {
  key: string;
  metric: MetricName;
  over: 'whole' | 'final';
  label: string;
  unit: string;
  /** Which direction is better for the organisation: the metric's declaration says. */
  better: MetricDefinition['better'];
}

/** The outcome of a metric, over the whole run (flows summed, states averaged) or at the final week; label, unit and direction from its declaration. */
export function outcomeOf(metric: MetricName, over: Outcome['over'] = 'whole', metrics?: readonly MetricDefinition[]): Outcome {
  const m = metricDefinition(metric, metrics);
  return { key: metric, metric, over, label: over === 'final' ? `${m.label} at the end` : m.label, unit: m.unit, better: m.better };
}

/** The outcomes a comparison and its report lead with, in order. */
export const KEY_OUTCOMES: readonly Outcome[] = [
  outcomeOf('realOutput'),
  outcomeOf('spend'),
  outcomeOf('outputPerDollar'),
  outcomeOf('incidents'),
  // What incidents cost in the organisation's own currency: a count of incidents hides their severity.
  { ...outcomeOf('severityLoss'), key: 'outputLost' },
  outcomeOf('gamingShare'),
  outcomeOf('trust', 'final'),
  outcomeOf('attrition'),
];

/** An outcome's name with its unit, for titles and tables: "Real output (engineer-weeks)", but "Incidents". */
export function outcomeTitle(outcome: { label: string; unit: string }): string {
  return outcome.unit.toLowerCase() === outcome.label.toLowerCase() ? outcome.label : `${outcome.label} (${outcome.unit})`;
}

/** An outcome's value in each run of a result, in seed order. */
export function outcomeValues(result: ScenarioResult, outcome: Outcome): number[] {
  return result.runs.map((run) => (outcome.over === 'whole' ? wholeRun(run, outcome.metric) : finalWeek(run, outcome.metric)));
}

/** One outcome of one scenario, with its interval over seeds. */
export interface OutcomeRow extends Interval {
  scenario: string;
  outcome: string;
  label: string;
  unit: string;
}

/** Mean and 95% interval of each key outcome of a scenario. */
export function outcomeRows(result: ScenarioResult, outcomes: readonly Outcome[] = KEY_OUTCOMES): OutcomeRow[] {
  return outcomes.map((o) => ({ scenario: result.scenario.name, outcome: o.key, label: o.label, unit: o.unit, ...interval(outcomeValues(result, o)) }));
}

/** A paired difference of one outcome between a scenario and the first one compared, with its interval over seeds. */
export interface DifferenceRow extends Interval {
  /** The scenario compared (b). */
  scenario: string;
  /** The reference it is compared against (a). */
  against: string;
  outcome: string;
  label: string;
  unit: string;
  /** The difference and its interval relative to the mean of a (0 when a's mean is 0). */
  relative: number;
  relativeLo: number;
  relativeHi: number;
}

/**
 * Paired differences b − a of each key outcome, seed by seed. Both results must have the same seeds.
 * `over` makes the interval: the mean's t-interval by default, or `spread` for runs whose parameters
 * were drawn from a posterior.
 *
 * @example
 * ```ts
 * const rows = pairedDifferences(runScenario(baseline, { seeds: 20 }), runScenario(meshclaw, { seeds: 20 }));
 * ```
 */
export function pairedDifferences(
  a: ScenarioResult,
  b: ScenarioResult,
  outcomes: readonly Outcome[] = KEY_OUTCOMES,
  over: (values: readonly number[]) => Interval = interval,
): DifferenceRow[] {
  if (a.seeds.length !== b.seeds.length || a.seeds.some((s, k) => s !== b.seeds[k])) {
    throw new Error(`paired differences need the same seeds in both scenarios (${a.scenario.name}: ${a.seeds.length}, ${b.scenario.name}: ${b.seeds.length})`);
  }
  return outcomes.map((o) => {
    const va = outcomeValues(a, o);
    const vb = outcomeValues(b, o);
    const meanA = va.reduce((s, v) => s + v, 0) / va.length;
    const diff = over(vb.map((v, k) => v - va[k]));
    const scale = meanA !== 0 ? 1 / Math.abs(meanA) : 0;
    return {
      scenario: b.scenario.name,
      against: a.scenario.name,
      outcome: o.key,
      label: o.label,
      unit: o.unit,
      ...diff,
      relative: diff.mean * scale,
      relativeLo: diff.lo * scale,
      relativeHi: diff.hi * scale,
    };
  });
}
