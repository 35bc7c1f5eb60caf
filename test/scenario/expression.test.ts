import { describe, expect, it } from 'vitest';
import { ScenarioError, compileExpression, EXPRESSION_FUNCTIONS, loadScenario } from '../../src/index.ts';
import { ExpressionError, MAX_EXPRESSION_LENGTH } from '../../src/scenario/expression.ts';

/** The ExpressionError a source gives, or fails the test if it compiles. */
function refusal(source: string): ExpressionError {
  try {
    compileExpression(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused, but it compiled`);
}

describe('compileExpression: schedules', () => {
  it('evaluates a stepped growth schedule by quarter', () => {
    const target = compileExpression('500000 * 1.1 ^ floor(t / 13)');
    expect(target(0)).toBe(500000);
    expect(target(12)).toBe(500000);
    expect(target(13)).toBeCloseTo(550000, 6);
    expect(target(26)).toBeCloseTo(605000, 6);
  });

  it('evaluates a conditional that switches on at week 8', () => {
    const coverage = compileExpression('t >= 8 ? 0.8 : 0');
    expect(coverage(0)).toBe(0);
    expect(coverage(7)).toBe(0);
    expect(coverage(8)).toBe(0.8);
    expect(coverage(51)).toBe(0.8);
  });

  it('turns a comparison into 1 or 0', () => {
    const on = compileExpression('t >= 8 and t < 20');
    expect([on(7), on(8), on(19), on(20)]).toEqual([0, 1, 1, 0]);
  });

  it('knows the constants pi and e', () => {
    expect(compileExpression('pi')(0)).toBeCloseTo(Math.PI, 12);
    expect(compileExpression('e ^ 2')(0)).toBeCloseTo(Math.E ** 2, 12);
  });

  it('calls every allowed function', () => {
    for (const name of EXPRESSION_FUNCTIONS) {
      const source = name === 'min' || name === 'max' || name === 'pow' || name === 'mod' ? `${name}(t + 1, 2)` : `${name}(t + 1)`;
      expect(Number.isFinite(compileExpression(source)(3)), source).toBe(true);
    }
    expect(compileExpression('min(t, 3)')(5)).toBe(3);
    expect(compileExpression('max(0.5, t / 10)')(2)).toBe(0.5);
  });

  it('gives the same value for the same week every time (no state between calls)', () => {
    const f = compileExpression('sin(t) * 100 + t');
    const first = [0, 1, 2, 3].map(f);
    expect([0, 1, 2, 3].map(f)).toEqual(first);
    expect(f(2)).toBe(first[2]);
  });
});

describe('compileExpression: refuses everything but arithmetic of t', () => {
  // The escape routes listed in mathjs's security notes, and other ways out of arithmetic.
  it.each([
    ['import({}, {})', /function "import" is not allowed; allowed: abs, ceil/],
    ['createUnit("foo")', /function "createUnit" is not allowed/],
    ['evaluate("1+1")', /function "evaluate" is not allowed/],
    ['parse("1")', /function "parse" is not allowed/],
    ['simplify("x")', /function "simplify" is not allowed/],
    ['derivative("x^2", "x")', /function "derivative" is not allowed/],
    ['resolve(x)', /function "resolve" is not allowed/],
    ['reviver', /unknown name "reviver": the only variable is t/],
    ['reviver("x", 1)', /function "reviver" is not allowed/],
    ['f(x) = f(x)', /defining a function is not allowed: only arithmetic of t/],
    ['f(x) = x; f(t)', /defining a function is not allowed|a block of several statements is not allowed/],
    ['a = 1', /assignment is not allowed/],
    ['t = 5', /assignment is not allowed/],
    ['a.constructor', /property access is not allowed/],
    ['t.constructor', /property access is not allowed/],
    ['[1,2]', /an array is not allowed/],
    ['{a: 1}', /an object is not allowed/],
    ['"abc"', /only numbers are allowed, not "abc"/],
    ['concat("ev","al")', /function "concat" is not allowed/],
    ['x + 1', /unknown name "x": the only variable is t/],
    ['weeks * 2', /unknown name "weeks"/],
    ['1; 2', /a block of several statements is not allowed/],
    ['1:3', /a range is not allowed/],
    ['1 < t < 3', /a chained comparison is not allowed/],
    ['5!', /the operator "!" is not allowed/],
    ['t & 1', /the operator "&" is not allowed/],
    ['true', /only numbers are allowed, not true/],
    ['null', /only numbers are allowed/],
    ['floor', /"floor" is a function: call it, as in floor\(t\)/],
    ['t +', /cannot parse/],
    ['', /the expression is empty/],
    ['   ', /the expression is empty/],
    // Names on Object.prototype are not constants, and must be refused before evaluation.
    ['constructor', /unknown name "constructor"/],
    ['toString', /unknown name "toString"/],
    ['__proto__', /unknown name "__proto__"/],
    ['hasOwnProperty + 1', /unknown name "hasOwnProperty"/],
  ])('refuses %j', (source, message) => {
    const error = refusal(source);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('refuses an expression longer than the limit, saying the limit and the length', () => {
    const source = `${'1 + '.repeat(200)}t`;
    expect(source.length).toBeGreaterThan(MAX_EXPRESSION_LENGTH);
    expect(refusal(source).message).toBe(
      `an expression may be at most ${MAX_EXPRESSION_LENGTH} characters long (this one has ${source.length})`,
    );
  });

  it('accepts an expression of exactly the limit', () => {
    const source = `t${' '.repeat(MAX_EXPRESSION_LENGTH - 3)}+1`;
    expect(source.length).toBe(MAX_EXPRESSION_LENGTH);
    expect(compileExpression(source)(4)).toBe(5);
  });

  it('refuses nested escape attempts hidden inside allowed functions', () => {
    expect(refusal('floor(import({}, {}))').message).toMatch(/function "import" is not allowed/);
    expect(refusal('max(t, a.constructor)').message).toMatch(/property access is not allowed/);
    expect(refusal('t >= 8 ? evaluate("1") : 0').message).toMatch(/function "evaluate" is not allowed/);
    expect(refusal('(f(x) = 1)').message).toMatch(/defining a function is not allowed/);
  });
});

describe('a scenario whose policy value is a forbidden expression', () => {
  it.each([
    ['quota', 'target', 'import({}, {})', /function "import" is not allowed/],
    ['quota', 'target', 'evaluate("1+1")', /function "evaluate" is not allowed/],
    ['quota', 'coverage', 'f(x) = f(x)', /defining a function is not allowed/],
    ['quota', 'enforcement', 'a.constructor', /property access is not allowed/],
    ['leaderboard', 'visibility', 'concat("ev","al")', /function "concat" is not allowed/],
    ['deployment', 'humanReview', '[1,2]', /an array is not allowed/],
    ['review', 'statedWeight', 'x', /unknown name "x"/],
    ['quota', 'target', 'constructor', /unknown name "constructor"/],
  ])('is refused with the field path: policies.%s.%s = %j', (policy, field, source, message) => {
    let caught: unknown;
    try {
      loadScenario({ name: 'evil', policies: { [policy]: { [field]: source } } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const error = caught as ScenarioError;
    expect(error.path).toBe(`policies.${policy}.${field}`);
    expect(error.message).toMatch(new RegExp(`^policies\\.${policy}\\.${field}: bad expression `));
    expect(error.message).toMatch(message);
  });

  it('is refused when it comes from YAML text, naming the source and the field', () => {
    const text = 'name: evil\npolicies:\n  quota:\n    target: "import({}, {})"\n';
    expect(() => loadScenario(text, { sourceName: 'evil.yaml' })).toThrow(
      /^evil\.yaml: policies\.quota\.target: bad expression "import\(\{\}, \{\}\)": the function "import" is not allowed/,
    );
  });

  it('is refused when it comes from --set', () => {
    expect(() => loadScenario({ name: 'x' }, { set: ['policies.quota.target="parse(\\"1\\")"'] })).toThrow(
      /policies\.quota\.target: bad expression .*function "parse" is not allowed/,
    );
  });

  it('refuses an over-long expression in a scenario, saying the limit', () => {
    const source = `${'1 + '.repeat(200)}t`;
    expect(() => loadScenario({ name: 'x', policies: { quota: { target: source } } })).toThrow(
      `policies.quota.target: is too long: at most ${MAX_EXPRESSION_LENGTH} characters`,
    );
  });
});
