/**
 * Step 9 of the week: reduces the state to the week's organisation-level metrics. It only reads;
 * nothing in the model reads what it recorded.
 *
 * Metric validity is the Spearman correlation over a fixed, evenly spaced sample of at most
 * VALIDITY_SAMPLE positions: engineers' attributes are independent draws, so any fixed subset is a
 * random sample, and ranking a million engineers every week would cost more than the rest of the week.
 */
import { ADOPTER, AUTOPILOT, MANUAL, MAXER, PADDER } from '../agents/strategies.ts';
import type { WeekContext } from './context.ts';
import type { MetricColumns } from './metrics.ts';
import { createSpearmanScratch, spearman, type SpearmanScratch } from './spearman.ts';
import { BELIEF, BOT_DEPLOYS, COVERED, GENUINE_TOKENS, HEADCOUNT, MEETING_QUOTA, MORALE, OUTPUT, STRATEGIES, TOKENS, TRUST, WORKING } from './totals.ts';
import { usageQuantile } from './usage-distribution.ts';

export const VALIDITY_SAMPLE = 4096;
const TOKENS_PER_MILLION = 1e6;

export interface Recorder {
  columns: MetricColumns;
  sampleTokens: Float64Array;
  sampleOutput: Float64Array;
  scratch: SpearmanScratch;
}

export function createRecorder(columns: MetricColumns): Recorder {
  return {
    columns,
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
  const c = recorder.columns;
  const totals = org.totals;
  const realOutput = totals[OUTPUT];
  const usedTokens = totals[TOKENS];
  const covered = totals[COVERED];
  const perWorker = totals[WORKING] > 0 ? 1 / totals[WORKING] : 0;
  const headcount = totals[HEADCOUNT];
  const perHead = headcount > 0 ? 1 / headcount : 0;
  const spend = (usedTokens / TOKENS_PER_MILLION) * ctx.scenario.aiTool.pricePerMillionTokens;
  const gaming = usedTokens - totals[GENUINE_TOKENS];

  c.realOutput[t] = realOutput;
  c.tokens[t] = usedTokens;
  c.gamingTokens[t] = gaming;
  c.gamingShare[t] = usedTokens > 0 ? gaming / usedTokens : 0;
  c.spend[t] = spend;
  c.outputPerDollar[t] = spend > 0 ? realOutput / spend : 0;
  c.shareManual[t] = totals[STRATEGIES + MANUAL] * perWorker;
  c.shareAdopter[t] = totals[STRATEGIES + ADOPTER] * perWorker;
  c.sharePadder[t] = totals[STRATEGIES + PADDER] * perWorker;
  c.shareMaxer[t] = totals[STRATEGIES + MAXER] * perWorker;
  c.shareAutopilot[t] = totals[STRATEGIES + AUTOPILOT] * perWorker;
  c.quotaAttainment[t] = covered > 0 ? totals[MEETING_QUOTA] / covered : 0;
  c.botDeploys[t] = totals[BOT_DEPLOYS];
  c.incidents[t] = org.incidents;
  c.botIncidents[t] = org.botIncidents;
  c.majorOutages[t] = org.majorOutages;
  c.severityLoss[t] = org.severityLoss;
  c.belief[t] = totals[BELIEF] * perHead;
  c.trust[t] = totals[TRUST] * perHead;
  c.morale[t] = totals[MORALE] * perHead;
  c.attrition[t] = org.leavers;
  c.headcount[t] = headcount;
  c.metricValidity[t] = validity(recorder, ctx);
  c.tokensTop10[t] = usageQuantile(org.usage, 0.9);
}

function validity(recorder: Recorder, ctx: WeekContext): number {
  const n = sampleValidity(recorder, ctx);
  return spearman(recorder.sampleTokens, recorder.sampleOutput, n, recorder.scratch);
}

/** Copies the tokens and output of the sample's active engineers; returns how many. Its loop ends the function (docs/PERFORMANCE.md). */
function sampleValidity(recorder: Recorder, ctx: WeekContext): number {
  const { pop } = ctx;
  const stride = Math.ceil(pop.size / VALIDITY_SAMPLE);
  let n = 0;
  for (let i = 0; i < pop.size; i += stride) {
    if (pop.active[i] === 0) continue;
    recorder.sampleTokens[n] = pop.tokens[i];
    recorder.sampleOutput[n] = pop.output[i];
    n++;
  }
  return n;
}
