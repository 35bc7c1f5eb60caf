/**
 * Mutated scenarios for the fuzzing test: a valid scenario with one to four of its fields replaced
 * by hostile values (wrong types, NaN, ±Infinity, huge and negative numbers, deep nesting, long
 * strings, unicode, bad expressions), removed, or joined by unknown keys; and, so that many cases
 * are accepted and run, plausible values pushed to the edges of their ranges.
 */
import fc from 'fast-check';

export type Path = readonly string[];

export type Mutation =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'delete'; path: Path }
  | { kind: 'extra'; path: Path; key: string; value: unknown };

/** Every path in a plain object: its fields (leaves) and its blocks, the root excluded. */
export function pathsOf(value: unknown, prefix: Path = []): { leaves: Path[]; blocks: Path[] } {
  const leaves: Path[] = [];
  const blocks: Path[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { leaves, blocks };
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, key];
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
      blocks.push(path);
      const inner = pathsOf(child, path);
      leaves.push(...inner.leaves);
      blocks.push(...inner.blocks);
    } else leaves.push(path);
  }
  return { leaves, blocks };
}

/** An object nested `depth` levels deep: { a: { a: { ... 1 } } }. */
function deeplyNested(depth: number): unknown {
  let value: unknown = 1;
  for (let k = 0; k < depth; k++) value = { a: value };
  return value;
}

/** Expressions of t: valid ones (some leaving their range), escape attempts, and garbage. */
const EXPRESSIONS = [
  't', '0', '0.5', 't >= 2 ? 0.8 : 0', '1 / (t - 3)', '1 / 0', '0 / 0', 'sqrt(-1)', 'log(0)', '-t', '1e308 * 10',
  'pow(10, 400)', 'exp(1000)', 'max(0, min(1, t / 10))', 'mod(t, 0)', 'sin(t) * 1e12', '2 ^ 2 ^ 2 ^ 2 ^ 2',
  'import({}, {})', 'evaluate("1")', 'parse("t")', 'createUnit("x")', 'simplify("t")', 'derivative("t^2", "t")',
  'resolve(t)', 'reviver', 'f(x) = f(x); f(1)', 'f(x) = f(x)', 'a = 1', 'a.constructor', 't.constructor',
  '["constructor"]', 'constructor', '__proto__', 'toString()', 'concat("ev", "al")("1")', '"abc"', '[1, 2]',
  '{a: 1}', '1:3', 'eval("1")', 'Function("return 1")()', 'this', 'process', 'require("fs")', 'null', 'undefined',
  '((((((((((t))))))))))', '('.repeat(400), `${'-'.repeat(450)}t`, 'ŧ + 1', '𝑡', 't ', '\t', '\u0000', '١', '',
] as const;

const SPECIAL_NUMBERS = [
  Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER, 1e12, 1e13, 1e15, 2 ** 31, -(2 ** 31), 1e-300,
];

/** Values that are wrong for almost any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SPECIAL_NUMBERS),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('x'.repeat(100_000), '🙂'.repeat(5_000), 'é\u0301'.repeat(1_000), '\u202e', 'beta', 'normal', '.nan', '1e3', 'true', '=1+1'),
  fc.constantFrom(...EXPRESSIONS),
  fc.constantFrom(deeplyNested(50), deeplyNested(5_000), [], [[[[[]]]]], {}, { dist: 'beta' }, { dist: 'constant', mean: Number.NaN }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.anything({ maxDepth: 3 }),
);

/** Numbers a field might plausibly hold, near and beyond the edges of typical ranges. */
const edgyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, -1, 0.5, 2, 3, 10, 13, 52, 100, 520, 1000, 1e6, 1e9, 1e12, 1e13, 1e-9, 0.999999),
  fc.integer({ min: -5, max: 1000 }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 1e13, noNaN: true }),
);

