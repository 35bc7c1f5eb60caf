/**
 * `goodhart run`: runs scenarios for several seeds and writes, per scenario, metrics.csv (one row
 * per seed × week), summary.json (the resolved scenario, seeds, version, and each metric's mean
 * and 95% interval for the final week and the whole run) and charts, and report.html for the run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { runReplications, type ScenarioResult } from '../../experiment/replicate.ts';
import type { Posterior } from '../../experiment/posterior.ts';
import { parsePosterior } from '../../experiment/posterior-file.ts';
import { UserError } from '../errors.ts';
import { loadAs } from '../file-kind.ts';
import { metricDefinitions, metricNames, spread, summarise, toRows } from '../../experiment/summary.ts';
import { buildReport } from '../../report/build.ts';
import { reportHtml } from '../../report/html.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { toCsv } from '../csv.ts';
import { ensureWritableFolder, writeFileSet } from '../files.ts';
import { capWorkers, confirmCost, costOptions, type CostFlags } from '../cost.ts';
import { checkCount, loadAll, MAX_WORKERS, modelWithPolicyFiles, policyOptions, scenarioOptions, type PolicyFlags, type ScenarioFlags } from '../options.ts';
import { createProgress } from '../progress.ts';
import { VERSION } from '../version.ts';

export const MAX_SEEDS = 100_000;
/**
 * Work below this many engineer-weeks (about half a second of one thread) runs in the main thread
 * unless --workers says otherwise: a worker thread takes about a tenth of a second of its own to
 * start and warm up, which a few small runs do not repay.
 */
export const THREADED_FROM_AGENT_STEPS = 1_000_000;

