import { describe, expect, it } from 'vitest';
import { SCENARIO_CHARTS } from '../../src/charts/scenario.ts';
import { runScenario } from '../../src/experiment/replicate.ts';
import { interval, spread, summarise } from '../../src/experiment/summary.ts';
import type { Posterior } from '../../src/experiment/posterior.ts';
import { chartData } from '../../src/report/build.ts';
import { chartTemplate } from '../../src/report/chart-template.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { loadScenario } from '../../src/experiment/load.ts';
import { effectiveLimits, PAGE_LIMITS } from '../../src/serve/limits.ts';
import { resolveInside } from '../../src/serve/server.ts';
import { HEADLINES, outcomeAt, verdict, weeklyMeans } from '../../web/src/headline.ts';
import { withMean } from '../../web/src/levers.ts';
import { preset, PRESET_NAMES, resolveExtends } from '../../web/src/presets.ts';
import { compose, DEFAULT_STATE, displayName, exportYaml, fromQuery, importScenario, toQuery, type PageState } from '../../web/src/state.ts';

const CHARTS = Object.keys(SCENARIO_CHARTS);
const bundledFile = (name: string) => new URL(`../../scenarios/${name}.yaml`, import.meta.url).pathname;

describe('the page bundles the scenarios of scenarios/', () => {
  it('lists every bundled scenario, baseline first', () => {
    expect(PRESET_NAMES[0]).toBe('baseline');
    expect([...PRESET_NAMES].sort()).toEqual(['baseline', 'capped-spend', 'guarded-deploys', 'leaderboard-only', 'meshclaw', 'outcome-based', 'quota-only']);
  });

  it.each(['baseline', 'meshclaw', 'guarded-deploys', 'quota-only'])('resolves %s (and its extends) to the scenario the command line loads', (name) => {
    const page = compose({ preset: name, set: {} }, PAGE_LIMITS).scenario;
    expect(page).toEqual(loadScenario(bundledFile(name)));
  });

  it('names the bundled scenarios when extends names another file', () => {
    expect(() => resolveExtends({ name: 'x', extends: '../secrets.yaml' }, 'x.yaml')).toThrow(
      'x.yaml: extends: "../secrets.yaml" is not a bundled scenario; the page knows baseline.yaml, capped-spend.yaml, guarded-deploys.yaml',
    );
  });

  it('resolves extends by file name, as the command line does next to the bundled files', () => {
    expect(resolveExtends({ name: 'x', extends: './meshclaw.yaml', agents: 50 })).toMatchObject({ name: 'x', agents: 50, policies: { quota: { target: 25_000_000 } } });
    expect(preset('guarded-deploys')).not.toHaveProperty('extends');
  });
});

