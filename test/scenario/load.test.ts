import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioError, loadScenario, type LoadOptions, applyOverrides, deepMerge, parseScenarioText } from '../../src/index.ts';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/load.ts';

const SCENARIOS = new URL('../../scenarios/', import.meta.url).pathname;
const BUNDLED = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-load-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a file under the temp dir (creating folders) and returns its path. */
function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** The ScenarioError loading a source gives, or fails the test if it loads. */
function problem(source: string | Record<string, unknown>, options: LoadOptions = {}): ScenarioError {
  try {
    loadScenario(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

describe('loadScenario: bundled scenarios', () => {
  it('bundles the seven scenarios', () => {
    expect(BUNDLED).toEqual([
      'baseline.yaml', 'capped-spend.yaml', 'guarded-deploys.yaml', 'leaderboard-only.yaml', 'meshclaw.yaml', 'outcome-based.yaml', 'quota-only.yaml',
    ]);
  });

  it.each(BUNDLED)('loads scenarios/%s with its name and a description', (file) => {
    const s = loadScenario(join(SCENARIOS, file));
    expect(s.name).toBe(file.replace(/\.yaml$/, ''));
    expect(s.description.length).toBeGreaterThan(10);
    expect(s.weeks).toBe(52);
    expect(s.agents).toBe(1000);
    expect(s).not.toHaveProperty('extends');
  });

  it('loads meshclaw with the quota, leaderboard, review and deployment of the mandate', () => {
    const s = loadScenario(join(SCENARIOS, 'meshclaw.yaml'));
    expect(s.policies.quota).toMatchObject({ enabled: true, startWeek: 8, target: 25_000_000, coverage: 0.8 });
    expect(s.policies.leaderboard).toMatchObject({ enabled: true, startWeek: 8, topK: 10 });
    expect(s.policies.review.managerWeight).toEqual({ dist: 'beta', mean: 0.2, sd: 0.1 });
    expect(s.policies.deployment).toMatchObject({ botMayDeploy: true, humanReview: 0.2 });
  });

  it('loads guarded-deploys as meshclaw with reviewed, canaried bot deploys (two levels of extends)', () => {
    const meshclaw = loadScenario(join(SCENARIOS, 'meshclaw.yaml'));
    const guarded = loadScenario(join(SCENARIOS, 'guarded-deploys.yaml'));
    expect(guarded.policies.deployment).toMatchObject({ botMayDeploy: true, startWeek: 8, humanReview: 1, canary: 0.8 });
    expect(guarded.policies.quota).toEqual(meshclaw.policies.quota);
    expect(guarded.policies.review).toEqual(meshclaw.policies.review);
  });
});

describe('loadScenario: extends', () => {
  it('deep-merges: the child overrides one field and inherits the others', () => {
    write('merge/parent.yaml', 'name: parent\ndescription: the parent\nweeks: 7\nagents: 300\npolicies:\n  quota:\n    enabled: true\n    target: 1000\n    coverage: 0.5\n');
    const child = write('merge/child.yaml', 'name: child\nextends: parent.yaml\npolicies:\n  quota:\n    coverage: 0.25\n');
    const s = loadScenario(child);
    expect(s.name).toBe('child');
    expect(s.description).toBe('the parent');
    expect(s.weeks).toBe(7);
    expect(s.agents).toBe(300);
    expect(s.policies.quota).toMatchObject({ enabled: true, target: 1000, coverage: 0.25 });
  });

  it('replaces a whole distribution: a child naming its dist does not inherit sd, min or max from the parent', () => {
    write('replace/parent.yaml', 'name: p\npopulation:\n  aiFit: {dist: normal, mean: 0.1, sd: 0.2, min: -1, max: 1}\n');
    const child = write('replace/child.yaml', 'name: c\nextends: parent.yaml\npopulation:\n  aiFit: {dist: constant, mean: 0.3}\n');
    expect(loadScenario(child).population.aiFit).toEqual({ dist: 'constant', mean: 0.3, sd: 0 });
  });

  it('merges a single field of a distribution, as --set does', () => {
    write('field/parent.yaml', 'name: p\npopulation:\n  aiFit: {dist: normal, mean: 0.1, sd: 0.2, min: -1, max: 1}\n');
    const child = write('field/child.yaml', 'name: c\nextends: parent.yaml\npopulation:\n  aiFit: {mean: 0.3}\n');
    expect(loadScenario(child).population.aiFit).toEqual({ dist: 'normal', mean: 0.3, sd: 0.2, min: -1, max: 1 });
  });

  it('reports a bad value in the file that sets it: the parent, a child setting it, or the command line', () => {
    const parent = write('blame/parent.yaml', 'name: p\nagents: 50\npolicies:\n  quota:\n    coverage: 1.5\n');
    const child = write('blame/child.yaml', 'name: c\nextends: parent.yaml\nweeks: 10\n');
    const inherited = problem(child);
    expect(inherited.path).toBe('policies.quota.coverage');
    expect(inherited.file).toBe(`${parent} (extended by ${child})`);
    expect(inherited.message.startsWith(`${parent} (extended by ${child}): policies.quota.coverage: `)).toBe(true);
    // Given relatively, the parent is named relatively too.
    const relativeChild = relative('.', child);
    expect(problem(relativeChild).file).toBe(`${relative('.', parent)} (extended by ${relativeChild})`);
    // The child repeating the bad value owns it; an override on the command line is not the parent's either.
    const own = write('blame/own.yaml', 'name: o\nextends: parent.yaml\npolicies:\n  quota:\n    coverage: 2\n');
    expect(problem(own).file).toBe(own);
    write('blame/good-parent.yaml', 'name: g\nagents: 50\n');
    const viaSet = write('blame/via-set.yaml', 'name: v\nextends: good-parent.yaml\n');
    expect(problem(viaSet, { set: ['agents=-3'] }).file).toBe(viaSet);
  });

  it('names the missing parent', () => {
    const file = write('orphan/orphan.yaml', 'name: o\nextends: missing.yaml\n');
    const error = problem(file);
    expect(error.path).toBe('extends');
    expect(error.detail).toBe(`cannot read ${join(dir, 'orphan/missing.yaml')}: no such file`);
    expect(error.message.startsWith(`${file}: extends: `)).toBe(true);
  });

  it('refuses a cycle a → b → a, showing it', () => {
    const a = write('cycle/a.yaml', 'name: a\nextends: b.yaml\n');
    write('cycle/b.yaml', 'name: b\nextends: a.yaml\n');
    const error = problem(a);
    expect(error.path).toBe('extends');
    expect(error.detail).toBe('cycle: a.yaml → b.yaml → a.yaml');
  });

  it('refuses a scenario that extends itself', () => {
    const self = write('cycle/self.yaml', 'name: s\nextends: self.yaml\n');
    expect(problem(self).detail).toBe('cycle: self.yaml → self.yaml');
  });

  it('refuses more than 20 levels of extends', () => {
    for (let k = 0; k < 25; k++) write(`deep/s${k}.yaml`, `name: s${k}\nextends: s${k + 1}.yaml\n`);
    write('deep/s25.yaml', 'name: s25\n');
    expect(problem(join(dir, 'deep/s0.yaml')).detail).toBe('more than 20 levels of extends');
  });

  it('refuses a parent outside the scenario folder unless allowOutside', () => {
    write('outside/parent.yaml', 'name: p\nweeks: 9\n');
    const child = write('outside/sub/child.yaml', 'name: c\nextends: ../parent.yaml\n');
    const error = problem(child);
    expect(error.path).toBe('extends');
    expect(error.detail).toMatch(/^"\.\.\/parent\.yaml" is outside the scenario's folder \(.*sub\); pass --allow-outside to allow it$/);
    expect(loadScenario(child, { allowOutside: true }).weeks).toBe(9);
  });

  it('refuses an absolute path to a parent elsewhere unless allowOutside', () => {
    const parent = write('elsewhere/parent.yaml', 'name: p\ndescription: no mandate here\n');
    const child = write('absolute/child.yaml', `name: c\nextends: ${parent}\n`);
    expect(problem(child).detail).toMatch(/is outside the scenario's folder/);
    expect(loadScenario(child, { allowOutside: true }).description).toMatch(/no mandate/);
  });

  it("reads a bundled scenario by absolute path from any folder: the install's own files are not outside", () => {
    const child = write('absolute-bundled/child.yaml', `name: c\nextends: ${join(SCENARIOS, 'baseline.yaml')}\n`);
    expect(loadScenario(child).description).toMatch(/no mandate/);
  });

  it('compares paths by segments: a file whose name starts with two dots is inside the folder', () => {
    write('dots/..inside.yaml', 'name: p\nweeks: 11\n');
    const child = write('dots/child.yaml', 'name: c\nextends: ..inside.yaml\n');
    expect(loadScenario(child).weeks).toBe(11);
  });

  it('resolves a bundled scenario by name from a scenario in any folder', () => {
    const child = write('anywhere/deep/child.yaml', 'name: c\nextends: meshclaw\nagents: 40\n');
    const scenario = loadScenario(child);
    expect(scenario.agents).toBe(40);
    expect(scenario.policies).toEqual(loadScenario(join(SCENARIOS, 'meshclaw.yaml')).policies);
    // A file name with no folder that is not beside the child is the bundled one too, as on the page.
    const byFile = write('anywhere/other/child.yaml', 'name: c\nextends: meshclaw.yaml\n');
    expect(loadScenario(byFile).policies).toEqual(scenario.policies);
  });

  it('names the bundled scenarios, with a "did you mean", for an unknown name', () => {
    const child = write('anywhere/typo.yaml', 'name: c\nextends: meshclw\n');
    expect(problem(child).detail).toBe(
      '"meshclw" is not a bundled scenario; did you mean "meshclaw"?; bundled: baseline, capped-spend, guarded-deploys, leaderboard-only, meshclaw, outcome-based, quota-only (or give a path, e.g. ./meshclw.yaml)',
    );
  });

  it('refuses a parent outside the folder of the first scenario even from a grandchild chain', () => {
    write('chain/escape.yaml', 'name: e\n');
    write('chain/inner/middle.yaml', 'name: m\nextends: ../escape.yaml\n');
    const top = write('chain/inner/top.yaml', 'name: t\nextends: middle.yaml\n');
    expect(problem(top).detail).toMatch(/"\.\.\/escape\.yaml" is outside the scenario's folder/);
  });

  it('reports a mistake in a parent file with that file', () => {
    write('badparent/parent.yaml', 'name: p\nweeks: [\n');
    const child = write('badparent/child.yaml', 'name: c\nextends: parent.yaml\n');
    const error = problem(child);
    expect(error.file).toBe(join(dir, 'badparent/parent.yaml'));
    expect(error.detail).toMatch(/^not valid YAML at line 3/);
  });

  it('refuses an empty extends', () => {
    expect(problem({ name: 'x', extends: '' }).detail).toBe('must be the name of a bundled scenario (meshclaw) or the path of a scenario file, got ""');
  });
});

describe('loadScenario: files and YAML', () => {
  it('names a scenario without a name after its file', () => {
    expect(loadScenario(write('named/my-org.yaml', 'weeks: 3\n')).name).toBe('my-org');
  });

  it('says when the file does not exist', () => {
    const error = problem(join(dir, 'nope.yaml'));
    expect(error.detail).toBe(`cannot read ${join(dir, 'nope.yaml')}: no such file`);
  });

  it('says when the path is a folder', () => {
    mkdirSync(join(dir, 'folder.yaml'), { recursive: true });
    expect(problem(join(dir, 'folder.yaml')).detail).toMatch(/is a folder, not a file$/);
  });

  it('reads a file without a YAML extension when told it is a file', () => {
    const file = write('plain/scenario.txt', 'name: plain\nweeks: 4\n');
    expect(loadScenario(file, { isFile: true }).weeks).toBe(4);
    expect(problem(join(dir, 'plain'), { isFile: true }).detail).toMatch(/is a folder, not a file$/);
  });

  it('names the line of a YAML syntax error', () => {
    const file = write('syntax/broken.yaml', 'name: x\npolicies:\n  quota:\n    target: 1\n  bad\n');
    const error = problem(file);
    expect(error.path).toBe('');
    expect(error.message).toMatch(/broken\.yaml: not valid YAML at line 5, column 3: /);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a duplicate key as a YAML error naming its line', () => {
    expect(problem('name: x\nweeks: 3\nweeks: 4\n').detail).toMatch(/^not valid YAML at line 3, column 1: Map keys must be unique/);
  });

  it.each([
    ['a list', '- a\n- b\n', 'a list'],
    ['a plain string', 'hello\n', 'a string'],
    ['a number', '42\n', 'a number'],
    ['an empty file', '', 'an empty file'],
    ['only comments', '# nothing here\n', 'an empty file'],
  ])('refuses %s at the top level', (_label, text, found) => {
    const error = problem(write(`top/${found.replace(/ /g, '-')}.yaml`, text));
    expect(error.detail).toBe(`a scenario must be a block of fields (name: ..., policies: ...), not ${found}`);
  });

  it('refuses a file over 1 MB before reading it', () => {
    const file = write('big/big.yaml', `name: big\n# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`);
    const error = problem(file);
    expect(error.detail).toBe('the file is larger than 1 MB; a scenario is a few kilobytes');
    expect(error.message.startsWith(file)).toBe(true);
  });

  it('refuses YAML text over 1 MB', () => {
    expect(() => parseScenarioText(`name: big\n# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`)).toThrow(/larger than 1 MB/);
  });

  it('refuses a billion-laughs YAML quickly', () => {
    const lines = ['name: laughs', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let k = 1; k < 10; k++) lines.push(`a${k}: &a${k} [${Array(9).fill(`*a${k - 1}`).join(', ')}]`);
    const started = Date.now();
    const error = problem(`${lines.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.detail).toMatch(/^too many YAML aliases \(at most 100\)/);
  });

  it('accepts a few aliases (a shared distribution)', () => {
    const s = loadScenario('name: x\npopulation:\n  care: &d {dist: beta, mean: 0.5, sd: 0.2}\n  ambition: *d\n');
    expect(s.population.ambition).toEqual(s.population.care);
  });

  it('refuses YAML tags, naming the line and column, and runs no code', () => {
    const error = problem('name: x\nweeks: !!js/function "function () { return 3 }"\n');
    expect(error.detail).toBe('line 2, column 8: the tag "!!js/function" is not accepted: files are read as YAML 1.2 with the core schema only (remove the tag)');
  });

  it('takes an object as well as text', () => {
    expect(loadScenario({ name: 'obj', weeks: 3 }).weeks).toBe(3);
    expect(loadScenario('name: text\nweeks: 3\n').name).toBe('text');
  });

  it('prefixes errors in YAML text with the source name', () => {
    expect(problem('name: x\nweeks: -1\n', { sourceName: 'pasted' }).message).toBe('pasted: weeks: must be at least 0, got -1');
  });
});

describe('loadScenario: --set overrides', () => {
  const meshclaw = join(SCENARIOS, 'meshclaw.yaml');

  it('applies policies.quota.target=800000', () => {
    expect(loadScenario(meshclaw, { set: ['policies.quota.target=800000'] }).policies.quota.target).toBe(800000);
  });

  it('applies several overrides in order, the last winning', () => {
    const s = loadScenario(meshclaw, { set: ['weeks=10', 'agents=200', 'weeks=12', 'policies.quota.coverage="t >= 4 ? 1 : 0"'] });
    expect(s.weeks).toBe(12);
    expect(s.agents).toBe(200);
    expect(s.policies.quota.coverage).toBe('t >= 4 ? 1 : 0');
    expect(s.policies.quota.target).toBe(25_000_000);
  });

  it('reads a value as YAML (a distribution, a boolean)', () => {
    const s = loadScenario(meshclaw, { set: ['policies.review.managerWeight={dist: beta, mean: 0.3, sd: 0.1}', 'policies.leaderboard.enabled=false'] });
    expect(s.policies.review.managerWeight).toEqual({ dist: 'beta', mean: 0.3, sd: 0.1 });
    expect(s.policies.leaderboard.enabled).toBe(false);
  });

  it('overrides a parent value through extends', () => {
    const guarded = join(SCENARIOS, 'guarded-deploys.yaml');
    expect(loadScenario(guarded, { set: ['policies.deployment.canary=0.5'] }).policies.deployment.canary).toBe(0.5);
  });

  it('sets one field of a distribution the scenario leaves to its default, on that default', () => {
    const scenario = loadScenario('name: x\n', { set: ['population.aiFitBias.mean=0.1'] });
    expect(scenario.population.aiFitBias).toEqual({ dist: 'normal', mean: 0.1, sd: 0.15 });
  });

  it('refuses a --set value with a YAML tag, as in a file', () => {
    expect(problem('name: x\n', { set: ['weeks=!!binary aGk='] }).detail).toBe('the value in --set weeks=!!binary aGk= has a YAML tag or directive; write a plain value');
  });

  it('refuses --set extends=..., which would be read after the parents', () => {
    const error = problem('name: x\n', { set: ['extends=/etc/passwd'] });
    expect(error.path).toBe('extends');
    expect(error.detail).toBe('--set cannot change extends: parents are read before overrides apply; write extends in the scenario file');
  });

  it('gives a "did you mean" for a misspelt path', () => {
    const error = problem(meshclaw, { set: ['policies.quota.targt=800000'] });
    expect(error.path).toBe('policies.quota');
    expect(error.detail).toMatch(/^unknown field "targt"; did you mean "target"\?/);
    const policy = problem(meshclaw, { set: ['policies.quotaa.target=1'] });
    expect(policy.detail).toMatch(/^unknown field "quotaa"; did you mean "quota"\?/);
  });

  it('validates the overriding value like any other', () => {
    const error = problem(meshclaw, { set: ['policies.quota.coverage=1.5'] });
    expect(error.message).toBe(`${meshclaw}: policies.quota.coverage: must be at most 1, got 1.5`);
  });

  it.each([['weeks'], ['=3'], ['a..b=1'], ['.weeks=1'], ['policies quota=1'], ['']])('refuses the malformed override %j', (assignment) => {
    const error = problem(meshclaw, { set: [assignment] });
    expect(error.detail).toBe(`--set needs path=value, e.g. policies.quota.target=800000; got ${JSON.stringify(assignment)}`);
  });

  it('refuses an override whose value is not valid YAML, naming the field', () => {
    const error = problem(meshclaw, { set: ['weeks=[1'] });
    expect(error.path).toBe('weeks');
    expect(error.detail).toMatch(/^the value in --set weeks=\[1 is not valid YAML: Flow sequence must end with a \]$/);
  });

  it('refuses an override of __proto__ as an unknown field', () => {
    expect(problem(meshclaw, { set: ['__proto__.weeks=3'] }).detail).toMatch(/^unknown field "__proto__"/);
    expect(({} as Record<string, unknown>).weeks).toBeUndefined();
  });
});

describe('deepMerge and applyOverrides', () => {
  it('merges objects key by key and replaces everything else', () => {
    expect(deepMerge({ a: { b: 1, c: 2 }, l: [1, 2], n: 1 }, { a: { c: 3 }, l: [3], n: { x: 1 } })).toEqual({ a: { b: 1, c: 3 }, l: [3], n: { x: 1 } });
  });

  it('does not change its inputs', () => {
    const base = { a: { b: 1 } };
    deepMerge(base, { a: { b: 2 } });
    expect(base).toEqual({ a: { b: 1 } });
  });

  it('keeps a __proto__ key as an own field, never as the prototype', () => {
    const merged = deepMerge({ name: 'x' }, JSON.parse('{"__proto__": {"weeks": 3}}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['name', '__proto__']);
    expect((merged as { weeks?: number }).weeks).toBeUndefined();
  });

  it('builds nested objects from a dotted path', () => {
    expect(applyOverrides({ a: 1 }, ['b.c.d=2'])).toEqual({ a: 1, b: { c: { d: 2 } } });
  });
});

describe('YAML that refers to itself', () => {
  const refusal = (run: () => unknown): ScenarioError => {
    try {
      run();
    } catch (error) {
      if (error instanceof ScenarioError) return error;
      throw error;
    }
    throw new Error('expected a ScenarioError');
  };

  it('a --set value whose anchor sits inside its own alias is refused in one line, not walked forever', () => {
    const error = refusal(() => applyOverrides({ name: 'x' }, ['policies.deployment.canary=&a [*a]']));
    expect(error.message).toBe('policies.deployment.canary: the value in --set policies.deployment.canary=&a [*a] is not plain data (an anchor inside its own alias?); write a plain value');
  });

  it('a scenario file with such a value is refused naming the field', () => {
    const error = refusal(() => parseScenarioText('name: x\npolicies:\n  quota:\n    target: &a [*a]\n', 'cyclic.yaml'));
    // The element that refers back to its list.
    expect(error.path).toBe('policies.quota.target.0');
    expect(error.message).toBe('cyclic.yaml: policies.quota.target.0: must be a plain block of fields, a list or a value');
  });
});
