/**
 * Which way is better for the organisation, and the colours that say so. Colour means better or
 * worse, never "went up": a rise in incidents is drawn in the worse colour, a rise in output in the
 * better one. Direction is said by an arrow or a sign beside the number.
 *
 * The direction is the metric's own declaration (src/sim/metrics.ts, `better`), read in one place.
 */
import { KEY_OUTCOMES } from '../experiment/compare.ts';
import { METRICS, type MetricDefinition } from '../sim/metrics.ts';

export type BetterDirection = 'higher' | 'lower';
export type Verdict = 'better' | 'worse' | 'same';

/**
 * Which way an outcome or metric is better for the organisation; undefined when neither is (tokens,
 * belief, shares of strategies). An outcome carries its metric's direction; a key or name is looked
 * up among the key outcomes (`outputLost` is the metric severityLoss), then among the metrics (the
 * core ones, or `metrics`: a model's, with policies' own).
 */
export function betterDirection(
  outcome: { better?: MetricDefinition['better']; key?: string; metric?: string } | string,
  metrics: readonly MetricDefinition[] = METRICS,
): BetterDirection | undefined {
  const o = typeof outcome === 'string' ? { key: outcome } : outcome;
  const declared =
    o.better ?? KEY_OUTCOMES.find((k) => k.key === o.key)?.better ?? metrics.find((m) => m.name === (o.metric ?? o.key))?.better;
  return declared === 'neither' ? undefined : declared;
}

/** Better, worse or the same for the organisation, of a difference b − a. */
export function verdictOf(direction: BetterDirection | undefined, difference: number): Verdict {
  if (direction === undefined || difference === 0 || !Number.isFinite(difference)) return 'same';
  return difference > 0 === (direction === 'higher') ? 'better' : 'worse';
}

/**
 * The verdict of a difference with its 95% interval: better or worse only when the whole interval is
 * on one side of 0, "same" (no clear difference) otherwise.
 */
export function intervalVerdict(direction: BetterDirection | undefined, d: { mean: number; lo: number; hi: number }): Verdict {
  if (!(d.lo > 0 || d.hi < 0)) return 'same';
  return verdictOf(direction, d.mean);
}

/**
 * Okabe-Ito blue for better, vermillion for worse (a pair told apart with any colour vision), grey
 * for no clear difference. The same in the report, explain.html, the charts and the page.
 */
export const VERDICT_COLOURS: Record<Verdict, string> = { better: '#0072B2', worse: '#D55E00', same: '#767676' };
export const VERDICT_LABELS: Record<Verdict, string> = { better: 'Better for the organisation', worse: 'Worse for the organisation', same: 'No clear difference' };

/** An arrow for the direction of a change: up, down, or none. */
export function directionArrow(value: number): string {
  return value > 0 ? '▲' : value < 0 ? '▼' : '';
}