describe('page state', () => {
  const edited: PageState = {
    ...DEFAULT_STATE,
    a: { preset: 'quota-only', set: { 'policies.quota.target': 12_500_000, agents: 300 } },
    b: { preset: 'meshclaw', set: { 'policies.review.managerWeight': { dist: 'beta', mean: 0.4, sd: 0.1 } } },
    seed: 7,
    seeds: 3,
    chart: 'people',
  };

  it('goes through the address and back unchanged', () => {
    const { state, notes } = fromQuery(toQuery(edited), PAGE_LIMITS, CHARTS);
    expect(notes).toEqual([]);
    expect(state).toEqual(edited);
  });

  it('carries an imported scenario whole in the address', () => {
    const imported = importScenario('name: mine\nextends: baseline.yaml\nagents: 200\n', 'mine.yaml', PAGE_LIMITS).side;
    const { state } = fromQuery(toQuery({ ...edited, b: imported }), PAGE_LIMITS, CHARTS);
    expect(compose(state.b, PAGE_LIMITS).scenario).toEqual(compose(imported, PAGE_LIMITS).scenario);
    expect(compose(state.b, PAGE_LIMITS).scenario.agents).toBe(200);
  });

  it('reads a damaged address as far as it can, with a note for each part it cannot use', () => {
    const { state, notes } = fromQuery('?a=nosuch&b.agents=abc&b.9bad=1&seeds=0&seed=-3&chart=nosuch', PAGE_LIMITS, CHARTS);
    expect(state.a.preset).toBe('baseline');
    expect(state.b.set).toEqual({});
    expect(state.seeds).toBe(1);
    expect(state.seed).toBe(1);
    expect(state.chart).toBe('output-tokens');
    expect(notes).toEqual([
      'A: no bundled scenario named "nosuch"; showing baseline',
      'B: ignored b.agents=abc',
      'B: ignored b.9bad=1',
      'seed: -3 is not a whole number from 0; using 1',
      'seeds: 0 is not a whole number from 1; using 1',
    ]);
  });

  it('caps what an address asks for at the limits', () => {
    const limits = { maxAgents: 2000, maxWeeks: 104, maxSeeds: 2 };
    const { state, notes } = fromQuery('?b=meshclaw&b.agents=1000000&b.weeks=520&seeds=5', limits, CHARTS);
    const scenario = compose(state.b, limits).scenario;
    expect([scenario.agents, scenario.weeks, state.seeds]).toEqual([2000, 104, 2]);
    expect(notes).toEqual([
      "B: agents: 1,000,000 is over this page's limit; using 2,000",
      "B: weeks: 520 is over this page's limit; using 104",
      "seeds: 5 is over this page's limit; using 2",
    ]);
  });

  it('brings an imported file within the limits, and says so', () => {
    const { side, notes } = importScenario('name: big\nagents: 50000\n', 'big.yaml', PAGE_LIMITS);
    expect(compose(side, PAGE_LIMITS).scenario.agents).toBe(PAGE_LIMITS.maxAgents);
    expect(notes).toEqual(["big.yaml: agents: 50,000 is over this page's limit; using 10,000"]);
  });

  it('refuses a scenario over the limits with a message naming the field', () => {
    expect(() => compose({ preset: 'baseline', set: { agents: 20_000 } }, PAGE_LIMITS)).toThrow(
      new ScenarioError('agents', 'at most 10000 on this page, got 20000; run larger organisations with goodhart run'),
    );
  });

  it('validates an edit with the command line messages', () => {
    expect(() => compose({ preset: 'baseline', set: { 'policies.quota.coverage': 2 } }, PAGE_LIMITS)).toThrow('policies.quota.coverage: must be at most 1, got 2');
  });

  it('exports YAML that loads into exactly the scenario the page ran', () => {
    const yaml = exportYaml(edited.b, edited, 'meshclaw.yaml');
    expect(yaml.split('\n')[1]).toBe('#   goodhart run meshclaw.yaml --seed 7 --seeds 3');
    expect(loadScenario(yaml)).toEqual(compose(edited.b, PAGE_LIMITS).scenario);
  });

  it('carries "Include uncertainty in the assumptions" in the address, and the command that reproduces it in an export, not in the scenario', () => {
    const drawn = { ...edited, assumptions: true };
    expect(new URLSearchParams(toQuery(drawn)).get('assumptions')).toBe('posterior');
    expect(new URLSearchParams(toQuery(edited)).has('assumptions')).toBe(false);
    expect(fromQuery(toQuery(drawn), PAGE_LIMITS, CHARTS)).toEqual({ state: drawn, notes: [] });
    expect(fromQuery('?assumptions=maybe', PAGE_LIMITS, CHARTS)).toMatchObject({ state: { assumptions: false }, notes: ['assumptions: maybe is not "posterior"; using the scenarios\' own values'] });
    const yaml = exportYaml(drawn.b, drawn, 'meshclaw.yaml');
    expect(yaml.split('\n')[1]).toBe('#   goodhart run meshclaw.yaml --seed 7 --seeds 3 --posterior calibration/posterior');
    expect(loadScenario(yaml)).toEqual(compose(edited.b, PAGE_LIMITS).scenario);
  });
});

