/**
 * One simulation worker per scenario (A and B run in parallel on two cores). Dragging a slider asks
 * for many runs a second; only the newest matters. So a side has at most one run in flight and one
 * waiting: a newer request replaces the waiting one (superseded runs are dropped, never queued), a
 * reply to anything but the newest request is ignored, and a run that has taken long is abandoned
 * with its worker rather than waited for.
 *
 * At opening, B's first run borrows A's worker (`lent`; web/src/main.ts decides, for first runs of
 * a usual size), and B's own worker starts once that run is in: loading the model into a worker is
 * most of an opening's work, and on two cores one worker loading beside the page's script, then
 * running A and B one after the other (B's run warm from A's), puts the first numbers on screen
 * sooner than two workers loading and running side by side with the page (docs/PERFORMANCE.md).
 * A worker may so carry runs of both sides: a reply names the side that asked (`tag`), and a worker
 * abandoned by one side is stopped only once the other's run on it is in.
 */
import type { RunReply, RunRequest } from './protocol.ts';

/**
 * A run in flight longer than this is stopped (its worker terminated) when a newer request comes:
 * long enough that a run of a normal size always finishes while a slider is dragged (a result every
 * run's length), short enough not to wait seconds for a large one nobody wants any more.
 */
export const ABANDON_AFTER_MS = 1000;

export interface Runner {
  /** Asks for a run; returns its generation. */
  run(request: Omit<RunRequest, 'generation' | 'kind' | 'tag'>): number;
  /** The worker it runs on now (to lend it). */
  worker(): Worker;
  /** Requests made and replies dropped as stale, for the page's status line and tests. */
  counts(): { requested: number; dropped: number; restarted: number };
}

export interface RunnerOptions {
  /** The side the runner runs for: its requests carry it, and replies with another are another runner's. */
  tag: string;
  /** The worker of its first run. */
  worker: Worker;
  /** That worker is another runner's, lent for the first run: the runner starts its own once that run is in. */
  lent?: boolean;
  /** Starts a new worker. */
  spawn: () => Worker;
}

/** Runs in flight on each worker, of every runner: a worker is stopped only when none is left on it. */
const runsOn = new WeakMap<Worker, number>();
/** Workers a runner has abandoned while another runner's run was on them: stopped once it is in. */
const abandoned = new WeakSet<Worker>();

function runStarted(w: Worker): void {
  runsOn.set(w, (runsOn.get(w) ?? 0) + 1);
}

function runEnded(w: Worker): void {
  const left = Math.max(0, (runsOn.get(w) ?? 0) - 1);
  runsOn.set(w, left);
  if (left === 0 && abandoned.has(w)) w.terminate();
}

/** Stops a worker now, or once the runs of other runners on it are in. */
function abandon(w: Worker): void {
  runEnded(w);
  if ((runsOn.get(w) ?? 0) === 0) w.terminate();
  else abandoned.add(w);
}

export function createRunner(onReply: (reply: RunReply) => void, options: RunnerOptions): Runner {
  const { tag, spawn } = options;
  let generation = 0;
  let inFlight: { generation: number; started: number } | undefined;
  let waiting: RunRequest | undefined;
  let dropped = 0;
  let restarted = 0;
  let lent = options.lent === true;
  let worker = listen(options.worker);

  function listen(w: Worker): Worker {
    // Listeners, not onmessage: a lent worker carries another runner's replies too.
    w.addEventListener('message', (event: MessageEvent<RunReply>) => {
      if (w !== worker || event.data.tag !== tag) return;
      runEnded(w);
      receive(event.data);
    });
    w.addEventListener('error', (event) => {
      if (w !== worker) return;
      event.preventDefault();
      if (inFlight) runEnded(w);
      receive({ tag, generation: inFlight?.generation ?? generation, ok: false, message: `the simulation worker failed: ${event.message}` });
    });
    return w;
  }

  function send(request: RunRequest): void {
    inFlight = { generation: request.generation, started: performance.now() };
    runStarted(worker);
    worker.postMessage(request);
  }

  function receive(reply: RunReply): void {
    inFlight = undefined;
    if (lent) {
      // The first run is in: from now on, a worker of its own.
      lent = false;
      worker = listen(spawn());
    }
    if (waiting) {
      const next = waiting;
      waiting = undefined;
      send(next);
    }
    if (reply.generation === generation) onReply(reply);
    else dropped++;
  }

  return {
    run(request) {
      const next: RunRequest = { ...request, kind: 'run', tag, generation: ++generation };
      if (!inFlight) send(next);
      else if (performance.now() - inFlight.started > ABANDON_AFTER_MS) {
        // A lent worker is its owner's: this runner only stops using it.
        if (lent) runEnded(worker);
        else abandon(worker);
        lent = false;
        restarted++;
        dropped++;
        worker = listen(spawn());
        send(next);
      } else {
        if (waiting) dropped++;
        waiting = next;
      }
      return next.generation;
    },
    worker: () => worker,
    counts: () => ({ requested: generation, dropped, restarted }),
  };
}
