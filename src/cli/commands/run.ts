/**
 * `goodhart run`: runs scenarios for several seeds and writes, per scenario, metrics.csv (one row
 * per seed × week) and summary.json (the resolved scenario, seeds, version, and each metric's mean
 * and 95% interval for the final week and the whole run).
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { stringify } from 'csv-stringify/sync';
import { runScenario, type ScenarioResult } from '../../experiment/replicate.ts';
import { summarise, toRows } from '../../experiment/summary.ts';
import { METRICS, METRIC_NAMES } from '../../sim/metrics.ts';
import { ensureWritableFolder, writeFileAtomic } from '../files.ts';
import { checkCount, loadAll, scenarioOptions, type ScenarioFlags } from '../options.ts';
import { createProgress } from '../progress.ts';
import { VERSION } from '../version.ts';

export const MAX_SEEDS = 100_000;

interface RunArgs extends ScenarioFlags {
  scenarios: string[];
  seeds: number;
  seed: number;
  out: string;
  quiet: boolean;
}

export function runCommand(yargs: Argv) {
  return yargs.command<RunArgs>(
    'run <scenarios..>',
    'Run scenarios for several seeds and write their weekly metrics and summaries',
    (y) =>
      scenarioOptions(y)
        .positional('scenarios', { type: 'string', array: true, describe: 'Scenario files (YAML)' })
        .option('seeds', { type: 'number', default: 20, describe: 'Number of seeds (replications) per scenario', requiresArg: true })
        .option('seed', { type: 'number', default: 1, describe: 'First seed; seeds are consecutive from it', requiresArg: true })
        .option('out', { type: 'string', default: 'out', describe: 'Output folder', requiresArg: true })
        .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' })
        .example('$0 run scenarios/meshclaw.yaml scenarios/baseline.yaml --seeds 20 --out out/', 'Compare the mandate with the baseline')
        .example('$0 run scenarios/meshclaw.yaml --set policies.quota.target=800000 --weeks 26', 'A lower quota, for half a year')
        .example('$0 run scenarios/baseline.yaml --agents 100000 --seeds 1', 'A large organisation, one seed') as unknown as Argv<RunArgs>,
    (args) => run(args),
  );
}

export function run(args: RunArgs): void {
  checkCount('seeds', args.seeds, 1, MAX_SEEDS);
  checkCount('seed', args.seed, 0, Number.MAX_SAFE_INTEGER - MAX_SEEDS);
  const scenarios = loadAll(args.scenarios, args);
  ensureWritableFolder(args.out);

  const progress = createProgress(scenarios.length * args.seeds, args.quiet);
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const done = results.length * args.seeds;
    results.push(
      runScenario(scenario, {
        seeds: args.seeds,
        firstSeed: args.seed,
        onProgress: (k) => progress.update(done + k, scenario.name),
      }),
    );
  }
  progress.stop();

  for (const result of results) {
    const folder = join(args.out, result.scenario.name);
    writeFileAtomic(join(folder, 'metrics.csv'), metricsCsv(result));
    writeFileAtomic(join(folder, 'summary.json'), summaryJson(result));
  }
  if (!args.quiet) {
    for (const result of results) process.stderr.write(`wrote ${join(args.out, result.scenario.name)}/metrics.csv and summary.json\n`);
  }
}

export function metricsCsv(result: ScenarioResult): string {
  return stringify(toRows(result), { header: true, columns: ['scenario', 'seed', 'week', ...METRIC_NAMES] });
}

export function summaryJson(result: ScenarioResult): string {
  const summary = summarise(result);
  const metrics = Object.fromEntries(
    METRICS.map((m) => [m.name, { unit: m.unit, aggregate: m.aggregate, description: m.description, ...summary[m.name] }]),
  );
  return `${JSON.stringify({ goodhart: VERSION, scenario: result.scenario, seeds: result.seeds, metrics }, null, 2)}\n`;
}