export const CHART_FORMATS = ['none', 'svg', 'png', 'all'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

export interface RunArgs extends ScenarioFlags, PolicyFlags, CostFlags {
  scenarios: string[];
  /** Worker threads; when not given, the cores for work long enough to repay starting them (THREADED_FROM_AGENT_STEPS). */
  workers?: number;
  seeds: number;
  seed: number;
  out: string;
  quiet: boolean;
  charts: ChartFormat;
  report: boolean;
  posterior?: string;
}

/** The options of `run`, shared with `compare`. */
export function runOptions<T>(y: Argv<T>) {
  return costOptions(policyOptions(scenarioOptions(y)))
    .positional('scenarios', { type: 'string', array: true, describe: 'Scenario files (YAML)' })
    .option('seeds', { type: 'number', default: 20, describe: 'Number of seeds (replications) per scenario', requiresArg: true })
    .option('seed', { type: 'number', default: 1, describe: 'First seed; seeds are consecutive from it', requiresArg: true })
    .option('out', { type: 'string', default: 'out', describe: 'Output folder', requiresArg: true })
    .option('charts', {
      choices: CHART_FORMATS,
      // SVG by default: the report draws its charts from their specs, and a PNG costs about twice
      // an SVG's time (docs/PERFORMANCE.md, Start-up); ask for png or all to have them.
      default: 'svg' as ChartFormat,
      describe: 'Charts to write per scenario besides the Vega-Lite specs: none (no charts at all), svg, png (PNG only), or all (SVG and PNG)',
    })
    .option('report', { type: 'boolean', default: true, describe: 'Write OUT/report.html (--no-report to skip)' })
    .option('posterior', {
      type: 'string',
      describe: 'posterior.csv (or a folder holding one): also run every scenario with seed k drawing its parameters from it, and give intervals over the assumptions and seeds together',
      requiresArg: true,
    })
    .option('workers', {
      type: 'number',
      describe: 'Worker threads (default: the number of cores, for work of more than about half a second; else the main thread); the results do not depend on it',
      requiresArg: true,
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' });
}

export function runCommand(yargs: Argv) {
  return yargs.command<RunArgs>(
    'run <scenarios..>',
    'Run scenarios for several seeds; write their weekly metrics, summaries, charts and a report',
    (y) =>
      runOptions(y)
        .example('$0 run scenarios/baseline.yaml scenarios/meshclaw.yaml --seeds 20 --out out/', 'Compare the mandate with the baseline')
        .example('$0 run scenarios/meshclaw.yaml --set policies.quota.target=800000 --weeks 26', 'A lower quota, for half a year')
        .example('$0 run scenarios/baseline.yaml --agents 100000 --seeds 1 --charts none', 'A large organisation, one seed, data only') as unknown as Argv<RunArgs>,
    async (args) => {
      await run(args);
    },
  );
}

/**
 * Runs every scenario, with progress on stderr: on worker threads when there is more than one run
 * and more than one thread to give it (a thread costs about a tenth of a second to start, more than
 * a small run), else in this thread. The results are the same either way.
 */
export async function runAll(args: RunArgs, scenarios: Scenario[], posterior?: Posterior): Promise<ScenarioResult[]> {
  const runs = scenarios.length * args.seeds * (posterior ? 2 : 1);
  const progress = createProgress(runs, args.quiet);
  const workers = Math.min(args.workers ?? 1, runs);
  const results = await runReplications(scenarios, {
    seeds: args.seeds,
    firstSeed: args.seed,
    snapshot: args.charts !== 'none' || args.report,
    posterior,
    workers: workers > 1 ? workers : 0,
    onProgress: (done, label) => progress.update(done, label),
  });
  progress.stop();
  return results;
}

/** The posterior `--posterior` names: a posterior.csv, or a folder holding one (a calibration's output). */
export function readPosterior(path: string, scenario: Scenario): Posterior {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'posterior.csv') : path;
  if (!existsSync(file)) throw new UserError(`--posterior: ${file} does not exist; give a posterior.csv or the folder a calibration wrote`);
  return loadAs(file, 'posterior', () => parsePosterior(readFileSync(file, 'utf8'), scenario, file));
}

type Renderer = typeof import('../../report/render.ts');

/** vega, vega-lite and resvg load in about half a second: only when charts are drawn. */
function loadRenderer(): Promise<Renderer> {
  return import('../../report/render.ts');
}

/**
 * Everything a run writes, by path: built in memory first, so that a failure while building leaves no
 * half-written output, then written file by file, each atomically.
 */
export async function runOutputs(args: RunArgs, results: ScenarioResult[], renderer?: Promise<Renderer>): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  for (const result of results) {
    const folder = join(args.out, result.scenario.name);
    files.set(join(folder, 'metrics.csv'), metricsCsv(result));
    files.set(join(folder, 'summary.json'), summaryJson(result));
  }
  if (args.charts === 'none' && !args.report) return files;
  const built = buildReport(results, VERSION);
  if (args.charts !== 'none') {
    const started = Date.now();
    const svg = args.charts === 'svg' || args.charts === 'all';
    const png = args.charts === 'png' || args.charts === 'all';
    const { renderSvgs, svgToPng } = await (renderer ?? loadRenderer());
    const charts = [...built.scenarios].flatMap(([name, specs]) => Object.entries(specs).map(([chart, spec]) => ({ folder: join(args.out, name, 'charts'), chart, spec })));
    charts.push(...Object.entries(built.overview).map(([chart, spec]) => ({ folder: join(args.out, 'charts'), chart, spec })));
    // All at once: each scenario's chart of a kind has the same shape, compiled once.
    const rendered = await renderSvgs(charts.map((c) => c.spec));
    charts.forEach(({ folder, chart, spec }, k) => {
      files.set(join(folder, `${chart}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
      if (svg) files.set(join(folder, `${chart}.svg`), rendered[k]);
      if (png) files.set(join(folder, `${chart}.png`), svgToPng(rendered[k]));
    });
    if (!args.quiet) process.stderr.write(`rendered ${charts.length} charts in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  }
  if (args.report) files.set(join(args.out, 'report.html'), reportHtml(built.report));
  return files;
}

export async function run(args: RunArgs): Promise<ScenarioResult[]> {
  checkCount('seeds', args.seeds, 1, MAX_SEEDS);
  checkCount('seed', args.seed, 0, Number.MAX_SAFE_INTEGER - MAX_SEEDS);
  if (args.workers !== undefined) checkCount('workers', args.workers, 1, MAX_WORKERS);
  const scenarios = loadAll(args.scenarios, { ...args, model: await modelWithPolicyFiles(args.policy) });
  const posterior = args.posterior === undefined ? undefined : readPosterior(args.posterior, scenarios[0]);
  ensureWritableFolder(args.out);
  const maxAgents = Math.max(...scenarios.map((s) => s.agents));
  const runs = scenarios.length * args.seeds * (posterior ? 2 : 1);
  const agentSteps = scenarios.reduce((sum, s) => sum + s.agents * s.weeks * args.seeds, 0) * (posterior ? 2 : 1);
  const asked = args.workers ?? (agentSteps >= THREADED_FROM_AGENT_STEPS ? availableParallelism() : 1);
  const workers = runs > 1 ? capWorkers(Math.min(asked, runs), maxAgents) : 1;
  const cost = {
    agentSteps,
    threads: workers,
    maxAgents,
  };
  await confirmCost(`running ${scenarios.length === 1 ? 'this scenario' : `these ${scenarios.length} scenarios`} for ${args.seeds} seed${args.seeds === 1 ? '' : 's'}`, cost, args);
  // On worker threads, the runs leave this thread free: it loads the charts' libraries meanwhile.
  const renderer = args.charts !== 'none' && workers > 1 ? loadRenderer() : undefined;
  // A failure to load them is reported where they are used, not as an unhandled rejection before.
  renderer?.catch(() => {});
  const results = await runAll({ ...args, workers }, scenarios, posterior);
  const files = await runOutputs(args, results, renderer);
  // All or nothing: a disk that fills up part way leaves no part of the set.
  writeFileSet(args.out, files);
  if (!args.quiet) {
    for (const result of results) process.stderr.write(`wrote ${join(args.out, result.scenario.name)}/\n`);
    if (args.report) process.stdout.write(`${join(args.out, 'report.html')}\n`);
  }
  return results;
}

export function metricsCsv(result: ScenarioResult): string {
  return toCsv(toRows(result), ['scenario', 'seed', 'week', ...metricNames(result)]);
}

export function summaryJson(result: ScenarioResult): string {
  const summary = summarise(result);
  const wider = result.withAssumptions && summarise(result.withAssumptions, spread);
  const metrics = Object.fromEntries(
    metricDefinitions(result).map((m) => [
      m.name,
      { unit: m.unit, aggregate: m.aggregate, description: m.description, ...summary[m.name], ...(wider && { withAssumptions: wider[m.name] }) },
    ]),
  );
  const particles = result.withAssumptions?.particles;
  return `${JSON.stringify({ goodhart: VERSION, scenario: result.scenario, seeds: result.seeds, ...(particles && { particles }), metrics }, null, 2)}\n`;
}
