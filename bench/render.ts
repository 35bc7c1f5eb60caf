/**
 * The rendering benchmark: every chart of the bundled four-scenario comparison (what `npm start`
 * draws: 8 per scenario and 2 across them), compiled to Vega, rendered to SVG and to PNG, and the
 * report page, in one process. Target: under 5 s in total.
 *
 *   node --import tsx bench/render.ts
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/experiment/replicate.ts';
import { buildReport } from '../src/report/build.ts';
import { reportHtml } from '../src/report/html.ts';
import { renderSvgs, svgToPng } from '../src/report/render.ts';
import { loadScenario } from '../src/experiment/load.ts';

export const RENDER_TARGET_SECONDS = 5;
const SCENARIOS = ['baseline', 'meshclaw', 'guarded-deploys', 'outcome-based'];
const SEEDS = 20;

export interface RenderMeasurement {
  charts: number;
  buildSeconds: number;
  svgSeconds: number;
  pngSeconds: number;
  reportSeconds: number;
  totalSeconds: number;
}

export async function measureRendering(): Promise<RenderMeasurement> {
  const results = SCENARIOS.map((name) =>
    runScenario(loadScenario(fileURLToPath(new URL(`../scenarios/${name}.yaml`, import.meta.url))), { seeds: SEEDS, snapshot: true }),
  );
  const started = performance.now();
  const built = buildReport(results, 'bench');
  const specs = [...[...built.scenarios.values()].flatMap((charts) => Object.values(charts)), ...Object.values(built.overview)];
  const afterBuild = performance.now();
  // All at once, as `run` draws them: charts of one shape are compiled once.
  const svgs = await renderSvgs(specs);
  const afterSvg = performance.now();
  for (const svg of svgs) svgToPng(svg);
  const beforeReport = performance.now();
  reportHtml(built.report);
  const end = performance.now();
  return {
    charts: specs.length,
    buildSeconds: (afterBuild - started) / 1000,
    svgSeconds: (afterSvg - afterBuild) / 1000,
    pngSeconds: (beforeReport - afterSvg) / 1000,
    reportSeconds: (end - beforeReport) / 1000,
    totalSeconds: (end - started) / 1000,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const m = await measureRendering();
  console.log(JSON.stringify(m));
}
