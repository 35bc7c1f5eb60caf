/**
 * Item 3 of the reliability guarantees (docs/RELIABILITY.md): a sweep killed at any moment and
 * resumed gives the same bytes as one never interrupted, with no run lost or run twice; Ctrl-C
 * stops it cleanly and says how to continue; a disk that fills up mid-sweep loses no finished run.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLine, FAIL_WRITES, goodhart, REPO } from './cli.ts';

/** 10 points × 4 replications of a small meshclaw, the mandate from week 2. */
const SWEEP = `
scenario: ${join(REPO, 'scenarios/meshclaw.yaml')}
design: grid
replications: 4
parameters:
  policies.quota.target: { values: [0, 20000000, 40000000, 60000000, 80000000] }
  behaviour.contagion: { values: [0, 1] }
outputs: [realOutput, gamingShare, incidents, trust@final]
`;
const RUNS = 40;
const FLAGS = ['--agents', '1500', '--weeks', '15', '--set', 'policies.quota.startWeek=2', '--quiet'];
const FILES = ['runs.csv', 'points.csv', 'sweep.json'];
/**
 * When to kill: once the plan is written (before any run is journalled), then once the journal holds
 * this many runs; the last, once every run is journalled (while the final files are being written).
 */
const KILL_AFTER_RUNS = [0, 1, 6, 13, 22, 31, RUNS];

let dir: string;
let file: string;
/** The sweep run in one go on two workers, started first and awaited where compared. */
let reference: Promise<Record<string, string>>;
const figures = { killPoints: 0, killedWhileRunning: 0 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-interrupt-'));
  file = join(dir, 'sweep.yaml');
  writeFileSync(file, SWEEP);
  const out = join(dir, 'reference');
  reference = goodhart(['sweep', file, '--out', out, '--workers', '2', ...FLAGS]).then((result) => {
    expect(result.stderr).toBe('');
    return read(out);
  });
});
afterAll(() => {
  console.info(`interrupted sweeps: ${figures.killPoints} SIGKILL points survived (${figures.killedWhileRunning} with runs still to do)`);
  rmSync(dir, { recursive: true, force: true });
});

