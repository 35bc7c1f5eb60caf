/**
 * Step 9 of the week: reduces the state to the week's organisation-level metrics. It only reads;
 * nothing in the model reads what it recorded.
 *
 * Metric validity is the Spearman correlation over a fixed, evenly spaced sample of at most
 * VALIDITY_SAMPLE positions: engineers' attributes are independent draws, so any fixed subset is a
 * random sample, and ranking a million engineers every week would cost more than the rest of the week.
 */
import { STRATEGY_COUNT } from '../agents/strategies.ts';
import { quotaCoverage } from '../policies/quota.ts';
import type { WeekContext } from './context.ts';
import type { MetricColumns } from './metrics.ts';
import { createSpearmanScratch, spearman, type SpearmanScratch } from './spearman.ts';
import { usageQuantile } from './usage-distribution.ts';

export const VALIDITY_SAMPLE = 4096;
const TOKENS_PER_MILLION = 1e6;

/** Indices into Recorder.sums: what a week adds up over the active engineers. */
const SUM_OUTPUT = 0;
const SUM_TOKENS = 1;
const SUM_GENUINE = 2;
const SUM_DEPLOYS = 3;
const SUM_BELIEF = 4;
const SUM_TRUST = 5;
const SUM_MORALE = 6;
/** Engineers a quota covers, and of them those meeting it. */
const SUM_COVERED = 7;
const SUM_MEETING_QUOTA = 8;
const SUM_COUNT = 9;

export interface Recorder {
  columns: MetricColumns;
  sampleTokens: Float64Array;
  sampleOutput: Float64Array;
  scratch: SpearmanScratch;
  strategyCounts: Float64Array;
  sums: Float64Array;
}

export function createRecorder(columns: MetricColumns): Recorder {
  return {
    columns,
    sampleTokens: new Float64Array(VALIDITY_SAMPLE),
    sampleOutput: new Float64Array(VALIDITY_SAMPLE),
    scratch: createSpearmanScratch(VALIDITY_SAMPLE),
    strategyCounts: new Float64Array(STRATEGY_COUNT),
    sums: new Float64Array(SUM_COUNT),
  };
}

/** Records week t, at the end of the week. */
export function recordWeek(recorder: Recorder, ctx: WeekContext): void {
  const { org, t } = ctx;
  const c = recorder.columns;
  const counts = recorder.strategyCounts;
  const sums = recorder.sums;
  const headcount = tally(ctx, counts, sums);
  const realOutput = sums[SUM_OUTPUT];
  const usedTokens = sums[SUM_TOKENS];
  const covered = sums[SUM_COVERED];
  const perHead = headcount > 0 ? 1 / headcount : 0;
  const spend = (usedTokens / TOKENS_PER_MILLION) * ctx.scenario.aiTool.pricePerMillionTokens;
  const gaming = usedTokens - sums[SUM_GENUINE];

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
  c.quotaAttainment[t] = covered > 0 ? sums[SUM_MEETING_QUOTA] / covered : 0;
  c.botDeploys[t] = sums[SUM_DEPLOYS];
  c.incidents[t] = org.incidents;
  c.botIncidents[t] = org.botIncidents;
  c.majorOutages[t] = org.majorOutages;
  c.severityLoss[t] = org.severityLoss;
  c.belief[t] = sums[SUM_BELIEF] * perHead;
  c.trust[t] = sums[SUM_TRUST] * perHead;
  c.morale[t] = sums[SUM_MORALE] * perHead;
  c.attrition[t] = org.leavers;
  c.headcount[t] = headcount;
  c.metricValidity[t] = validity(recorder, ctx);
  c.tokensTop10[t] = usageQuantile(org.usage, 0.9);
}

/**
 * Adds up the week over the active engineers: strategies into `counts`, the rest into `sums`.
 * Returns the headcount. It adds straight into the arrays so that nothing but the return follows
 * its loop: see "Loops end their function" in docs/PERFORMANCE.md.
 */
function tally(ctx: WeekContext, counts: Float64Array, sums: Float64Array): number {
  const { active, strategy, output, tokens, genuineTokens, botDeploys, belief, trust, morale, coverageRank, size } = ctx.pop;
  const coverage = quotaCoverage(ctx);
  const target = ctx.policies.quota.target;
  counts.fill(0);
  sums.fill(0);
  let headcount = 0;
  for (let i = 0; i < size; i++) {
    if (active[i] === 0) continue;
    headcount++;
    counts[strategy[i]]++;
    sums[SUM_OUTPUT] += output[i];
    sums[SUM_TOKENS] += tokens[i];
    sums[SUM_GENUINE] += genuineTokens[i];
    sums[SUM_DEPLOYS] += botDeploys[i];
    sums[SUM_BELIEF] += belief[i];
    sums[SUM_TRUST] += trust[i];
    sums[SUM_MORALE] += morale[i];
    // Covered by a quota in force (coverage read once a week, see quotaCoverage).
    if (coverageRank[i] < coverage && target > 0) {
      sums[SUM_COVERED]++;
      if (tokens[i] >= target) sums[SUM_MEETING_QUOTA]++;
    }
  }
  return headcount;
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
