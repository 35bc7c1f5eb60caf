/**
 * Item 2 of the reliability guarantees (docs/RELIABILITY.md): scenarios at the edges of what
 * validation accepts run to the end with every metric finite and the weekly invariants of
 * src/sim/invariants.ts holding.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rangesOf, type FieldRange } from './mutations.ts';
import { scenarioJsonSchema, loadScenario, METRIC_NAMES, simulate, type RunResult } from '../../src/index.ts';

const SEED = 7;
const AGENTS = 200;
const WEEKS = 30;

type Raw = Record<string, unknown>;

let runs = 0;
afterAll(() => console.info(`extreme scenarios: ${runs} runs with the invariants checked every week`));

/** Runs a raw scenario with the invariants checked every week, and checks every metric of every week is finite. */
function runChecked(raw: Raw): RunResult {
  runs++;
  const scenario = loadScenario(raw);
  const result = simulate(scenario, SEED, { checkInvariants: true });
  for (const name of METRIC_NAMES) {
    expect(result.metrics[name].length, name).toBe(scenario.weeks);
    result.metrics[name].forEach((value, t) => {
      if (!Number.isFinite(value)) expect.fail(`${name} is ${value} in week ${t}`);
    });
  }
  return result;
}

const base = (over: Raw = {}): Raw => ({ name: 'extreme', agents: AGENTS, weeks: WEEKS, ...over });

/** Every policy in force from week 0. */
const ALL_ON = {
  quota: { enabled: true, startWeek: 0 },
  leaderboard: { enabled: true, startWeek: 0 },
  review: { startWeek: 0, managerWeight: { dist: 'beta', mean: 0.5, sd: 0.2 } },
  deployment: { botMayDeploy: true, startWeek: 0 },
};

const mean = (column: Float64Array) => column.reduce((a, b) => a + b, 0) / column.length;

/** A raw scenario with the field at `path` set to `value`. */
function withField(raw: Raw, path: readonly string[], value: unknown): Raw {
  const out = structuredClone(raw);
  let cursor = out;
  path.slice(0, -1).forEach((key) => {
    cursor[key] = { ...((cursor[key] as Raw | undefined) ?? {}) };
    cursor = cursor[key] as Raw;
  });
  cursor[path[path.length - 1]] = value;
  return out;
}

/** Every numeric field but the size of the run, with its range from the JSON Schema. */
const FIELDS: FieldRange[] = rangesOf(scenarioJsonSchema()).filter((r) => r.path[0] !== 'agents' && r.path[0] !== 'weeks');

describe('extreme but valid scenarios run with finite metrics and the invariants holding', () => {
  it('one engineer', () => {
    const result = runChecked(base({ agents: 1, policies: ALL_ON }));
    expect(Math.max(...result.metrics.headcount)).toBeLessThanOrEqual(1);
    expect(result.metrics.realOutput.some((v) => v > 0)).toBe(true);
  });

  it('teams of one: every engineer their own manager’s only report', () => {
    const result = runChecked(base({ population: { teamSize: 1 }, policies: ALL_ON }));
    expect(mean(result.metrics.headcount)).toBeGreaterThan(AGENTS * 0.9);
  });

  it('teams larger than the organisation', () => {
    const result = runChecked(base({ agents: 3, population: { teamSize: 1000 }, policies: ALL_ON }));
    expect(Math.max(...result.metrics.headcount)).toBeLessThanOrEqual(3);
  });

  it('zero weeks: no rows, and no error', () => {
    const result = runChecked(base({ weeks: 0, policies: ALL_ON }));
    expect(result.weeks).toBe(0);
    expect(result.metrics.realOutput.length).toBe(0);
  });

  it('one week', () => {
    expect(runChecked(base({ weeks: 1, policies: ALL_ON })).metrics.headcount.length).toBe(1);
  });

  it('a quota of 0 tokens: attainment is reported as 0 (no quota to meet), and the run goes on', () => {
    const result = runChecked(base({ policies: { quota: { enabled: true, startWeek: 0, target: 0, coverage: 1, enforcement: 1, penalty: 100 } } }));
    expect(Math.max(...result.metrics.quotaAttainment)).toBe(0);
    expect(mean(result.metrics.headcount)).toBeGreaterThan(AGENTS * 0.9);
  });

  it('a quota of 10^12 tokens, beyond the rate limit: nobody can meet it', () => {
    const result = runChecked(base({ policies: { quota: { enabled: true, startWeek: 0, target: 1e12, coverage: 1, enforcement: 1 } } }));
    expect(Math.max(...result.metrics.quotaAttainment)).toBe(0);
    expect(Math.max(...result.metrics.tokens)).toBeLessThanOrEqual(AGENTS * 1e9);
  });

  it('every policy off', () => {
    const off = { quota: { enabled: false }, leaderboard: { enabled: false }, deployment: { botMayDeploy: false } };
    const result = runChecked(base({ policies: off }));
    expect(Math.max(...result.metrics.botDeploys)).toBe(0);
    expect(Math.max(...result.metrics.quotaAttainment)).toBe(0);
    expect(Math.max(...result.metrics.shareAutopilot)).toBe(0);
  });

  it('every policy on, every policy value at its maximum', () => {
    let policies: Raw = structuredClone(ALL_ON);
    for (const field of FIELDS.filter((f) => f.path[0] === 'policies' && !/startWeek$/.test(f.path[f.path.length - 1]))) {
      policies = withField({ policies }, field.path, field.max).policies as Raw;
    }
    const result = runChecked(base({ policies }));
    expect(result.weeks).toBe(WEEKS);
    expect(mean(result.metrics.botDeploys)).toBeGreaterThan(0);
  });

  it.each([
    ['minimum', 'min'],
    ['maximum', 'max'],
  ] as const)('every number in the scenario at its %s, every policy on', (_, end) => {
    let raw = base({ policies: ALL_ON });
    for (const field of FIELDS) raw = withField(raw, field.path, field[end]);
    // Reviews every week at the minimum, every 520 weeks at the maximum: longer than the run.
    const result = runChecked(raw);
    expect(result.weeks).toBe(WEEKS);
  });

  it.each(FIELDS.map((f) => [f.path.join('.'), f] as const))('%s at each end of its range', (_, field) => {
    for (const value of [field.min, field.max]) runChecked(withField(base({ policies: ALL_ON, weeks: 8 }), field.path, value));
  });
});

