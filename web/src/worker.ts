/**
 * The page's one Web Worker entry, for every kind of run, off the page's thread so that sliders stay
 * fluid: a scenario's runs for its numbers and charts (the same src/sim code as the command line,
 * turned into what the charts are drawn from, src/report/build.ts chartData), and the jobs of
 * "Explain B − A" (the same job runner as the command's worker threads, src/experiment/explain.ts).
 */
import { explainJobs, jobKey, runScenario, chartData, ScenarioError } from '../../src/browser.ts';
import { HEADLINES } from './headline.ts';
import type { ExplainReply, ExplainRequest, RunReply, RunRequest, SeedSeries, WorkerRequest } from './protocol.ts';

function run({ tag, generation, scenario, firstSeed, seeds, colour, limits, posterior }: RunRequest): RunReply {
  // The page checks the limits too; a worker is the last line before a long run.
  if (scenario.agents > limits.maxAgents || scenario.weeks > limits.maxWeeks || seeds > limits.maxSeeds) {
    return { tag, generation, ok: false, message: `over this page's limits (${limits.maxAgents} engineers, ${limits.maxWeeks} weeks, ${limits.maxSeeds} seeds)` };
  }
  try {
    const started = performance.now();
    const result = runScenario(scenario, { seeds, firstSeed, snapshot: true, posterior });
    const runMs = performance.now() - started;
    // Copies: a column may be a view of every metric's buffer, which a message would copy whole.
    const perSeed: SeedSeries = Object.fromEntries(HEADLINES.map((h) => [h.metric, result.runs.map((r) => Float64Array.from(r.metrics[h.metric]))]));
    return { tag, generation, ok: true, data: chartData(result, colour), weeks: scenario.weeks, runMs, perSeed };
  } catch (error) {
    // A scenario the page validated should always run; say what happened rather than hang.
    const message = error instanceof ScenarioError ? error.message : `the simulation failed: ${(error as Error).message}`;
    return { tag, generation, ok: false, message };
  }
}

function explain({ plan, jobs }: ExplainRequest): void {
  const runJob = explainJobs(plan);
  const results: [string, number[]][] = [];
  for (const job of jobs) {
    results.push([jobKey(job), runJob(job)]);
    self.postMessage({ done: results.length, total: jobs.length } satisfies ExplainReply);
  }
  self.postMessage({ results } satisfies ExplainReply);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'run') self.postMessage(run(request));
  else explain(request);
};
