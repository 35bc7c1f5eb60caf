/**
 * goodhart calibrate in shards, and its Slurm scripts run as Slurm would run them but without it
 * (each array task is `bash calibrate.sbatch` with SLURM_ARRAY_TASK_ID set): the joined posterior is
 * the one machine's, byte for byte. (test/cluster/slurm.test.ts submits it to a real Slurm.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodhart, lines, oneErrorLine, runProcess } from '../cli/goodhart.ts';
import { oneMachineCalibration, TINY_CALIBRATION_FLAGS, writeTinyTargets } from './calibrate-tiny.ts';

let dir: string;
let file: string;
let reference: Promise<string>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-calibrate-shards-'));
  file = writeTinyTargets(dir);
  reference = oneMachineCalibration(file, join(dir, 'one'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a calibration in shards', () => {
  it('two shards run together in one folder, joined with --resume: the posterior of one machine, byte for byte', async () => {
    const out = join(dir, 'shards');
    const shards = await Promise.all(['1/2', '2/2'].map((k) => goodhart(['calibrate', file, '--out', out, '--shard', k, '--workers', '1', '--yes', ...TINY_CALIBRATION_FLAGS])));
    expect(shards.map((s) => s.status)).toEqual([0, 0]);
    expect(shards[1].stderr).toContain('shard 2/2 done (2 generations); join the shards');
    // A shard writes its journal into its own folder, and no posterior.
    for (const k of [1, 2]) expect(readFileSync(join(out, `shard-${k}`, 'journal.jsonl'), 'utf8').length).toBeGreaterThan(0);
    expect(existsSync(join(out, 'posterior.csv'))).toBe(false);
    // Without --resume the folder's shards are not silently set aside.
    const fresh = await goodhart(['calibrate', file, '--out', out, '--workers', '1', '--yes', ...TINY_CALIBRATION_FLAGS]);
    expect(fresh.status).not.toBe(0);
    expect(oneErrorLine(fresh.stderr)).toBe(`goodhart: error: --out ${out} holds the shards of a calibration (2 journals in shard-K folders); add --resume to join them, or choose another --out`);
    const joined = await goodhart(['calibrate', file, '--out', out, '--workers', '1', '--resume', '--yes', '--quiet', ...TINY_CALIBRATION_FLAGS]);
    expect(joined.status).toBe(0);
    expect(readFileSync(join(out, 'posterior.csv'), 'utf8')).toBe(await reference);
  });

  it('its Slurm scripts, run as array tasks and the join, give the posterior of one machine', async () => {
    const out = join(dir, 'slurm');
    const dry = await goodhart(['calibrate', file, '--out', out, '--slurm', '--tasks', '2', '--cpus-per-task', '1', '--dry-run', ...TINY_CALIBRATION_FLAGS]);
    expect(dry.status).toBe(0);
    const script = join(out, 'slurm/calibrate.sbatch');
    const joinScript = join(out, 'slurm/join.sbatch');
    expect(dry.stdout).toBe(`${readFileSync(script, 'utf8')}\n${readFileSync(joinScript, 'utf8')}`);
    const task = lines(readFileSync(script, 'utf8'));
    expect(task).toContain('#SBATCH --array=1-2');
    expect(task.at(-1)).toContain(`calibrate ${file} --out ${out} --shard "$K/2" --workers 1 --resume --yes --population 12 --generations 2 --max-runs 20000 --seed 1 --params behaviour.gamingAversion,aiTool.padTimeShare --agents 100 --weeks 12 --allow-outside`);
    expect(lines(readFileSync(joinScript, 'utf8')).at(-1)).toContain(`calibrate ${file} --out ${out} --workers 1 --resume --yes --population 12`);
    const tasks = await Promise.all([1, 2].map((k) => runProcess('bash', [script], { cwd: dir, env: { SLURM_ARRAY_TASK_ID: String(k) } })));
    expect(tasks.map((t) => t.status)).toEqual([0, 0]);
    const joined = await runProcess('bash', [joinScript], { cwd: dir });
    expect(joined.status).toBe(0);
    expect(readFileSync(join(out, 'posterior.csv'), 'utf8')).toBe(await reference);
    // The folder now holds a calibration: submitting it again needs --resume.
    const again = await goodhart(['calibrate', file, '--out', out, '--slurm', '--tasks', '2', '--dry-run', ...TINY_CALIBRATION_FLAGS]);
    expect(oneErrorLine(again.stderr)).toBe(`goodhart: error: --out ${out} already holds a calibration; add --resume to submit it again from where it stopped, or choose another --out`);
  });

  it('refuses a cluster flag without --slurm, and a shard given with --slurm, in one line', async () => {
    const out = join(dir, 'refused');
    const tasks = await goodhart(['calibrate', file, '--out', out, '--tasks', '2', ...TINY_CALIBRATION_FLAGS]);
    expect(oneErrorLine(tasks.stderr)).toBe('goodhart: error: --tasks goes with --slurm, to run the calibration on a cluster');
    const shard = await goodhart(['calibrate', file, '--out', out, '--slurm', '--tasks', '2', '--shard', '1/2', '--dry-run', ...TINY_CALIBRATION_FLAGS]);
    expect(oneErrorLine(shard.stderr)).toBe('goodhart: error: --shard: each task of a cluster job chooses its own shard; give --tasks N instead');
    const bad = await goodhart(['calibrate', file, '--out', out, '--shard', '3/2', ...TINY_CALIBRATION_FLAGS]);
    expect(oneErrorLine(bad.stderr)).toBe('goodhart: error: --shard must be K/N with 1 ≤ K ≤ N ≤ 100000 (the K-th of N slices), got "3/2"');
    expect(existsSync(out)).toBe(false);
  });
});
