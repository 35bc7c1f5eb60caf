/**
 * `goodhart calibrate`: approximate Bayesian computation by sequential Monte Carlo against a targets
 * file, over the chosen parameters' ranges as priors, on every core. Writes posterior.csv (the last
 * generation's weighted particles, which `run --posterior` reads), diagnostics.json (each
 * generation's tolerance, acceptance rate and effective sample size), predictive.csv (each target
 * against the distribution of its statistic over the posterior's particles), their charts and
 * calibration.html, the page a reviewer reads.
 *
 * `--shard K/N` runs one of N shards that share a calibration through their journals in `--out`
 * (on a cluster: `--slurm` submits N of them and the join); `--resume` without `--shard` joins them
 * and writes the files, the same bytes as a calibration on one machine.
 */
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { loadAs } from '../file-kind.ts';
import { weightedQuantile, type AbcPrior } from '../../experiment/abc-smc.ts';
import { calibrate, priorOf, uncertainParameters, type Calibration } from '../../experiment/calibrate.ts';
import { loadTargets, type LoadedTargets } from '../../experiment/targets.ts';
import { DEFAULT_MODEL } from '../../sim/model.ts';
import { toCsv } from '../csv.ts';
import { capWorkers, confirmCost, costOptions, type CostFlags } from '../cost.ts';
import { UserError } from '../errors.ts';
import { ensureWritableFolder, writeFileSet } from '../files.ts';
import { checkCount, loadOptions, MAX_WORKERS, scenarioOptions } from '../options.ts';
import { createProgress } from '../progress.ts';
import { lockFolder } from '../lock.ts';
import { calibrationFingerprint, CALIBRATION_JOURNAL, calibrationShardFolder, followShards, openCalibrationJournal, readCalibrationJournal, shardJournals } from '../calibrate-journal.ts';
import { clusterOptions } from '../../cluster/options.ts';
import { VERSION } from '../version.ts';
import { predictiveChart, toleranceChart } from '../../charts/calibration.ts';
import { calibrationHtml } from '../../report/calibration.ts';
import { parseShard } from './sweep.ts';
import type { CalibrationFlags } from '../../cluster/submit.ts';

export interface CalibrateArgs extends CalibrationFlags, CostFlags {
  workers: number;
}

const MAX_POPULATION = 1_000_000;
const MAX_GENERATIONS = 1000;

export function calibrateCommand(yargs: Argv) {
  return yargs.command<CalibrateArgs>(
    'calibrate <targets>',
    'Calibrate parameters to published figures (ABC-SMC over their ranges) and write the posterior',
    (y) =>
      costOptions(clusterOptions(scenarioOptions(y), 'calibration', false))
        .positional('targets', { type: 'string', describe: 'Targets file (YAML), e.g. calibration/targets.yaml' })
        .option('out', { type: 'string', demandOption: true, describe: 'Output folder', requiresArg: true })
        .option('params', { type: 'string', describe: "Parameters to calibrate, comma-separated paths (default: the targets file's parameters, or else every parameter whose default is an assumption)", requiresArg: true })
        .option('population', { type: 'number', default: 500, describe: 'Particles per generation', requiresArg: true })
        .option('generations', { type: 'number', default: 6, describe: 'Generations (each with a smaller tolerance)', requiresArg: true })
        .option('max-runs', { type: 'number', default: 20_000, describe: 'Most candidates to run in all; the last complete generation is the posterior', requiresArg: true })
        .option('seed', { type: 'number', default: 1, describe: 'Seed of the calibration: the same seed gives the same posterior', requiresArg: true })
        .option('workers', { type: 'number', default: availableParallelism(), describe: 'Worker threads (default: the number of cores)', requiresArg: true })
        .option('resume', { type: 'boolean', default: false, describe: 'Continue the calibration in --out from its journal (after Ctrl-C, a kill or a crash): the same posterior as if never stopped' })
        .option('shard', { type: 'string', describe: 'Run shard K of N that share the calibration in --out (K/N); then join them with --resume', requiresArg: true })
        .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' })
        .example('$0 calibrate calibration/targets.yaml --out out/cal --params behaviour.gamingAversion,aiTool.padTimeShare', 'Two parameters against the shipped targets')
        .example('$0 calibrate calibration/targets.yaml --out /shared/cal1 --slurm --tasks 8 --cpus-per-task 4', 'On Slurm: 8 shards, then a job that joins them')
        .example('$0 compare scenarios/baseline.yaml scenarios/meshclaw.yaml --posterior out/cal', 'Then carry the posterior into a comparison') as unknown as Argv<CalibrateArgs>,
    async (args) => {
      if (args.slurm) {
        // Checked here first: a mistake costs nothing in a queue.
        checkCalibration(args);
        const { submitCalibration } = await import('../../cluster/submit.ts');
        await submitCalibration(args);
      } else await runCalibrate(args);
    },
  );
}

