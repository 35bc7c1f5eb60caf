/**
 * The worker of "Explain B − A": runs the combinations of A and B that an explanation needs (the
 * same src/sim code, through the sweeps' run-and-reduce step) and reports progress after each.
 */
import type { Output } from '../../src/experiment/plan.ts';
import { runOutputsOf } from '../../src/experiment/sweep.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

export interface ExplainRequest {
  runs: { key: string; scenario: Scenario; seed: number }[];
  outputs: Output[];
}

export type ExplainReply = { done: number; total: number } | { results: [string, number[]][] };

self.onmessage = (event: MessageEvent<ExplainRequest>) => {
  const { runs, outputs } = event.data;
  const results: [string, number[]][] = [];
  for (const run of runs) {
    results.push([run.key, runOutputsOf(run.scenario, outputs, run.seed)]);
    self.postMessage({ done: results.length, total: runs.length } satisfies ExplainReply);
  }
  self.postMessage({ results } satisfies ExplainReply);
};
