/**
 * Readable names for what sweeps and sensitivity charts plot: an output column ("trust@final") as
 * "Trust in management, at the end", a parameter path ("policies.quota.target") as "Quota target",
 * with each output's unit and axis format. Read from the metrics' declarations (unit, description)
 * and the key outcomes' labels; a name not found there is spelt out from its camelCase.
 */
import { KEY_OUTCOMES } from '../experiment/compare.ts';
import { METRICS } from '../sim/metrics.ts';
import { FORMAT } from './theme.ts';

/** camelCase to words: "managerWeight" → "manager weight". */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/@/g, ' ').toLowerCase();
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A metric's label: the key outcome's where there is one, else the metric's name in words. */
function metricLabel(metric: string): string {
  return KEY_OUTCOMES.find((o) => o.metric === metric && o.over === 'whole')?.label ?? capitalised(words(metric));
}

export interface OutputLabel {
  /** "Gaming share of tokens (whole run)". */
  title: string;
  unit: string;
  /** d3 format of its axis or legend. */
  format: string;
}

/** An output column of a sweep: `metric` (whole run) or `metric@final` (the final week). */
export function outputLabel(column: string): OutputLabel {
  const [metric, over = 'whole'] = column.split('@');
  const declared = METRICS.find((m) => m.name === metric);
  const unit = declared?.unit ?? '';
  const when = over === 'final' ? 'final week' : declared?.aggregate === 'sum' ? 'whole run, total' : 'whole run, mean';
  // Shares to a tenth of a percent: a narrow range would otherwise repeat its tick labels.
  const format = unit === 'share' ? '.1~%' : unit === 'dollars' ? FORMAT.dollars : ',.3~g';
  // Shares and dollars say their unit in their numbers (%, $); a label naming its unit needs it once.
  const shownUnit = unit === 'share' || unit === 'dollars' || unit === '' || metricLabel(metric).toLowerCase().includes(unit.toLowerCase()) ? '' : `, ${unit}`;
  return { title: `${metricLabel(metric)} (${when}${shownUnit})`, unit, format };
}

/** A parameter path: "policies.quota.target" → "Quota target", "behaviour.contagion" → "Contagion". */
export function parameterLabel(path: string): string {
  const parts = path.split('.');
  const last = words(parts[parts.length - 1]);
  if (parts[0] === 'policies' && parts.length >= 3) return capitalised(`${words(parts[1])} ${last}`);
  if (parts.length >= 2 && parts[parts.length - 1] === 'mean') return capitalised(`${words(parts[parts.length - 2])}, mean`);
  return capitalised(last);
}
