import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, SOURCES, type RunResult } from '../../src/index.ts';
import { priorOf } from '../../src/experiment/calibrate.ts';
import { loadTargets, parseTargetsText, targetScenarios, targetValue, type Target } from '../../src/experiment/targets.ts';

const SHIPPED = new URL('../../calibration/targets.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'goodhart-targets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A run whose metrics are the given weekly columns. */
function run(columns: Record<string, number[]>): RunResult {
  const weeks = Object.values(columns)[0].length;
  return { seed: 1, weeks, metrics: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])), definitions: [] };
}

const ONE = `targets:
  - name: cfr
    figure: a figure
    sources: [dora2024]
    statistic: { scenario: baseline, metric: incidents, per: changes }
    observed: 0.05
    sd: 0.01
`;

/** The one-line message a targets file is refused with. */
function refusal(text: string): string {
  try {
    parseTargetsText(text, 'targets.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('calibration targets', () => {
  it('the shipped file: its targets, their scenarios, and every cited source either a target or a figure the model cannot express', () => {
    const loaded = loadTargets(SHIPPED);
    expect(loaded.targets.length).toBeGreaterThanOrEqual(5);
    expect(targetScenarios(loaded.targets)).toEqual(['meshclaw', 'baseline']);
    expect([...loaded.scenarios.keys()]).toEqual(['meshclaw', 'baseline']);
    for (const t of loaded.targets) expect(t.sd).toBeGreaterThan(0);
    const cited = new Set([...loaded.targets.flatMap((t) => t.sources), ...loaded.cannot.flatMap((c) => c.sources)]);
    expect(Object.keys(SOURCES).filter((key) => !cited.has(key))).toEqual([]);
    for (const c of loaded.cannot) expect(c.why.length).toBeGreaterThan(20);
    // The parameters it says its figures inform are the model's, each with a range to search.
    const prior = priorOf(loaded.parameters!, DEFAULT_MODEL, loaded.scenarios.get('baseline')!);
    expect(prior.length).toBeGreaterThanOrEqual(5);
    for (const p of prior) expect(p.high).toBeGreaterThan(p.low);
  });

  it('a statistic: a sum per a sum over a window, and a ratio or difference against a second scenario of the same seed', () => {
    const [target] = parseTargetsText(ONE).targets;
    const a = run({ incidents: [1, 2, 3, 4], changes: [10, 10, 20, 20] });
    expect(targetValue(target, new Map([['baseline', a]]))).toBeCloseTo(10 / 60, 12);
    const windowed: Target = { ...target, measure: { ...target.measure, weeks: [2, 4] } };
    expect(targetValue(windowed, new Map([['baseline', a]]))).toBeCloseTo(7 / 40, 12);
    const b = run({ incidents: [1, 1, 1, 1], changes: [10, 10, 10, 10] });
    const ratio: Target = { ...target, scenario: 'meshclaw', versus: 'baseline', contrast: 'ratio' };
    const runs = new Map([['meshclaw', a], ['baseline', b]]);
    expect(targetValue(ratio, runs)).toBeCloseTo(10 / 60 / (4 / 40), 12);
    expect(targetValue({ ...ratio, contrast: 'difference' }, runs)).toBeCloseTo(10 / 60 - 4 / 40, 12);
    const final: Target = { ...target, measure: { metric: 'incidents', aggregate: 'final', weeks: [0, 4] } };
    expect(targetValue(final, new Map([['baseline', a]]))).toBe(4);
  });

  it('an interval gives the sd of a normal whose 95% interval it is', () => {
    const [t] = parseTargetsText(ONE.replace('sd: 0.01', 'interval: [0.03, 0.07]')).targets;
    expect(t.sd).toBeCloseTo(0.04 / 3.919928, 6);
  });

  it.each([
    ['an unknown metric, with the nearest', ONE.replace('metric: incidents', 'metric: incident'), /targets\.0\.statistic\.metric: unknown metric "incident"; did you mean "incidents"\?/],
    ['a negative sd', ONE.replace('sd: 0.01', 'sd: -0.01'), /targets\.0\.sd/],
    ['no uncertainty', ONE.replace('    sd: 0.01\n', ''), /targets\.0: give the figure's uncertainty as sd or as a 95% interval/],
    ['both sd and interval', ONE.replace('sd: 0.01', 'sd: 0.01\n    interval: [0.03, 0.07]'), /targets\.0: .*one of the two, not both/],
    ['a reversed interval', ONE.replace('sd: 0.01', 'interval: [0.07, 0.03]'), /targets\.0\.interval: \[0\.07, 0\.03\]: the low end must be below the high end/],
    ['an observed value outside its interval', ONE.replace('sd: 0.01', 'interval: [0.06, 0.07]'), /targets\.0\.observed: 0\.05 is outside its own interval/],
    ['an unknown source', ONE.replace('[dora2024]', '[dora2042]'), /targets\.0\.sources\.0: unknown source "dora2042"; did you mean "dora2024"\?/],
    ['a contrast without a second scenario', ONE.replace('per: changes', 'per: changes, contrast: ratio'), /targets\.0\.statistic\.contrast: "ratio" needs versus/],
    ['an empty window', ONE.replace('per: changes', 'per: changes, weeks: [10, 10]'), /targets\.0\.statistic\.weeks: \[10, 10\] is empty/],
    ['two targets of one name', ONE + ONE.split('targets:\n')[1], /targets\.1\.name: "cfr" names two targets/],
    ['a field a target does not have', ONE.replace('observed:', 'observd: 1\n    observed:'), /targets\.0: unknown field "observd"/],
  ])('refuses %s in one line naming the field', (_, text, message) => {
    const line = refusal(text);
    expect(line).toMatch(message);
    expect(line).toMatch(/^targets\.yaml: /);
    expect(line.split('\n')).toHaveLength(1);
    expect(line.length).toBeLessThanOrEqual(300);
  });

  it('refuses a scenario that does not exist, naming the target and the bundled ones', () => {
    const file = join(dir, 'missing.yaml');
    writeFileSync(file, ONE.replace('scenario: baseline', 'scenario: baselin'));
    expect(() => loadTargets(file)).toThrow(/targets\.0\.statistic\.scenario: "baselin" is not a bundled scenario; did you mean "baseline"\?/);
    writeFileSync(file, ONE.replace('scenario: baseline', 'scenario: ./nowhere.yaml'));
    expect(() => loadTargets(file)).toThrow(/targets\.0\.statistic\.scenario: .*nowhere\.yaml/);
  });
});
