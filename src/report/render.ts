/**
 * Rendering charts: Vega-Lite compiles a spec to Vega, Vega renders it to SVG in Node without a
 * canvas, and resvg turns the SVG into PNG (a library that ships its binary; fonts from the system).
 */
import { Resvg } from '@resvg/resvg-js';
import { packageFile } from './package-file.ts';

export { ChartError, compileChart, renderSvg, renderSvgs } from './svg.ts';

/** Pixel density of PNGs: 1.5 times the CSS size, sharp on a projector yet quick to render. */
const PNG_SCALE = 1.5;

/**
 * The charts' font, shipped with the package rather than taken from the system: PNGs look the same on
 * every machine, and loading two files is much faster than scanning the system's fonts for each chart.
 */
const FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'].map(packageFile);

/** Vega's white background, the first element of its SVG: taken out so that the drawing's own extent can be measured. */
const VEGA_BACKGROUND = /<rect width="[\d.]+" height="[\d.]+" fill="white"\/>/;
/** White margin kept around a PNG's content, in CSS pixels. */
const PNG_MARGIN = 8;

/**
 * Renders an SVG document to PNG, cropped to what is drawn. Without a canvas, Vega estimates the width
 * of text generously, and a long title made the image up to half blank on the right.
 */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg.replace(VEGA_BACKGROUND, ''), {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  const box = resvg.getBBox();
  if (box && box.width > 0 && box.height > 0) {
    // resvg takes only its own BBox objects: the one measured is moved to the crop wanted.
    const x = Math.max(0, Math.floor(box.x - PNG_MARGIN));
    const y = Math.max(0, Math.floor(box.y - PNG_MARGIN));
    const right = Math.min(resvg.width, Math.ceil(box.x + box.width + PNG_MARGIN));
    const bottom = Math.min(resvg.height, Math.ceil(box.y + box.height + PNG_MARGIN));
    Object.assign(box, { x, y, width: right - x, height: bottom - y });
    resvg.cropByBBox(box);
  }
  return resvg.render().asPng();
}
