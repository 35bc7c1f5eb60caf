/**
 * Whole-process times of the `goodhart` command, as a user feels them: start-up, loading and
 * checking, the run, writing files. Each command runs in a fresh process; the figure is the median.
 *
 *   node --import tsx bench/start.ts                 # every case, 5 runs each (npm start: 3)
 *   node --import tsx bench/start.ts --runs 9        # 9 runs of every case, npm start's too
 *   node --import tsx bench/start.ts --case "npm start" --runs 11   # the cases whose name holds the text
 *   node --import tsx bench/start.ts --bin other/bin/goodhart.js   # another copy
 *   node --import tsx bench/start.ts --before other/bin/goodhart.js  # before and after, run by run in turn
 *
 * A before/after alternates the two copies run by run (one unmeasured run of each first), so that
 * a machine whose speed drifts, as a shared virtual machine's does, slows both alike. Each line
 * gives the median wall-clock time, each run's, and the median CPU time (all threads) where the
 * system reports it.
 *
 * Targets: issue "Fast to start" (docs/PERFORMANCE.md, Start-up).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface StartCase {
  name: string;
  args: (out: string) => string[];
  targetSeconds: number;
  runs?: number;
}

/** The arguments of package.json's start script after `node bin/goodhart.js`, into `out`: what `npm start` runs, without npm's own start-up. */
function startArgs(out: string): string[] {
  const script: string = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')).scripts.start;
  const args = script.split(/\s+/).slice(2);
  args[args.indexOf('--out') + 1] = out;
  return [...args, '--quiet'];
}

/** Runs of each case unless --runs says: npm start, some seconds a run, fewer. */
const DEFAULT_RUNS = 5;
const NPM_START_RUNS = 3;

export const START_CASES: StartCase[] = [
  { name: 'goodhart --version', args: () => ['--version'], targetSeconds: 0.15 },
  { name: 'goodhart validate scenarios/meshclaw.yaml', args: () => ['validate', 'scenarios/meshclaw.yaml'], targetSeconds: 0.4 },
  {
    name: 'run meshclaw --seeds 1 --charts none --no-report',
    args: (out) => ['run', 'scenarios/meshclaw.yaml', '--seeds', '1', '--charts', 'none', '--no-report', '--quiet', '--out', out],
    targetSeconds: 0.5,
  },
  {
    name: 'run meshclaw --agents 10000 --seeds 1 --charts none --no-report',
    args: (out) => ['run', 'scenarios/meshclaw.yaml', '--agents', '10000', '--seeds', '1', '--charts', 'none', '--no-report', '--quiet', '--out', out],
    targetSeconds: 0.7,
  },
  { name: 'npm start (4 scenarios × 20 seeds and the posterior, 34 charts, report)', args: startArgs, targetSeconds: 4, runs: NPM_START_RUNS },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One whole run: wall-clock seconds, and CPU seconds (user and system, all threads) where the system says. */
export interface Timing {
  wall: number;
  cpu?: number;
}

/** Clock ticks per second of /proc's times: 100 on Linux (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/**
 * CPU seconds of this process's finished children, from /proc/self/stat (cutime and cstime, the
 * 16th and 17th fields); undefined without /proc. On a shared machine whose speed drifts, CPU time
 * says what a change did to the work, wall time what a user waits.
 */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command's name, which may hold spaces: the 3rd field comes first.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** One whole run of case `c` by the command `bin`, writing into `out`. */
function timeOnce(bin: string, cwd: string, c: StartCase, out: string): Timing {
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [bin, ...c.args(out)], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childrenCpuSeconds();
  if (child.status !== 0) throw new Error(`${c.name} failed (exit ${child.status ?? child.signal}): ${child.stderr}`);
  return cpuBefore === undefined || cpuAfter === undefined ? { wall } : { wall, cpu: cpuAfter - cpuBefore };
}

/**
 * Runs one case `runs` times with each command of `bins`, in turn run by run, after one unmeasured
 * run of each (which also builds what a first start builds); the timings of each run, per command.
 */
export function timeCases(bins: readonly string[], c: StartCase, runs: number): Timing[][] {
  const out = mkdtempSync(join(tmpdir(), 'goodhart-start-'));
  try {
    const timings = bins.map((): Timing[] => []);
    for (let k = 0; k <= runs; k++) {
      bins.forEach((bin, b) => {
        const timing = timeOnce(bin, resolve(bin, '../..'), c, out);
        if (k > 0) timings[b].push(timing);
      });
    }
    return timings;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs one case `runs` times after one unmeasured run; wall-clock seconds of each. */
export function timeCase(bin: string, c: StartCase, runs: number): number[] {
  return timeCases([bin], c, runs)[0].map((t) => t.wall);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, bin: { type: 'string' }, before: { type: 'string' }, case: { type: 'string' } } });
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs must be a whole number of at least 1, not ${values.runs}`);
  const cases = START_CASES.filter((c) => values.case === undefined || c.name.includes(values.case));
  if (cases.length === 0) throw new Error(`--case "${values.case}" names no case; the cases: ${START_CASES.map((c) => c.name).join('; ')}`);
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bin = resolve(values.bin ?? join(root, 'bin/goodhart.js'));
  const before = values.before === undefined ? undefined : resolve(values.before);
  const bins = before ? [before, bin] : [bin];
  const runsSaid = runs === undefined ? `${DEFAULT_RUNS} runs (npm start: ${NPM_START_RUNS})` : `${runs} runs`;
  console.log(`goodhart start-up: ${bins.join(' against ')}, Node ${process.version}; whole process, median of ${runsSaid} after one unmeasured${before ? ', the two in turn' : ''}\n`);
  const show = (timings: Timing[]) => {
    const walls = timings.map((t) => t.wall);
    const cpus = timings.flatMap((t) => (t.cpu === undefined ? [] : [t.cpu]));
    const cpu = cpus.length === timings.length ? `, CPU ${median(cpus).toFixed(2)} s` : '';
    return `${median(walls).toFixed(3).padStart(7)} s  (runs ${walls.map((s) => s.toFixed(2)).join(' ')}${cpu})`;
  };
  for (const c of cases) {
    const timings = timeCases(bins, c, runs ?? c.runs ?? DEFAULT_RUNS);
    const after = timings[timings.length - 1];
    const m = median(after.map((t) => t.wall));
    const verdict = m < c.targetSeconds ? 'met   ' : 'MISSED';
    if (before) console.log(`       ${c.name.padEnd(62)} before ${show(timings[0])}`);
    console.log(`${verdict} ${c.name.padEnd(62)} ${before ? ' after ' : ''}${show(after)}  target < ${c.targetSeconds} s`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`bench/start.ts: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
