/**
 * The scripts goodhart writes for clusters, run as a scheduler would run them but without one: each
 * Slurm array task is `bash sweep.sbatch` with SLURM_ARRAY_TASK_ID set, each Kubernetes pod is its
 * container command with JOB_COMPLETION_INDEX set. (test/cluster/slurm.test.ts runs them on Slurm.)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { UserError } from '../../src/cli/errors.ts';
import { merge } from '../../src/cli/commands/merge.ts';
import { statusText } from '../../src/cli/commands/status.ts';
import { kubernetesCommand } from '../../src/cluster/kubernetes.ts';
import { sweepProgress } from '../../src/cluster/shards.ts';
import { slurmMergeScript, slurmSweepScript } from '../../src/cluster/slurm.ts';
import { submitSweep, type SubmitArgs } from '../../src/cluster/submit.ts';
import { goodhart, lines, oneErrorLine, REPO, runProcess, type Outcome } from '../cli/goodhart.ts';
import { oneMachine, readResults, TINY_FLAGS, TINY_RUNS, TINY_SWEEP, writeTinySweep } from './tiny.ts';

let dir: string;
let file: string;
let reference: Promise<Record<string, string>>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-cluster-'));
  // A folder name that needs quoting in a shell.
  const awkward = join(dir, "it's here");
  mkdirSync(awkward);
  file = writeTinySweep(awkward);
  reference = oneMachine(file, join(dir, 'one'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return runProcess(command, args, { cwd: dir, env });
}

const SWEEP = {
  title: 'goodhart sweep tiny.yaml',
  node: '/opt/node20/bin/node',
  goodhart: '/shared/goodhart/bin/goodhart.js',
  file: "/shared/it's here/tiny.yaml",
  out: '/shared/run1',
  tasks: 64,
  flags: ['--set', 'name=a b', '--weeks', '8'],
};

describe('the Slurm scripts', () => {
  it('make an array of N tasks, each running its shard with --resume, with the resources asked for', () => {
    const script = lines(slurmSweepScript(SWEEP, { partition: 'short', time: '02:00:00', cpusPerTask: 4, sbatchArgs: ['--account=proj1', '--qos=low'], name: 'goodhart-tiny' }));
    expect(script[0]).toBe('#!/bin/bash');
    expect(script.filter((line) => line.startsWith('#SBATCH'))).toEqual([
      '#SBATCH --job-name=goodhart-tiny',
      '#SBATCH --comment=goodhart:/shared/run1',
      '#SBATCH --array=1-64',
      '#SBATCH --output=/shared/run1/slurm/logs/sweep-%A_%a.out',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --partition=short',
      '#SBATCH --time=02:00:00',
      '#SBATCH --account=proj1',
      '#SBATCH --qos=low',
    ]);
    expect(script.at(-1)).toBe(
      `exec /opt/node20/bin/node /shared/goodhart/bin/goodhart.js sweep '/shared/it'\\''s here/tiny.yaml' --out /shared/run1/shard-"$K" --shard "$K/64" --workers 4 --resume --yes --set 'name=a b' --weeks 8`,
    );
  });

  it('make a merge job of one CPU that a failed task cancels, joining every shard into the output folder', () => {
    const script = lines(slurmMergeScript({ ...SWEEP, charts: false }, { cpusPerTask: 4, sbatchArgs: [], name: 'goodhart-tiny' }));
    expect(script.filter((line) => line.startsWith('#SBATCH'))).toEqual([
      '#SBATCH --job-name=goodhart-tiny-merge',
      '#SBATCH --comment=goodhart:/shared/run1',
      '#SBATCH --output=/shared/run1/slurm/logs/merge-%j.out',
      '#SBATCH --kill-on-invalid-dep=yes',
      '#SBATCH --cpus-per-task=1',
    ]);
    expect(script.at(-2)).toBe('for ((k = 1; k <= 64; k++)); do shards+=(/shared/run1/shard-"$k"); done');
    expect(script.at(-1)).toBe('exec /opt/node20/bin/node /shared/goodhart/bin/goodhart.js merge "${shards[@]}" --out /shared/run1 --no-charts');
  });

  it('run as array tasks, one of them late, and merge into the same files as one machine; status and merge tell what is missing', async () => {
    const out = join(dir, 'slurm');
    const dry = await goodhart(['sweep', file, '--out', out, '--slurm', '--tasks', '4', '--dry-run', ...TINY_FLAGS]);
    expect(dry.status).toBe(0);
    const sweepScript = join(out, 'slurm/sweep.sbatch');
    const mergeScript = join(out, 'slurm/merge.sbatch');
    expect(dry.stdout).toBe(`${readFileSync(sweepScript, 'utf8')}\n${readFileSync(mergeScript, 'utf8')}`);
    expect(dry.stderr).toBe(`wrote ${sweepScript} and ${mergeScript}; submit with: sbatch --parsable ${sweepScript}, then sbatch --dependency=afterok:<job id> ${mergeScript}\n`);

    // Task 3 is lost (pre-empted before it started, say): the other three run.
    const first = await Promise.all([1, 2, 4].map((k) => run('bash', [sweepScript], { SLURM_ARRAY_TASK_ID: String(k) })));
    expect(first.map((r) => r.status)).toEqual([0, 0, 0]);
    const refused = await run('bash', [mergeScript]);
    expect(refused.status).toBe(2);
    // Runs are dealt to shards in turn (run index modulo 4): shard 3 holds runs 2, 6 and 10, of points 0, 2 and 3.
    expect(oneErrorLine(refused.stderr)).toBe('goodhart: error: the shards are incomplete: 3 of 12 runs are missing, at points 0, 2, 3; run or resume the missing shards and merge again');
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    // Named by hand, a shard folder that does not exist is a shard that never started.
    const never = join(dir, 'never');
    const byHand = merge({ folders: [...[1, 2, 4].map((k) => join(out, `shard-${k}`)), never], out: join(dir, 'partial'), quiet: true, charts: true });
    await expect(byHand).rejects.toThrow(
      new UserError(`the shards are incomplete: 3 of 12 runs are missing, at points 0, 2, 3 (not started: ${never}); run or resume the missing shards and merge again`),
    );
    expect(existsSync(join(dir, 'partial'))).toBe(false);

    const status = await goodhart(['status', out]);
    expect(status.status).toBe(0);
    expect(lines(status.stdout)).toEqual([
      `${out}: sweep of meshclaw (grid), 4 points × 3 replications = 12 runs, in 4 shards`,
      'shard 1/4: 3/3 runs, 3/3 points, done',
      'shard 2/4: 3/3 runs, 3/3 points, done',
      'shard 3/4: 0/3 runs, 0/3 points, not started',
      'shard 4/4: 3/3 runs, 3/3 points, done',
      'all: 9/12 runs (75%), 1/4 points done',
      'points with runs to do: 0, 2, 3',
      'results: not yet',
    ]);
    expect(() => sweepProgress(join(out, 'shard-2'))).toThrow(
      new UserError(`${out}/shard-2 holds shard 2/4 of a sweep; name the folder that holds its shard-K folders (the --out of goodhart sweep --slurm)`),
    );

    const submit: SubmitArgs = { file, out, slurm: true, tasks: 4, resume: false, dryRun: true, quiet: true, cpusPerTask: 1, agents: 200, weeks: 8, set: ['policies.quota.startWeek=2'] };
    await expect(submitSweep(submit)).rejects.toThrow(new UserError(`--out ${out} already holds finished runs of a sweep; add --resume to submit its unfinished shards, or choose another --out`));
    await expect(submitSweep({ ...submit, resume: true, tasks: 3 })).rejects.toThrow(new UserError(`--tasks 3: ${out} holds this sweep in 4 shards; resume it with --tasks 4`));
    await expect(submitSweep({ ...submit, resume: true, weeks: 9 })).rejects.toThrow(/^--resume: .* holds a different sweep/);
    const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const printed = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await submitSweep({ ...submit, resume: true, quiet: false });
      expect(said.mock.calls.join('')).toContain(`submit with: sbatch --parsable --array=3 ${sweepScript}, then`);
    } finally {
      said.mockRestore();
      printed.mockRestore();
    }

    const late = await run('bash', [sweepScript], { SLURM_ARRAY_TASK_ID: '3' });
    expect(late.status).toBe(0);
    const merged = await run('bash', [mergeScript]);
    expect(merged.status).toBe(0);
    expect(readResults(out)).toEqual(await reference);
    expect(lines(readFileSync(join(out, 'runs.csv'), 'utf8'))).toHaveLength(TINY_RUNS + 1);
    expect(lines(statusText(out, sweepProgress(out))).slice(-2)).toEqual(['all: 12/12 runs (100%), 4/4 points done', `results: ${out}/runs.csv and points.csv are written`]);
  }, 240_000);

  it('refuse to run a sweep file changed after submission', async () => {
    const out = join(dir, 'changed');
    const changing = writeTinySweep(dir, 'changing.yaml');
    const dry = await goodhart(['sweep', changing, '--out', out, '--slurm', '--tasks', '2', '--dry-run', '--quiet', ...TINY_FLAGS]);
    expect(dry.status).toBe(0);
    writeFileSync(changing, TINY_SWEEP.replace('replications: 3', 'replications: 2'));
    const task = await run('bash', [join(out, 'slurm/sweep.sbatch')], { SLURM_ARRAY_TASK_ID: '1' });
    expect(task.status).toBe(2);
    expect(oneErrorLine(task.stderr)).toBe(
      `goodhart: error: --resume: ${out}/shard-1 holds a different sweep (the sweep file, its scenario, --set, --agents, --weeks or --shard changed); run it with the flags it was started with, or choose another --out`,
    );
  }, 240_000);
});

describe('the Kubernetes Indexed Job', () => {
  it('runs shard index + 1 in each pod, on the shared volume, and merges into the same files as one machine', async () => {
    const out = join(dir, 'kubernetes');
    const result = await goodhart(['sweep', file, '--out', out, '--kubernetes', '--tasks', '2', '--cpus-per-task', '2', '--mount', '/', '--volume-claim', 'shared-work', ...TINY_FLAGS]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(out, 'kubernetes/job.yaml'), 'utf8'));
    const job = parse(result.stdout);
    expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'goodhart-tiny' } });
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 2, parallelism: 2 });
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('OnFailure');
    expect(pod.volumes).toEqual([{ name: 'shared', persistentVolumeClaim: { claimName: 'shared-work' } }]);
    expect(pod.containers).toHaveLength(1);
    const container = pod.containers[0];
    expect(container).toMatchObject({ image: 'node:20-bookworm-slim', volumeMounts: [{ name: 'shared', mountPath: '/' }], resources: { requests: { cpu: '2' } } });
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(container.command[2]).toContain(' --shard "$K/2" --workers 2 --resume --yes ');

    // Each pod, with the node of the image first on the PATH.
    const env = { PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
    const pods = await Promise.all([0, 1].map((index) => run('sh', ['-c', container.command[2]], { ...env, JOB_COMPLETION_INDEX: String(index) })));
    expect(pods.map((p) => p.status)).toEqual([0, 0]);
    const merged = await goodhart(['merge', join(out, 'shard-1'), join(out, 'shard-2'), '--out', out, '--quiet']);
    expect(merged.status).toBe(0);
    expect(readResults(out)).toEqual(await reference);
  }, 240_000);

  it('has a pod command that counts shards from 1 and JOB_COMPLETION_INDEX from 0', () => {
    const command = kubernetesCommand({ ...SWEEP, tasks: 8 }, 3);
    expect(command).toBe(
      `K=$((JOB_COMPLETION_INDEX + 1)); exec node /shared/goodhart/bin/goodhart.js sweep '/shared/it'\\''s here/tiny.yaml' --out /shared/run1/shard-"$K" --shard "$K/8" --workers 3 --resume --yes --set 'name=a b' --weeks 8`,
    );
  });
});

describe('goodhart sweep --slurm, --kubernetes: mistakes', () => {
  const cases: [string, Partial<SubmitArgs>, string][] = [
    ['no --tasks', { slurm: true }, '--tasks: how many shards to split the sweep into (1 to 100000) is needed with --slurm'],
    ['more tasks than runs', { slurm: true, tasks: 13 }, '--tasks 13: the sweep has 12 runs; use at most 12 tasks, or each extra task would have nothing to do'],
    ['a time Slurm does not read', { slurm: true, tasks: 4, time: '2h' }, '--time must be a Slurm time: minutes, HH:MM:SS or D-HH:MM:SS, e.g. 02:00:00, got "2h"'],
    ['a partition with a space', { slurm: true, tasks: 4, partition: 'a b' }, '--partition must be a partition name (letters, digits, . _ - and commas), got "a b"'],
    ['an sbatch option without its dash', { slurm: true, tasks: 4, sbatchArg: ['account=x'] }, '--sbatch-arg must be one sbatch option starting with -, e.g. --sbatch-arg=--account=proj1, got "account=x"'],
    ['--shard with --slurm', { slurm: true, tasks: 4, shard: '1/4' }, '--shard: each task of a cluster job chooses its own shard; give --tasks N instead'],
    ['both schedulers', { slurm: true, kubernetes: true, tasks: 4 }, '--slurm and --kubernetes: choose one'],
    ['no --mount for Kubernetes', { kubernetes: true, tasks: 4 }, '--mount is needed with --kubernetes: the shared folder that holds the goodhart install, the sweep file and --out'],
    ['a --mount that misses the install', { kubernetes: true, tasks: 4, mount: '/nowhere' }, `--mount /nowhere: bin/goodhart.js (${join(REPO, 'bin/goodhart.js')}) is not inside it; the pods see only the mounted folder`],
    ['zero CPUs', { slurm: true, tasks: 4, cpusPerTask: 0 }, '--cpus-per-task must be a whole number from 1 to 1024, got 0'],
  ];
  for (const [what, flags, message] of cases) {
    it(`names ${what}, writing nothing`, async () => {
      const out = join(dir, `bad-${what.replace(/\W+/g, '-')}`);
      const args: SubmitArgs = { file, out, resume: false, quiet: true, dryRun: true, cpusPerTask: 1, agents: 200, weeks: 8, ...flags };
      await expect(submitSweep(args)).rejects.toThrow(new UserError(message));
      expect(existsSync(out)).toBe(false);
    });
  }
});

describe.concurrent('goodhart sweep --slurm, goodhart status: mistakes on the command line', () => {
  it('says where sbatch is missing, writing nothing', async () => {
    const out = join(dir, 'no-sbatch');
    const result = await run(process.execPath, [join(REPO, 'bin/goodhart.js'), 'sweep', file, '--out', out, '--slurm', '--tasks', '4', ...TINY_FLAGS], { PATH: '/nonexistent' });
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(
      'goodhart: error: --slurm: sbatch is not on this machine; run this on a Slurm login node, or use --dry-run to write the scripts and submit them your own way',
    );
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('says cluster flags need --slurm or --kubernetes, running nothing', async () => {
    const out = join(dir, 'no-scheduler');
    const result = await goodhart(['sweep', file, '--out', out, '--tasks', '4', ...TINY_FLAGS]);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: --tasks goes with --slurm or --kubernetes, to run the sweep on a cluster');
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('says a folder holds no sweep and no calibration', async () => {
    const result = await goodhart(['status', REPO]);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(`goodhart: error: ${REPO}: no sweep or calibration here (no sweep.json, no journal and no shard-K folders); name the --out folder of goodhart sweep or goodhart calibrate`);
  }, 120_000);
});
