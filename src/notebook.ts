/**
 * Charts in notebooks: any chart builder's Vega-Lite spec shown inline in a Jupyter notebook run by
 * the Deno kernel, so that a cell is one line:
 *
 * @example
 * ```ts
 * await show(validityChart(chartData(result, 0)));
 *
 * JupyterLab and VS Code render the Vega-Lite media type themselves; nothing is rendered here.
 * ```
 */
import type { TopLevelSpec } from 'vega-lite';

/** The media type Jupyter front ends render as a Vega-Lite chart. */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/** What a notebook cell displays: the spec, and a line of text for front ends that cannot draw it. */
export interface ChartBundle {
  [VEGA_LITE_MIME]: TopLevelSpec;
  'text/plain': string;
}

/** Only the part of Deno's Jupyter API used here. */
interface JupyterDisplay {
  display(bundle: object, options: { raw: boolean }): Promise<void>;
}

function titleOf(spec: TopLevelSpec): string | undefined {
  const title = (spec as { title?: unknown }).title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string') return (title as { text: string }).text;
  return undefined;
}

/** The spec as a Jupyter media bundle. */
export function chartBundle(spec: TopLevelSpec): ChartBundle {
  const title = titleOf(spec);
  return { [VEGA_LITE_MIME]: spec, 'text/plain': title ? `Vega-Lite chart: ${title}` : 'Vega-Lite chart' };
}

/**
 * Deno's Jupyter API inside a Deno Jupyter kernel, undefined anywhere else: in Node and browsers
 * there is no `Deno`, and under `deno run` reading `Deno.jupyter` throws.
 */
function denoJupyter(): JupyterDisplay | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: JupyterDisplay } }).Deno;
  if (deno === undefined) return undefined;
  try {
    return deno.jupyter;
  } catch {
    return undefined;
  }
}

/**
 * Shows a chart in the notebook: `await show(spec)`. Under the Deno kernel the chart is displayed and
 * nothing is returned (so the cell prints no copy of the spec); anywhere else the media bundle is
 * returned for the caller to display or save. Await it: a display still in flight when the cell
 * ends can be lost.
 */
export async function show(spec: TopLevelSpec): Promise<ChartBundle | undefined> {
  const bundle = chartBundle(spec);
  const jupyter = denoJupyter();
  if (jupyter === undefined) return bundle;
  await jupyter.display(bundle, { raw: true });
  return undefined;
}
