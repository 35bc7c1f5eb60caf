/**
 * What each default rests on. Every number a scenario can set carries one of three kinds of
 * evidence, each with a unit and a plausible range (the prior of a calibration, the bounds of a
 * sensitivity analysis):
 *
 * - `sourced`: a published figure (a key of src/scenario/sources.ts and the figure used);
 * - `assumed`: no published figure; why this value, and a range honest about how little is known;
 * - `chosen`: a choice the scenario makes about itself (its horizon, its size, a policy's settings),
 *   not a claim about the world; its range is what is worth exploring.
 *
 * `goodhart params` prints them, docs/PARAMETERS.md is generated from them, and a test fails when a
 * number has none.
 */
import type { SourceKey } from './sources.ts';

/** What a parameter's default rests on: a source and the figure used, an assumption, or a setting chosen by the scenario; with a unit and a plausible range. */
export interface Evidence {
  kind: 'sourced' | 'assumed' | 'chosen';
  unit: string;
  /** Plausible values: [low, high]. For a distribution, of its mean. */
  range: readonly [number, number];
  /** The published figures used (sourced only). */
  sources?: readonly { key: SourceKey; figure: string }[];
  /** Why this value and this range (assumed and chosen; optional for sourced). */
  note?: string;
}

/** The metadata key under which a schema keeps its evidence. */
export const EVIDENCE = 'goodhart.evidence';

/** The plausible values of a parameter, lowest and highest: the prior of calibration and sensitivity analysis. */
export type EvidenceRange = readonly [number, number];

/** A value from published figures: `sources` maps each key to the figure used. */
export function sourced(unit: string, range: EvidenceRange, sources: Partial<Record<SourceKey, string>>, note?: string): Evidence {
  const list = Object.entries(sources).map(([key, figure]) => ({ key: key as SourceKey, figure: figure as string }));
  return { kind: 'sourced', unit, range, sources: list, ...(note ? { note } : {}) };
}

/** A value with no published figure behind it: say why, and give an honest range. */
export function assumed(unit: string, range: EvidenceRange, note: string): Evidence {
  return { kind: 'assumed', unit, range, note };
}

/** A choice of the scenario about itself, not a claim about the world. */
export function chosen(unit: string, range: EvidenceRange, note: string): Evidence {
  return { kind: 'chosen', unit, range, note };
}
