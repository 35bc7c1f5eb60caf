/**
 * Charts to SVG, with Vega alone (no canvas, no native code): what notebooks can load in any
 * runtime. PNGs are made from this SVG in render.ts.
 */
import { parse, View, type Runtime, type Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartTemplate } from './chart-template.ts';

export class ChartError extends Error {
  override name = 'ChartError';
}

/** Compiles a Vega-Lite spec to Vega, failing on any warning (a warning means a chart drawn wrongly). */
export function compileChart(spec: TopLevelSpec): VegaSpec {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      throw new ChartError(args.map(String).join(' '));
    },
    warn: (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const { spec: vega } = compile(spec, { logger: logger as never });
  if (warnings.length > 0) throw new ChartError(`Vega-Lite warned: ${warnings.join('; ')}`);
  return vega;
}

/** Renders a Vega-Lite spec to an SVG document. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  return drawSvg(new View(parse(compileChart(spec)), { renderer: 'none' }));
}

/**
 * Renders many Vega-Lite specs to SVG documents, in order: the same documents as renderSvg, but
 * charts of one shape (chart-template.ts) are compiled and parsed once. A parsed dataflow makes any
 * number of views; a view is not reused, since its layout would keep sizes from the chart before.
 */
export async function renderSvgs(specs: readonly TopLevelSpec[]): Promise<string[]> {
  const shapes = new Map<string, Runtime>();
  const documents: string[] = [];
  for (const spec of specs) {
    const template = chartTemplate(spec);
    let runtime = shapes.get(template.key);
    if (runtime === undefined) {
      runtime = parse(compileChart(template.spec));
      shapes.set(template.key, runtime);
    }
    const view = new View(runtime, { renderer: 'none' });
    // Copies: a view marks the rows it is given, and the specs are the caller's.
    for (const [name, rows] of template.data) view.data(name, rows.map((row) => (typeof row === 'object' && row !== null ? { ...row } : row)));
    for (const [name, value] of template.signals) view.signal(name, value);
    documents.push(await drawSvg(view));
  }
  return documents;
}

async function drawSvg(view: View): Promise<string> {
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
