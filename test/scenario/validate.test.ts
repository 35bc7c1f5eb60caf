import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenario, validateScenario } from '../../src/index.ts';
import { MAX_AGENTS } from '../../src/scenario/schema.ts';
import { show } from '../../src/scenario/validate.ts';

/** The ScenarioError that loading YAML text gives, or fails the test if it loads. */
function problem(yaml: string, set: string[] = []): ScenarioError {
  try {
    loadScenario(yaml, { sourceName: 'bad.yaml', set });
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error(`expected a ScenarioError for:\n${yaml}`);
}

describe('validateScenario: one mistake gives one error naming the field and what is allowed', () => {
  it.each([
    ['a string for a number', 'weeks: "ten"', 'weeks', /^must be a number, got "ten"$/],
    ['a string for a number in a block', 'aiTool:\n  pricePerMillionTokens: cheap', 'aiTool.pricePerMillionTokens', /must be a number, got "cheap"/],
    ['a word for a boolean', 'policies:\n  quota:\n    enabled: yes', 'policies.quota.enabled', /must be a boolean, got "yes"/],
    ['a number for a block', 'population: 3', 'population', /must be an object \(a block of fields\), got 3/],
    ['a number for a distribution', 'population:\n  skill: 3', 'population.skill', /must be an object \(a block of fields\), got 3/],
    ['a policy value above its range', 'policies:\n  quota:\n    coverage: 1.5', 'policies.quota.coverage', /^must be at most 1, got 1\.5$/],
    ['a policy value below its range', 'policies:\n  quota:\n    target: -1', 'policies.quota.target', /^must be at least 0, got -1$/],
    ['a behaviour value out of range', 'behaviour:\n  revisionRate: 2', 'behaviour.revisionRate', /must be at most 1, got 2/],
    ['a negative sd', 'population:\n  skill: {dist: normal, mean: 1, sd: -0.1}', 'population.skill.sd', /must be at least 0, got -0\.1/],
    ['a beta sd too large for its mean', 'population:\n  care: {dist: beta, mean: 0.5, sd: 0.6}', 'population.care.sd', /a beta with mean 0\.5 on \[0, 1\] needs sd below 0\.500, got 0\.6/],
    ['a beta mean outside its support', 'population:\n  care: {dist: beta, mean: 1.2, sd: 0.1}', 'population.care.mean', /a beta mean must lie strictly between 0 and 1, got 1\.2/],
    ['a manager weight beta too wide', 'policies:\n  review:\n    managerWeight: {dist: beta, mean: 0.2, sd: 0.5}', 'policies.review.managerWeight.sd', /needs sd below 0\.400, got 0\.5/],
    ['a lognormal mean of 0', 'population:\n  skill: {dist: lognormal, mean: 0, sd: 0.3}', 'population.skill.mean', /a lognormal mean must be above 0, got 0/],
    ['a negative lognormal mean', 'population:\n  tokenRate: {dist: lognormal, mean: -5, sd: 1}', 'population.tokenRate.mean', /a lognormal mean must be above 0, got -5/],
    ['min above max', 'population:\n  aiFit: {dist: normal, mean: 0.1, sd: 0.2, min: 2, max: 1}', 'population.aiFit.min', /min \(2\) is above max \(1\)/],
    ['a normal mean outside its clip', 'population:\n  aiFit: {dist: normal, mean: 3, sd: 0.2, min: -1, max: 1}', 'population.aiFit.mean', /the mean 3 lies outside \[-1, 1\]/],
    ['an unknown distribution', 'population:\n  skill: {dist: lognormla, mean: 1, sd: 0.3}', 'population.skill.dist', /must be one of normal, lognormal, beta, uniform, constant, got "lognormla"; did you mean "lognormal"\?/],
    ['a distribution without a mean', 'population:\n  skill: {dist: normal, sd: 0.3}', 'population.skill.mean', /is required \(number\)/],
    ['fractional weeks', 'weeks: 10.5', 'weeks', /^must be a whole number, got 10\.5$/],
    ['fractional agents', 'agents: 99.9', 'agents', /^must be a whole number, got 99\.9$/],
    ['fractional teamSize', 'population:\n  teamSize: 2.5', 'population.teamSize', /must be a whole number, got 2\.5/],
    ['fractional review cycle', 'policies:\n  review:\n    cycleWeeks: 6.5', 'policies.review.cycleWeeks', /must be a whole number, got 6\.5/],
    ['NaN (.nan) weeks', 'weeks: .nan', 'weeks', /must be a finite number, got NaN \(\.nan\)/],
    ['Infinity (.inf) agents', 'agents: .inf', 'agents', /must be a finite number, got Infinity/],
    ['NaN for a plain number', 'behaviour:\n  inertia: .nan', 'behaviour.inertia', /must be a finite number, got NaN/],
    ['NaN for a policy value', 'policies:\n  quota:\n    target: .nan', 'policies.quota.target', /must be a number or an expression of the week t \(in quotes\), got NaN/],
    ['-Infinity for a policy value', 'policies:\n  quota:\n    target: -.inf', 'policies.quota.target', /must be a number or an expression of the week t .*got -Infinity/],
    ['a number too large to be finite', 'weeks: 1e400', 'weeks', /must be a finite number, got Infinity/],
    ['negative agents', 'agents: -5', 'agents', /^must be at least 1, got -5$/],
    ['zero agents', 'agents: 0', 'agents', /^must be at least 1, got 0$/],
    ['too many agents', `agents: ${MAX_AGENTS * 10}`, 'agents', new RegExp(`must be at most ${MAX_AGENTS}`)],
    ['negative weeks', 'weeks: -1', 'weeks', /must be at least 0, got -1/],
    ['an empty weeks', 'weeks:', 'weeks', /must be a number, got nothing/],
    ['a name with spaces', 'name: "my scenario"', 'name', /letters, digits, "\.", "_" and "-", starting with a letter or digit, got "my scenario"/],
    ['a number for extends', 'extends: 3', 'extends', /must be the name of a bundled scenario \(meshclaw\) or the path of a scenario file, got 3/],
    ['bad expression syntax', 'policies:\n  quota:\n    target: "t * (2"', 'policies.quota.target', /bad expression "t \* \(2": cannot parse: Parenthesis \) expected/],
    ['a forbidden function', 'policies:\n  quota:\n    target: "evaluate(\'1\')"', 'policies.quota.target', /the function "evaluate" is not allowed; allowed: abs, ceil/],
    ['a word that is not an expression', 'policies:\n  quota:\n    coverage: abc', 'policies.quota.coverage', /bad expression "abc": unknown name "abc": the only variable is t/],
    ['an expression leaving its range in week 11', 'policies:\n  quota:\n    coverage: "t / 10"', 'policies.quota.coverage', /the expression "t \/ 10" gives 1\.1 at week 11; allowed 0 to 1/],
    ['an expression negative from week 3', 'policies:\n  leaderboard:\n    topK: "10 - 4 * t"', 'policies.leaderboard.topK', /gives -2 at week 3; allowed 0 to 10000000/],
    ['an expression dividing by zero in week 4', 'policies:\n  review:\n    ratingNoise: "1 / (4 - t)"', 'policies.review.ratingNoise', /gives Infinity at week 4; allowed 0 to 10/],
    ['an expression that is never a number', 'policies:\n  quota:\n    penalty: "sqrt(-1 - t)"', 'policies.quota.penalty', /gives NaN at week 0; allowed 0 to 100/],
  ])('%s', (_label, yaml, path, message) => {
    const error = problem(yaml.startsWith('name:') ? `${yaml}\n` : `name: x\n${yaml}\n`);
    expect(error.path).toBe(path);
    expect(error.file).toBe('bad.yaml');
    expect(error.message.startsWith(`bad.yaml: ${path}: `)).toBe(true);
    expect(error.detail).toMatch(message);
    expect(error.message).not.toMatch(/more problem/);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    ['a misspelt policy', 'policies:\n  quotaa: {}', 'policies', 'quotaa', 'quota', 'review, quota, leaderboard, deployment'],
    ['a misspelt policy field', 'policies:\n  quota:\n    covrage: 0.5', 'policies.quota', 'covrage', 'coverage', 'enabled, startWeek, target, coverage'],
    ['a misspelt top-level field', 'polices: {}', '', 'polices', 'policies', '$schema, name, description, extends, weeks, agents'],
    ['a misspelt effort', 'behaviour:\n  effort:\n    manul: 1', 'behaviour.effort', 'manul', 'manual', 'manual, adopter, padder, maxer, autopilot'],
    ['a misspelt distribution field', 'population:\n  skill: {dist: normal, mean: 1, sd: 0.3, sdd: 1}', 'population.skill', 'sdd', 'sd', 'dist, mean, sd, min, max'],
  ])('an unknown key (%s) gets a "did you mean" and the allowed keys', (_label, yaml, path, key, suggestion, allowed) => {
    const error = problem(`name: x\n${yaml}\n`);
    expect(error.path).toBe(path);
    expect(error.detail).toBe(`unknown field "${key}"; did you mean "${suggestion}"? Allowed: ${error.detail.split('Allowed: ')[1]}`);
    expect(error.detail).toContain(`Allowed: ${allowed}`);
    expect(error.message).toContain(path ? `bad.yaml: ${path}: unknown field "${key}"` : `bad.yaml: unknown field "${key}"`);
  });

  it('does not suggest an unrelated key for an unknown one', () => {
    const error = problem('name: x\nconstructor: 1\n');
    expect(error.detail).toMatch(/^unknown field "constructor"\. Allowed: /);
    expect(error.detail).not.toMatch(/did you mean/);
  });

  it('refuses a __proto__ key as unknown instead of merging it into the prototype', () => {
    expect(problem('name: x\n__proto__: {weeks: 3}\n').detail).toMatch(/^unknown field "__proto__"/);
    expect(problem('name: x\npolicies:\n  __proto__: {quota: {enabled: true}}\n').path).toBe('policies');
  });

  it('counts the other problems when there are several', () => {
    const error = problem('name: x\nweeks: -1\nagents: 0\n');
    expect(error.message).toMatch(/\(and 1 more problem; goodhart validate lists them all\)$/);
    expect(error.lines()).toEqual(['bad.yaml: weeks: must be at least 0, got -1', 'bad.yaml: agents: must be at least 1, got 0']);
  });

  it('checks an expression over the weeks of the run only', () => {
    // t / 10 stays within [0, 1] for weeks 0..10.
    expect(validateScenario({ name: 'x', weeks: 11, policies: { quota: { coverage: 't / 10' } } }).policies.quota.coverage).toBe('t / 10');
    expect(() => validateScenario({ name: 'x', weeks: 12, policies: { quota: { coverage: 't / 10' } } })).toThrow(/at week 11/);
  });

  it('checks an expression at week 0 even for a run of 0 weeks', () => {
    expect(() => validateScenario({ name: 'x', weeks: 0, policies: { quota: { coverage: '2 - t' } } })).toThrow(
      'policies.quota.coverage: the expression "2 - t" gives 2 at week 0; allowed 0 to 1',
    );
  });

  it('refuses something that is not a block of fields', () => {
    expect(() => validateScenario([1, 2])).toThrow(ScenarioError);
    expect(() => validateScenario('name: x')).toThrow(/must be an object/);
  });

  it('fills every default of a minimal scenario', () => {
    const s = validateScenario({ name: 'tiny' });
    expect(s.weeks).toBe(52);
    expect(s.agents).toBe(1000);
    expect(s.description).toBe('');
    expect(s.population.skill).toEqual({ dist: 'lognormal', mean: 1, sd: 0.3 });
    expect(s.behaviour.effort.autopilot).toBe(-0.4);
    expect(s.policies.quota.enabled).toBe(false);
  });

  it('keeps a valid expression as written', () => {
    const s = validateScenario({ name: 'x', policies: { quota: { target: '500000 * 1.1 ^ floor(t / 13)' } } });
    expect(s.policies.quota.target).toBe('500000 * 1.1 ^ floor(t / 13)');
  });
});

describe('show', () => {
  it('writes values as a user would write them in YAML', () => {
    expect(show('abc')).toBe('"abc"');
    expect(show(Number.NaN)).toBe('NaN (.nan)');
    expect(show(null)).toBe('nothing');
    expect(show([1])).toBe('a list');
    expect(show({})).toBe('an object');
    expect(show('x'.repeat(100))).toBe(`"${'x'.repeat(57)}..."`);
  });
});
