/**
 * Named random streams. Every draw in a run comes from one of these, each derived from
 * (master seed, stream name), so two scenarios run with the same seed draw the same population
 * and the same noise wherever their mechanics agree (common random numbers, MODEL.md §9).
 *
 * The generator is seedrandom's Alea. seedrandom seeds it; the four numbers of its state are then
 * kept here and stepped with seedrandom's own arithmetic, so that the streams drawing one number per
 * position each week can draw a whole week at once (drawPositionCoins). Alea's steps form a chain
 * each waiting on the last, about 8 ns a draw; stepping three streams side by side overlaps them.
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** A stream: each call draws the next uniform. `state` is Alea's state [s0, s1, s2, c], which the call advances. */
export interface Stream extends Random {
  state: Float64Array;
}

/** Alea's multiplier, and 2^-32: the constants of seedrandom's alea.js. */
const ALEA_MULTIPLIER = 2091639;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Alea: fast, with a long period, and seedable from a string (seedrandom's recommended fast generator). */
export function stream(seed: number, name: string): Stream {
  const seeded = seedrandom.alea(`goodhart/${seed}/${name}`, { state: true }).state();
  const state = Float64Array.of(seeded.s0, seeded.s1, seeded.s2, seeded.c);
  const next = () => {
    const t = ALEA_MULTIPLIER * state[0] + state[3] * TWO_POW_MINUS_32;
    state[0] = state[1];
    state[1] = state[2];
    state[3] = t | 0;
    return (state[2] = t - state[3]);
  };
  return Object.assign(next, { state });
}

/** The streams of one run, one per purpose. */
export interface Streams {
  /** Revision coins: who reconsiders their strategy this week. One draw per position per week. */
  revision: Stream;
  /** The logit choice of those who revise. */
  choice: Stream;
  /** This week's counts of incidents. */
  incidents: Stream;
  /** Cost of each production change failure. */
  severity: Stream;
  /** Whether a production change failure becomes a significant outage. */
  escalation: Stream;
  /** Security incidents: their count, whether each is significant, and its cost. */
  security: Stream;
  /** Rating noise at reviews. */
  reviews: Stream;
  /** Departures. One draw per position per week. */
  attrition: Stream;
  /** Weekly noise of observed output (src/sim/observed-output.ts). One draw per position per week. */
  observation: Stream;
  /** Attributes of new hires. */
  hires: Stream;
}

export function createStreams(seed: number): Streams {
  return {
    revision: stream(seed, 'revision'),
    choice: stream(seed, 'choice'),
    incidents: stream(seed, 'incidents'),
    severity: stream(seed, 'severity'),
    escalation: stream(seed, 'escalation'),
    security: stream(seed, 'security'),
    reviews: stream(seed, 'reviews'),
    attrition: stream(seed, 'attrition'),
    observation: stream(seed, 'observation'),
    hires: stream(seed, 'hires'),
  };
}

/** This week's draw of each position from the three streams that draw one per position per week. */
export interface PositionCoins {
  revision: Float64Array;
  attrition: Float64Array;
  observation: Float64Array;
}

export function createPositionCoins(size: number): PositionCoins {
  return { revision: new Float64Array(size), attrition: new Float64Array(size), observation: new Float64Array(size) };
}

/**
 * Draws the week's coins of every position: exactly what `size` calls of each of the revision,
 * attrition and observation streams would return, in order, but with the three generators stepped
 * side by side.
 */
export function drawPositionCoins(coins: PositionCoins, streams: Streams, size: number): void {
  const a = streams.revision.state;
  const d = streams.attrition.state;
  const o = streams.observation.state;
  const { revision, attrition, observation } = coins;
  let a0 = a[0], a1 = a[1], a2 = a[2], ac = a[3];
  let d0 = d[0], d1 = d[1], d2 = d[2], dc = d[3];
  let o0 = o[0], o1 = o[1], o2 = o[2], oc = o[3];
  for (let i = 0; i < size; i++) {
    const ta = ALEA_MULTIPLIER * a0 + ac * TWO_POW_MINUS_32;
    const td = ALEA_MULTIPLIER * d0 + dc * TWO_POW_MINUS_32;
    const to = ALEA_MULTIPLIER * o0 + oc * TWO_POW_MINUS_32;
    a0 = a1;
    a1 = a2;
    ac = ta | 0;
    a2 = ta - ac;
    d0 = d1;
    d1 = d2;
    dc = td | 0;
    d2 = td - dc;
    o0 = o1;
    o1 = o2;
    oc = to | 0;
    o2 = to - oc;
    revision[i] = a2;
    attrition[i] = d2;
    observation[i] = o2;
  }
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = ac;
  d[0] = d0;
  d[1] = d1;
  d[2] = d2;
  d[3] = dc;
  o[0] = o0;
  o[1] = o1;
  o[2] = o2;
  o[3] = oc;
}
