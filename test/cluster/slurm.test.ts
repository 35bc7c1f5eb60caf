/**
 * goodhart sweep --slurm and calibrate --slurm on a real Slurm: a one-node cluster on this machine (.ci/setup-slurm installs
 * and configures it; /work/shared/recipes/slurm-single-node.md explains it). The daemons that are not
 * running are started here and stopped at the end. Without sbatch the tests are skipped, saying so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodhart, lines, oneErrorLine } from '../cli/goodhart.ts';
import { oneMachineCalibration, TINY_CALIBRATION_FLAGS, writeTinyTargets } from './calibrate-tiny.ts';
import { oneMachine, readResults, TINY_FLAGS, writeTinySweep } from './tiny.ts';

const HAS_SLURM = spawnSync('sbatch', ['--version']).status === 0;
if (!HAS_SLURM) console.warn('test/cluster/slurm.test.ts: SKIPPED: no sbatch on this machine (run .ci/setup-slurm as root to install a one-node Slurm)');

/** How long a job of this tiny sweep may take on a busy two-core machine before the test gives up. */
const JOB_TIMEOUT_MS = 240_000;
const POLL_MS = 1000;
/** How long the daemons may take to show an idle node. */
const START_TIMEOUT_MS = 60_000;

function sh(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A daemon: how to tell it runs, how to start it, and the file its PID is in (to stop it by that PID). */
const DAEMONS = [
  { name: 'munged', start: ['su', '-s', '/bin/sh', 'munge', '-c', '/usr/sbin/munged'], pidFile: '/run/munge/munged.pid' },
  { name: 'slurmctld', start: ['/usr/sbin/slurmctld'], pidFile: '/run/slurmctld.pid' },
  { name: 'slurmd', start: ['/usr/sbin/slurmd'], pidFile: '/run/slurmd.pid' },
];

function isRunning(name: string): boolean {
  return sh('pgrep', ['-x', name]).status === 0;
}

/** Job ids still queued or running, of those given. */
function queued(ids: string[]): string[] {
  return lines(sh('squeue', ['-h', '-j', ids.join(','), '-o', '%A']).stdout).map((line) => line.trim());
}

async function waitForJobs(ids: string[]): Promise<void> {
  const deadline = Date.now() + JOB_TIMEOUT_MS;
  while (queued(ids).length > 0) {
    if (Date.now() > deadline) throw new Error(`Slurm jobs ${ids.join(', ')} still queued after ${JOB_TIMEOUT_MS / 1000} s:\n${sh('squeue', []).stdout}`);
    await sleep(POLL_MS);
  }
}

function jobState(id: string): string {
  return /JobState=(\w+)/.exec(sh('scontrol', ['show', 'job', id]).stdout)?.[1] ?? 'unknown';
}

/** The job ids that goodhart sweep --slurm printed. */
function submitted(stdout: string): { sweep: string; merge: string } {
  const sweep = /^submitted sweep job (\d+):/m.exec(stdout)?.[1];
  const merge = /^submitted merge job (\d+):/m.exec(stdout)?.[1];
  if (!sweep || !merge) throw new Error(`no job ids in:\n${stdout}`);
  return { sweep, merge };
}

describe.skipIf(!HAS_SLURM)('goodhart sweep --slurm on a one-node Slurm', () => {
  const started: string[] = [];
  let dir: string;
  let file: string;
  let reference: Promise<Record<string, string>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goodhart-slurm-'));
    file = writeTinySweep(dir);
    reference = oneMachine(file, join(dir, 'one'));
    for (const daemon of DAEMONS) {
      if (isRunning(daemon.name)) continue;
      const result = sh(daemon.start[0], daemon.start.slice(1));
      if (result.status !== 0) throw new Error(`cannot start ${daemon.name} (run .ci/setup-slurm as root first): ${result.stderr}`);
      started.push(daemon.name);
    }
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!/idle|mixed|allocated/.test(sh('sinfo', ['-h', '-o', '%T']).stdout)) {
      if (Date.now() > deadline) throw new Error(`no Slurm node came up in ${START_TIMEOUT_MS / 1000} s:\n${sh('sinfo', []).stdout}`);
      await sleep(POLL_MS);
    }
  }, START_TIMEOUT_MS + 30_000);

  afterAll(() => {
    // Stop only what this test started, by the PID each daemon wrote, the last started first.
    for (const name of [...started].reverse()) {
      const pidFile = DAEMONS.find((d) => d.name === name)!.pidFile;
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs a sweep as a 4-task array job and a merge job, giving the same files as one machine', async () => {
    const out = join(dir, 'run1');
    const submit = await goodhart(['sweep', file, '--out', out, '--slurm', '--tasks', '4', ...TINY_FLAGS]);
    expect(submit.status).toBe(0);
    const jobs = submitted(submit.stdout);
    expect(submit.stdout).toContain(`submitted sweep job ${jobs.sweep}: 4 of 4 tasks (shards 1,2,3,4)\n`);
    await waitForJobs([jobs.sweep, jobs.merge]);
    expect(jobState(jobs.merge)).toBe('COMPLETED');
    expect(readResults(out)).toEqual(await reference);
    const logs = readFileSync(join(out, `slurm/logs/sweep-${jobs.sweep}_2.out`), 'utf8');
    expect(logs).toContain(`wrote ${out}/shard-2/ (3 runs, shard 2/4)`);
    const status = await goodhart(['status', out]);
    expect(lines(status.stdout).slice(-2)).toEqual(['all: 12/12 runs (100%), 4/4 points done', `results: ${out}/runs.csv and points.csv are written`]);
  }, JOB_TIMEOUT_MS + 60_000);

  it('cancels the merge when a task is killed, refuses to merge naming the missing points, and completes once that task is resubmitted', async () => {
    const out = join(dir, 'run2');
    // Held, so that task 3 is killed before it starts whatever the machine's speed.
    const submit = await goodhart(['sweep', file, '--out', out, '--slurm', '--tasks', '4', '--sbatch-arg=--hold', ...TINY_FLAGS]);
    expect(submit.status).toBe(0);
    const jobs = submitted(submit.stdout);
    const early = await goodhart(['sweep', file, '--out', out, '--slurm', '--tasks', '4', '--resume', ...TINY_FLAGS]);
    // Resubmitting while the jobs are queued would run a shard twice at once: refused, naming them.
    const refused = oneErrorLine(early.stderr);
    expect(refused).toContain(`goodhart: error: --resume: jobs of ${out} are still queued or running (`);
    expect(refused).toContain(`${jobs.sweep}_[1-4]`);
    expect(refused).toContain(`${jobs.merge}`);
    expect(sh('scancel', [`${jobs.sweep}_3`]).status).toBe(0);
    expect(sh('scontrol', ['release', jobs.sweep]).status).toBe(0);
    expect(sh('scontrol', ['release', jobs.merge]).status).toBe(0);
    await waitForJobs([jobs.sweep, jobs.merge]);
    expect(jobState(jobs.merge)).toBe('CANCELLED');
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);

    const merge = await goodhart(['merge', ...[1, 2, 3, 4].map((k) => join(out, `shard-${k}`)), '--out', out]);
    expect(merge.status).toBe(2);
    expect(oneErrorLine(merge.stderr)).toBe('goodhart: error: the shards are incomplete: 3 of 12 runs are missing, at points 0, 2, 3; run or resume the missing shards and merge again');
    const status = await goodhart(['status', out]);
    expect(lines(status.stdout)).toContain('shard 3/4: 0/3 runs, 0/3 points, not started');

    const again = await goodhart(['sweep', file, '--out', out, '--slurm', '--tasks', '4', '--resume', ...TINY_FLAGS]);
    expect(again.status).toBe(0);
    const resubmitted = submitted(again.stdout);
    expect(again.stdout).toContain(`submitted sweep job ${resubmitted.sweep}: 1 of 4 tasks (shard 3)\n`);
    await waitForJobs([resubmitted.sweep, resubmitted.merge]);
    expect(jobState(resubmitted.merge)).toBe('COMPLETED');
    expect(readResults(out)).toEqual(await reference);
  }, 2 * JOB_TIMEOUT_MS + 60_000);

  it('runs a calibration as a 2-task array job and a join, giving the posterior of one machine', async () => {
    const targets = writeTinyTargets(dir);
    const expected = oneMachineCalibration(targets, join(dir, 'calibration-one'));
    const out = join(dir, 'calibration');
    const submit = await goodhart(['calibrate', targets, '--out', out, '--slurm', '--tasks', '2', '--cpus-per-task', '1', ...TINY_CALIBRATION_FLAGS]);
    expect(submit.status).toBe(0);
    const shards = /^submitted calibration job (\d+): 2 shards$/m.exec(submit.stdout)?.[1];
    const joined = /^submitted join job (\d+):/m.exec(submit.stdout)?.[1];
    if (!shards || !joined) throw new Error(`no job ids in:\n${submit.stdout}`);
    await waitForJobs([shards, joined]);
    expect(jobState(joined)).toBe('COMPLETED');
    expect(readFileSync(join(out, 'posterior.csv'), 'utf8')).toBe(await expected);
    expect(readFileSync(join(out, `slurm/logs/calibrate-${shards}_2.out`), 'utf8')).toContain('shard 2/2 done (2 generations)');
  }, JOB_TIMEOUT_MS + 60_000);
});
