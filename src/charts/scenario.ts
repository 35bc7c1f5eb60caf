/**
 * The charts of one scenario: pure functions from tidy rows to Vega-Lite specs, data inlined, so a
 * spec opens in any Vega editor. Lines are means over seeds; bands are 95% intervals.
 */
import type { TopLevelSpec } from 'vega-lite';
import { STRATEGIES, STRATEGY_NAMES } from '../agents/strategies.ts';
import type { WeeklyBand } from '../experiment/summary.ts';
import type { MetricName } from '../sim/metrics.ts';
import { CONFIG, FORMAT, HEIGHT, strategyLabel, strategyScale, VEGA_LITE_SCHEMA, WIDTH } from './theme.ts';

/** Engineers of one bin of the token distribution; bounds are log10 of tokens per week. */
export interface TokenBin {
  from: number;
  to: number;
  engineers: number;
}

/** One engineer in the scatter of usage rank against output. */
export interface AgentPoint {
  /** Share of engineers using fewer tokens (ties split evenly). */
  usageRank: number;
  output: number;
  strategy: (typeof STRATEGY_NAMES)[number];
}

/** What the charts of one scenario are drawn from. */
export interface ScenarioChartData {
  name: string;
  /** The scenario's colour (the same in every chart). */
  colour: string;
  bands: WeeklyBand[];
  /** Distribution of tokens per engineer at the final week of one seed (engineers using none excluded). */
  tokenBins: TokenBin[];
  /** Engineers using no tokens at that week. */
  noTokens: number;
  /** A sample of engineers at that week. */
  agents: AgentPoint[];
  /** The quota target at the final week, when a quota is in force. */
  quotaTarget?: number;
  /** First week of any usage mandate (quota, leaderboard, usage-weighted reviews, bot deploys). */
  mandateWeek?: number;
  pricePerMillionTokens: number;
  /** Seeds the means are over: with one there is no interval to speak of. */
  seeds?: number;
  /**
   * Each seed ran with its own draw of the parameters from a posterior: the bands are where 95% of
   * the runs fall, over the assumptions' uncertainty as well as chance, and the words say so.
   */
  assumptions?: boolean;
  /**
   * The y range of each weekly panel, when charts of several scenarios are shown side by side and
   * must share their scales (sharedRanges); each chart fits its own data otherwise.
   */
  yRanges?: PanelRanges;
}

/** Width of a histogram bin, in decades of tokens: fine enough to show bunching at a target. */
export const TOKEN_BIN_DECADES = 0.05;
/** Largest number of engineers drawn in the scatter: more would hide each other. */
export const SCATTER_SAMPLE = 500;

/** Histogram of tokens per engineer on a log scale, and the count of engineers using none. */
export function tokenBins(tokens: Float64Array): { bins: TokenBin[]; noTokens: number } {
  const counts = new Map<number, number>();
  let noTokens = 0;
  for (const t of tokens) {
    if (!(t > 0)) {
      noTokens++;
      continue;
    }
    const bin = Math.floor(Math.log10(t) / TOKEN_BIN_DECADES);
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
  }
  const bins = [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([bin, engineers]) => ({ from: bin * TOKEN_BIN_DECADES, to: (bin + 1) * TOKEN_BIN_DECADES, engineers }));
  return { bins, noTokens };
}

