/**
 * Costs said before they are paid: the time and memory a run, comparison, explanation or sweep will
 * take, estimated from its engineer-weeks (agent-steps) and the engine's measured speed. Above a
 * threshold the command asks first (in a terminal) or refuses without --yes (elsewhere); worker
 * threads are capped by the memory they would need. Results never depend on the number of workers,
 * so capping them changes nothing but the time.
 */
import { freemem } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { Argv } from 'yargs';
import { UserError } from './errors.ts';

/**
 * Agent-steps (engineers × weeks) one thread simulates per second: `npm run bench` measures 2.1 to 3.2
 * million at 100,000 engineers (docs/PERFORMANCE.md); the lower end, so that estimates are not optimistic.
 */
export const AGENT_STEPS_PER_SECOND = 2_000_000;
/** Work estimated above this much of one thread's time is said, and asked for, before it starts. */
export const CONFIRM_ABOVE_SECONDS = 15 * 60;
export const CONFIRM_ABOVE_AGENT_STEPS = CONFIRM_ABOVE_SECONDS * AGENT_STEPS_PER_SECOND;
/** Memory of a population, per engineer: 385 MB of typed arrays at 1,000,000 engineers, rounded up. */
const BYTES_PER_ENGINEER = 400;
/** A worker thread's own memory before any population: about 42 MB each, measured with --workers 64. */
const BYTES_PER_THREAD = 42e6;
/** The main process's own memory (peak RSS at 1,000 engineers, docs/PERFORMANCE.md). */
const BASE_BYTES = 160e6;

export interface CostFlags {
  yes?: boolean;
}

export function costOptions<T>(yargs: Argv<T>) {
  return yargs.option('yes', { type: 'boolean', default: false, describe: 'Start work estimated above 15 minutes of one thread without asking' });
}

/** What some work will cost. */
export interface Cost {
  /** Engineers × weeks over every run. */
  agentSteps: number;
  /** Threads it runs on. */
  threads: number;
  /** The largest organisation of any run, for memory. */
  maxAgents: number;
}

/** A span of time as people say it: "4 s", "3 min", "2.5 hours", "1.5 days". */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} hours`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

function bytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.ceil(n / 1e6)} MB`;
}

/** Memory of one thread holding a population of `agents` engineers. */
function threadBytes(agents: number, worker: boolean): number {
  return (worker ? BYTES_PER_THREAD : 0) + agents * BYTES_PER_ENGINEER;
}

/** The estimate in words: time on the threads used, and memory. */
export function describeCost(cost: Cost): string {
  const seconds = cost.agentSteps / AGENT_STEPS_PER_SECOND / cost.threads;
  const memory = BASE_BYTES + (cost.threads > 1 ? cost.threads * threadBytes(cost.maxAgents, true) : threadBytes(cost.maxAgents, false));
  const steps = cost.agentSteps.toExponential(1).replace('e+', 'e');
  return `about ${duration(seconds)} on ${cost.threads} thread${cost.threads === 1 ? '' : 's'} and ${bytes(memory)} of memory (${steps} engineer-weeks)`;
}

/**
 * Goes ahead when the work is small or `--yes` was given; otherwise asks in a terminal, and refuses
 * elsewhere with the estimate and the flag to pass.
 */
export async function confirmCost(what: string, cost: Cost, flags: CostFlags): Promise<void> {
  if (flags.yes || cost.agentSteps <= CONFIRM_ABOVE_AGENT_STEPS) return;
  const estimate = `${what} would take ${describeCost(cost)}`;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UserError(`${estimate}; pass --yes to start it, or use fewer --agents, --weeks or seeds`);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`goodhart: ${estimate}. Start it? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new UserError(`not started (${what}); pass --yes to start it without asking`);
  } finally {
    prompt.close();
  }
}

/**
 * The worker threads to use: those asked for, or as many as the free memory holds, with a note on
 * stderr when fewer. At least one.
 */
export function capWorkers(requested: number, maxAgents: number): number {
  const perThread = threadBytes(maxAgents, true);
  const fit = Math.max(1, Math.floor((freemem() - BASE_BYTES) / perThread));
  if (requested <= fit) return requested;
  // Said even with --quiet: the user asked for something else.
  process.stderr.write(
    `goodhart: --workers ${requested} would need about ${bytes(BASE_BYTES + requested * perThread)} (${bytes(perThread)} a thread at ${maxAgents} engineers) and ${bytes(freemem())} is free: using ${fit}\n`,
  );
  return fit;
}
