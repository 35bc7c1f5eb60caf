import { describe, expect, it } from 'vitest';
import { ScenarioError, DEFAULT_MODEL, validateScenario } from '../../src/index.ts';
import { compileSchedule } from '../../src/scenario/schedule.ts';

function policiesOf(policies: Record<string, unknown>, weeks = 30) {
  return validateScenario({ name: 'x', weeks, policies }).policies;
}

describe('compileSchedule', () => {
  it('gives one entry per week with every expression evaluated', () => {
    const schedule = compileSchedule(
      policiesOf({ quota: { target: '500000 * 1.1 ^ floor(t / 13)', coverage: 't >= 8 ? 0.8 : 0' } }),
      30,
      DEFAULT_MODEL.policiesSchema,
    );
    expect(schedule).toHaveLength(30);
    expect(schedule.map((w) => w.quota.coverage).slice(6, 10)).toEqual([0, 0, 0.8, 0.8]);
    expect(schedule[0].quota.target).toBe(500000);
    expect(schedule[13].quota.target).toBeCloseTo(550000, 6);
    expect(schedule[26].quota.target).toBeCloseTo(605000, 6);
  });

  it('keeps plain numbers, booleans and distributions as they are', () => {
    const schedule = compileSchedule(policiesOf({ quota: { enabled: true, target: 800000 } }), 3, DEFAULT_MODEL.policiesSchema);
    expect(schedule.map((w) => w.quota.target)).toEqual([800000, 800000, 800000]);
    expect(schedule[2].quota.enabled).toBe(true);
    expect(schedule[1].review.managerWeight).toEqual(schedule[0].review.managerWeight);
  });

  it('resolves week 0 for a run of 0 weeks', () => {
    expect(compileSchedule(policiesOf({}, 0), 0, DEFAULT_MODEL.policiesSchema)).toHaveLength(1);
  });

  it('names the field and the first week an expression leaves its range', () => {
    const policies = { ...policiesOf({}), quota: { ...policiesOf({}).quota, enforcement: '0.2 * t' } };
    let caught: unknown;
    try {
      compileSchedule(policies, 52, DEFAULT_MODEL.policiesSchema);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as ScenarioError).path).toBe('policies.quota.enforcement');
    expect((caught as ScenarioError).detail).toBe('the expression "0.2 * t" gives 1.2000000000000002 at week 6; allowed 0 to 1');
  });
});