describe('a changed preset is named as modified', () => {
  it('keeps the preset name until a lever moves it, then "-modified" with each change in words', () => {
    expect(displayName({ preset: 'meshclaw', set: {} })).toBe('meshclaw');
    expect(compose({ preset: 'meshclaw', set: {} }, PAGE_LIMITS).scenario.name).toBe('meshclaw');
    const side = { preset: 'meshclaw', set: { 'policies.quota.coverage': 0.5, 'policies.leaderboard.enabled': false } };
    expect(displayName(side)).toBe('meshclaw (modified)');
    const { scenario } = compose(side, PAGE_LIMITS);
    expect(scenario.name).toBe('meshclaw-modified');
    expect(scenario.description).toMatch(/^meshclaw \(modified\): Quota coverage 80% → 50%; Usage leaderboard on → off\. meshclaw was: Quota for 80%/);
  });
});

describe('levers', () => {
  it('moves the mean of a beta and narrows its sd only when it must', () => {
    expect(withMean({ dist: 'beta', mean: 0.2, sd: 0.1 }, 0.5)).toEqual({ dist: 'beta', mean: 0.5, sd: 0.1 });
    const narrow = withMean({ dist: 'beta', mean: 0.5, sd: 0.25 }, 0.05);
    expect(narrow.sd).toBeCloseTo(0.9 * Math.sqrt(0.05 * 0.95), 12);
    expect(withMean({ dist: 'beta', mean: 0.2, sd: 0.1 }, 0)).toEqual({ dist: 'constant', mean: 0, sd: 0 });
    expect(withMean({ dist: 'constant', mean: 0, sd: 0 }, 0.3)).toEqual({ dist: 'constant', mean: 0.3, sd: 0 });
  });

  it('writes distributions that validate at every position of the slider', () => {
    for (let step = 0; step <= 20; step++) {
      const mean = step / 20;
      const set = { 'policies.review.managerWeight': withMean({ dist: 'beta', mean: 0.2, sd: 0.1 }, mean) };
      expect(compose({ preset: 'meshclaw', set }, PAGE_LIMITS).scenario.policies.review.managerWeight.mean).toBe(mean);
    }
  });
});

describe('headline numbers', () => {
  const scenario = loadScenario(bundledFile('meshclaw'), { set: ['agents=200', 'weeks=20'] });
  const result = runScenario(scenario, { seeds: 3, snapshot: true });
  const summary = summarise(result);
  const means = weeklyMeans(chartData(result, 0), scenario.weeks);

  it('are the figures of summary.json at the last week', () => {
    for (const h of HEADLINES) {
      const expected = h.over === 'final' ? summary[h.metric].final.mean : summary[h.metric].whole.mean;
      expect(outcomeAt(means, h.metric, h.over, scenario.weeks - 1)).toBeCloseTo(expected, 9);
    }
  });

  it('count up week by week during play', () => {
    const early = outcomeAt(means, 'spend', 'whole', 4);
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(outcomeAt(means, 'spend', 'whole', 19));
  });

  it('colour B − A by what is better for the organisation', () => {
    const byKey = Object.fromEntries(HEADLINES.map((h) => [h.key, h]));
    expect(verdict(byKey.realOutput, 10)).toBe('better');
    expect(verdict(byKey.spend, 10)).toBe('worse');
    expect(verdict(byKey.trust, -0.1)).toBe('worse');
    expect(verdict(byKey.incidents, -3)).toBe('better');
    expect(verdict(byKey.gamingShare, 0)).toBe('same');
  });
});

