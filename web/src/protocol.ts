/** Messages between the page and its simulation worker. */
import type { ScenarioChartData } from '../../src/charts/scenario.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import type { PageLimits } from '../../src/serve/limits.ts';

export interface RunRequest {
  /** Grows with every request of a side; a reply to an older one is stale and dropped. */
  generation: number;
  scenario: Scenario;
  firstSeed: number;
  seeds: number;
  /** Index of the scenario's colour in the palette (A 0, B 1). */
  colour: number;
  limits: PageLimits;
}

export type RunReply =
  | { generation: number; ok: true; data: ScenarioChartData; weeks: number; runMs: number }
  | { generation: number; ok: false; message: string };