/** A distribution with parameters anywhere, valid or not. */
const distribution: fc.Arbitrary<unknown> = fc
  .record(
    {
      dist: fc.constantFrom('normal', 'lognormal', 'beta', 'uniform', 'constant', 'Beta', 'gamma'),
      mean: fc.oneof(edgyNumber, fc.constantFrom(...SPECIAL_NUMBERS)),
      sd: fc.oneof(edgyNumber, fc.constantFrom(...SPECIAL_NUMBERS)),
      min: fc.oneof(edgyNumber, fc.constantFrom(-Infinity, -1e308)),
      max: fc.oneof(edgyNumber, fc.constantFrom(Infinity, 1e308)),
    },
    { requiredKeys: ['dist', 'mean'] },
  );

const extraKey: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'agent', 'polices', 'enabeld', '🙂', 'x'.repeat(10_000)),
);

/** The range of a numeric field, as the scenario's JSON Schema states it. */
export interface FieldRange {
  path: Path;
  min: number;
  max: number;
  integer: boolean;
}

/** Every numeric field with a range in a JSON Schema (plain numbers, and the number branch of scheduled values). */
export function rangesOf(schema: Record<string, unknown>, prefix: Path = []): FieldRange[] {
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (!properties) return [];
  return Object.entries(properties).flatMap(([key, field]) => {
    const path = [...prefix, key];
    const numeric = (field.anyOf as Record<string, unknown>[] | undefined)?.find((branch) => branch.type === 'number') ?? field;
    if ((numeric.type === 'number' || numeric.type === 'integer') && typeof numeric.minimum === 'number' && typeof numeric.maximum === 'number') {
      return [{ path, min: numeric.minimum, max: numeric.maximum, integer: numeric.type === 'integer' }];
    }
    return rangesOf(field, path);
  });
}

/** A value inside a field's range, often at one of its ends: extreme but valid. */
function inRange(range: FieldRange): fc.Arbitrary<Mutation> {
  const value: fc.Arbitrary<number> = range.integer
    ? fc.oneof(fc.constantFrom(range.min, range.max), fc.integer({ min: range.min, max: Math.min(range.max, range.min + 60) }))
    : fc.oneof(
        fc.constantFrom(range.min, range.max),
        fc.integer({ min: 0, max: 1000 }).map((k) => range.min + ((range.max - range.min) * k) / 1000),
        fc.double({ min: range.min, max: range.max, noNaN: true }),
      );
  return value.map((v) => ({ kind: 'set' as const, path: range.path, value: v }));
}

/** One mutation of a scenario whose leaves, blocks and numeric ranges are given. */
export function mutation(leaves: readonly Path[], blocks: readonly Path[], ranges: readonly FieldRange[]): fc.Arbitrary<Mutation> {
  const leaf = fc.constantFrom(...leaves);
  const block = fc.constantFrom(...blocks);
  const anyPath = fc.constantFrom(...leaves, ...blocks);
  const distributionPaths = blocks.filter((p) => leaves.some((l) => l.length === p.length + 1 && l[p.length] === 'dist' && l.slice(0, -1).join('.') === p.join('.')));
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...ranges).chain(inRange) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), path: anyPath, value: hostileValue }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), path: leaf, value: edgyNumber }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), path: leaf, value: fc.constantFrom(...EXPRESSIONS) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...distributionPaths), value: distribution }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), path: leaf, value: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: anyPath }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), path: fc.oneof(fc.constant([] as Path), block), key: extraKey, value: hostileValue }) },
  );
}

/** A copy of `base` with the mutations applied; keys are set as own properties, `__proto__` included. */
export function applyMutations(base: unknown, mutations: readonly Mutation[]): Record<string, unknown> {
  const root = structuredClone(base) as Record<string, unknown>;
  const define = (target: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  for (const m of mutations) {
    const parentPath = m.kind === 'extra' ? m.path : m.path.slice(0, -1);
    let parent: unknown = root;
    for (const key of parentPath) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[key] : undefined;
    if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) continue; // an earlier mutation replaced a block
    const target = parent as Record<string, unknown>;
    if (m.kind === 'set') define(target, m.path[m.path.length - 1], m.value);
    else if (m.kind === 'delete') delete target[m.path[m.path.length - 1]];
    else define(target, m.key, m.value);
  }
  return root;
}
