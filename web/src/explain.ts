/**
 * "Explain B − A": which of the blocks in which B differs from A (the quota, the leaderboard, the
 * review signal, the bot's deploy rights...) causes how much of the difference, as Shapley values
 * (src/experiment/explain.ts), drawn as waterfalls (src/charts/waterfall.ts). The combinations run
 * in a worker of their own, in the background, with progress; a change to A or B drops the
 * explanation, since it would no longer be of what is on screen.
 */
import { waterfallChart, attribute, ExplainError, planExplain, type Explanation, type Scenario } from '../../src/browser.ts';
import { drawChart } from './charts.ts';
import type { ExplainReply, ExplainRequest } from './protocol.ts';
import { spawnWorker } from './spawn.ts';

/** Most runs an explanation on the page may take (2^4 combinations × 10 seeds is 160). */
export const MAX_EXPLAIN_RUNS = 512;

export interface Explainer {
  /**
   * Starts explaining; `scenarios` are A and B as on screen, with the page's seeds. `assumptionsDrawn`:
   * the page shows runs at drawn assumptions, which the explanation does not use (said in its status).
   */
  explain(a: Scenario, b: Scenario, firstSeed: number, seeds: number, assumptionsDrawn?: boolean): void;
  /** Drops the explanation (and any run of it). */
  drop(): void;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function createExplainer(): Explainer {
  const button = byId<HTMLButtonElement>('explain-button');
  const progress = byId<HTMLProgressElement>('explain-progress');
  const status = byId('explain-status');
  const tabs = byId('explain-outcomes');
  const chart = byId('explain-chart');
  let worker: Worker | undefined;
  let explanation: Explanation | undefined;
  let outcome = 'realOutput';

  function stop(): void {
    worker?.terminate();
    worker = undefined;
    progress.hidden = true;
    button.disabled = false;
  }

  async function draw(): Promise<void> {
    if (!explanation) return;
    const shown = explanation.outcomes.find((o) => o.outcome === outcome) ?? explanation.outcomes[0];
    outcome = shown.outcome;
    for (const b of tabs.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.outcome === outcome));
    chart.dataset.outcome = shown.outcome;
    chart.dataset.difference = String(shown.difference.mean);
    chart.dataset.sum = String(shown.sum);
    chart.dataset.components = shown.contributions.map((c) => c.component).join(',');
    chart.hidden = false;
    await drawChart(chart, waterfallChart(explanation, shown.outcome));
  }

  function showTabs(e: Explanation): void {
    tabs.replaceChildren(
      ...e.outcomes.map((o) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = o.label;
        b.dataset.outcome = o.outcome;
        b.addEventListener('click', () => {
          outcome = o.outcome;
          void draw();
        });
        return b;
      }),
    );
    tabs.hidden = false;
  }

  return {
    explain(a, b, firstSeed, seeds, assumptionsDrawn = false) {
      stop();
      explanation = undefined;
      let plan: ReturnType<typeof planExplain>;
      try {
        plan = planExplain(a, b, { firstSeed, seeds });
      } catch (error) {
        if (!(error instanceof ExplainError)) throw error;
        status.textContent = error.message;
        return;
      }
      if (plan.jobs.length > MAX_EXPLAIN_RUNS) {
        status.textContent = `${plan.jobs.length} runs is more than the page does (${MAX_EXPLAIN_RUNS}): use fewer seeds, or goodhart explain`;
        return;
      }
      const request: ExplainRequest = {
        kind: 'explain',
        plan: { a: plan.a, b: plan.b, components: plan.components, outputs: plan.outputs },
        jobs: plan.jobs,
      };
      const names = plan.components.map((c) => c.name).join(', ');
      button.disabled = true;
      progress.hidden = false;
      progress.max = plan.jobs.length;
      progress.value = 0;
      status.textContent = `Running ${plan.jobs.length} combinations of ${names}...`;
      const w = (worker = spawnWorker());
      w.onmessage = (event: MessageEvent<ExplainReply>) => {
        if (w !== worker) return;
        const reply = event.data;
        if ('done' in reply) {
          progress.value = reply.done;
          return;
        }
        stop();
        explanation = attribute(plan, new Map(reply.results));
        // As goodhart explain does: the combinations run at the scenarios' own values.
        const own = assumptionsDrawn ? " At the scenarios' own assumptions, not the posterior's draws: B − A here is not the one above." : '';
        status.textContent = `${plan.jobs.length} runs; ${explanation.components.length} blocks differ: ${names}. The steps add up to B − A.${own}`;
        showTabs(explanation);
        void draw();
      };
      w.onerror = (event) => {
        event.preventDefault();
        stop();
        status.textContent = `The explanation failed: ${event.message}`;
      };
      w.postMessage(request);
    },
    drop() {
      // Always hidden, even if nothing was explained yet: tabs of another A or B must not stay.
      stop();
      explanation = undefined;
      status.textContent = '';
      tabs.hidden = true;
      chart.hidden = true;
    },
  };
}
