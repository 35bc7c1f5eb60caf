/**
 * Charts in notebooks: any chart builder's Vega-Lite spec shown inline in a Jupyter notebook run by
 * the Deno kernel, so that a cell is one line:
 *
 * @example
 * await show(validityChart(chartData(result, 0)));
 *
 * JupyterLab and VS Code draw the Vega-Lite media type themselves (interactive, with tooltips). Beside
 * it goes the chart drawn as SVG, so that a saved notebook reads where no Vega-Lite renderer runs: on
 * GitHub, in nbconvert's HTML, in a front end that knows an older Vega-Lite.
 */
import type { TopLevelSpec } from 'vega-lite';
import { VEGA_LITE_SCHEMA } from './charts/theme.ts';
import { renderSvg } from './report/svg.ts';

/** The media type of the specs' Vega-Lite version (their $schema), so that a front end draws them with that version. */
export const VEGA_LITE_MIME = `application/vnd.vegalite.v${/\/v(\d+)\.json$/.exec(VEGA_LITE_SCHEMA)![1]}+json` as 'application/vnd.vegalite.v6+json';

/** What a notebook cell displays: the spec, the chart drawn, and a line of text for front ends that can show neither. */
export interface ChartBundle {
  [VEGA_LITE_MIME]: TopLevelSpec;
  /** The chart drawn (static), when it could be drawn. */
  'image/svg+xml'?: string;
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

/** The spec as a Jupyter media bundle, with its SVG drawing when given. */
export function chartBundle(spec: TopLevelSpec, svg?: string): ChartBundle {
  const title = titleOf(spec);
  return { [VEGA_LITE_MIME]: spec, ...(svg === undefined ? {} : { 'image/svg+xml': svg }), 'text/plain': title ? `Vega-Lite chart: ${title}` : 'Vega-Lite chart' };
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
  const bundle = chartBundle(spec, await renderSvg(spec));
  const jupyter = denoJupyter();
  if (jupyter === undefined) return bundle;
  await jupyter.display(bundle, { raw: true });
  return undefined;
}
