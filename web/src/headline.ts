/**
 * The headline numbers of a scenario, in large type: a few of the key outcomes of the comparison
 * report, read from the weekly means up to a week (so that they count up during play), and B − A
 * coloured by whether the organisation is better or worse off.
 */
import { betterDirection, verdictOf, type Verdict, type ScenarioChartData, KEY_OUTCOMES, type Outcome, formatDifference, formatNumber, METRICS, type MetricName } from '../../src/browser.ts';

/** A headline is a key outcome; its metric's declaration says which way is better, what colours B − A. */
export type Headline = Outcome;

/** The outcomes in large type: what a room argues about. */
const SHOWN = ['realOutput', 'spend', 'incidents', 'trust', 'gamingShare'];

export const HEADLINES: readonly Headline[] = KEY_OUTCOMES.filter((o) => SHOWN.includes(o.key));

/** Mean over seeds of each metric, week by week. */
export type WeeklyMeans = Map<MetricName, Float64Array>;

/** The weekly means of every core metric, and of whatever metrics the model's policies add to the bands. */
export function weeklyMeans(data: ScenarioChartData, weeks: number): WeeklyMeans {
  const means: WeeklyMeans = new Map(METRICS.map((m) => [m.name, new Float64Array(weeks)]));
  for (const band of data.bands) {
    let column = means.get(band.metric);
    if (!column) means.set(band.metric, (column = new Float64Array(weeks)));
    column[band.week] = band.mean;
  }
  return means;
}

/**
 * An outcome up to and including `week`: flows summed, states averaged over weeks, or the value in
 * that week; at the last week these are the figures of `goodhart run`'s summary.json.
 */
export function outcomeAt(means: WeeklyMeans, metric: MetricName, over: Outcome['over'], week: number): number {
  return outcomeOf(means.get(metric)!, metric, over, week);
}

/** {@link outcomeAt} of one weekly series (a seed's, or the means over seeds). */
export function outcomeOf(column: Float64Array, metric: MetricName, over: Outcome['over'], week: number): number {
  if (week < 0 || column.length === 0) return 0;
  if (over === 'final') return column[week];
  let total = 0;
  for (let t = 0; t <= week; t++) total += column[t];
  const aggregate = METRICS.find((m) => m.name === metric)!.aggregate;
  return aggregate === 'sum' ? total : total / (week + 1);
}

/** 'better', 'worse' or 'same' for a difference b − a of a headline. */
export function verdict(headline: Headline, difference: number): Verdict {
  return verdictOf(betterDirection(headline), difference);
}

const MILLION = 1e6;
/** Below this many dollars a figure is written in full. */
const DOLLARS_IN_FULL = 1e4;

/** A figure short enough for large type: dollars in thousands or millions, the rest as in the report. */
export function formatFigure(value: number, unit: string): string {
  const sign = value < 0 ? '−' : '';
  const size = Math.abs(value);
  if (unit === 'dollars' && size >= MILLION) return `${sign}$${(size / MILLION).toFixed(1)}M`;
  if (unit === 'dollars' && size >= DOLLARS_IN_FULL) return `${sign}$${Math.round(size / 1e3)}k`;
  return formatNumber(value, unit);
}

/** A signed difference of a figure; shares in percentage points. */
export function formatFigureDifference(value: number, unit: string): string {
  if (unit === 'share') return formatDifference(value, unit);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${formatFigure(Math.abs(value), unit)}`;
}
