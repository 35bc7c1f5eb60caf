/**
 * The simulation worker: runs a scenario with the same src/sim code as the command line, and turns
 * the result into what the charts are drawn from (src/report/build.ts chartData), off the page's
 * thread so that sliders stay fluid.
 */
import { runScenario } from '../../src/experiment/replicate.ts';
import { chartData } from '../../src/report/build.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import type { RunReply, RunRequest } from './protocol.ts';

function reply(message: RunReply): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<RunRequest>) => {
  const { generation, scenario, firstSeed, seeds, colour, limits } = event.data;
  // The page checks the limits too; a worker is the last line before a long run.
  if (scenario.agents > limits.maxAgents || scenario.weeks > limits.maxWeeks || seeds > limits.maxSeeds) {
    reply({ generation, ok: false, message: `over this page's limits (${limits.maxAgents} engineers, ${limits.maxWeeks} weeks, ${limits.maxSeeds} seeds)` });
    return;
  }
  try {
    const started = performance.now();
    const result = runScenario(scenario, { seeds, firstSeed, snapshot: true });
    const runMs = performance.now() - started;
    reply({ generation, ok: true, data: chartData(result, colour), weeks: scenario.weeks, runMs });
  } catch (error) {
    // A scenario the page validated should always run; say what happened rather than hang.
    const message = error instanceof ScenarioError ? error.message : `the simulation failed: ${(error as Error).message}`;
    reply({ generation, ok: false, message });
  }
};
