import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunReply, RunRequest } from '../../web/src/protocol.ts';
import { ABANDON_AFTER_MS, createRunner } from '../../web/src/runner.ts';

/** A stand-in for a Web Worker: keeps what it was sent, and answers when told to. */
class FakeWorker extends EventTarget {
  sent: RunRequest[] = [];
  terminated = false;
  postMessage(request: RunRequest): void {
    this.sent.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the oldest request it has not answered yet, as web/src/worker.ts would. */
  answer(): void {
    const request = this.sent[this.answered++];
    const reply: RunReply = { tag: request.tag, generation: request.generation, ok: false, message: `run ${request.tag}${request.generation}` };
    this.dispatchEvent(Object.assign(new Event('message'), { data: reply }));
  }
  private answered = 0;
}

const asWorker = (w: FakeWorker) => w as unknown as Worker;
const REQUEST = { scenario: {}, firstSeed: 1, seeds: 1, colour: 0, limits: {} } as unknown as Omit<RunRequest, 'generation' | 'kind' | 'tag'>;

/** A's runner on its own worker and B's borrowing it, as the page opens; `spawned` holds the workers either runner starts later, in order. */
function opening() {
  const first = new FakeWorker();
  const spawned: FakeWorker[] = [];
  const spawn = () => asWorker(spawned[spawned.push(new FakeWorker()) - 1]);
  const replies: Record<'a' | 'b', string[]> = { a: [], b: [] };
  const onReply = (side: 'a' | 'b') => (reply: RunReply) => replies[side].push(reply.ok ? 'ok' : reply.message);
  const a = createRunner(onReply('a'), { tag: 'a', worker: asWorker(first), spawn });
  const b = createRunner(onReply('b'), { tag: 'b', worker: a.worker(), lent: true, spawn });
  return { first, spawned, replies, a, b };
}

/** As the page opens, both first runs asked for on A's worker, then longer than a run may take without being abandoned. */
function bothFirstRunsOverdue() {
  const opened = opening();
  const now = vi.spyOn(performance, 'now').mockReturnValue(0);
  opened.a.run(REQUEST);
  opened.b.run(REQUEST);
  now.mockReturnValue(ABANDON_AFTER_MS + 1);
  return opened;
}

afterEach(() => vi.restoreAllMocks());

describe("the page's runners at opening", () => {
  it("run B's first run on A's worker, each reply to its own side, then give B a worker of its own", () => {
    const { first, spawned, replies, a, b } = opening();
    a.run(REQUEST);
    b.run(REQUEST);
    expect(first.sent.map((r) => r.tag)).toEqual(['a', 'b']);
    expect(spawned).toHaveLength(0);
    first.answer();
    expect(replies).toEqual({ a: ['run a1'], b: [] });
    first.answer();
    expect(replies).toEqual({ a: ['run a1'], b: ['run b1'] });
    // B's own worker starts once its first run is in; its next run goes there, A's stays on the first.
    expect(spawned).toHaveLength(1);
    expect(b.worker()).toBe(spawned[0]);
    b.run(REQUEST);
    a.run(REQUEST);
    expect(spawned[0].sent.map((r) => `${r.tag}${r.generation}`)).toEqual(['b2']);
    expect(first.sent.map((r) => `${r.tag}${r.generation}`)).toEqual(['a1', 'b1', 'a2']);
    spawned[0].answer();
    first.answer();
    expect(replies).toEqual({ a: ['run a1', 'run a2'], b: ['run b1', 'run b2'] });
    expect(first.terminated).toBe(false);
  });

  it("leaves A's worker running when B gives up a long first run on it", () => {
    const { first, spawned, replies, b } = bothFirstRunsOverdue();
    b.run(REQUEST);
    expect(first.terminated).toBe(false);
    expect(spawned).toHaveLength(1);
    expect(spawned[0].sent.map((r) => `${r.tag}${r.generation}`)).toEqual(['b2']);
    expect(b.counts()).toEqual({ requested: 2, dropped: 1, restarted: 1 });
    first.answer();
    first.answer();
    spawned[0].answer();
    // A gets its run; B's abandoned one is not shown.
    expect(replies).toEqual({ a: ['run a1'], b: ['run b2'] });
  });

  it("stops A's abandoned worker only once B's run on it is in", () => {
    const { first, spawned, replies, a } = bothFirstRunsOverdue();
    a.run(REQUEST);
    expect(spawned).toHaveLength(1);
    expect(a.worker()).toBe(spawned[0]);
    expect(first.terminated).toBe(false);
    first.answer();
    expect(first.terminated).toBe(false);
    first.answer();
    expect(replies.b).toEqual(['run b1']);
    expect(first.terminated).toBe(true);
  });

  it('stops its own abandoned worker at once when no other run is on it', () => {
    const { first, spawned, a, b } = opening();
    const now = vi.spyOn(performance, 'now').mockReturnValue(0);
    b.run(REQUEST);
    first.answer();
    const own = spawned[0];
    b.run(REQUEST);
    now.mockReturnValue(ABANDON_AFTER_MS + 1);
    b.run(REQUEST);
    expect(own.terminated).toBe(true);
    expect(b.worker()).toBe(spawned[1]);
    expect(a.worker()).toBe(first);
  });
});
