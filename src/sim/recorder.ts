/**
 * Step 9 of the week: reduces the state to the week's organisation-level metrics. It only reads;
 * nothing in the model reads what it recorded.
 *
 * Metric validity is the Spearman correlation over a fixed, evenly spaced sample of at most
 * VALIDITY_SAMPLE positions: engineers' attributes are independent draws, so any fixed subset is a
 * random sample, and ranking a million engineers every week would cost more than the rest of the week.
 */
import { STRATEGY_COUNT } from '../agents/strategies.ts';
import { quotaTargetFor } from '../policies/quota.ts';
import type { WeekContext } from './context.ts';
import type { MetricColumns } from './metrics.ts';
import { createSpearmanScratch, spearman, type SpearmanScratch } from './spearman.ts';
import { usageQuantile } from './usage-distribution.ts';

export const VALIDITY_SAMPLE = 4096;
const TOKENS_PER_MILLION = 1e6;

export interface Recorder {
  columns: MetricColumns;
  sampleTokens: Float64Array;
  sampleOutput: Float64Array;
  scratch: SpearmanScratch;
  strategyCounts: Float64Array;
}

export function createRecorder(columns: MetricColumns): Recorder {
  return {
    columns,
    sampleTokens: new Float64Array(VALIDITY_SAMPLE),
    sampleOutput: new Float64Array(VALIDITY_SAMPLE),
    scratch: createSpearmanScratch(VALIDITY_SAMPLE),
    strategyCounts: new Float64Array(STRATEGY_COUNT),
  };
}

/** Records week t, at the end of the week. */
export function recordWeek(recorder: Recorder, ctx: WeekContext): void {
  const { pop, org, t } = ctx;
  const c = recorder.columns;
  const counts = recorder.strategyCounts;
  counts.fill(0);
  const { active, strategy, output, tokens, genuineTokens, botDeploys, belief, trust, morale } = pop;
  let headcount = 0;
  let realOutput = 0;
  let usedTokens = 0;
  let genuine = 0;
  let deploys = 0;
  let beliefSum = 0;
  let trustSum = 0;
  let moraleSum = 0;
  let covered = 0;
  let meetingQuota = 0;
  for (let i = 0; i < pop.size; i++) {
    if (active[i] === 0) continue;
    headcount++;
    counts[strategy[i]]++;
    realOutput += output[i];
    usedTokens += tokens[i];
    genuine += genuineTokens[i];
    deploys += botDeploys[i];
    beliefSum += belief[i];
    trustSum += trust[i];
    moraleSum += morale[i];
    const target = quotaTargetFor(ctx, i);
    if (target > 0) {
      covered++;
      if (tokens[i] >= target) meetingQuota++;
    }
  }
  const perHead = headcount > 0 ? 1 / headcount : 0;
  const spend = (usedTokens / TOKENS_PER_MILLION) * ctx.scenario.aiTool.pricePerMillionTokens;
  const gaming = usedTokens - genuine;

  c.realOutput[t] = realOutput;
  c.tokens[t] = usedTokens;
  c.gamingTokens[t] = gaming;
  c.gamingShare[t] = usedTokens > 0 ? gaming / usedTokens : 0;
  c.spend[t] = spend;
  c.outputPerDollar[t] = spend > 0 ? realOutput / spend : 0;
  c.shareManual[t] = counts[0] * perHead;
  c.shareAdopter[t] = counts[1] * perHead;
  c.sharePadder[t] = counts[2] * perHead;
  c.shareMaxer[t] = counts[3] * perHead;
  c.shareAutopilot[t] = counts[4] * perHead;
  c.quotaAttainment[t] = covered > 0 ? meetingQuota / covered : 0;
  c.botDeploys[t] = deploys;
  c.incidents[t] = org.incidents;
  c.botIncidents[t] = org.botIncidents;
  c.majorOutages[t] = org.majorOutages;
  c.severityLoss[t] = org.severityLoss;
  c.belief[t] = beliefSum * perHead;
  c.trust[t] = trustSum * perHead;
  c.morale[t] = moraleSum * perHead;
  c.attrition[t] = org.leavers;
  c.headcount[t] = headcount;
  c.metricValidity[t] = validity(recorder, ctx);
  c.tokensTop10[t] = usageQuantile(org.usage, 0.9);
}

function validity(recorder: Recorder, ctx: WeekContext): number {
  const { pop } = ctx;
  const stride = Math.ceil(pop.size / VALIDITY_SAMPLE);
  let n = 0;
  for (let i = 0; i < pop.size; i += stride) {
    if (pop.active[i] === 0) continue;
    recorder.sampleTokens[n] = pop.tokens[i];
    recorder.sampleOutput[n] = pop.output[i];
    n++;
  }
  return spearman(recorder.sampleTokens, recorder.sampleOutput, n, recorder.scratch);
}
