/**
 * Named random streams. Every draw in a run comes from one of these, each derived from
 * (master seed, stream name), so two scenarios run with the same seed draw the same population
 * and the same noise wherever their mechanics agree (common random numbers, MODEL.md §9).
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Alea: fast, with a long period, and seedable from a string (seedrandom's recommended fast generator). */
export function stream(seed: number, name: string): Random {
  return seedrandom.alea(`goodhart/${seed}/${name}`);
}

/** The streams of one run, one per purpose. */
export interface Streams {
  /** Revision coins: who reconsiders their strategy this week. One draw per position per week. */
  revision: Random;
  /** The logit choice of those who revise. */
  choice: Random;
  /** Whether each position has an incident this week. One draw per position per week. */
  incidents: Random;
  /** Severity of each incident. */
  severity: Random;
  /** Rating noise at reviews. */
  reviews: Random;
  /** Departures. One draw per position per week. */
  attrition: Random;
  /** Attributes of new hires. */
  hires: Random;
}

export function createStreams(seed: number): Streams {
  return {
    revision: stream(seed, 'revision'),
    choice: stream(seed, 'choice'),
    incidents: stream(seed, 'incidents'),
    severity: stream(seed, 'severity'),
    reviews: stream(seed, 'reviews'),
    attrition: stream(seed, 'attrition'),
    hires: stream(seed, 'hires'),
  };
}