/** An evenly spaced sample of engineers with their usage rank among all engineers. */
export function agentPoints(tokens: Float64Array, output: Float64Array, strategy: Uint8Array): AgentPoint[] {
  const n = tokens.length;
  const sorted = Float64Array.from(tokens).sort();
  // Number of engineers using less than v (orEqual: or exactly v), by binary search.
  const countBelow = (v: number, orEqual: boolean) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v || (orEqual && sorted[mid] === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const stride = Math.max(1, Math.ceil(n / SCATTER_SAMPLE));
  const points: AgentPoint[] = [];
  for (let i = 0; i < n; i += stride) {
    const below = countBelow(tokens[i], false);
    const ties = countBelow(tokens[i], true) - below;
    points.push({ usageRank: n > 0 ? (below + ties / 2) / n : 0.5, output: output[i], strategy: STRATEGY_NAMES[strategy[i]] });
  }
  return points;
}

const WEEK_AXIS = { field: 'week', type: 'quantitative', title: 'Week', scale: { nice: false }, axis: { tickMinStep: 1 } } as const;

function series(data: ScenarioChartData, metric: MetricName, scale = 1) {
  return data.bands.filter((b) => b.metric === metric).map((b) => ({ week: b.week, mean: b.mean * scale, lo: b.lo * scale, hi: b.hi * scale }));
}

/** What each weekly panel plots, in the units of its axis: one place for the charts and for their shared ranges. */
function panels(d: ScenarioChartData): Record<PanelName, Record<string, number>[]> {
  let lost = 0;
  let left = 0;
  return {
    realOutput: series(d, 'realOutput'),
    tokens: series(d, 'tokens', 1e-9),
    gamingShare: series(d, 'gamingShare'),
    wastedSpend: series(d, 'gamingTokens', d.pricePerMillionTokens / 1e6),
    incidents: series(d, 'incidents'),
    // Outage dots are sized by the mean number that week: one size scale for every scenario shown.
    outages: series(d, 'majorOutages').map((p) => ({ week: p.week, mean: p.mean, lo: p.mean, hi: p.mean })),
    validity: series(d, 'metricValidity'),
    lossSoFar: series(d, 'severityLoss').map((p) => ({ week: p.week, cumulative: (lost += p.mean) })),
    leftSoFar: series(d, 'attrition').map((p) => ({ week: p.week, cumulative: (left += p.mean) })),
  };
}

/** The weekly panels of a scenario's charts, which share their y ranges across scenarios. */
export type PanelName = 'realOutput' | 'tokens' | 'gamingShare' | 'wastedSpend' | 'incidents' | 'outages' | 'validity' | 'lossSoFar' | 'leftSoFar';
/** Shared y ranges of the weekly panels, so that scenarios side by side share their axes. */
export type PanelRanges = Partial<Record<PanelName, [number, number]>>;

/**
 * Ranges covering every scenario's values in each panel, zero included (as a chart fitting its own
 * data would include it): side by side, equal heights then mean equal values.
 */
export function sharedRanges(scenarios: readonly ScenarioChartData[]): PanelRanges {
  const ranges: PanelRanges = {};
  for (const d of scenarios) {
    for (const [name, points] of Object.entries(panels(d)) as [PanelName, Record<string, number>[]][]) {
      const range = (ranges[name] ??= [0, 0]);
      for (const p of points) {
        range[0] = Math.min(range[0], p.lo ?? p.cumulative);
        range[1] = Math.max(range[1], p.hi ?? p.cumulative);
      }
    }
  }
  return ranges;
}

/** The y scale of a panel: its shared range when there is one. */
function yScale(d: ScenarioChartData, panel: PanelName): { scale?: { domain: [number, number] } } {
  const range = d.yRanges?.[panel];
  return range && range[1] > range[0] ? { scale: { domain: range } } : {};
}

/** A line (mean over seeds) with its 95% band, as layers over one data set. */
function lineWithBand(values: object[], colour: string, title: string, format?: string, scale: { scale?: object } = {}) {
  const y = { type: 'quantitative', title, axis: format ? { format } : {}, ...scale } as const;
  return {
    data: { values },
    width: WIDTH,
    height: HEIGHT,
    layer: [
      { mark: { type: 'area', opacity: 0.25, color: colour }, encoding: { x: WEEK_AXIS, y: { field: 'lo', ...y }, y2: { field: 'hi' } } },
      {
        mark: { type: 'line', color: colour },
        encoding: {
          x: WEEK_AXIS,
          y: { field: 'mean', ...y },
          tooltip: [
            { field: 'week', title: 'Week' },
            { field: 'mean', title: 'Mean', format: format ?? ',.3~g' },
            { field: 'lo', title: '95% from', format: format ?? ',.3~g' },
            { field: 'hi', title: '95% to', format: format ?? ',.3~g' },
          ],
        },
      },
    ],
  };
}

/** What a line and its band are, in words true to the number of seeds. */
function overSeeds(d: ScenarioChartData, what = 'Mean'): string {
  if (d.seeds === 1) return d.assumptions ? 'One seed, one draw of the assumptions (more seeds give a 95% interval)' : 'One seed (more seeds give a 95% interval)';
  const seeds = d.seeds === undefined ? 'seeds' : `${d.seeds} seeds`;
  return d.assumptions ? `${what} over ${seeds}, 95% interval over seeds and assumptions` : `${what} over ${seeds} with 95% interval`;
}

/** "One seed", and which assumptions it ran with when they are drawn: what one-seed charts show. */
function oneSeed(d: ScenarioChartData): string {
  return d.assumptions ? 'one seed at one draw of the assumptions' : 'one seed';
}

function top(title: string, subtitle: string, body: object): TopLevelSpec {
  return { $schema: VEGA_LITE_SCHEMA, title: { text: title, subtitle }, config: CONFIG, ...body } as TopLevelSpec;
}

/** 1. Real output and tokens over weeks, two panels sharing the week axis. */
export function outputAndTokensChart(d: ScenarioChartData): TopLevelSpec {
  const { realOutput, tokens } = panels(d);
  return top(`${d.name}: real output and token use`, overSeeds(d), {
    vconcat: [
      lineWithBand(realOutput, d.colour, 'Real output (engineer-weeks per week)', ',.0f', yScale(d, 'realOutput')),
      lineWithBand(tokens, d.colour, 'Tokens used (billions per week)', ',.3~f', yScale(d, 'tokens')),
    ],
    resolve: { scale: { x: 'shared' } },
  });
}

/** 2. Strategy shares over weeks, stacked. */
export function strategySharesChart(d: ScenarioChartData): TopLevelSpec {
  const values = STRATEGIES.flatMap((s, order) => series(d, s.shareMetric).map((p) => ({ week: p.week, strategy: s.label, order, share: p.mean })));
  return top(`${d.name}: how engineers work`, `Share of engineers by strategy${d.seeds === 1 ? `, ${oneSeed(d)}` : d.assumptions ? ' (mean over seeds and assumptions)' : ' (mean over seeds)'}`, {
    data: { values },
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'area' },
    encoding: {
      x: WEEK_AXIS,
      y: { field: 'share', type: 'quantitative', stack: 'normalize', title: 'Share of engineers', axis: { format: FORMAT.share } },
      color: { field: 'strategy', type: 'nominal', title: 'Strategy', scale: strategyScale(), sort: STRATEGIES.map((s) => s.label) },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [{ field: 'week', title: 'Week' }, { field: 'strategy', title: 'Strategy' }, { field: 'share', title: 'Share', format: '.1%' }],
    },
  });
}