function parameterPaths(args: CalibrateArgs, targets: LoadedTargets): string[] {
  const first = [...targets.scenarios.values()][0];
  if (args.params === undefined) return targets.parameters ?? uncertainParameters(DEFAULT_MODEL, first);
  const paths = args.params.split(',').map((s) => s.trim()).filter(Boolean);
  if (paths.length === 0) throw new UserError('--params names no parameter: give comma-separated paths, e.g. behaviour.gamingAversion,aiTool.padTimeShare');
  return paths;
}

/** A number as posterior.csv and predictive.csv write it: the shortest text that reads back the same. */
const cell = (x: number) => String(x);

export async function calibrationFiles(args: CalibrateArgs, targets: LoadedTargets, result: Calibration): Promise<Map<string, string>> {
  const { population, prior } = result;
  const d = prior.length;
  const names = prior.map((p) => p.name);
  const particles = Array.from(population.weights, (w, r) => ({
    weight: cell(w),
    ...Object.fromEntries(names.map((name, c) => [name, cell(population.particles[r * d + c])])),
  }));
  const T = targets.targets.length;
  const checks = targets.targets.map((t, k) => {
    const values = Float64Array.from(population.weights, (_, r) => result.predictive[r * T + k]);
    const q = (alpha: number) => weightedQuantile(values, population.weights, alpha);
    return {
      target: t.name,
      observed: t.observed,
      sd: t.sd,
      observedLow: t.interval[0],
      observedHigh: t.interval[1],
      simulatedMedian: q(0.5),
      simulatedLow: q(0.025),
      simulatedHigh: q(0.975),
    };
  });
  const predictive = checks.map((c) => ({
    target: c.target,
    observed: cell(c.observed),
    sd: cell(c.sd),
    simulatedMedian: cell(c.simulatedMedian),
    simulatedLow: cell(c.simulatedLow),
    simulatedHigh: cell(c.simulatedHigh),
  }));
  const marginals = prior.map((p, c) => {
    const values = Float64Array.from(population.weights, (_, r) => population.particles[r * d + c]);
    let mean = 0;
    population.weights.forEach((w, r) => (mean += w * values[r]));
    return { ...p, mean, low90: weightedQuantile(values, population.weights, 0.05), high90: weightedQuantile(values, population.weights, 0.95) };
  });
  const page = calibrationHtml({
    version: VERSION,
    targetsFile: args.targets,
    populationSize: args.population,
    seed: args.seed,
    simulations: result.simulations,
    stop: result.stop,
    parameters: marginals,
    generations: result.diagnostics,
    predictive: checks,
    cannot: targets.cannot,
  });
  const charts = { predictive: predictiveChart(checks), tolerance: toleranceChart(result.diagnostics) };
  // vega, vega-lite and resvg load in about half a second: only here, once the calibration is done.
  const { renderSvg } = await import('../../report/render.ts');
  const chartFiles: [string, string][] = [];
  for (const [name, spec] of Object.entries(charts)) {
    chartFiles.push([join(args.out, 'charts', `${name}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`]);
    chartFiles.push([join(args.out, 'charts', `${name}.svg`), await renderSvg(spec)]);
  }
  const diagnostics = {
    goodhart: VERSION,
    targets: args.targets,
    parameters: prior,
    populationSize: args.population,
    seed: args.seed,
    simulations: result.simulations,
    stop: result.stop,
    generations: result.diagnostics,
  };
  return new Map([
    [join(args.out, 'posterior.csv'), toCsv(particles, ['weight', ...names])],
    [join(args.out, 'predictive.csv'), toCsv(predictive, ['target', 'observed', 'sd', 'simulatedMedian', 'simulatedLow', 'simulatedHigh'])],
    [join(args.out, 'diagnostics.json'), `${JSON.stringify(diagnostics, (_, v) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v), 2)}\n`],
    [join(args.out, 'calibration.html'), page],
    ...chartFiles,
  ]);
}

/** The flags and the targets file checked, and the prior they give; refused in one line. */
function checkCalibration(args: CalibrateArgs): { targets: LoadedTargets; prior: AbcPrior } {
  checkCount('population', args.population, 2, MAX_POPULATION);
  checkCount('generations', args.generations, 1, MAX_GENERATIONS);
  checkCount('max-runs', args.maxRuns, args.population, Number.MAX_SAFE_INTEGER);
  checkCount('seed', args.seed, 0, Number.MAX_SAFE_INTEGER);
  checkCount('workers', args.workers, 1, MAX_WORKERS);
  const targets = loadAs(args.targets, 'targets', () => loadTargets(args.targets, loadOptions(args)));
  const first = [...targets.scenarios.values()][0];
  let prior;
  try {
    prior = priorOf(parameterPaths(args, targets), DEFAULT_MODEL, first);
  } catch (error) {
    // Name where the list came from: the flag, or the targets file's own list.
    const from = args.params !== undefined || !targets.parameters ? '--params' : `${args.targets}: parameters`;
    if (error instanceof RangeError) throw new UserError(`${from}: ${error.message}`);
    throw error;
  }
  return { targets, prior };
}

export async function runCalibrate(args: CalibrateArgs): Promise<Calibration> {
  const { targets, prior } = checkCalibration(args);
  const shard = parseShard(args.shard);
  ensureWritableFolder(args.out);
  const shards = shardJournals(args.out);
  if (!shard && !args.resume && shards.length > 0) {
    throw new UserError(`--out ${args.out} holds the shards of a calibration (${shards.length} journals in shard-K folders); add --resume to join them, or choose another --out`);
  }
  // A shard writes its own folder, and leaves --out to the join.
  const folder = shard ? calibrationShardFolder(args.out, shard.index) : args.out;
  if (shard) ensureWritableFolder(folder);
  const scenarios = [...targets.scenarios.values()];
  const maxAgents = Math.max(...scenarios.map((s) => s.agents));
  const workers = capWorkers(args.workers, maxAgents);
  const perCandidate = scenarios.reduce((sum, s) => sum + s.agents * s.weeks, 0);
  await confirmCost(`this calibration (at most ${args.maxRuns} candidates)`, { agentSteps: perCandidate * args.maxRuns, threads: workers, maxAgents }, args);
  // One calibration writes a folder at a time: a second one is refused before it touches anything.
  const lock = lockFolder(folder, 'calibrate');
  let result: Calibration;
  try {
    const fingerprint = calibrationFingerprint(targets, prior, args.population, args.seed);
    const statistics = targets.targets.length;
    const journalFile = join(folder, CALIBRATION_JOURNAL);
    if (!args.resume) rmSync(journalFile, { force: true });
    const known = args.resume ? readCalibrationJournal(journalFile, fingerprint, statistics) : new Map<string, number[]>();
    // The join reads every shard's journal; a shard reads the folder's own (a calibration begun on one machine) and follows the others'.
    if (args.resume && shard) readCalibrationJournal(join(args.out, CALIBRATION_JOURNAL), fingerprint, statistics, false, known);
    if (args.resume && !shard) for (const file of shards) readCalibrationJournal(file, fingerprint, statistics, false, known);
    const share = shard && { ...shard, ...followShards(args.out, shard.index, shard.count, fingerprint, statistics) };
    const journal = openCalibrationJournal(journalFile, fingerprint);
    // The budget is the most candidates: the bar shows it, and ends early when the generations are done.
    const progress = createProgress(args.maxRuns, args.quiet);
    try {
      result = await calibrate(targets, prior, {
        populationSize: args.population,
        generations: args.generations,
        seed: args.seed,
        workers,
        maxSimulations: args.maxRuns,
        known,
        share: share || undefined,
        onCandidate: (generation, index, values) => journal.append(generation, index, values),
        onProgress: (done, generation, epsilon) => progress.update(done, `generation ${generation + 1} of ${args.generations}, tolerance ${Number.isFinite(epsilon) ? epsilon.toPrecision(3) : 'none'}`),
      });
    } finally {
      progress.stop();
      journal.close();
    }
    if (!shard) writeFileSet(args.out, await calibrationFiles(args, targets, result));
  } finally {
    lock.release();
  }
  if (shard) {
    if (!args.quiet) process.stderr.write(`shard ${shard.index}/${shard.count} done (${result.diagnostics.length} generations); join the shards with the same command without --shard, with --resume\n`);
    return result;
  }
  if (!args.quiet) {
    const last = result.diagnostics.at(-1)!;
    process.stderr.write(
      `${result.diagnostics.length} generation${result.diagnostics.length === 1 ? '' : 's'} (${result.stop === 'maxSimulations' ? `stopped at --max-runs ${args.maxRuns}` : 'all'}), ${result.simulations} candidates; last tolerance ${last.epsilon.toPrecision(3)}, effective sample size ${last.ess.toFixed(0)}\n`,
    );
    process.stdout.write(`${join(args.out, 'posterior.csv')}\n`);
  }
  return result;
}
