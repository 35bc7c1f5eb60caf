/** Messages between the page and its Web Workers (one entry, web/src/worker.ts, for every kind of run). */
import type { ScenarioChartData, ExplainJob, ExplainWorkerPlan, Scenario, PageLimits, Posterior, MetricName } from '../../src/browser.ts';

/** Per metric, one weekly series per seed, in the order of the seeds. */
export type SeedSeries = Partial<Record<MetricName, Float64Array[]>>;

/** A scenario's runs for its headline numbers and charts. */
export interface RunRequest {
  kind: 'run';
  /** The side that asked (web/src/runner.ts): at opening, one worker runs both sides' first runs. */
  tag: string;
  /** Grows with every request of a side; a reply to an older one is stale and dropped. */
  generation: number;
  scenario: Scenario;
  firstSeed: number;
  seeds: number;
  /** Index of the scenario's colour in the palette (A 0, B 1). */
  colour: number;
  limits: PageLimits;
  /** "Include uncertainty in the assumptions": seed k runs with the particle seed k draws, as `goodhart run --posterior` does. */
  posterior?: Posterior;
}

export type RunReply =
  | {
      tag: string;
      generation: number;
      ok: true;
      data: ScenarioChartData;
      weeks: number;
      runMs: number;
      /** Each headline metric week by week, one series per seed: B − A's intervals pair A's and B's seeds. */
      perSeed: SeedSeries;
    }
  | { tag: string; generation: number; ok: false; message: string };

/** The runs of "Explain B − A": the explanation's jobs, run by the same job runner as `goodhart explain`'s threads. */
export interface ExplainRequest {
  kind: 'explain';
  plan: ExplainWorkerPlan;
  jobs: ExplainJob[];
}

/** Progress after each job, then every job's outputs by its key (`jobKey`). */
export type ExplainReply = { done: number; total: number } | { results: [string, number[]][] };

export type WorkerRequest = RunRequest | ExplainRequest;
