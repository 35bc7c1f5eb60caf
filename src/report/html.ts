/**
 * The report: one self-contained HTML page (scripts inlined, no network) with a summary written from
 * the numbers, the key outcomes and paired differences as tables, the charts across scenarios, every
 * scenario's charts side by side, and a section per scenario with its description and parameters.
 */
import { readFileSync } from 'node:fs';
import { betterDirection, directionArrow, intervalVerdict, VERDICT_COLOURS, VERDICT_LABELS } from '../charts/better.ts';
import { formatDifference, formatNumber, formatRelative, isZeroText } from './format.ts';
import { rankingLine, rankScenarios, summarySentences } from './summary.ts';
import { packageFile } from './package-file.ts';
import type { TopLevelSpec } from 'vega-lite';
import { stringify as toYaml } from 'yaml';
import type { DifferenceRow, OutcomeRow } from '../experiment/compare.ts';
import type { AssumptionShare } from '../experiment/assumptions.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SCENARIO_COLOURS } from '../charts/theme.ts';

export interface ReportChart {
  title: string;
  spec: TopLevelSpec;
}

export interface ReportInput {
  title: string;
  version: string;
  scenarios: Scenario[];
  seeds: number[];
  outcomes: OutcomeRow[];
  /** Every metric of the runs over the whole run (flows summed, states averaged), for the table at the end. */
  everyMetric?: OutcomeRow[];
  /** Paired differences of each scenario after the first against the first. */
  differences: DifferenceRow[];
  /**
   * The same differences with every run's parameters drawn from a posterior (`--posterior`): their
   * intervals cover the assumptions as well as chance, and the summary speaks in them.
   */
  withAssumptions?: DifferenceRow[];
  /** With a posterior: for each comparison and outcome that decides, the assumptions that explain most of the difference's spread over the draws. */
  dependsOn?: { scenario: string; against: string; outcome: string; label: string; shares: AssumptionShare[] }[];
  /** Paired differences of every pair of scenarios (b − a), to tell a ranking's ties; none gives no ties. */
  pairwise?: DifferenceRow[];
  /** Sections after the summary, as HTML (explain.html's attribution tables). */
  sections?: { title: string; html: string }[];
  /** Charts across scenarios. */
  overview: ReportChart[];
  /** Per chart kind, one chart per scenario (in scenario order). */
  sideBySide: { kind: string; charts: ReportChart[] }[];
}

/** The scripts that draw the charts, read from the installed packages and inlined, so the page works offline. */
export function vegaScripts(): string {
  return ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js']
    .map((path) => `<script>${readFileSync(packageFile(path), 'utf8').replaceAll('</script', '<\\/script')}</script>`)
    .join('\n');
}

