/**
 * `goodhart status DIR`: how far a sweep or a calibration has got, from its folder alone (no scheduler
 * is asked). A sweep: per shard folder DIR/shard-K, the runs and points done, and overall, whether the
 * merged files are there. A calibration: per shard, the candidates in its journal and when it last
 * wrote; per generation, the candidates simulated; once finished, what its diagnostics say.
 */
import type { Argv } from 'yargs';
import { sweepProgress, type SweepProgress } from '../../cluster/shards.ts';
import { calibrationProgress, isCalibrationFolder, type CalibrationProgress } from '../calibrate-progress.ts';
import { SHARD_IDLE_MS } from '../calibrate-journal.ts';
import { duration } from '../cost.ts';
import { formatNumber } from '../../report/format.ts';
import { namePoints } from '../sweep-files.ts';

interface StatusArgs {
  folder: string;
}

export function statusCommand(yargs: Argv) {
  return yargs.command<StatusArgs>(
    'status <folder>',
    'Show how far a sweep or a calibration has got, per shard and overall',
    (y) =>
      y
        .positional('folder', { type: 'string', describe: 'The --out folder of goodhart sweep or goodhart calibrate (with --slurm, --kubernetes or on one machine)' })
        .example('$0 status /shared/run1', 'Progress of a sweep submitted with --slurm')
        .example('$0 status /shared/cal1', 'Progress of a calibration submitted with --slurm') as unknown as Argv<StatusArgs>,
    (args) => {
      const text = isCalibrationFolder(args.folder)
        ? calibrationStatusText(args.folder, calibrationProgress(args.folder), Date.now())
        : statusText(args.folder, sweepProgress(args.folder));
      process.stdout.write(text);
    },
  );
}

function percent(done: number, total: number): string {
  return `${Math.floor((100 * done) / total)}%`;
}

export function statusText(folder: string, p: SweepProgress): string {
  const { plan } = p;
  const lines = [
    `${folder}: sweep of ${plan.scenario.name} (${plan.design}), ${plan.points.length} points × ${plan.replications} replications = ${p.runs} runs` +
      (p.shards.length > 0 ? `, in ${p.shards.length} shards` : ''),
  ];
  const width = String(p.shards.length).length;
  for (const s of p.shards) {
    const state = s.done === s.runs ? 'done' : s.done === 0 ? 'not started' : 'partial';
    const label = `${String(s.index).padStart(width)}/${p.shards.length}`;
    lines.push(`shard ${label}: ${s.done}/${s.runs} runs, ${s.pointsDone}/${s.points} points, ${state}`);
  }
  lines.push(`all: ${p.done}/${p.runs} runs (${percent(p.done, p.runs)}), ${p.pointsDone}/${plan.points.length} points done`);
  if (p.missingPoints.length > 0) {
    lines.push(`points with runs to do: ${namePoints(p.missingPoints)}`);
  }
  lines.push(p.finished ? `results: ${folder}/runs.csv and points.csv are written` : p.shards.length > 0 && p.done === p.runs ? `results: not merged yet (goodhart merge)` : 'results: not yet');
  return `${lines.join('\n')}\n`;
}

/** How long ago, as the cost estimates say spans of time. */
const ago = (ms: number) => duration(Math.max(0, ms) / 1000);
const count = (n: number) => formatNumber(n, 'candidates');

export function calibrationStatusText(folder: string, p: CalibrationProgress, now: number): string {
  const where = p.shards > 0 ? `, in ${p.shards} shards${p.submitted ? ' (a Slurm job)' : ''}` : '';
  if (p.finished) {
    const f = p.finished;
    const stop = f.stop === 'generations' ? 'after its last generation' : f.stop === 'maxSimulations' ? 'at --max-runs' : `(${f.stop})`;
    return [
      `${folder}: calibration${where}, finished ${stop}: ${f.generations} generations, ${count(f.simulations)} simulations`,
      `last generation: effective sample size ${Math.round(f.lastEss)} of ${f.populationSize} particles`,
      `results: ${p.results.map((name, k) => (k === 0 ? `${folder}/${name}` : name)).join(', ')}`,
      '',
    ].join('\n');
  }
  const lines = [`${folder}: calibration${where}, not finished`];
  const width = String(p.shards).length;
  for (const j of p.journals) {
    if (j.shard === 0) {
      if (p.shards === 0) lines.push(`journal: ${count(j.candidates)} candidates, last written ${ago(now - j.lastWrite!)} ago`);
      continue;
    }
    const label = `${String(j.shard).padStart(width)}/${p.shards}`;
    if (j.lastWrite === undefined) {
      lines.push(`shard ${label}: not started`);
      continue;
    }
    const idle = now - j.lastWrite >= SHARD_IDLE_MS ? ': idle' : '';
    lines.push(`shard ${label}: ${count(j.candidates)} candidates, last written ${ago(now - j.lastWrite)} ago${idle}`);
  }
  const stillSince = Math.max(...p.journals.map((j) => j.lastWrite ?? Number.NEGATIVE_INFINITY));
  if (p.shards > 0 && now - stillSince >= SHARD_IDLE_MS) {
    lines.push(`no shard has written for ${stillSince === Number.NEGATIVE_INFINITY ? 'a while (none has started)' : ago(now - stillSince)}: the tasks are waiting to start, or stopped (started again, they continue from their journals)`);
  } else if (p.shards > 0 && p.journals.some((j) => j.shard > 0 && (j.lastWrite === undefined || now - j.lastWrite >= SHARD_IDLE_MS))) {
    lines.push(`the shards still writing run the slices of those idle or not started`);
  }
  const total = p.perGeneration.reduce((a, b) => a + b, 0);
  const byGeneration = p.perGeneration.map((n, g) => `${g}: ${count(n)}`).join(', ');
  lines.push(total === 0 ? 'all: no candidate simulated yet' : `all: ${count(total)} candidates simulated (by generation, ${byGeneration}); generation ${p.perGeneration.length - 1} reached`);
  lines.push(
    p.shards > 0
      ? `results: not yet; the join writes them (${p.submitted ? 'the join job, after the tasks' : 'the same command with --resume and without --shard'})`
      : 'results: not yet (a calibration stopped part way continues with the same command and --resume)',
  );
  return `${lines.join('\n')}\n`;
}
