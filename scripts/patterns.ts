/**
 * Measures what docs/MODEL.md §11 reports: the patterns and published figures as the defaults
 * produce them, with the bundled scenarios (1,000 engineers, 52 weeks). Prints one line per
 * measurement; the tests check the same patterns with wider tolerances.
 *
 *   node --import tsx scripts/patterns.ts [--seeds 10]
 */
import { parseArgs } from 'node:util';
import { loadTargets, targetValue } from '../src/experiment/targets.ts';
import { loadScenario, runScenario, simulate, type MetricName, type Scenario, type ScenarioResult } from '../src/index.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '10' } } });
const SEEDS = Number(values.seeds);
const YEAR = 52;

function bundled(name: string): Scenario {
  return loadScenario(new URL(`../scenarios/${name}.yaml`, import.meta.url).pathname);
}

const cache = new Map<string, ScenarioResult>();
function runs(name: string): ScenarioResult {
  let result = cache.get(name);
  if (!result) cache.set(name, (result = runScenario(bundled(name), { seeds: SEEDS })));
  return result;
}

/** Mean over seeds of a metric averaged over weeks [from, to). */
function mean(name: string, metric: MetricName, from = 0, to = YEAR): number {
  const result = runs(name);
  let total = 0;
  for (const run of result.runs) for (let t = from; t < to; t++) total += run.metrics[metric][t];
  return total / (result.runs.length * (to - from));
}

/** Mean over seeds of a metric summed over the year. */
function total(name: string, metric: MetricName): number {
  return mean(name, metric) * YEAR;
}

/** Per-engineer arrays at the end of week t of one run. */
function snapshot(scenario: Scenario, seed: number, t: number) {
  let copy: { tokens: Float64Array; active: Uint8Array; target: Float64Array } | undefined;
  simulate(scenario, seed, {
    onWeek: (week, ctx) => {
      if (week === t) copy = { tokens: ctx.pop.tokens.slice(), active: ctx.pop.active.slice(), target: ctx.signals.usageTarget.slice() };
    },
  });
  return copy!;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))];
}

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const ratio = (x: number) => `${x.toFixed(2)} ×`;
const say = (label: string, text: string) => console.log(`${label.padEnd(34)} ${text}`);

// 1. Bunching: covered engineers using between the target and 1.1 × the target in the last week.
{
  const quota = bundled('quota-only');
  const target = quota.policies.quota.target as number;
  const shares = [1, 2, 3, 4, 5].map((seed) => {
    const s = snapshot(quota, seed, YEAR - 1);
    let covered = 0;
    let bunched = 0;
    for (let i = 0; i < s.tokens.length; i++) {
      if (!s.active[i] || !(s.target[i] > 0)) continue;
      covered++;
      if (s.tokens[i] >= s.target[i] && s.tokens[i] <= 1.1 * s.target[i]) bunched++;
    }
    return bunched / covered;
  });
  const base = [1, 2, 3, 4, 5].map((seed) => {
    const s = snapshot(bundled('baseline'), seed, YEAR - 1);
    const used = Array.from(s.tokens).filter((_, i) => s.active[i]);
    return used.filter((x) => x >= target && x <= 1.1 * target).length / used.length;
  });
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  say('1. bunching', `quota-only ${pct(avg(shares))} of covered engineers in [target, 1.1 × target] at week 51 (seeds 1-5); baseline ${pct(avg(base))}`);
}

// 2. Escalation: the 99th percentile of tokens under a leaderboard (seed 1).
{
  const board = bundled('leaderboard-only');
  const at = (t: number, q: number) => {
    const s = snapshot(board, 1, t);
    return quantile(Array.from(s.tokens).filter((_, i) => s.active[i]), q);
  };
  const tops = [8, 12, 16, 51].map((t) => `${(at(t, 0.99) / 1e6).toFixed(0)} M`);
  say('2. escalation', `leaderboard-only p99 tokens at weeks 8, 12, 16, 51: ${tops.join(' → ')}; median ${(at(8, 0.5) / 1e6).toFixed(1)} M → ${(at(51, 0.5) / 1e6).toFixed(1)} M; rate limit ${(board.aiTool.rateLimitTokensPerWeek / 1e6).toFixed(0)} M`);
}