/** The specs as data, and the script that draws each into the element of its id (inlined vegaEmbed, vegaScripts). */
export function drawCharts(specs: Record<string, TopLevelSpec>): string {
  const specJson = JSON.stringify(specs).replaceAll('<', '\\u003c');
  return `<script type="application/json" id="specs">${specJson}</script>
<script>
  const specs = JSON.parse(document.getElementById('specs').textContent);
  for (const [id, spec] of Object.entries(specs)) {
    vegaEmbed('#' + id, spec, { renderer: 'svg', actions: { export: true, source: true, compiled: false, editor: false } })
      .catch((error) => { document.getElementById(id).textContent = 'This chart could not be drawn: ' + error.message; console.error(error); });
  }
</script>`;
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The scenarios ranked on each outcome that decides, best for the organisation first. */
function rankingTable(input: ReportInput): string {
  if (input.scenarios.length < 2) return '';
  const rankings = rankScenarios(input.outcomes, input.pairwise ?? []);
  const rows = rankings
    .map((r) => `<tr><th data-label="Outcome">${escapeHtml(r.label)}</th><td data-label="Best to worst">${escapeHtml(rankingLine(r))}</td></tr>`)
    .join('\n');
  return `<table class="stack ranking"><thead><tr><th>Outcome</th><th>Best to worst for the organisation (≈: no clear paired difference)</th></tr></thead>\n<tbody>${rows}</tbody></table>`;
}

function outcomesTable(input: ReportInput, rows: readonly OutcomeRow[] = input.outcomes): string {
  if (rows.length === 0) return '';
  const names = input.scenarios.map((s) => s.name);
  const keys = [...new Set(rows.map((o) => o.outcome))];
  const head = `<thead><tr><th>Outcome</th>${names.map((n, k) => `<th><span class="dot" style="background:${SCENARIO_COLOURS[k % SCENARIO_COLOURS.length]}"></span>${escapeHtml(n)}</th>`).join('')}</tr></thead>`;
  const body = keys
    .map((key) => {
      const cells = names.map((n) => {
        const o = rows.find((r) => r.scenario === n && r.outcome === key)!;
        return `<td data-label="${escapeHtml(n)}"><b>${formatNumber(o.mean, o.unit)}</b><br><small>[${formatNumber(o.lo, o.unit)}, ${formatNumber(o.hi, o.unit)}]</small></td>`;
      });
      const first = rows.find((r) => r.outcome === key)!;
      return `<tr><th>${escapeHtml(first.label)} <small>(${escapeHtml(first.unit)})</small></th>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table class="stack">${head}\n<tbody>${body}</tbody></table>`;
}

/** What the colours of differences mean, said once above them. */
export function verdictLegend(): string {
  return (
    `<p class="legend">Colour says what a difference means for the organisation, whatever its sign: ` +
    `<span class="verdict-better">▲▼ better</span>, <span class="verdict-worse">▲▼ worse</span>, ` +
    `<span class="verdict-same">no clear difference</span> (95% interval includes 0). The arrow says which way the number moved.</p>`
  );
}

/** A paired difference in its verdict's colour, with an arrow for its direction. */
export function differenceCell(d: { outcome: string; mean: number; lo: number; hi: number; unit: string }): string {
  const verdict = intervalVerdict(betterDirection(d.outcome), d);
  const mean = formatDifference(d.mean, d.unit);
  const arrow = isZeroText(mean) ? '' : `${directionArrow(d.mean)} `;
  return (
    `<td class="verdict-${verdict}" data-verdict="${verdict}"><b>${arrow}${mean}</b> <small>[${formatDifference(d.lo, d.unit)}, ${formatDifference(d.hi, d.unit)}]</small>` +
    `<span class="visually-hidden"> (${VERDICT_LABELS[verdict].toLowerCase()})</span></td>`
  );
}

/** The heading of intervals with parameters drawn from a posterior, in the report and explain.html alike. */
export const WIDER_HEADING = 'With the assumptions uncertain [95%]';

function differencesTable(differences: readonly DifferenceRow[], wider?: readonly DifferenceRow[]): string {
  if (differences.length === 0) return '<p>Only one scenario: nothing to compare.</p>';
  const rows = differences
    .map(
      (d, k) =>
        `<tr><td data-label="Comparison">${escapeHtml(d.scenario)} − ${escapeHtml(d.against)}</td><td data-label="Outcome">${escapeHtml(d.label)}</td>` +
        differenceCell(d).replace('<td ', '<td data-label="Paired difference [95% interval]" ') +
        (wider ? differenceCell(wider[k]).replace('<td ', `<td data-label="${WIDER_HEADING}" `) : '') +
        `<td data-label="Relative">${formatRelative(d.relative, d.unit)}</td></tr>`,
    )
    .join('\n');
  const widerHeading = wider ? `<th>${WIDER_HEADING}</th>` : '';
  return `${verdictLegend()}\n<table class="stack"><thead><tr><th>Comparison</th><th>Outcome</th><th>Paired difference [95% interval]</th>${widerHeading}<th>Relative</th></tr></thead>\n<tbody>${rows}</tbody></table>`;
}

/** Items as a sentence lists them: "a", "a and b", "a, b and c". */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The share of a difference's spread a parameter explains, as a reader would say it. */
function sharesText(shares: readonly AssumptionShare[]): string {
  return shares.map((s) => `<code>${escapeHtml(s.parameter)}</code> ${Math.round(100 * s.share)}%${s.clear ? '' : ' (within chance)'}`).join(', ');
}

function dependsOnTable(rows: NonNullable<ReportInput['dependsOn']>, draws: number): string {
  const body = rows
    .map((r) => `<tr><td data-label="Comparison">${escapeHtml(r.scenario)} − ${escapeHtml(r.against)}</td><td data-label="Outcome">${escapeHtml(r.label)}</td><td data-label="Assumptions (share of the spread each explains alone)">${sharesText(r.shares)}</td></tr>`)
    .join('\n');
  return (
    `<p class="meta">With every seed's parameters drawn from the posterior, each seed's paired difference is one draw of it. The share of its spread over the ${draws} draws that a parameter explains alone (its squared correlation with the difference): rough with tens of draws, and parameters that move together in the posterior share what they explain.</p>\n` +
    `<table class="stack"><thead><tr><th>Comparison</th><th>Outcome</th><th>Assumptions (share of the spread each explains alone)</th></tr></thead>\n<tbody>${body}</tbody></table>`
  );
}

/** Places charts on the page: each gets a slot, and its spec is kept under the slot's id. */
function chartSlots(specs: Record<string, TopLevelSpec>) {
  let count = 0;
  return (chart: ReportChart) => {
    const id = `chart-${++count}`;
    specs[id] = chart.spec;
    return `<figure class="chart"><div id="${id}" class="vega" aria-label="${escapeHtml(chart.title)}"></div></figure>`;
  };
}

/** Renders the report page. */
export function reportHtml(input: ReportInput): string {
  const specs: Record<string, TopLevelSpec> = {};
  const chartSlot = chartSlots(specs);
  const names = input.scenarios.map((s) => s.name);
  const first = input.scenarios[0];
  // With a posterior the summary speaks in the wider intervals: what is known once the assumptions are uncertain too.
  const sentences = summarySentences(input.withAssumptions ?? input.differences, input.outcomes);
  // And says, for real output, which assumptions each difference rests on most.
  for (const r of input.dependsOn ?? []) {
    if (r.outcome !== 'realOutput' || r.shares.length === 0) continue;
    const clear = r.shares.filter((s) => s.clear);
    const what = `${r.scenario}'s difference in ${r.label.toLowerCase()}`;
    sentences.push(
      clear.length > 0
        ? `${what} depends most on ${list(clear.map((s) => s.parameter))} (${list(clear.map((s) => `${Math.round(100 * s.share)}%`))} of its spread over the posterior's draws).`
        : `${what}: with ${input.seeds.length} draws from the posterior, no single assumption explains its spread beyond chance; more seeds would tell.`,
    );
  }
  const overview = input.overview.map(chartSlot).join('\n');
  const sideBySide = input.sideBySide
    .map((row) => `<h3>${escapeHtml(row.kind)}</h3>\n<div class="row">${row.charts.map(chartSlot).join('\n')}</div>`)
    .join('\n');
  const sections = input.scenarios
    .map(
      (s, k) => `<section id="scenario-${escapeHtml(s.name)}">
<h3><span class="dot" style="background:${SCENARIO_COLOURS[k % SCENARIO_COLOURS.length]}"></span>${escapeHtml(s.name)}</h3>
<p>${escapeHtml(s.description)}</p>
<details><summary>Parameters (fully resolved)</summary><pre>${escapeHtml(toYaml(s))}</pre></details>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>
  body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 2rem; color: #111; font-size: 18px; line-height: 1.45; }
  h1 { font-size: 2rem; margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #ddd; } h3 { margin-top: 1.8rem; }
  .meta { color: #444; }
  .summary li { margin: .4rem 0; }
  table { border-collapse: collapse; margin: 1rem 0; }
  th, td { border-bottom: 1px solid #ddd; padding: .4rem .8rem; text-align: left; vertical-align: top; }
  td small, th small { color: #555; }
  .verdict-better { color: ${VERDICT_COLOURS.better}; } .verdict-worse { color: ${VERDICT_COLOURS.worse}; } .verdict-same { color: ${VERDICT_COLOURS.same}; }
  .legend span { font-weight: bold; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .dot { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .4em; vertical-align: baseline; }
  .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 620px), 1fr)); gap: 1rem; }
  /* Charts fit the width they are given: scaled down on a phone rather than half hidden behind a scroll bar. */
  .vega .vega-embed { display: block; max-width: 100%; }
  .vega svg { max-width: 100%; height: auto; }
  figure.chart { margin: 0; min-width: 0; }
  pre { background: #f6f6f6; padding: 1rem; overflow-x: auto; font-size: 14px; }
  /* On a phone, tables stack: a block per row, each cell under its column's name. */
  @media (max-width: 640px) {
    body { margin: 0.75rem; font-size: 16px; }
    h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
    table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: auto; }
    table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.stack tr { border-bottom: 2px solid #ddd; padding: 0.4rem 0; }
    table.stack th, table.stack td { border: none; padding: 0.1rem 0; }
    table.stack td[data-label]::before { content: attr(data-label); display: block; color: #555; font-size: 0.8em; }
  }
</style>
${vegaScripts()}
</head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<p class="meta">goodhart ${escapeHtml(input.version)} · ${input.scenarios.length} scenario${input.scenarios.length === 1 ? '' : 's'} (${names.map(escapeHtml).join(', ')}) · ${input.seeds.length} seed${input.seeds.length === 1 ? '' : 's'} each (${input.seeds[0]}–${input.seeds[input.seeds.length - 1]}) · ${first.agents.toLocaleString('en-US')} engineers · ${first.weeks} weeks.
Intervals are 95% over seeds; differences are paired by seed (same engineers, same luck), against ${escapeHtml(first.name)}.${
    input.withAssumptions
      ? ' Each scenario also ran with every seed drawing its parameters from a posterior (the same draw for every scenario): the summary and the second column of differences give those intervals, which cover the uncertain assumptions as well as chance.'
      : ''
  }</p>
<h2>Summary</h2>
<ul class="summary">${sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}</ul>
${rankingTable(input)}
${(input.sections ?? []).map((s) => `<h2>${escapeHtml(s.title)}</h2>\n${s.html}`).join('\n')}
<h2>Key outcomes</h2>
${outcomesTable(input)}
<h2>Differences from ${escapeHtml(first.name)}</h2>
${differencesTable(input.differences, input.withAssumptions)}
${input.dependsOn?.length ? `<h3>What the differences depend on</h3>\n${dependsOnTable(input.dependsOn, input.seeds.length)}` : ''}
<h2>Across scenarios</h2>
${overview}
${sideBySide ? `<h2>Side by side</h2>\n${sideBySide}` : ''}
${input.everyMetric?.length ? `<h2>Every metric, over the whole run</h2>\n<p class="meta">Flows summed over the weeks, states averaged; mean and 95% interval over seeds. The columns of each scenario's metrics.csv.</p>\n${outcomesTable(input, input.everyMetric)}` : ''}
<h2>Scenarios</h2>
${sections}
${drawCharts(specs)}
</body>
</html>
`;
}
