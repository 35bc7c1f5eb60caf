/**
 * One simulation worker per scenario (A and B run in parallel on two cores). Dragging a slider asks
 * for many runs a second; only the newest matters. So a side has at most one run in flight and one
 * waiting: a newer request replaces the waiting one (superseded runs are dropped, never queued), a
 * reply to anything but the newest request is ignored, and a run that has taken long is abandoned
 * with its worker rather than waited for.
 */
import type { RunReply, RunRequest } from './protocol.ts';
import { firstWorker, spawnWorker } from './spawn.ts';

/**
 * A run in flight longer than this is stopped (its worker terminated) when a newer request comes:
 * long enough that a run of a normal size always finishes while a slider is dragged (a result every
 * run's length), short enough not to wait seconds for a large one nobody wants any more.
 */
export const ABANDON_AFTER_MS = 1000;

export interface Runner {
  /** Asks for a run; returns its generation. */
  run(request: Omit<RunRequest, 'generation' | 'kind'>): number;
  /** Requests made and replies dropped as stale, for the page's status line and tests. */
  counts(): { requested: number; dropped: number; restarted: number };
}

export function createRunner(onReply: (reply: RunReply) => void): Runner {
  let generation = 0;
  let inFlight: { generation: number; started: number } | undefined;
  let waiting: RunRequest | undefined;
  let dropped = 0;
  let restarted = 0;
  let worker = listen(firstWorker());

  function listen(w: Worker): Worker {
    w.onmessage = (event: MessageEvent<RunReply>) => receive(event.data);
    w.onerror = (event) => {
      event.preventDefault();
      receive({ generation: inFlight?.generation ?? generation, ok: false, message: `the simulation worker failed: ${event.message}` });
    };
    return w;
  }

  function send(request: RunRequest): void {
    inFlight = { generation: request.generation, started: performance.now() };
    worker.postMessage(request);
  }

  function receive(reply: RunReply): void {
    inFlight = undefined;
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
      const next: RunRequest = { ...request, kind: 'run', generation: ++generation };
      if (!inFlight) send(next);
      else if (performance.now() - inFlight.started > ABANDON_AFTER_MS) {
        worker.terminate();
        restarted++;
        dropped++;
        worker = listen(spawnWorker());
        send(next);
      } else {
        if (waiting) dropped++;
        waiting = next;
      }
      return next.generation;
    },
    counts: () => ({ requested: generation, dropped, restarted }),
  };
}
