/**
 * Step 9 of the week: reduces the state to the week's organisation-level metrics. It only reads;
 * nothing in the model reads what it recorded.
 *
 * Metric validity is the Spearman correlation of tokens and observed output (real output with the
 * week's noise, as a manager sees it) over a fixed, evenly spaced sample of at most
 * VALIDITY_SAMPLE positions: engineers' attributes are independent draws, so any fixed subset is a
 * random sample, and ranking a million engineers every week would cost more than the rest of the week.
 */
import type { WeekContext } from './context.ts';
import { CORE_METRICS, type MetricColumns, type RecordedWeek } from './metrics.ts';
import { createSpearmanScratch, spearman, type SpearmanScratch } from './spearman.ts';
import { HEADCOUNT, TOKENS, WORKING } from './totals.ts';
import { usageQuantile } from './usage-distribution.ts';

export const VALIDITY_SAMPLE = 4096;
const TOKENS_PER_MILLION = 1e6;

export interface Recorder {
  columns: MetricColumns;
  /** The columns of the core metrics, in declaration order (policies' metrics are recorded by the engine). */
  core: Float64Array[];
  sampleTokens: Float64Array;
  sampleOutput: Float64Array;
  scratch: SpearmanScratch;
}

export function createRecorder(columns: MetricColumns): Recorder {
  return {
    columns,
    core: CORE_METRICS.map((m) => columns[m.name]),
    sampleTokens: new Float64Array(VALIDITY_SAMPLE),
    sampleOutput: new Float64Array(VALIDITY_SAMPLE),
    scratch: createSpearmanScratch(VALIDITY_SAMPLE),
  };
}

/**
 * Records week t, at the end of the week, from the totals the week's passes added up
 * (src/sim/totals.ts). Output, tokens and strategies are those of the engineers who worked this
 * week; belief, trust, morale and headcount those of the engineers still there at its end.
 */
export function recordWeek(recorder: Recorder, ctx: WeekContext): void {
  const { org, t } = ctx;
  const totals = org.totals;
  const headcount = totals[HEADCOUNT];
  const week: RecordedWeek = {
    totals,
    incidents: org.incidents,
    botIncidents: org.botIncidents,
    securityIncidents: org.securityIncidents,
    majorOutages: org.majorOutages,
    severeOutages: org.severeOutages,
    incidentCost: org.incidentCost,
    severityLoss: org.severityLoss,
    changes: org.review.changes,
    unreviewedChanges: org.review.unreviewed,
    leavers: org.leavers,
    spend: (totals[TOKENS] / TOKENS_PER_MILLION) * ctx.scenario.aiTool.pricePerMillionTokens,
    perWorker: totals[WORKING] > 0 ? 1 / totals[WORKING] : 0,
    perHead: headcount > 0 ? 1 / headcount : 0,
    tokensTop10: usageQuantile(org.usage, 0.9),
    validity: () => validity(recorder, ctx),
  };
  for (let m = 0; m < CORE_METRICS.length; m++) recorder.core[m][t] = CORE_METRICS[m].record(week);
}

function validity(recorder: Recorder, ctx: WeekContext): number {
  const n = sampleValidity(recorder, ctx);
  return spearman(recorder.sampleTokens, recorder.sampleOutput, n, recorder.scratch);
}

/** Copies the tokens and observed output (what a manager sees: src/sim/observed-output.ts) of the sample's active engineers; returns how many. Its loop ends the function (docs/PERFORMANCE.md). */
function sampleValidity(recorder: Recorder, ctx: WeekContext): number {
  const { pop } = ctx;
  const stride = Math.ceil(pop.size / VALIDITY_SAMPLE);
  let n = 0;
  for (let i = 0; i < pop.size; i += stride) {
    if (pop.active[i] === 0) continue;
    recorder.sampleTokens[n] = pop.tokens[i];
    recorder.sampleOutput[n] = pop.observedOutput[i];
    n++;
  }
  return n;
}
