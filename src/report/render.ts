/**
 * Rendering charts: Vega-Lite compiles a spec to Vega, Vega renders it to SVG in Node without a
 * canvas, and resvg turns the SVG into PNG (a library that ships its binary; fonts from the system).
 */
import { Resvg } from '@resvg/resvg-js';
import { parse, View, type Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { packageFile } from './package-file.ts';

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

/** Pixel density of PNGs: 1.5 times the CSS size, sharp on a projector yet quick to render. */
const PNG_SCALE = 1.5;

/**
 * The charts' font, shipped with the package rather than taken from the system: PNGs look the same on
 * every machine, and loading two files is much faster than scanning the system's fonts for each chart.
 */
const FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'].map(packageFile);

/** Renders an SVG document to PNG. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
