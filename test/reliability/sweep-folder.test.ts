/**
 * A sweep folder belongs to one plan (docs/RELIABILITY.md, item 3): a second sweep started into a
 * folder a sweep is writing is refused, naming who holds it; a lock left by a dead process is taken
 * over; a journal of another plan is refused on --resume, naming the folder, also where the folder
 * has no sweep.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/errors.ts';
import { LOCK, lockFolder } from '../../src/cli/lock.ts';
import { errorLine, goodhart, REPO } from './cli.ts';

/** 10 points × 4 replications of a small meshclaw: long enough to start a second sweep while it runs. */
const SWEEP = `
scenario: ${join(REPO, 'scenarios/meshclaw.yaml')}
design: grid
replications: 4
parameters:
  policies.quota.target: { values: [0, 20000000, 40000000, 60000000, 80000000] }
  behaviour.contagion: { values: [0, 1] }
outputs: [realOutput, gamingShare, incidents, trust@final]
`;
const SMALL = ['--weeks', '10', '--quiet', '--workers', '1'];

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-sweep-folder-'));
  file = join(dir, 'sweep.yaml');
  writeFileSync(file, SWEEP);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pid of a process that has ended (so no process of this host has it, for a while). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the lock of a folder', () => {
  it('refuses a second writer, naming who holds it, until the first releases it', () => {
    const folder = join(dir, 'lock-twice');
    mkdirSync(folder);
    const first = lockFolder(folder, 'sweep');
    let refusal: unknown;
    try {
      lockFolder(folder, 'sweep');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as Error).message).toMatch(
      new RegExp(`^--out ${folder} is being written by another goodhart \\(sweep, process ${process.pid} on ${hostname()}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\); wait for it to finish, or choose another --out$`),
    );
    first.release();
    expect(existsSync(join(folder, LOCK))).toBe(false);
    lockFolder(folder, 'sweep').release();
  });

  it('takes over a lock left by a process of this host that has died', () => {
    const folder = join(dir, 'lock-stale');
    mkdirSync(folder);
    writeFileSync(join(folder, LOCK), `${JSON.stringify({ pid: deadPid(), host: hostname(), command: 'sweep', started: '2026-01-01T00:00:00.000Z' })}\n`);
    const lock = lockFolder(folder, 'sweep');
    expect(JSON.parse(readFileSync(join(folder, LOCK), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock held on another host, saying how to remove it if that process is gone', () => {
    const folder = join(dir, 'lock-elsewhere');
    mkdirSync(folder);
    writeFileSync(join(folder, LOCK), `${JSON.stringify({ pid: 1, host: 'node-17.cluster', command: 'sweep', started: '2026-01-01T00:00:00.000Z' })}\n`);
    expect(() => lockFolder(folder, 'sweep')).toThrow(`(if that process is gone, remove ${join(folder, LOCK)})`);
  });
});

describe('goodhart sweep into a folder', () => {
  it('refuses a second sweep into the folder a sweep is writing; the first finishes with its own runs only', async () => {
    const out = join(dir, 'two');
    const first = spawn(process.execPath, ['bin/goodhart.js', 'sweep', file, '--out', out, '--agents', '1000', ...SMALL], { cwd: REPO, stdio: 'ignore' });
    const firstDone = new Promise<number | null>((resolve) => first.on('close', resolve));
    // The first sweep holds the lock from before its plan is written until its last file is.
    while (!existsSync(join(out, 'sweep.json'))) await sleep(20);
    const second = await goodhart(['sweep', file, '--out', out, '--agents', '100', ...SMALL]);
    expect(second.status).toBe(2);
    expect(errorLine(second.stderr)).toMatch(new RegExp(`^goodhart: error: --out ${out} is being written by another goodhart \\(sweep, process ${first.pid} on `));
    expect(await firstDone).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(plan.baseScenario.agents).toBe(1000);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(41);
    expect(existsSync(join(out, LOCK))).toBe(false);
  }, 600_000);

  it('refuses to resume from a journal of another plan in a folder with no sweep.json, naming the folder', async () => {
    const foreign = join(dir, 'foreign-source');
    const made = await goodhart(['sweep', file, '--out', foreign, '--agents', '100', '--no-charts', ...SMALL]);
    expect(made.status).toBe(0);
    const out = join(dir, 'foreign');
    mkdirSync(out);
    writeFileSync(join(out, 'journal.jsonl'), readFileSync(join(foreign, 'journal.jsonl')));
    const resumed = await goodhart(['sweep', file, '--out', out, '--agents', '200', '--resume', ...SMALL]);
    expect(resumed.status).toBe(2);
    expect(errorLine(resumed.stderr)).toMatch(new RegExp(`^goodhart: error: ${out} holds runs of another sweep \\(line 1 of journal.jsonl is of plan "[0-9a-f]{16}", this one is [0-9a-f]{16}\\); choose another --out, or start again without --resume$`));
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
  }, 600_000);
});
