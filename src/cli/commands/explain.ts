/**
 * `goodhart explain`: which component of a scenario causes how much of its difference from another.
 * Prints, per key outcome, each component's Shapley value with its 95% interval, their sum (equal to
 * the difference) and the notable pairwise interactions; writes attribution.csv, interactions.csv,
 * a waterfall chart per outcome and explain.html. With `--posterior`, every run is repeated with
 * seed k's parameters drawn from the posterior (the same draw in every combination), and each
 * contribution gets a second interval covering the assumptions' uncertainty as well as chance. Every file is built in memory, then written
 * atomically, so a failure leaves no half-written output.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { loadAs } from '../file-kind.ts';
import { waterfallChart } from '../../charts/waterfall.ts';
import type { DifferenceRow, OutcomeRow } from '../../experiment/compare.ts';
import {
  DEFAULT_PERMUTATIONS,
  EXACT_UP_TO,
  ExplainError,
  MAX_PERMUTATIONS,
  planExplain,
  runExplain,
  type Explanation,
  type OutcomeAttribution,
} from '../../experiment/explain.ts';
import { formatDifference, formatNumber } from '../../report/format.ts';
import { explanationSections, interactionNotes, outcomeHeading } from '../../report/explain.ts';
import { reportHtml } from '../../report/html.ts';
import { loadScenario } from '../../experiment/load.ts';
import { UserError } from '../errors.ts';
import { capWorkers, confirmCost, costOptions, type CostFlags } from '../cost.ts';
import { ensureWritableFolder, writeFileSet } from '../files.ts';
import { checkCount, loadOptions, MAX_WORKERS, modelWithPolicyFiles, policyOptions, scenarioOptions, type PolicyFlags, type ScenarioFlags } from '../options.ts';
import { createProgress } from '../progress.ts';
import { VERSION } from '../version.ts';
import { toCsv } from '../csv.ts';
import { CHART_FORMATS, MAX_SEEDS, readPosterior, type ChartFormat } from './run.ts';
import { WIDER_COLUMN } from './compare.ts';

export interface ExplainArgs extends ScenarioFlags, PolicyFlags, CostFlags {
  scenario: string;
  against: string;
  seeds: number;
  seed: number;
  out: string;
  workers: number;
  components?: string[];
  permutations: number;
  charts: ChartFormat;
  report: boolean;
  quiet: boolean;
  posterior?: string;
}

export function explainCommand(yargs: Argv) {
  return yargs.command<ExplainArgs>(
    'explain <scenario>',
    'Attribute the difference between two scenarios to the policies and blocks in which they differ (Shapley values)',
    (y) =>
      costOptions(policyOptions(scenarioOptions(y)))
        .positional('scenario', { type: 'string', describe: 'The scenario to explain (YAML)' })
        .option('against', { type: 'string', demandOption: true, requiresArg: true, describe: 'The reference scenario (YAML): the difference explained is scenario − reference' })
        .option('seeds', { type: 'number', default: 20, requiresArg: true, describe: 'Number of seeds; every combination runs with each' })
        .option('seed', { type: 'number', default: 1, requiresArg: true, describe: 'First seed; seeds are consecutive from it' })
        .option('out', { type: 'string', default: 'out/explain', requiresArg: true, describe: 'Output folder' })
        .option('workers', { type: 'number', default: availableParallelism(), requiresArg: true, describe: 'Worker threads (default: the number of cores)' })
        .option('components', {
          type: 'string',
          array: true,
          requiresArg: true,
          describe: 'Group or name components: name=block+block (repeatable or comma-separated), e.g. incentives=quota+leaderboard',
        })
        .option('permutations', {
          type: 'number',
          default: DEFAULT_PERMUTATIONS,
          requiresArg: true,
          describe: `Orders sampled per seed when there are more than ${EXACT_UP_TO} components`,
        })
        .option('charts', { choices: CHART_FORMATS, default: 'svg' as ChartFormat, describe: 'Waterfall charts besides their Vega-Lite specs: none, svg, png (PNG only), or all (SVG and PNG)' })
        .option('report', { type: 'boolean', default: true, describe: 'Write OUT/explain.html (--no-report to skip)' })
        .option('posterior', {
          type: 'string',
          requiresArg: true,
          describe: "posterior.csv (or a folder holding one): also run every combination with seed k drawing its parameters from it, and give each contribution an interval over the assumptions and seeds together",
        })
        .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' })
        .example('$0 explain scenarios/meshclaw.yaml --against scenarios/baseline.yaml --seeds 20 --out out/explain', 'Which part of the mandate did what')
        .example('$0 explain scenarios/meshclaw.yaml --against scenarios/baseline.yaml --components incentives=quota+leaderboard', 'Quota and leaderboard as one component')
        .example('$0 explain scenarios/meshclaw.yaml --against scenarios/baseline.yaml --posterior calibration/posterior', 'With the assumptions uncertain too') as unknown as Argv<ExplainArgs>,
    async (args) => {
      await runExplainCommand(args);
    },
  );
}

export async function runExplainCommand(args: ExplainArgs): Promise<Explanation> {
  checkCount('seeds', args.seeds, 1, MAX_SEEDS);
  checkCount('seed', args.seed, 0, Number.MAX_SAFE_INTEGER - MAX_SEEDS);
  checkCount('workers', args.workers, 1, MAX_WORKERS);
  checkCount('permutations', args.permutations, 1, MAX_PERMUTATIONS);
  const options = loadOptions({ ...args, model: await modelWithPolicyFiles(args.policy) });
  const a = loadAs(args.against, 'scenario', () => loadScenario(args.against, options));
  const b = loadAs(args.scenario, 'scenario', () => loadScenario(args.scenario, options));
  // Read against the reference, as compare does; a particle that does not fit a combination is refused while planning.
  const posterior = args.posterior === undefined ? undefined : readPosterior(args.posterior, a);
  let plan;
  try {
    plan = planExplain(a, b, { seeds: args.seeds, firstSeed: args.seed, components: args.components, permutations: args.permutations, posterior });
  } catch (error) {
    if (error instanceof ExplainError) throw new UserError(error.message);
    throw error;
  }
  ensureWritableFolder(args.out);
  const maxAgents = Math.max(a.agents, b.agents);
  const workers = capWorkers(args.workers, maxAgents);
  const agentSteps = plan.jobs.length * Math.max(a.agents * a.weeks, b.agents * b.weeks);
  await confirmCost(`explaining ${b.name} against ${a.name} (${plan.jobs.length} runs)`, { agentSteps, threads: workers, maxAgents }, args);
  if (!args.quiet) process.stderr.write(`${planLine(plan.components.length, plan.method, plan.seeds.length, plan.jobs.length, posterior !== undefined)}\n`);
  const progress = createProgress(plan.jobs.length, args.quiet);
  const label = `${b.name} − ${a.name}`;
  let explanation: Explanation;
  try {
    explanation = await runExplain(plan, { workers, onProgress: (done) => progress.update(done, label) });
  } finally {
    progress.stop();
  }
  const files = await explainFiles(args, explanation, [a, b]);
  // All or nothing: a disk that fills up part way leaves no part of the set.
  writeFileSet(args.out, files);
  process.stdout.write(explanationTable(explanation));
  if (!args.quiet) process.stderr.write(`wrote ${args.out}/\n`);
  return explanation;
}

function planLine(components: number, method: string, seeds: number, runs: number, drawn: boolean): string {
  const how = method === 'exact' ? `every combination (${2 ** components})` : 'sampled orders';
  const twice = drawn ? " × 2 (the scenarios' own parameters, then the posterior's)" : '';
  return `explain: ${components} component${components === 1 ? '' : 's'}, ${how} × ${seeds} seed${seeds === 1 ? '' : 's'}${twice} = ${runs} runs`;
}

/** Everything explain writes, by path, built in memory first. */
export async function explainFiles(args: Pick<ExplainArgs, 'out' | 'charts' | 'report'>, explanation: Explanation, scenarios: Parameters<typeof reportHtml>[0]['scenarios']): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  files.set(join(args.out, 'attribution.csv'), attributionCsv(explanation));
  files.set(join(args.out, 'interactions.csv'), interactionsCsv(explanation));
  const charts = explanation.outcomes.map((o) => ({ outcome: o.outcome, title: `${o.label}: ${explanation.against} → ${explanation.scenario}`, spec: waterfallChart(explanation, o.outcome) }));
  if (args.charts !== 'none') {
    const folder = join(args.out, 'charts');
    // vega, vega-lite and resvg: loaded only when charts are drawn.
    const { renderSvgs, svgToPng } = await import('../../report/render.ts');
    // All at once: the outcomes' waterfalls share a shape, compiled once.
    const rendered = await renderSvgs(charts.map((c) => c.spec));
    for (const [k, { outcome, spec }] of charts.entries()) {
      files.set(join(folder, `waterfall-${outcome}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
      const svg = rendered[k];
      if (args.charts === 'svg' || args.charts === 'all') files.set(join(folder, `waterfall-${outcome}.svg`), svg);
      if (args.charts === 'png' || args.charts === 'all') files.set(join(folder, `waterfall-${outcome}.png`), svgToPng(svg));
    }
  }
  if (args.report) {
    files.set(
      join(args.out, 'explain.html'),
      reportHtml({
        title: `Explaining ${explanation.scenario} − ${explanation.against}`,
        version: VERSION,
        scenarios,
        seeds: explanation.seeds,
        outcomes: reportOutcomes(explanation),
        differences: reportDifferences(explanation),
        ...(explanation.particles && { withAssumptions: reportDifferences(explanation, 'withAssumptions') }),
        pairwise: reportDifferences(explanation),
        sections: explanationSections(explanation),
        overview: charts.map(({ title, spec }) => ({ title, spec })),
        sideBySide: [],
      }),
    );
  }
  return files;
}

function reportOutcomes(explanation: Explanation): OutcomeRow[] {
  return explanation.outcomes.flatMap((o) => [
    { scenario: explanation.against, outcome: o.outcome, label: o.label, unit: o.unit, ...o.baseline },
    { scenario: explanation.scenario, outcome: o.outcome, label: o.label, unit: o.unit, ...o.target },
  ]);
}

/** The differences as the report shows them: over seeds at the scenarios' parameters, or with them drawn from the posterior. */
function reportDifferences(explanation: Explanation, which: 'seeds' | 'withAssumptions' = 'seeds'): DifferenceRow[] {
  return explanation.outcomes.map((o) => {
    const scale = o.baseline.mean !== 0 ? 1 / Math.abs(o.baseline.mean) : 0;
    const difference = which === 'withAssumptions' ? o.withAssumptions!.difference : o.difference;
    return {
      scenario: explanation.scenario,
      against: explanation.against,
      outcome: o.outcome,
      label: o.label,
      unit: o.unit,
      ...difference,
      relative: difference.mean * scale,
      relativeLo: difference.lo * scale,
      relativeHi: difference.hi * scale,
    };
  });
}

/**
 * One row per outcome × component: the Shapley value, its interval and sampling error, the
 * one-at-a-time effect, and the totals; with a posterior, the value and difference with the
 * parameters drawn from it too (mean and central 95% over the seeds, as summary.json's `withAssumptions`).
 */
export function attributionCsv(explanation: Explanation): string {
  const rows = explanation.outcomes.flatMap((o) =>
    o.contributions.map((c) => ({
      outcome: o.outcome,
      unit: o.unit,
      component: c.component,
      blocks: c.blocks.join('+'),
      shapley: c.shapley.mean,
      shapley_lo: c.shapley.lo,
      shapley_hi: c.shapley.hi,
      ...(c.withAssumptions && {
        shapley_with_assumptions: c.withAssumptions.mean,
        shapley_with_assumptions_lo: c.withAssumptions.lo,
        shapley_with_assumptions_hi: c.withAssumptions.hi,
      }),
      sampling_se: c.samplingError,
      alone: c.alone.mean,
      alone_lo: c.alone.lo,
      alone_hi: c.alone.hi,
      against: o.baseline.mean,
      scenario: o.target.mean,
      difference: o.difference.mean,
      difference_lo: o.difference.lo,
      difference_hi: o.difference.hi,
      ...(o.withAssumptions && {
        difference_with_assumptions: o.withAssumptions.difference.mean,
        difference_with_assumptions_lo: o.withAssumptions.difference.lo,
        difference_with_assumptions_hi: o.withAssumptions.difference.hi,
      }),
      sum_of_shapley: o.sum,
      efficiency_gap: o.efficiencyGap,
      method: explanation.method,
    })),
  );
  return toCsv(rows, Object.keys(rows[0] ?? {}));
}

/** One row per outcome × pair of components: what the two do together beyond each alone. */
export function interactionsCsv(explanation: Explanation): string {
  const rows = explanation.outcomes.flatMap((o) =>
    o.interactions.map((i) => ({
      outcome: o.outcome,
      unit: o.unit,
      first: i.components[0],
      second: i.components[1],
      interaction: i.interaction.mean,
      interaction_lo: i.interaction.lo,
      interaction_hi: i.interaction.hi,
      first_alone: i.alone[0].mean,
      second_alone: i.alone[1].mean,
      notable: i.notable,
    })),
  );
  const columns = ['outcome', 'unit', 'first', 'second', 'interaction', 'interaction_lo', 'interaction_hi', 'first_alone', 'second_alone', 'notable'];
  return toCsv(rows, columns);
}

function aligned(lines: string[][], indent: string): string[] {
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  return lines.map((l) => indent + l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ').trimEnd());
}

function outcomeBlock(explanation: Explanation, o: OutcomeAttribution): string[] {
  const d = (v: number) => formatDifference(v, o.unit);
  const sampled = explanation.method === 'sampled';
  const drawn = explanation.particles !== undefined;
  const head = ['component', 'contribution', '95% interval', ...(drawn ? [WIDER_COLUMN] : []), ...(sampled ? ['± sampling'] : []), 'alone'];
  const rows = o.contributions.map((c) => [
    c.component,
    d(c.shapley.mean),
    `[${d(c.shapley.lo)}, ${d(c.shapley.hi)}]`,
    ...(drawn ? [`[${d(c.withAssumptions!.lo)}, ${d(c.withAssumptions!.hi)}]`] : []),
    ...(sampled ? [o.unit === 'share' ? `${(100 * c.samplingError).toFixed(1)} pts` : formatNumber(c.samplingError, o.unit)] : []),
    d(c.alone.mean),
  ]);
  const sum = ['sum', d(o.sum), `= difference ${d(o.difference.mean)}`, ...(drawn ? [''] : []), ...(sampled ? [''] : []), ''];
  return [outcomeHeading(explanation, o), ...aligned([head, ...rows, sum], '  '), ...interactionNotes(o).map((note) => `  note: ${note}`)];
}

/** The plain-text table of an explanation: a block per outcome. */
export function explanationTable(explanation: Explanation): string {
  const seeds = explanation.seeds.length;
  const method =
    explanation.method === 'exact'
      ? 'exact Shapley values (every combination of components run)'
      : `sampled Shapley values (${explanation.permutations} random orders of the components per seed; "± sampling" is the standard error this adds)`;
  const components = explanation.components.map((c) => (c.blocks.length === 1 && c.blocks[0].endsWith(c.name) ? c.name : `${c.name} = ${c.blocks.join(' + ')}`));
  const header = [
    `${explanation.scenario} − ${explanation.against}: ${method}`,
    `components: ${components.join(', ')}`,
    `${explanation.runs} runs; ${seeds} seed${seeds === 1 ? '' : 's'} (${explanation.seeds[0]}–${explanation.seeds[seeds - 1]}), paired; intervals are 95% over seeds; "alone" is the component's effect on ${explanation.against} by itself`,
    ...(explanation.particles
      ? [`"${WIDER_COLUMN}": every combination also ran with each seed's parameters drawn from the posterior (the same draw in all of them); the central 95% of the seeds' contributions, covering the uncertain assumptions as well as chance`]
      : []),
  ];
  return [...header, ...explanation.outcomes.flatMap((o) => ['', ...outcomeBlock(explanation, o)])].join('\n') + '\n';
}
