/**
 * The one runner of many runs (sweeps, explanations): a pool of worker threads running jobs one at a
 * time each. Every thread starts from the same entry (src/experiment/worker.ts), told which kind of
 * job it runs. Results come back in completion order (callers sort them); the pool stops handing out
 * jobs when `shouldStop` says so, and resolves once the jobs in flight have come back, so nothing
 * finished is lost. With no threads (workers: 0, or a runtime whose threads cannot load the worker)
 * the jobs run one by one in the calling thread, through the same job runner.
 */
import type { Worker } from 'node:worker_threads';
import { bundleWorker } from './worker-bundle.ts';

/**
 * Whether worker threads can run the worker: in Node, yes. Deno has node:worker_threads, but a
 * worker there never answers (a notebook's sweep would hang), and browsers have no such module.
 */
export function threadsAvailable(): boolean {
  if ('Deno' in globalThis) return false;
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:worker_threads') !== undefined;
}

/** Node's Worker, looked up when a pool starts (not imported, so that browsers can load this module). */
function workerClass(): typeof Worker {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  if (!threads) throw new Error('sweeps run on Node worker threads; in a browser, call runOutputs point by point');
  return threads.Worker;
}

// Names rather than literals: the page's bundler would otherwise take these for files of its own.
const WORKER_JS = './worker.js';
const WORKER_TS = './worker.ts';

/**
 * Where threads start: the compiled worker beside this module (lib/experiment/worker.js, or
 * lib/bin/worker.js in the command's bundle), built with the rest; or, when this module runs from
 * the TypeScript sources (tests, tsx), src/experiment/worker.ts bundled into one file
 * (worker-bundle.ts). Undefined where neither can be had: the jobs then run in the calling thread.
 */
async function workerEntry(): Promise<URL | undefined> {
  if (new URL(import.meta.url).pathname.endsWith('.js')) return new URL(WORKER_JS, import.meta.url);
  return bundleWorker(new URL(WORKER_TS, import.meta.url));
}

export interface PoolOptions<J, R> {
  /** The kind of job, by its name in src/experiment/worker.ts (`sweep`, `explain`). */
  task: string;
  /** What every job of the kind shares, sent once to every worker at start (structured clone). */
  plan: unknown;
  workers: number;
  jobs: readonly J[];
  /** Called in the main thread with each finished job and its result. */
  onResult: (job: J, result: R) => void;
  /** Asked before each job is handed out; true stops the pool after the jobs in flight. */
  shouldStop?: () => boolean;
  /** The same job runner as the worker's (src/experiment/worker.ts), for running jobs in the calling thread (see threadsAvailable). */
  runHere: (job: J) => R;
}

/** A message from a worker: the result of a job, or the error it threw. */
export type WorkerReply<R> = { id: number; result: R } | { id: number; error: string };

/**
 * Jobs handed to a worker ahead of its replies: with one, a worker idles while its reply crosses to
 * the main thread and the next job crosses back, which on a busy 2-core machine waits for a core.
 */
export const JOBS_QUEUED_PER_WORKER = 2;

/** Runs every job on the pool; resolves with whether it stopped early. */
export async function runPool<J, R>(options: PoolOptions<J, R>): Promise<{ stopped: boolean }> {
  const { jobs } = options;
  const count = Math.max(1, Math.min(options.workers, jobs.length));
  if (jobs.length === 0) return { stopped: false };
  if (options.workers === 0 || !threadsAvailable()) return runHere(options);
  const Thread = workerClass();
  const entry = await workerEntry();
  if (!entry) return runHere(options);
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let inFlight = 0;
    let stopped = false;
    let failed = false;

    const finish = (error?: Error) => {
      if (failed) return;
      if (error) failed = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve({ stopped });
    };

    const pending = new Map<Worker, number>();
    const feed = (worker: Worker) => {
      while ((pending.get(worker) ?? 0) < JOBS_QUEUED_PER_WORKER) {
        if (next < jobs.length && options.shouldStop?.()) stopped = true;
        if (stopped || next >= jobs.length) break;
        const id = next++;
        inFlight++;
        pending.set(worker, (pending.get(worker) ?? 0) + 1);
        worker.postMessage({ id, job: jobs[id] });
      }
      if (inFlight === 0) finish();
    };

    for (let k = 0; k < count; k++) {
      const worker = new Thread(entry, { workerData: { task: options.task, plan: options.plan } });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply<R>) => {
        inFlight--;
        pending.set(worker, pending.get(worker)! - 1);
        if ('error' in reply) return finish(new Error(`a worker failed: ${reply.error}`));
        try {
          options.onResult(jobs[reply.id], reply.result);
        } catch (error) {
          return finish(error as Error);
        }
        feed(worker);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !failed && (next < jobs.length || inFlight > 0)) finish(new Error(`a worker exited with code ${code}`));
      });
      feed(worker);
    }
  });
}

/** Lets the event loop run (a Ctrl-C handler, progress output): setImmediate where there is one, as a timer costs a millisecond. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** The pool's work without threads: each job in turn, in the calling thread, with a pause for events between jobs (Ctrl-C). */
async function runHere<J, R>(options: PoolOptions<J, R>): Promise<{ stopped: boolean }> {
  for (const job of options.jobs) {
    if (options.shouldStop?.()) return { stopped: true };
    options.onResult(job, options.runHere(job));
    await nextTurn();
  }
  return { stopped: false };
}
