/**
 * goodhart calibrate in shards, and its Slurm scripts run as Slurm would run them but without it
 * (each array task is `bash calibrate.sbatch` with SLURM_ARRAY_TASK_ID set): the joined posterior is
 * the one machine's, byte for byte. (test/cluster/slurm.test.ts submits it to a real Slurm.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrationStatusText } from '../../src/cli/commands/status.ts';
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
    // status counts each shard's journal lines, and the distinct candidates of each generation.
    const journals = [1, 2].map((k) => lines(readFileSync(join(out, `shard-${k}`, 'journal.jsonl'), 'utf8')).map((l) => JSON.parse(l) as { g: number; i: number }));
    const distinct = [0, 1].map((g) => new Set(journals.flat().filter((e) => e.g === g).map((e) => e.i)).size);
    const during = await goodhart(['status', out]);
    expect(during.status).toBe(0);
    const said = lines(during.stdout);
    expect(said[0]).toBe(`${out}: calibration, in 2 shards, not finished`);
    expect(said[1]).toMatch(new RegExp(`^shard 1/2: ${journals[0].length} candidates, last written \\d+ s ago$`));
    expect(said[2]).toMatch(new RegExp(`^shard 2/2: ${journals[1].length} candidates, last written \\d+ s ago$`));
    expect(said).toContain(`all: ${distinct[0] + distinct[1]} candidates simulated (by generation, 0: ${distinct[0]}, 1: ${distinct[1]}); generation 1 reached`);
    expect(said.at(-1)).toBe('results: not yet; the join writes them (the same command with --resume and without --shard)');
    // Without --resume the folder's shards are not silently set aside.
    const fresh = await goodhart(['calibrate', file, '--out', out, '--workers', '1', '--yes', ...TINY_CALIBRATION_FLAGS]);
    expect(fresh.status).not.toBe(0);
    expect(oneErrorLine(fresh.stderr)).toBe(`goodhart: error: --out ${out} holds the shards of a calibration (2 journals in shard-K folders); add --resume to join them, or choose another --out`);
    const joined = await goodhart(['calibrate', file, '--out', out, '--workers', '1', '--resume', '--yes', '--quiet', ...TINY_CALIBRATION_FLAGS]);
    expect(joined.status).toBe(0);
    expect(readFileSync(join(out, 'posterior.csv'), 'utf8')).toBe(await reference);
    const diagnostics = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    const after = lines((await goodhart(['status', out])).stdout);
    expect(after[0]).toBe(`${out}: calibration, in 2 shards, finished after its last generation: 2 generations, ${diagnostics.simulations} simulations`);
    expect(after[1]).toBe(`last generation: effective sample size ${Math.round(diagnostics.generations[1].ess)} of 12 particles`);
    expect(after[2]).toBe(`results: ${out}/calibration.html, posterior.csv, diagnostics.json, predictive.csv`);
  });

  it('its Slurm scripts, run as array tasks and the join, give the posterior of one machine', async () => {
    const out = join(dir, 'slurm');
    const dry = await goodhart(['calibrate', file, '--out', out, '--slurm', '--tasks', '2', '--cpus-per-task', '1', '--dry-run', ...TINY_CALIBRATION_FLAGS]);
    expect(dry.status).toBe(0);
    const script = join(out, 'slurm/calibrate.sbatch');
    const joinScript = join(out, 'slurm/join.sbatch');
    expect(dry.stdout).toBe(`${readFileSync(script, 'utf8')}\n${readFileSync(joinScript, 'utf8')}`);
    // Submitted, no task started yet: status says so from the folder alone.
    expect(lines((await goodhart(['status', out])).stdout)).toEqual([
      `${out}: calibration, in 2 shards (a Slurm job), not finished`,
      'shard 1/2: not started',
      'shard 2/2: not started',
      'no shard has written for a while (none has started): the tasks are waiting to start, or stopped (started again, they continue from their journals)',
      'all: no candidate simulated yet',
      'results: not yet; the join writes them (the join job, after the tasks)',
    ]);
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

  it("status tells an idle shard from one still writing, by its journal's last write", () => {
    const now = 10_000_000;
    const progress = {
      shards: 3,
      submitted: true,
      journals: [
        { shard: 1, candidates: 40, lastWrite: now - 4_000 },
        { shard: 2, candidates: 25, lastWrite: now - 5 * 60_000 },
        { shard: 3, candidates: 0 },
      ],
      perGeneration: [50, 15],
      results: [],
    };
    expect(lines(calibrationStatusText('out/cal', progress, now))).toEqual([
      'out/cal: calibration, in 3 shards (a Slurm job), not finished',
      'shard 1/3: 40 candidates, last written 4 s ago',
      'shard 2/3: 25 candidates, last written 5 min ago: idle',
      'shard 3/3: not started',
      'the shards still writing run the slices of those idle or not started',
      'all: 65 candidates simulated (by generation, 0: 50, 1: 15); generation 1 reached',
      'results: not yet; the join writes them (the join job, after the tasks)',
    ]);
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
