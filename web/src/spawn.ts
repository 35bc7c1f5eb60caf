/**
 * Starting the page's Web Workers (one entry, worker.ts, for every kind of run).
 *
 * Served over HTTP, a worker starts from its own file, which the browser downloads and compiles off
 * the page's thread, and which every worker shares. The first worker (A's, which runs B's first run
 * too: web/src/runner.ts) is started by the page's first script, before the page's own has loaded
 * (web/vite.config.ts): loading the model into a worker takes longer than anything else before the
 * first numbers.
 *
 * Opened from a folder (file://), browsers refuse to start a worker from a file: address, so the
 * worker's source comes as a script of its own (web/vite.config.ts writes it; loaded only then) and
 * each worker starts from a blob: URL of it.
 */
import workerUrl from './worker.ts?worker&url';
import { loadScript } from './load-script.ts';

declare global {
  /** The worker's source, as assets/worker-source.js sets it (file:// only; web/vite.config.ts). */
  var goodhartWorkerSource: string | undefined;
  /** The first worker, as assets/start-workers.js started it (over HTTP; web/vite.config.ts). */
  var goodhartWorker: Worker | undefined;
}
const WORKER_SOURCE_SCRIPT = './assets/worker-source.js';

const fromFolder = location.protocol === 'file:';
let blobUrl: string | undefined;

/** Resolves once workers can be started: at once over HTTP, after the worker's source has loaded from a folder. */
export const workersReady: Promise<void> = fromFolder ? loadScript(WORKER_SOURCE_SCRIPT) : Promise.resolve();

/** A new worker; from a folder, only once `workersReady` has resolved. */
export function spawnWorker(): Worker {
  if (!fromFolder) return new Worker(workerUrl);
  // Kept for the page's life: a runner starts a new worker when it abandons a long run.
  blobUrl ??= URL.createObjectURL(new Blob([globalThis.goodhartWorkerSource ?? ''], { type: 'text/javascript' }));
  return new Worker(blobUrl);
}

// Without the page's first script (a development server), the first worker starts here.
let early: Worker | undefined = fromFolder ? undefined : (globalThis.goodhartWorker ?? spawnWorker());

/** The worker started early if it has not been taken yet, a new one otherwise. */
export function firstWorker(): Worker {
  const worker = early ?? spawnWorker();
  early = undefined;
  return worker;
}
