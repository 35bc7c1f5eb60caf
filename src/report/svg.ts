/**
 * Charts to SVG, with Vega alone (no canvas, no native code): what notebooks can load in any
 * runtime. PNGs are made from this SVG in render.ts.
 */
import { parse, View, type Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

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
  const view = new View(parse(compileChart(spec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