describe('charts on the page', () => {
  it('name every inline data set, so that the same chart with new numbers differs only in its values', () => {
    const scenario = loadScenario(bundledFile('meshclaw'), { set: ['agents=100', 'weeks=10'] });
    const one = chartData(runScenario(scenario, { seeds: 1, snapshot: true }), 0);
    const other = chartData(runScenario(scenario, { seeds: 1, firstSeed: 2, snapshot: true }), 0);
    // Every chart, the token distribution too: its subtitle, which counts the engineers using no
    // tokens, is one of the template's values.
    const charts = Object.entries(SCENARIO_CHARTS);
    expect(charts).toHaveLength(8);
    for (const [, build] of charts) {
      const a = chartTemplate(build(one));
      const b = chartTemplate(build(other));
      expect(a.key).not.toMatch(/"values"/);
      expect(a.key).toBe(b.key);
      expect(a.data.length).toBeGreaterThan(0);
    }
  });
});

describe('charts of runs at drawn assumptions', () => {
  const scenario = loadScenario(bundledFile('baseline'), { set: ['agents=100', 'weeks=8'] });
  const posterior: Posterior = { parameters: ['aiTool.pricePerMillionTokens'], values: Float64Array.of(1, 6), weights: Float64Array.of(0.5, 0.5) };
  const subtitles = (seeds: number, drawn?: Posterior) => {
    const data = chartData(runScenario(scenario, { seeds, snapshot: true, posterior: drawn }), 0);
    return { data, subtitles: Object.values(SCENARIO_CHARTS).map((build) => (build(data).title as { subtitle: string }).subtitle) };
  };

  it('band where the runs fall, as goodhart run --posterior gives them, and say over what', () => {
    const { data, subtitles: words } = subtitles(4, posterior);
    expect(data.assumptions).toBe(true);
    const spend = data.bands.filter((b) => b.metric === 'spend');
    const result = runScenario(scenario, { seeds: 4, posterior });
    expect(spend[5]).toMatchObject(spread(result.runs.map((r) => r.metrics.spend[5])));
    expect(words[0]).toBe('Mean over 4 seeds, 95% interval over seeds and assumptions');
    expect(words.join(' | ')).toMatch(/Means over engineers and seeds, with 95% intervals over seeds and assumptions/);
    const own = subtitles(4);
    expect(own.data.assumptions).toBeUndefined();
    expect(own.data.bands.find((b) => b.metric === 'spend' && b.week === 5)).toMatchObject(interval(runScenario(scenario, { seeds: 4 }).runs.map((r) => r.metrics.spend[5])));
    expect(own.subtitles[0]).toBe('Mean over 4 seeds with 95% interval');
  });

  it('with one seed, speak of one draw and no interval', () => {
    const { subtitles: words } = subtitles(1, posterior);
    expect(words[0]).toBe('One seed, one draw of the assumptions (more seeds give a 95% interval)');
    expect(words.filter((w) => /one seed/i.test(w)).every((w) => w.includes('one draw of the assumptions'))).toBe(true);
  });
});

describe('limits and paths of the server', () => {
  it('takes the lower of the server limits and the hard caps, and ignores nonsense', () => {
    expect(effectiveLimits({ maxAgents: 500, maxWeeks: 1e9, maxSeeds: 'x' })).toEqual({ maxAgents: 500, maxWeeks: PAGE_LIMITS.maxWeeks, maxSeeds: PAGE_LIMITS.maxSeeds });
    expect(effectiveLimits(null)).toEqual(PAGE_LIMITS);
  });

  it('maps request paths to files inside the root only', () => {
    expect(resolveInside('/srv/page', '/')).toBe('/srv/page/index.html');
    expect(resolveInside('/srv/page', '/assets/a.js')).toBe('/srv/page/assets/a.js');
    for (const path of ['/../x', '/%2e%2e/x', '/a/%2E%2E/%2E%2E/x', '/.git/config', '/a%00b', '/a\\b', '/%E0%A4%A']) {
      expect(resolveInside('/srv/page', path)).toBeUndefined();
    }
  });
});
