import { describe, expect, it } from 'vitest';
import { SCENARIO_COLOURS, waterfallBars, waterfallChart, waterfallCharts, type Explanation, type OutcomeAttribution } from '../../src/index.ts';
import { VERDICT_COLOURS } from '../../src/charts/better.ts';
import { compileChart, renderSvg } from '../../src/report/render.ts';

const band = (mean: number, half: number) => ({ mean, lo: mean - half, hi: mean + half });

/** Incidents go from 300 to 900: the quota adds 50, the leaderboard takes 20 off, the bot adds 570. */
const incidents: OutcomeAttribution = {
  outcome: 'incidents',
  label: 'Incidents',
  unit: 'incidents',
  baseline: band(300, 10),
  target: band(900, 30),
  difference: band(600, 25),
  contributions: [
    { component: 'quota', blocks: ['policies.quota'], shapley: band(50, 5), samplingError: 0, alone: band(40, 5) },
    { component: 'leaderboard', blocks: ['policies.leaderboard'], shapley: band(-20, 4), samplingError: 0, alone: band(-10, 4) },
    { component: 'bot', blocks: ['policies.deployment'], shapley: band(570, 20), samplingError: 0, alone: band(500, 20) },
  ],
  sum: 600,
  efficiencyGap: 0,
  interactions: [],
};
const trust: OutcomeAttribution = { ...incidents, outcome: 'trust', label: 'Trust at the end', unit: 'share', baseline: band(0.7, 0.01), target: band(0.5, 0.01), difference: band(-0.2, 0.02), sum: -0.2 };

const explanation: Explanation = {
  against: 'baseline',
  scenario: 'meshclaw',
  components: incidents.contributions.map((c) => ({ name: c.component, blocks: c.blocks })),
  method: 'exact',
  seeds: [1, 2, 3],
  runs: 24,
  outcomes: [incidents, trust],
};

describe('waterfall chart', () => {
  it('bars: the reference from 0, each step from where the last ended, ending at the target; the scenario from 0', () => {
    const bars = waterfallBars(incidents, { against: 'baseline', scenario: 'meshclaw' });
    expect(bars.map((b) => b.step)).toEqual(['baseline', 'quota', 'leaderboard', 'bot', 'meshclaw']);
    // More incidents is worse for the organisation, whatever the sign: the colour follows the verdict.
    expect(bars.map((b) => b.kind)).toEqual(['baseline', 'Worse for the organisation', 'Better for the organisation', 'Worse for the organisation', 'meshclaw']);
    expect(bars.map((b) => b.text)).toEqual(['300', '+50', '−20', '+570', '900']);
    expect(bars.map((b) => [b.start, b.end])).toEqual([
      [0, 300],
      [300, 350],
      [350, 330],
      [330, 900],
      [0, 900],
    ]);
    // Each step's interval sits around its end: where the step starts plus the contribution's bounds.
    expect([bars[2].from, bars[2].to]).toEqual([350 - 24, 350 - 16]);
    expect([bars[4].from, bars[4].to]).toEqual([870, 930]);
    // Labels go right of the bar and its interval, so that a falling step's label does not cover it.
    expect(bars[2].labelAt).toBe(350);
    expect(bars[3].labelAt).toBe(920);
  });

  it('a spec per outcome that compiles without warnings, in the scenarios colours and the better and worse colours', async () => {
    const specs = waterfallCharts(explanation);
    expect(Object.keys(specs)).toEqual(['incidents', 'trust']);
    const spec = specs.incidents as unknown as { title: { text: string; subtitle: string[] }; layer: { encoding: { color?: { scale: { domain: string[]; range: string[] } } } }[] };
    expect(() => compileChart(specs.incidents)).not.toThrow();
    expect(spec.title.text).toBe('Incidents: baseline → meshclaw');
    expect(spec.title.subtitle.join(' ')).toContain('mean over 3 seeds');
    expect(spec.layer[0].encoding.color!.scale).toEqual({
      domain: ['baseline', 'Better for the organisation', 'Worse for the organisation', 'meshclaw'],
      range: [SCENARIO_COLOURS[0], VERDICT_COLOURS.better, VERDICT_COLOURS.worse, SCENARIO_COLOURS[1]],
    });
    const svg = await renderSvg(specs.trust);
    // Steps of a share are percentage points, not percent.
    for (const text of ['Trust at the end: baseline → meshclaw', 'leaderboard', 'bot', '70.0%', '+5000.0 pts']) expect(svg).toContain(text);
  });

  it('names sampled estimates, tells apart two scenarios of one name, and refuses an outcome it does not have', () => {
    const sampled = waterfallChart({ ...explanation, method: 'sampled', permutations: 32 }, 'incidents') as unknown as { title: { subtitle: string[] } };
    expect(sampled.title.subtitle[0]).toContain('32 sampled orders');
    const same = waterfallChart({ ...explanation, scenario: 'baseline' }, 'incidents') as unknown as { data: { values: { step: string }[] } };
    expect(same.data.values.map((v) => v.step)).toEqual(['baseline (reference)', 'quota', 'leaderboard', 'bot', 'baseline (explained)']);
    expect(() => waterfallChart(explanation, 'spend')).toThrow(/no outcome spend; the explanation has incidents, trust/);
  });
});