/** Each population attribute's allowed values (src/scenario/schema.ts). */
const ATTRIBUTES: Record<string, { min: number; max: number }> = {
  skill: { min: 0, max: 100 },
  seniority: { min: 0, max: 1 },
  aiFit: { min: -1, max: 100 },
  aiFitBias: { min: -100, max: 100 },
  integrity: { min: 0, max: 1 },
  care: { min: 0, max: 1 },
  ambition: { min: 0, max: 100 },
  statusSeeking: { min: 0, max: 100 },
  trust0: { min: 0, max: 1 },
  tokenRate: { min: 0, max: 1e13 },
};

/** Distributions pushed to the ends of an attribute's range, each one the validation accepts. */
function extremeDistributions({ min, max }: { min: number; max: number }): Raw[] {
  const width = max - min;
  return [
    { dist: 'constant', mean: min },
    { dist: 'constant', mean: max },
    // Clipped at both ends of the range with a huge sd: nearly every draw is at one end or the other.
    { dist: 'normal', mean: min, sd: 1e6 * width, min, max },
    { dist: 'normal', mean: max, sd: 1e-12, min, max },
    { dist: 'uniform', mean: (min + max) / 2, sd: width / (2 * Math.sqrt(3)) },
    // The widest beta on the whole range, and beta hugging each end.
    { dist: 'beta', mean: (min + max) / 2, sd: 0.4999 * width, min, max },
    { dist: 'beta', mean: min + 1e-6 * width, sd: 1e-9 * width, min, max },
    { dist: 'beta', mean: max - 1e-6 * width, sd: 1e-4 * width, min, max },
    ...(min >= 0 && max > 0 ? [{ dist: 'lognormal', mean: 1e-12, sd: 1e-9, max }, { dist: 'lognormal', mean: max / 1e6, sd: max / 1e5, max }] : []),
  ];
}

describe('every population attribute at the bounds of its distribution', () => {
  it.each(Object.entries(ATTRIBUTES))('%s', (name, range) => {
    const distributions = extremeDistributions(range);
    for (const distribution of distributions) runChecked(base({ weeks: 8, population: { [name]: distribution }, policies: ALL_ON }));
    expect(distributions.length).toBeGreaterThanOrEqual(8);
  });

  it('refuses a distribution that can draw outside its attribute’s range, naming the field and the range', () => {
    expect(() => loadScenario(base({ population: { care: { dist: 'normal', mean: 0.5, sd: 0.2 } } }))).toThrow(
      'population.care.sd: a normal with mean 0.5 and sd 0.2 can draw -1.50, out of range (allowed 0 to 1); give a smaller sd, or min and max within the range',
    );
    expect(() => loadScenario(base({ population: { skill: { dist: 'constant', mean: 1000 } } }))).toThrow('population.skill.mean: the mean 1000 is out of range: allowed 0 to 100');
    expect(() => loadScenario(base({ population: { trust0: { dist: 'beta', mean: 0.5, sd: 0.1, min: 0, max: 2 } } }))).toThrow('population.trust0.max: max 2 is out of range: allowed 0 to 1');
    expect(() => loadScenario(base({ aiTool: { rateLimitTokensPerWeek: 1e-300 } }))).toThrow('aiTool.rateLimitTokensPerWeek: must be 0 or at least 1e-12 in size, got 1e-300');
  });
});

describe('a million engineers', () => {
  it('1,000,000 engineers for 2 weeks under the full mandate', () => {
    const result = runChecked(base({ agents: 1_000_000, weeks: 2, policies: ALL_ON }));
    expect(result.metrics.headcount[0]).toBeGreaterThan(990_000);
    expect(result.metrics.headcount[1]).toBeLessThanOrEqual(1_000_000);
    // Real output is near one engineer-week per engineer: nothing overflowed or was lost in the sums.
    expect(result.metrics.realOutput[1] / result.metrics.headcount[1]).toBeGreaterThan(0.5);
    expect(result.metrics.realOutput[1] / result.metrics.headcount[1]).toBeLessThan(2);
  }, 120_000);
});
