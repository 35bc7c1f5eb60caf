/**
 * `goodhart status DIR`: how far a sweep has got, from its folder alone (no scheduler is asked): per
 * shard folder DIR/shard-K, the runs and points done, and overall, whether the merged files are there.
 */
import type { Argv } from 'yargs';
import { sweepProgress, type SweepProgress } from '../../cluster/shards.ts';
import { namePoints } from '../sweep-files.ts';

interface StatusArgs {
  folder: string;
}

export function statusCommand(yargs: Argv) {
  return yargs.command<StatusArgs>(
    'status <folder>',
    'Show how many runs and points of a sweep are done, per shard and overall',
    (y) =>
      y
        .positional('folder', { type: 'string', describe: 'The --out folder of goodhart sweep (with --slurm, --kubernetes or on one machine)' })
        .example('$0 status /shared/run1', 'Progress of a sweep submitted with --slurm') as unknown as Argv<StatusArgs>,
    (args) => {
      process.stdout.write(statusText(args.folder, sweepProgress(args.folder)));
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
