/**
 * calibration.html: what a calibration did and found, for a reviewer. The parameters' prior ranges
 * against their posteriors, each target's published figure against what the calibrated model
 * simulates (and the figures the model could not use, with why), and how the generations went.
 * One self-contained page, its charts drawn by the same inlined scripts as the report.
 */
import type { TopLevelSpec } from 'vega-lite';
import { predictiveChart, toleranceChart, type PredictiveRow } from '../charts/calibration.ts';
import { drawCharts, escapeHtml, vegaScripts } from './html.ts';

export interface CalibrationReport {
  version: string;
  targetsFile: string;
  populationSize: number;
  seed: number;
  simulations: number;
  stop: string;
  parameters: { name: string; low: number; high: number; log?: boolean; mean: number; low90: number; high90: number }[];
  generations: { generation: number; epsilon: number; candidates: number; acceptanceRate: number; ess: number }[];
  predictive: (PredictiveRow & { sd: number })[];
  cannot: { figure: string; why: string }[];
}

const number = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : 'none');

/** Where the posterior's 90% interval sits in the prior's range, as a share of it: how much the evidence narrowed it. */
function narrowing(p: CalibrationReport['parameters'][number]): string {
  const scale = p.log ? Math.log : (x: number) => x;
  return `${Math.round((100 * (scale(p.high90) - scale(p.low90))) / (scale(p.high) - scale(p.low)))}%`;
}

export function calibrationHtml(input: CalibrationReport): string {
  const specs: Record<string, TopLevelSpec> = { predictive: predictiveChart(input.predictive), tolerance: toleranceChart(input.generations) };
  const parameterRows = input.parameters
    .map((p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${number(p.low)} to ${number(p.high)}${p.log ? ' (log scale)' : ''}</td><td>${number(p.mean)}</td><td>${number(p.low90)} to ${number(p.high90)}</td><td>${narrowing(p)}</td></tr>`)
    .join('\n');
  const targetRows = input.predictive
    .map((t) => {
      const z = (t.simulatedMedian - t.observed) / t.sd;
      return `<tr><td>${escapeHtml(t.target)}</td><td>${number(t.observed)} [${number(t.observedLow)}, ${number(t.observedHigh)}]</td><td>${number(t.simulatedMedian)} [${number(t.simulatedLow)}, ${number(t.simulatedHigh)}]</td><td>${z.toFixed(1)}</td></tr>`;
    })
    .join('\n');
  const generationRows = input.generations
    .map((g) => `<tr><td>${g.generation + 1}</td><td>${number(g.epsilon)}</td><td>${g.candidates}</td><td>${(100 * g.acceptanceRate).toFixed(0)}%</td><td>${g.ess.toFixed(0)}</td></tr>`)
    .join('\n');
  const cannot = input.cannot.map((c) => `<li><b>${escapeHtml(c.figure)}</b>: ${escapeHtml(c.why)}</li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>goodhart calibration: ${escapeHtml(input.targetsFile)}</title>
<style>
  body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 2rem; color: #111; font-size: 18px; line-height: 1.45; max-width: 70rem; }
  h2 { margin-top: 2.5rem; border-bottom: 2px solid #ddd; }
  .meta { color: #444; }
  table { border-collapse: collapse; margin: 1rem 0; }
  th, td { border-bottom: 1px solid #ddd; padding: .4rem .8rem; text-align: left; vertical-align: top; }
  .vega svg { max-width: 100%; height: auto; }
</style>
${vegaScripts()}
</head>
<body>
<h1>Calibration to ${escapeHtml(input.targetsFile)}</h1>
<p class="meta">goodhart ${escapeHtml(input.version)} · ABC-SMC, ${input.populationSize} particles, seed ${input.seed} · ${input.generations.length} generations, ${input.simulations} candidates run · stopped by ${input.stop === 'maxSimulations' ? 'the budget (--max-runs)' : 'the number of generations'}.
Each candidate ran every scenario the targets name with one seed and was accepted when its standardised distance to the targets was within the generation's tolerance.</p>
<h2>Parameters: prior range and posterior</h2>
<p class="meta">"Narrowed to" is the posterior's 90% interval as a share of the prior's range: near 100%, the targets say little about the parameter.</p>
<table><thead><tr><th>Parameter</th><th>Prior (uniform)</th><th>Posterior mean</th><th>90% interval</th><th>Narrowed to</th></tr></thead>
<tbody>${parameterRows}</tbody></table>
<h2>Targets: published against simulated</h2>
<table><thead><tr><th>Target</th><th>Published [95%]</th><th>Posterior median [95% of particles]</th><th>Off by (sd)</th></tr></thead>
<tbody>${targetRows}</tbody></table>
<figure><div id="predictive" class="vega"></div></figure>
<h3>Figures the model cannot use, and why</h3>
<ul>${cannot}</ul>
<h2>Generations</h2>
<table><thead><tr><th>Generation</th><th>Tolerance</th><th>Candidates</th><th>Accepted</th><th>Effective sample size</th></tr></thead>
<tbody>${generationRows}</tbody></table>
<figure><div id="tolerance" class="vega"></div></figure>
${drawCharts(specs)}
</body>
</html>
`;
}
