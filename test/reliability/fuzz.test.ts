/**
 * Item 1 of the reliability guarantees (docs/RELIABILITY.md): every mutated scenario either runs,
 * with finite metrics and the model's invariants holding, or is refused with one ScenarioError line
 * naming the field. Nothing else: no other exception, no hang.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, loadScenario, type Scenario, METRIC_NAMES, simulate, scenarioJsonSchema } from '../../src/index.ts';
import { foreignValue } from '../../src/scenario/yaml.ts';
import { bundled } from '../helpers.ts';
import { applyMutations, mutation, pathsOf, rangesOf, type Mutation } from './mutations.ts';

/** Cases per run: the issue asks for at least 10,000 mutated scenarios; edited YAML files and --set overrides come on top. */
const CASES = 10_000;
const YAML_CASES = 2_000;
const SET_CASES = 1_000;
/** Accepted scenarios run with at most this many engineers for this many weeks, so that 10,000 cases take about a minute. */
const RUN_AGENTS = 24;
const RUN_WEEKS = 6;
/** The longest one case (validation and a small run) may take; a case over it counts as a hang. */
const CASE_BUDGET_MS = 5_000;
/** Messages name the field and quote values shortened; a 100,000-character value must not come back whole. */
/** A message is one line of at most 300 characters with its `goodhart: error: ` prefix. */
const MAX_MESSAGE_LENGTH = 300 - 'goodhart: error: '.length;

/** Two starting points: the baseline, and meshclaw with every policy in force. */
const BASES = ['baseline', 'meshclaw'].map((name) => JSON.parse(JSON.stringify(bundled(name, ['agents=24', 'weeks=6']))) as Scenario);
const SHAPES = BASES.map((base) => pathsOf(base));
/** Every numeric field's range, from the JSON Schema the scenario files are written against. */
const RANGES = rangesOf(scenarioJsonSchema());

/** `extends` in a fuzzed scenario must not read anything: the tests of load.ts cover reading parents. */
const NO_FILES = (path: string): string => {
  throw Object.assign(new Error(`fuzzing reads no files (${path})`), { code: 'EACCES' });
};

const tally = { cases: 0, accepted: 0, refused: 0, slowestMs: 0, fields: new Set<string>(), mutated: '' };
afterAll(() => {
  // The figures docs/RELIABILITY.md quotes.
  console.info(
    `fuzzing: ${tally.cases} cases in all; of the ${CASES} mutated scenarios ${tally.mutated}; slowest case ${tally.slowestMs.toFixed(0)} ms`,
  );
});

/** The paths a mutation touches, as the error would name them. */
function touched(m: Mutation): string {
  return (m.kind === 'extra' ? [...m.path, m.key] : m.path).join('.');
}

