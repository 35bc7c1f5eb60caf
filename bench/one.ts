/**
 * One benchmark size, run in its own process by bench/run.ts so that its peak memory is its own:
 * `node --import tsx bench/one.ts AGENTS [WEEKS]`. Prints one line of JSON with the measurement.
 *
 * The scenario is meshclaw with every policy in force from week 0 (quota, leaderboard, managers
 * weighing usage, bot deploys), so that every week runs every mechanism.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../src/index.ts';
import { simulate } from '../src/sim/run.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/meshclaw.yaml', import.meta.url));
const SEED = 1;
const DEFAULT_WEEKS = 52;
/**
 * Runs are short below a million agents: warm the JIT up first and report the median of several
 * runs, so that one slow run on a shared machine does not make the figure. A million agents runs once.
 */
const SMALL_AGENTS = 100_000;
const SMALL_WARMUPS = 3;
const SMALL_REPEATS = 5;
const MEDIUM_AGENTS = 1_000_000;
const MEDIUM_WARMUPS = 1;
const MEDIUM_REPEATS = 3;
const BYTES_PER_MB = 1024 * 1024;
const KB_PER_MB = 1024;

export interface Measurement {
  agents: number;
  weeks: number;
  /** Wall-clock seconds of one `simulate` call (median over repeats for small sizes). */
  seconds: number;
  warmups: number;
  repeats: number;
  /** Largest values seen in process.memoryUsage(), sampled after every simulated week, in MB. */
  peakRssMb: number;
  peakHeapUsedMb: number;
  peakArrayBuffersMb: number;
  /** Peak resident set of the whole process as the kernel counts it (getrusage maxrss), in MB. */
  maxRssMb: number;
}

function main(): void {
  const agents = Number(process.argv[2]);
  const weeks = Number(process.argv[3] ?? DEFAULT_WEEKS);
  if (!Number.isInteger(agents) || agents <= 0 || !Number.isInteger(weeks) || weeks <= 0) {
    throw new Error(`usage: node --import tsx bench/one.ts AGENTS [WEEKS]; got ${process.argv.slice(2).join(' ')}`);
  }
  const scenario = loadScenario(SCENARIO, {
    set: [
      `agents=${agents}`,
      `weeks=${weeks}`,
      'policies.quota.startWeek=0',
      'policies.leaderboard.startWeek=0',
      'policies.review.startWeek=0',
      'policies.deployment.startWeek=0',
    ],
  });

  let peakRss = 0;
  let peakHeapUsed = 0;
  let peakArrayBuffers = 0;
  // simulate() is synchronous, so a timer could never fire during it; sample at the end of each week instead.
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeapUsed) peakHeapUsed = m.heapUsed;
    if (m.arrayBuffers > peakArrayBuffers) peakArrayBuffers = m.arrayBuffers;
  };

  const small = agents < SMALL_AGENTS;
  const medium = !small && agents < MEDIUM_AGENTS;
  const warmups = small ? SMALL_WARMUPS : medium ? MEDIUM_WARMUPS : 0;
  const repeats = small ? SMALL_REPEATS : medium ? MEDIUM_REPEATS : 1;
  for (let w = 0; w < warmups; w++) simulate(scenario, SEED);
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    simulate(scenario, SEED, { onWeek: sample });
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);

  const result: Measurement = {
    agents,
    weeks,
    seconds: times[Math.floor(times.length / 2)],
    warmups,
    repeats,
    peakRssMb: peakRss / BYTES_PER_MB,
    peakHeapUsedMb: peakHeapUsed / BYTES_PER_MB,
    peakArrayBuffersMb: peakArrayBuffers / BYTES_PER_MB,
    maxRssMb: process.resourceUsage().maxRSS / KB_PER_MB,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