/** 3. Gaming share of tokens, and the spend it wastes. */
export function gamingChart(d: ScenarioChartData): TopLevelSpec {
  const { gamingShare, wastedSpend } = panels(d);
  return top(`${d.name}: tokens burnt for the metric`, 'Tokens beyond genuine need, and what they cost', {
    vconcat: [
      lineWithBand(gamingShare, d.colour, 'Gaming share of tokens', FORMAT.share, yScale(d, 'gamingShare')),
      lineWithBand(wastedSpend, d.colour, 'Wasted spend (dollars per week)', '$,.3~s', yScale(d, 'wastedSpend')),
    ],
    resolve: { scale: { x: 'shared' } },
  });
}

/** 4. Incidents per week with major outages marked, and the cumulative loss. */
export function incidentsChart(d: ScenarioChartData): TopLevelSpec {
  const { incidents, lossSoFar } = panels(d);
  const outages = panels(d).outages.filter((p) => p.mean > 0);
  // Shown beside other scenarios, every panel's dots share one size scale: the same size, the same number.
  const largest = d.yRanges?.outages?.[1] ?? 0;
  const sizeDomain = largest > 0 ? { domain: [0, largest] } : {};
  return top(`${d.name}: incidents`, 'Dots: major outages (size: mean number that week, one scale for every scenario)', {
    vconcat: [
      {
        width: WIDTH,
        height: HEIGHT,
        layer: [
          lineWithBand(incidents, d.colour, 'Incidents per week', ',.0f', yScale(d, 'incidents')),
          {
            data: { values: outages },
            mark: { type: 'point', filled: true, color: '#000', opacity: 0.7 },
            encoding: {
              x: WEEK_AXIS,
              y: { value: 0 },
              size: { field: 'mean', type: 'quantitative', title: 'Major outages', scale: { ...sizeDomain, range: [0, 300] } },
              tooltip: [{ field: 'week', title: 'Week' }, { field: 'mean', title: 'Major outages (mean)', format: '.2f' }],
            },
          },
        ],
      },
      {
        data: { values: lossSoFar },
        width: WIDTH,
        height: HEIGHT,
        mark: { type: 'line', color: d.colour },
        encoding: {
          x: WEEK_AXIS,
          y: { field: 'cumulative', type: 'quantitative', title: 'Output lost, cumulative (engineer-weeks)', axis: { format: ',.0f' }, ...yScale(d, 'lossSoFar') },
          tooltip: [{ field: 'week', title: 'Week' }, { field: 'cumulative', title: 'Engineer-weeks lost', format: ',.1f' }],
        },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  });
}

/** 5. Metric validity over weeks, with the mandate's start marked. */
export function validityChart(d: ScenarioChartData): TopLevelSpec {
  const layers: object[] = [lineWithBand(panels(d).validity, d.colour, 'Rank correlation of tokens and output', '.2f', yScale(d, 'validity'))];
  layers.push({ data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#888' }, encoding: { y: { field: 'zero', type: 'quantitative' } } });
  if (d.mandateWeek !== undefined) {
    layers.push({
      data: { values: [{ week: d.mandateWeek, label: 'mandate starts' }] },
      layer: [
        { mark: { type: 'rule', strokeDash: [6, 4], color: '#000' }, encoding: { x: { field: 'week', type: 'quantitative' } } },
        { mark: { type: 'text', align: 'left', dx: 6, dy: -4, fontSize: 14, baseline: 'top' }, encoding: { x: { field: 'week', type: 'quantitative' }, y: { value: 4 }, text: { field: 'label' } } },
      ],
    });
  }
  return top(`${d.name}: is usage still a measure of work?`, "Spearman correlation of tokens and output as a manager sees it, across engineers (Goodhart's law)", {
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
  });
}

/** 6. Belief, trust and morale over weeks; cumulative attrition. */
export function peopleChart(d: ScenarioChartData): TopLevelSpec {
  const measures: [MetricName, string][] = [
    ['belief', 'Belief that usage counts in reviews'],
    ['trust', 'Trust in what management says'],
    ['morale', 'Morale'],
  ];
  const values = measures.flatMap(([metric, label]) => series(d, metric).map((p) => ({ ...p, measure: label })));
  const attrition = panels(d).leftSoFar;
  const colour = {
    field: 'measure',
    type: 'nominal',
    title: null,
    scale: { domain: measures.map((m) => m[1]), range: ['#E69F00', '#0072B2', '#009E73'] },
    legend: { orient: 'top', direction: 'vertical', columns: 1, labelLimit: 600 },
  };
  return top(`${d.name}: belief, trust and morale`, d.seeds === 1 ? `Means over engineers, ${oneSeed(d)}` : `Means over engineers and seeds, with 95% intervals over seeds${d.assumptions ? ' and assumptions' : ''}`, {
    vconcat: [
      {
        data: { values },
        width: WIDTH,
        height: HEIGHT,
        layer: [
          { mark: { type: 'area', opacity: 0.2 }, encoding: { x: WEEK_AXIS, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: colour } },
          {
            mark: 'line',
            encoding: {
              x: WEEK_AXIS,
              y: { field: 'mean', type: 'quantitative', title: 'Level (0 to 1)', scale: { domain: [0, 1] } },
              color: colour,
              tooltip: [{ field: 'week', title: 'Week' }, { field: 'measure', title: 'Measure' }, { field: 'mean', title: 'Mean', format: '.2f' }],
            },
          },
        ],
      },
      {
        data: { values: attrition },
        width: WIDTH,
        height: HEIGHT / 2,
        mark: { type: 'area', color: d.colour, opacity: 0.6 },
        encoding: {
          x: WEEK_AXIS,
          y: { field: 'cumulative', type: 'quantitative', title: 'Engineers who left (cumulative)', axis: { format: ',.0f' }, ...yScale(d, 'leftSoFar') },
          tooltip: [{ field: 'week', title: 'Week' }, { field: 'cumulative', title: 'Left so far', format: ',.1f' }],
        },
      },
    ],
    resolve: { scale: { x: 'shared', color: 'independent' } },
  });
}

/** 7. Tokens per engineer at the final week, on a log scale, with the quota target: bunching shows. */
export function tokenDistributionChart(d: ScenarioChartData): TopLevelSpec {
  const layers: object[] = [
    {
      data: { values: d.tokenBins },
      mark: { type: 'bar', color: d.colour },
      encoding: {
        x: {
          field: 'from',
          type: 'quantitative',
          title: 'Tokens per week (log scale)',
          scale: { zero: false },
          axis: { labelExpr: "format(pow(10, datum.value), '.2s')", tickMinStep: 0.5 },
        },
        x2: { field: 'to' },
        y: { field: 'engineers', type: 'quantitative', title: 'Engineers' },
        y2: { datum: 0 },
        tooltip: [{ field: 'engineers', title: 'Engineers' }],
      },
    },
  ];
  if (d.quotaTarget !== undefined && d.quotaTarget > 0) {
    layers.push({
      data: { values: [{ at: Math.log10(d.quotaTarget), label: 'quota target' }] },
      layer: [
        { mark: { type: 'rule', color: '#000', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { x: { field: 'at', type: 'quantitative' } } },
        { mark: { type: 'text', align: 'left', dx: 6, baseline: 'top', fontSize: 14 }, encoding: { x: { field: 'at', type: 'quantitative' }, y: { value: 4 }, text: { field: 'label' } } },
      ],
    });
  }
  const none = d.noTokens;
  return top(`${d.name}: tokens per engineer in the final week`, `${d.assumptions ? 'One seed at one draw of the assumptions' : 'One seed'}; ${none} engineer${none === 1 ? '' : 's'} using no tokens not shown`, {
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
  });
}

/** 8. Usage rank against real output at the final week: Goodhart at a glance. */
export function rankVsOutputChart(d: ScenarioChartData): TopLevelSpec {
  const values = d.agents.map((a) => ({ ...a, strategy: strategyLabel(a.strategy) }));
  return top(`${d.name}: usage rank against real output`, `Final week, ${oneSeed(d)}; each dot an engineer`, {
    data: { values },
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'point', filled: true, opacity: 0.7, size: 50 },
    encoding: {
      x: { field: 'usageRank', type: 'quantitative', title: 'Usage rank (share of engineers using less)', axis: { format: FORMAT.share } },
      y: { field: 'output', type: 'quantitative', title: 'Real output (engineer-weeks)' },
      color: { field: 'strategy', type: 'nominal', title: 'Strategy', scale: strategyScale() },
      tooltip: [
        { field: 'strategy', title: 'Strategy' },
        { field: 'usageRank', title: 'Usage rank', format: '.0%' },
        { field: 'output', title: 'Output', format: '.2f' },
      ],
    },
  });
}

/** Every chart of a scenario, by file name. */
export const SCENARIO_CHARTS = {
  'output-tokens': outputAndTokensChart,
  strategies: strategySharesChart,
  gaming: gamingChart,
  incidents: incidentsChart,
  validity: validityChart,
  people: peopleChart,
  'token-distribution': tokenDistributionChart,
  'rank-vs-output': rankVsOutputChart,
} as const satisfies Record<string, (d: ScenarioChartData) => TopLevelSpec>;

/** The name of one of a scenario's charts. */
export type ScenarioChartName = keyof typeof SCENARIO_CHARTS;
