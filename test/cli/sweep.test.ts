import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSweepText, resolvePlan } from '../../src/index.ts';
import { journalLine, planFingerprint, readJournal } from '../../src/cli/sweep-files.ts';
import { bundled } from '../helpers.ts';
import { goodhart, lines, oneErrorLine, REPO } from './goodhart.ts';

/** 12 points × 4 replications of a small meshclaw (the mandate from week 2, so that 15 weeks show it). */
const SWEEP = `
scenario: ${join(REPO, 'scenarios/meshclaw.yaml')}
design: grid
replications: 4
parameters:
  policies.quota.target: { min: 0, max: 40000000, steps: 3 }
  behaviour.contagion: { values: [0, 0.4, 0.8, 1] }
outputs: [realOutput, gamingShare, incidents, trust@final]
`;
const SMALL = ['--agents', '1000', '--weeks', '15', '--set', 'policies.quota.startWeek=2', '--set', 'policies.leaderboard.startWeek=2', '--quiet'];
const RUNS = 48;
const FILES = ['runs.csv', 'points.csv', 'sweep.json'];

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-sweep-'));
  file = join(dir, 'sweep.yaml');
  writeFileSync(file, SWEEP);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const read = (folder: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(folder, f), 'utf8')]));

/** The sweep on two workers in one go: what every other way of running it must reproduce, byte for byte. */
let reference: Promise<Record<string, string>> | undefined;
function single(): Promise<Record<string, string>> {
  reference ??= (async () => {
    const out = join(dir, 'single');
    const result = await goodhart(['sweep', file, '--out', out, '--workers', '2', ...SMALL]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return read(out);
  })();
  return reference;
}

describe.concurrent('goodhart sweep', () => {
  it('writes runs.csv, points.csv and sweep.json', async () => {
    const files = await single();
    const runs = lines(files['runs.csv']);
    expect(runs[0]).toBe('point,replication,seed,policies.quota.target,behaviour.contagion,realOutput,gamingShare,incidents,trust@final');
    expect(runs).toHaveLength(RUNS + 1);
    expect(runs[1]).toMatch(/^0,0,1,0,0,\d/);
    expect(runs[RUNS]).toMatch(/^11,3,4,40000000,1,\d/);
    const points = lines(files['points.csv']);
    expect(points[0]).toBe(
      'point,policies.quota.target,behaviour.contagion,replications,realOutput.mean,realOutput.lo,realOutput.hi,gamingShare.mean,gamingShare.lo,gamingShare.hi,incidents.mean,incidents.lo,incidents.hi,trust@final.mean,trust@final.lo,trust@final.hi',
    );
    expect(points).toHaveLength(13);
    const plan = JSON.parse(files['sweep.json']);
    expect(plan).toMatchObject({ scenario: 'meshclaw', design: 'grid', replications: 4, seed: 1, seeds: [1, 2, 3, 4] });
    expect(plan.points).toHaveLength(12);
    expect(plan.baseScenario.agents).toBe(1000);
  });

  it('gives the same files from 3 shards merged (with --no-charts, no charts), and refuses to merge an incomplete set', async () => {
    const shards = [1, 2, 3].map((k) => join(dir, `shard-${k}`));
    const results = await Promise.all(shards.map((out, k) => goodhart(['sweep', file, '--out', out, '--workers', '1', '--shard', `${k + 1}/3`, ...SMALL])));
    expect(results.map((r) => r.status)).toEqual([0, 0, 0]);
    expect(lines(readFileSync(join(shards[0], 'runs.csv'), 'utf8'))).toHaveLength(RUNS / 3 + 1);
    const merged = join(dir, 'merged');
    const merge = await goodhart(['merge', ...shards, '--out', merged, '--quiet', '--no-charts']);
    expect(merge.stderr).toBe('');
    expect(read(merged)).toEqual(await single());
    const svgs = readdirSync(join(dir, 'single', 'charts')).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    // report.html: an index of every chart, under readable titles, linking the files.
    const report = readFileSync(join(dir, 'single', 'report.html'), 'utf8');
    for (const svg of svgs) expect(report).toContain(`src="charts/${encodeURIComponent(svg)}"`);
    expect(report).toContain('>Real output (whole run, total, engineer-weeks) by quota target and contagion</h2>');
    expect(existsSync(join(merged, 'report.html'))).toBe(false);
    expect(existsSync(join(merged, 'charts'))).toBe(false);

    const partial = await goodhart(['merge', shards[0], shards[2], '--out', join(dir, 'partial')]);
    expect(partial.status).toBe(2);
    expect(oneErrorLine(partial.stderr)).toBe(
      'goodhart: error: the shards are incomplete: 16 of 48 runs are missing, at points 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11; run or resume the missing shards and merge again',
    );
    expect(existsSync(join(dir, 'partial'))).toBe(false);
  });

  it('resumes a sweep killed with SIGKILL: the same runs.csv, no run twice', async () => {
    const out = join(dir, 'killed');
    const journal = join(out, 'journal.jsonl');
    const child = spawn(process.execPath, ['bin/goodhart.js', 'sweep', file, '--out', out, '--workers', '1', ...SMALL], { cwd: REPO, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let journalled = 0;
    while (journalled < 3) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      journalled = existsSync(journal) ? lines(readFileSync(journal, 'utf8')).length : 0;
    }
    child.kill('SIGKILL');
    await exited;
    const kept = lines(readFileSync(journal, 'utf8')).length;
    expect(kept).toBeLessThan(RUNS);
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);

    const resumed = await goodhart(['sweep', file, '--out', out, '--workers', '2', '--resume', ...SMALL]);
    expect(resumed.status).toBe(0);
    expect(read(out)).toEqual(await single());
    const entries = lines(readFileSync(journal, 'utf8')).map((line) => JSON.parse(line) as { point: number; replication: number });
    expect(entries).toHaveLength(RUNS);
    expect(new Set(entries.map((e) => `${e.point}/${e.replication}`)).size).toBe(RUNS);
  });

  it('stops cleanly on Ctrl-C, keeping the finished runs, and says how to resume', async () => {
    const out = join(dir, 'interrupted');
    const journal = join(out, 'journal.jsonl');
    const child = spawn(process.execPath, ['bin/goodhart.js', 'sweep', file, '--out', out, '--workers', '1', ...SMALL], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!existsSync(journal) || lines(readFileSync(journal, 'utf8')).length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const kept = lines(readFileSync(journal, 'utf8'));
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(RUNS);
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    expect(stderr).toContain(`goodhart: stopped: ${kept.length} runs are done and kept in ${journal}; to continue:`);
    expect(stderr.endsWith(`\n  goodhart sweep ${file} --out ${out} --set policies.quota.startWeek=2 --set policies.leaderboard.startWeek=2 --agents 1000 --weeks 15 --resume\n`)).toBe(true);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses to resume a different sweep in the same folder', async () => {
    await single();
    const result = await goodhart(['sweep', file, '--out', join(dir, 'single'), '--resume', ...SMALL, '--set', 'behaviour.inertia=0.2']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toMatch(/--resume: .* holds a different sweep/);
  });
});

describe('the journal', () => {
  it('drops a last line cut short by a crash, and cuts it from the file only when asked (before appending)', () => {
    const plan = resolvePlan(parseSweepText(SWEEP), bundled('meshclaw'));
    const whole = [0, 1].map((replication) => journalLine({ point: 3, replication, seed: 1 + replication, outputs: [1.5, 0.25, 7, Number.NaN] }, planFingerprint(plan)));
    const journal = join(dir, 'cut.jsonl');
    writeFileSync(journal, `${whole.join('')}{"point":3,"replica`);
    const records = readJournal(journal, plan);
    expect(records).toEqual([
      { point: 3, replication: 0, seed: 1, outputs: [1.5, 0.25, 7, Number.NaN] },
      { point: 3, replication: 1, seed: 2, outputs: [1.5, 0.25, 7, Number.NaN] },
    ]);
    expect(readFileSync(journal, 'utf8')).toContain('"replica');
    readJournal(journal, plan, true);
    expect(readFileSync(journal, 'utf8')).toBe(whole.join(''));
  });

  it('refuses lines of another sweep', () => {
    const plan = resolvePlan(parseSweepText(SWEEP), bundled('meshclaw'));
    const journal = join(dir, 'other.jsonl');
    writeFileSync(journal, journalLine({ point: 12, replication: 0, seed: 1, outputs: [1, 2, 3, 4] }, planFingerprint(plan)));
    expect(() => readJournal(journal, plan)).toThrow(/line 1 is not a run of this sweep/);
  });

  it('refuses a journal of another plan, naming the folder, even where the runs would fit this plan', () => {
    const plan = resolvePlan(parseSweepText(SWEEP), bundled('meshclaw'));
    const other = resolvePlan(parseSweepText(SWEEP), bundled('meshclaw', ['agents=100']));
    const folder = join(dir, 'foreign');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'journal.jsonl'), journalLine({ point: 0, replication: 0, seed: 1, outputs: [1, 2, 3, 4] }, planFingerprint(other)));
    expect(() => readJournal(join(folder, 'journal.jsonl'), plan)).toThrow(
      `${folder} holds runs of another sweep (line 1 of journal.jsonl is of plan "${planFingerprint(other)}", this one is ${planFingerprint(plan)}); choose another --out, or start again without --resume`,
    );
  });

  it.each([
    ['a number written as text', '"1e999"'],
    ['an infinite number', '1e999'],
    ['true', 'true'],
  ])('refuses a journal value a run cannot give: %s', (_, value) => {
    const plan = resolvePlan(parseSweepText(SWEEP), bundled('meshclaw'));
    const journal = join(dir, 'values.jsonl');
    writeFileSync(journal, `{"plan":"${planFingerprint(plan)}","point":0,"replication":0,"seed":1,"outputs":[${value},1,2,3]}\n`);
    expect(() => readJournal(journal, plan)).toThrow(/line 1 is not a run of this sweep, or holds a value a run cannot give/);
  });
});

describe.concurrent('goodhart sweep: mistakes in a sweep file', () => {
  const cases: [string, string, string][] = [
    ['an unknown parameter path', SWEEP.replace('behaviour.contagion', 'behaviour.contagoin'), 'parameters.behaviour.contagoin: unknown scenario path: no field "contagoin" in behaviour; did you mean "contagion"?'],
    ['min > max', SWEEP.replace('min: 0, max: 40000000', 'min: 40000000, max: 0'), 'parameters.policies.quota.target.max: must be at least min (40000000), got 0'],
    ['an unknown design', SWEEP.replace('design: grid', 'design: latin'), 'design: must be one of grid, random, lhs, sobol, morris, got "latin"'],
    ['an unknown output metric', SWEEP.replace('incidents,', 'incidnets,'), 'outputs.2: unknown metric "incidnets"; did you mean "incidents"?'],
  ];
  for (const [what, text, message] of cases) {
    it(`names ${what}`, async () => {
      const bad = join(dir, `${what.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(bad, text);
      const result = await goodhart(['sweep', bad, '--out', join(dir, 'bad'), ...SMALL]);
      expect(result.status).toBe(1);
      expect(oneErrorLine(result.stderr)).toContain(`goodhart: error: ${bad}: ${message}`);
      expect(existsSync(join(dir, 'bad'))).toBe(false);
    });
  }
});