function checkRefusal(error: unknown, mutations: readonly Mutation[]): void {
  if (!(error instanceof ScenarioError)) throw error; // anything else is a bug: fast-check shrinks and reports it
  const message = error.message;
  expect(message, 'one line').not.toMatch(/[\n\r]/);
  expect(message.length, message.slice(0, 200)).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  if (error.path !== '') {
    // The field is named, and it is in a block the mutations changed.
    expect(message.startsWith(`${error.path}: `), message).toBe(true);
    const block = error.path.split('.')[0];
    expect(mutations.some((m) => touched(m).split('.')[0] === block || touched(m) === ''), `${message} after ${mutations.map(touched).join(', ')}`).toBe(true);
  } else {
    // Only an unknown field at the top level has no path: the message names the field instead.
    expect(message, message).toMatch(/^unknown field "/);
  }
  tally.fields.add(error.path || '(top level)');
}

function checkRun(scenario: Scenario, seed: number): void {
  const small = { ...scenario, agents: Math.min(scenario.agents, RUN_AGENTS), weeks: Math.min(scenario.weeks, RUN_WEEKS) };
  const result = simulate(small, seed, { checkInvariants: true });
  for (const name of METRIC_NAMES) {
    const column = result.metrics[name];
    expect(column.length).toBe(small.weeks);
    for (let t = 0; t < column.length; t++) if (!Number.isFinite(column[t])) expect.fail(`${name} is ${column[t]} in week ${t}`);
  }
}

describe('scenario fuzzing', () => {
  it(`runs or refuses with a clear message each of ${CASES} mutated scenarios`, () => {
    const cases = fc.integer({ min: 0, max: BASES.length - 1 }).chain((b) =>
      fc.record({
        base: fc.constant(b),
        mutations: fc.array(mutation(SHAPES[b].leaves, SHAPES[b].blocks, RANGES), { minLength: 1, maxLength: 3 }),
        seed: fc.integer({ min: 0, max: 1_000_000 }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ base, mutations, seed }) => {
        tally.cases++;
        const started = performance.now();
        const raw = applyMutations(BASES[base], mutations);
        let scenario: Scenario | undefined;
        try {
          scenario = loadScenario(raw, { readFile: NO_FILES });
        } catch (error) {
          checkRefusal(error, mutations);
          tally.refused++;
        }
        if (scenario) {
          checkRun(scenario, seed);
          tally.accepted++;
        }
        const elapsed = performance.now() - started;
        tally.slowestMs = Math.max(tally.slowestMs, elapsed);
        expect(elapsed, 'a case over its time budget').toBeLessThan(CASE_BUDGET_MS);
      }),
      { numRuns: CASES, seed: fuzzSeed(), verbose: 1 },
    );
    tally.mutated = `${tally.accepted} accepted and run, ${tally.refused} refused naming ${tally.fields.size} different fields`;
    // Both outcomes are exercised in quantity, or the fuzzing tests little.
    expect(tally.accepted).toBeGreaterThan(CASES / 10);
    expect(tally.refused).toBeGreaterThan(CASES / 10);
  }, 240_000);
});

describe('scenario fuzzing: YAML text and --set', () => {
  const text = readFileSync(new URL('../../scenarios/meshclaw.yaml', import.meta.url), 'utf8').replace(/^extends: .*$/m, '');
  /** Snippets that YAML parsers have choked on: anchors, tags, flow collections, odd scalars. */
  const snippets = fc.constantFrom(
    '&a [*a]', '*undefined', '!!js/function "function () {}"', '!!python/object:os.system', '{{{{', ']]]', '"\\u0000"',
    '? complex key', '<<: *base', '- - -', '\t\t', '.inf', '-.inf', '.nan', '0x1F', '0o17', '1_000', '~', 'null', '!!binary aGk=',
    '2026-11-25', '%YAML 1.1', '---', '...', '#', '|', '>', "'", '"', '`', '@', '&', '*', '!', '=cmd|calc', '[' .repeat(2_000),
    // YAML 1.1 types and directives, which must be refused rather than read as something else.
    '!!omap [ {a: 1} ]', '!!set {a, b}', '!!pairs [ {a: 1}, {b: 2} ]', '!!timestamp 2026-11-25', '!!str', '!!int 3', '!local x',
    '%YAML 1.1\n---\n', '%YAML 1.2\n---\n', '%TAG !e! tag:example.com,2000:\n---\n', '%FOO bar\n', '\n- '.repeat(300), '- '.repeat(2_000),
    `\n${' '.repeat(300)}deep: 1`,
  );
  const edit = fc.record({
    at: fc.nat(),
    cut: fc.nat({ max: 40 }),
    insert: fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }), snippets),
  });

  it(`reads or refuses each of ${YAML_CASES} edited scenario files`, () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        tally.cases++;
        let source = text;
        for (const e of edits) {
          const at = e.at % (source.length + 1);
          source = source.slice(0, at) + e.insert + source.slice(at + e.cut);
        }
        const started = performance.now();
        try {
          const scenario = loadScenario(source, { sourceName: 'edited.yaml', readFile: NO_FILES });
          // Nothing but plain blocks, lists and values gets through (a YAML 1.1 !!omap would be a Map).
          expect(foreignValue(scenario)).toBeUndefined();
          checkRun(scenario, 1);
          tally.accepted++;
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          expect(error.message.startsWith('edited.yaml: '), error.message).toBe(true);
          expect(error.message).not.toMatch(/[\n\r]/);
          expect(error.message.length, error.message).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
          tally.refused++;
        }
        const elapsed = performance.now() - started;
        tally.slowestMs = Math.max(tally.slowestMs, elapsed);
        expect(elapsed, 'a case over its time budget').toBeLessThan(CASE_BUDGET_MS);
      }),
      { numRuns: YAML_CASES, seed: fuzzSeed() },
    );
  }, 120_000);

  it(`applies or refuses each of ${SET_CASES} --set overrides`, () => {
    const base = bundled('baseline', ['agents=24', 'weeks=6']);
    const paths = fc.constantFrom(...SHAPES[0].leaves.map((p) => p.join('.')), ...SHAPES[0].blocks.map((p) => p.join('.')), 'nope', 'policies.quota.nope', '__proto__', 'constructor.prototype', '');
    const values = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('.nan', '.inf', '-.inf', '1e400', '-1', '[1, 2]', '{dist: beta, mean: 2}', '"t / 0"', '&a [*a]', '!!js/function x', ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(paths, values), { minLength: 1, maxLength: 3 }), (sets) => {
        tally.cases++;
        const started = performance.now();
        try {
          const scenario = loadScenario(base as unknown as Record<string, unknown>, { set: sets.map(([p, v]) => `${p}=${v}`), readFile: NO_FILES });
          checkRun(scenario, 1);
          tally.accepted++;
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          expect(error.message).not.toMatch(/[\n\r]/);
          expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
          tally.refused++;
        }
        expect(performance.now() - started, 'a case over its time budget').toBeLessThan(CASE_BUDGET_MS);
      }),
      { numRuns: SET_CASES, seed: fuzzSeed() },
    );
  });
});

/** A fixed seed by default, so that CI is reproducible; GOODHART_FUZZ_SEED explores others. */
function fuzzSeed(): number {
  const env = process.env.GOODHART_FUZZ_SEED;
  return env === undefined ? 20261125 : Number(env);
}