const read = (folder: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
const journalLines = (journal: string) => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').slice(0, -1) : []);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whole journal entries: every line parses, one per run, none twice; returns how many. After a kill
 * (`killed`) the last line may be cut short mid-write: it is not an entry, and a resume drops it.
 */
function checkJournal(journal: string, expected?: number, killed = false): number {
  // Killed between writing the plan and opening the journal, a sweep leaves no journal: no run done.
  const text = existsSync(journal) ? readFileSync(journal, 'utf8') : '';
  if (!killed) expect(text === '' || text.endsWith('\n')).toBe(true);
  const entries = journalLines(journal).map((line) => JSON.parse(line) as { point: number; replication: number });
  const keys = new Set(entries.map((e) => `${e.point}/${e.replication}`));
  expect(keys.size).toBe(entries.length);
  if (expected !== undefined) expect(entries).toHaveLength(expected);
  return entries.length;
}

/** Starts `goodhart sweep` and kills it with SIGKILL once `ready()` holds; says whether it was still running. */
async function killWhen(args: string[], ready: () => boolean): Promise<boolean> {
  const child = spawn(process.execPath, ['bin/goodhart.js', ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  while (!exited && !ready()) await sleep(2);
  const killed = !exited && child.kill('SIGKILL');
  await exit;
  expect(stderr).not.toMatch(/^\s+at /m);
  return killed;
}

describe.concurrent('interrupted sweeps', () => {
  it(`SIGKILL at ${KILL_AFTER_RUNS.length} moments, resumed each time: byte-identical results, no run lost or run twice`, async () => {
    const out = join(dir, 'killed');
    const journal = join(out, 'journal.jsonl');
    for (const [k, runs] of KILL_AFTER_RUNS.entries()) {
      const args = ['sweep', file, '--out', out, '--workers', '1', ...FLAGS, ...(k > 0 ? ['--resume'] : [])];
      const ready = runs === 0 ? () => existsSync(join(out, 'sweep.json')) : () => journalLines(journal).length >= runs;
      const killed = await killWhen(args, ready);
      if (killed) figures.killPoints++;
      if (killed && journalLines(journal).length < RUNS) figures.killedWhileRunning++;
      // What a kill leaves: whole lines but perhaps the last (cut short mid-write), and no final files until every run is done.
      const kept = checkJournal(journal, undefined, true);
      if (kept < RUNS) expect(existsSync(join(out, 'runs.csv'))).toBe(false);
      if (k === 3) appendFileSync(journal, '{"point":7,"replica'); // as if the machine stopped mid-line
    }
    expect(figures.killPoints).toBeGreaterThanOrEqual(5);
    const resumed = await goodhart(['sweep', file, '--out', out, '--workers', '2', '--resume', ...FLAGS]);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toBe('');
    expect(read(out)).toEqual(await reference);
    checkJournal(journal, RUNS);
  }, 300_000);

  it('Ctrl-C: finishes the runs in flight, keeps whole journal lines, exits 130 and prints the command that continues', async () => {
    const out = join(dir, 'ctrl-c');
    const journal = join(out, 'journal.jsonl');
    const child = spawn(process.execPath, ['bin/goodhart.js', 'sweep', file, '--out', out, '--workers', '2', ...FLAGS], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let closed = false;
    const status = new Promise<number | null>((resolve) => child.on('close', (code) => ((closed = true), resolve(code))));
    while (!closed && journalLines(journal).length < 3) await sleep(2);
    expect(closed, stderr).toBe(false);
    child.kill('SIGINT');
    const atSignal = journalLines(journal).length;
    expect(await status).toBe(130);
    const kept = checkJournal(journal);
    expect(kept).toBeGreaterThanOrEqual(atSignal);
    expect(kept).toBeLessThan(RUNS);
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    expect(stderr).toContain('goodhart: stopping after the runs in flight');
    expect(stderr).toContain(`goodhart: stopped: ${kept} runs are done and kept in ${journal}; to continue:`);
    expect(stderr).not.toMatch(/^\s+at /m);

    // The printed command, as the user would paste it, finishes the sweep.
    const command = stderr.trim().split('\n').pop()!.trim();
    expect(command).toBe(`goodhart sweep ${file} --out ${out} --set policies.quota.startWeek=2 --agents 1500 --weeks 15 --resume`);
    const resumed = await goodhart([...command.split(' ').slice(1), '--quiet']);
    expect(resumed.status).toBe(0);
    expect(read(out)).toEqual(await reference);
    checkJournal(journal, RUNS);
  }, 180_000);

  it('a disk that fills up mid-sweep: one error line, the finished runs kept whole, and --resume completes it', async () => {
    const out = join(dir, 'disk-full');
    const journal = join(out, 'journal.jsonl');
    // Writes: the probe of --out, the folder's lock, sweep.json, then three journal lines; the fourth line fails.
    const failed = await goodhart(['sweep', file, '--out', out, '--workers', '1', ...FLAGS], { node: ['--import', FAIL_WRITES], env: { GOODHART_FAIL_AFTER_WRITES: '6' } });
    expect(failed.status).toBe(2);
    expect(errorLine(failed.stderr)).toBe(
      `goodhart: error: cannot add to ${journal} (the disk is full); the runs it holds are kept: make room, then continue with --resume`,
    );
    checkJournal(journal, 3);
    const resumed = await goodhart(['sweep', file, '--out', out, '--workers', '2', '--resume', ...FLAGS]);
    expect(resumed.status).toBe(0);
    expect(read(out)).toEqual(await reference);
    checkJournal(journal, RUNS);
  }, 180_000);
});