// 3. Validity: Spearman of tokens and output, before the mandate and late in the year.
say('3. validity', `meshclaw ${mean('meshclaw', 'metricValidity', 0, 8).toFixed(3)} (weeks 0-7) → ${mean('meshclaw', 'metricValidity', 40, 52).toFixed(3)} (weeks 40-51); baseline ${mean('baseline', 'metricValidity', 0, 8).toFixed(3)} → ${mean('baseline', 'metricValidity', 40, 52).toFixed(3)}`);

// 4. Said vs done: belief and trust.
say('4. said vs done', `meshclaw belief ${mean('meshclaw', 'belief', 0, 1).toFixed(2)} → ${mean('meshclaw', 'belief', 51, 52).toFixed(2)}, trust ${mean('meshclaw', 'trust', 0, 1).toFixed(2)} → ${mean('meshclaw', 'trust', 51, 52).toFixed(2)}; baseline trust ends at ${mean('baseline', 'trust', 51, 52).toFixed(2)}`);

// 5. Incidents.
{
  const [b, m] = [total('baseline', 'incidents'), total('meshclaw', 'incidents')];
  const perChange = (name: string) => total(name, 'incidents') / total(name, 'changes');
  say('5. incidents', `meshclaw ${ratio(m / b)} baseline (${m.toFixed(0)} vs ${b.toFixed(0)} a year); per change ${pct(perChange('meshclaw'))} vs ${pct(perChange('baseline'))} (${ratio(perChange('meshclaw') / perChange('baseline'))})`);
  say('   unreviewed merges', `meshclaw ${pct(total('meshclaw', 'unreviewedChanges') / total('meshclaw', 'changes'))} of changes, baseline ${pct(total('baseline', 'unreviewedChanges') / total('baseline', 'changes'))}`);
  say('   outages', `baseline ${total('baseline', 'majorOutages').toFixed(1)} over $100k, ${total('baseline', 'outagesOver1M').toFixed(1)} over $1M a year; meshclaw ${total('meshclaw', 'majorOutages').toFixed(1)} and ${total('meshclaw', 'outagesOver1M').toFixed(1)}`);
  say('   security incidents', `baseline ${total('baseline', 'securityIncidents').toFixed(1)} a year, meshclaw ${total('meshclaw', 'securityIncidents').toFixed(1)}`);
}

// 6. Spend and output.
{
  const spend = (name: string, from = 0, to = YEAR) => mean(name, 'spend', from, to);
  const output = (name: string) => total(name, 'realOutput');
  const change = (name: string) => pct(output(name) / output('baseline') - 1);
  say('6. spend and output', `meshclaw spends ${ratio(spend('meshclaw', 26) / spend('baseline', 26))} baseline in weeks 26-51 (${ratio(spend('meshclaw') / spend('baseline'))} over the year); capped-spend ${ratio(spend('capped-spend', 26) / spend('baseline', 26))}`);
  say('   real output vs baseline', ['meshclaw', 'quota-only', 'leaderboard-only', 'guarded-deploys', 'outcome-based', 'capped-spend'].map((n) => `${n} ${change(n)}`).join(', '));
  say('   gaming share of tokens', ['meshclaw', 'quota-only', 'leaderboard-only'].map((n) => `${n} ${pct(mean(n, 'gamingShare', 40, 52))}`).join(', ') + ' (weeks 40-51)');
  say('   attrition', ['baseline', 'meshclaw'].map((n) => `${n} ${total(n, 'attrition').toFixed(0)} a year`).join(', '));
}

// The published figures of calibration/targets.yaml: observed, simulated, and how many of the
// figure's standard deviations apart.
{
  const { targets } = loadTargets(new URL('../calibration/targets.yaml', import.meta.url).pathname);
  for (const target of targets) {
    const values = Array.from({ length: SEEDS }, (_, k) => {
      const names = target.versus === undefined ? [target.scenario] : [target.scenario, target.versus];
      return targetValue(target, new Map(names.map((name) => [name, runs(name).runs[k]])));
    });
    const simulated = values.reduce((a, b) => a + b, 0) / values.length;
    const digits = Math.abs(target.observed) >= 10 ? 1 : 3;
    say(`target ${target.name}`, `observed ${target.observed.toFixed(digits)} ± ${target.sd.toFixed(digits)} (sd), simulated ${simulated.toFixed(digits)}: ${((simulated - target.observed) / target.sd).toFixed(1)} sd`);
  }
}
