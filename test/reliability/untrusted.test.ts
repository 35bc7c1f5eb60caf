/**
 * Item 5 of the reliability guarantees (docs/RELIABILITY.md): a scenario file from a stranger is
 * data. Expressions reach nothing but arithmetic; YAML runs no code and cannot blow up memory or
 * time; `extends` reads nothing outside the scenario's folder (links and devices included) unless
 * --allow-outside says so; a file over 1 MB is refused. test/scenario/expression.test.ts and
 * load.test.ts test the single routes; this file adds the rest and checks nothing ever ran.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSweep, ScenarioError, compileExpression, loadScenario, parseScenarioText } from '../../src/index.ts';
import { MAX_SWEEP_BYTES } from '../../src/experiment/plan.ts';
import { ExpressionError } from '../../src/scenario/expression.ts';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/load.ts';
import { errorLine, goodhart, REPO } from './cli.ts';

let dir: string;
/** A file that any code run by an attack below would create. */
let canary: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-untrusted-'));
  canary = join(dir, 'pwned');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string | Buffer): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function refusal(load: () => unknown): ScenarioError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).not.toMatch(/[\n\r]/);
    return error as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

describe('expressions: strings that build code, recursion, and everything else but arithmetic', () => {
  const touch = `require("fs").writeFileSync("${'CANARY'}", "x")`;
  it.each([
    // Code built from strings, then run.
    `evaluate(concat("write", "File"))`,
    `compile("1+1")`,
    `parse("t").compile().evaluate()`,
    `eval("${touch}")`,
    `Function("return process")()`,
    `constructor.constructor("return process")()`,
    `t.constructor.constructor("return process")()`,
    `cos.constructor("return process")()`,
    `sin["constructor"]("return 1")()`,
    `format(t)`,
    `string(t)`,
    `"1" + "2"`,
    `typeOf(t)`,
    `import({x: 1})`,
    `chain(t).done()`,
    `map([1, 2], f(x) = x)`,
    // Recursion and definitions: a function can neither be defined nor refer to itself.
    `f(x) = f(x)`,
    `f(x) = x > 0 ? f(x - 1) : 0; f(1e9)`,
    `f = 1; f(t)`,
    `(f(x) = f(x + 1))(1)`,
    `g(x) = g`,
    // Ways into scope and properties.
    `t.__proto__`,
    `t["__proto__"]`,
    `e.valueOf`,
    `pi.toString()`,
    `this`,
    `process.exit(1)`,
    `require("fs")`,
    `global`,
    `globalThis`,
    // mathjs features beyond numbers.
    `5 cm`,
    `unit("5 cm")`,
    `matrix([1])`,
    `bignumber(1)`,
    `complex(1, 2)`,
    `i`,
    `createUnit("foo")`,
    `derivative("t^2", "t")`,
    `simplify("t")`,
    `resolve(t)`,
    `reviver`,
  ])('refuses %s without running anything', (source) => {
    const expression = source.replace('CANARY', canary);
    expect(() => compileExpression(expression)).toThrow(ExpressionError);
    expect(existsSync(canary)).toBe(false);
    const error = refusal(() => loadScenario({ name: 'x', policies: { quota: { target: expression } } }));
    expect(error.path).toBe('policies.quota.target');
  });

  it.each(['Infinity', 'NaN', '-Infinity', '1 / 0', '0 / 0'])('%s is refused by the range check, naming the value', (source) => {
    const error = refusal(() => loadScenario({ name: 'x', policies: { quota: { target: source } } }));
    expect(error.message).toMatch(/^policies\.quota\.target: the expression ".*" gives (-?Infinity|NaN) at week 0; allowed 0 to 10000000000000$/);
  });

  it('an expression that grows without bound is refused by its range, not run into NaN', () => {
    const error = refusal(() => loadScenario({ name: 'x', weeks: 520, policies: { quota: { target: '2 ^ 2 ^ 2 ^ 2 ^ 2 ^ t' } } }));
    expect(error.message).toMatch(/^policies\.quota\.target: the expression "2 \^ 2 \^ 2 \^ 2 \^ 2 \^ t" gives Infinity at week 1; allowed 0 to 10000000000000$/);
  });

  it('the longest allowed expression, nested as deep as it goes, is checked over 5,200 weeks in well under a second', () => {
    const source = `${'sin('.repeat(95)}t${')'.repeat(95)}`;
    expect(source.length).toBeLessThanOrEqual(495);
    const { value, ms } = timed(() => loadScenario({ name: 'x', weeks: 5200, policies: { quota: { coverage: `abs(${source})` } } }));
    expect(value.policies.quota.coverage).toBe(`abs(${source})`);
    expect(ms).toBeLessThan(2000);
  });
});

describe('YAML: no code, no blow-up', () => {
  it.each([
    ['js/function', 'weeks: !!js/function "function () { require(\'fs\').writeFileSync(\'CANARY\', \'x\') }"'],
    ['js/undefined', 'weeks: !!js/undefined ""'],
    ['js/regexp', 'weeks: !!js/regexp /x/'],
    ['python/object/apply', 'weeks: !!python/object/apply:os.system ["touch CANARY"]'],
    ['a verbatim tag', 'weeks: !<tag:yaml.org,2002:js/function> "function () {}"'],
    ['a custom tag', 'weeks: !evil 5'],
    ['YAML 1.1 omap', 'weeks: !!omap [ {a: 1} ]'],
    ['YAML 1.1 set', 'weeks: !!set {a, b}'],
    ['YAML 1.1 pairs', 'weeks: !!pairs [ {a: 1} ]'],
    ['YAML 1.1 binary', 'weeks: !!binary aGVsbG8='],
    ['YAML 1.1 timestamp', 'weeks: !!timestamp 2026-01-01'],
  ])('a %s tag is refused naming its line and column, and nothing runs', (_, line) => {
    const error = refusal(() => loadScenario(`name: tags\n${line.replace('CANARY', canary)}\n`));
    expect(error.message).toMatch(/^line 2, column 8: the tag "[^"]+" is not accepted: files are read as YAML 1\.2 with the core schema only \(remove the tag\)$/);
    expect(existsSync(canary)).toBe(false);
  });

  it('the core tags of YAML 1.2 mean what the plain value means', () => {
    expect(loadScenario('name: tags\nweeks: !!int 7\n').weeks).toBe(7);
  });

  it('an !!omap of policies after a %YAML 1.1 directive is refused, not run as the default policies', () => {
    const text = '%YAML 1.1\n---\nname: omap\npolicies: !!omap [ {quota: {coverage: 5, target: "import(1)"}} ]\n';
    expect(refusal(() => loadScenario(text)).message).toBe(
      'line 1: the directive "%YAML 1.1" is not accepted: files are read as YAML 1.2 with the core schema only (remove it)',
    );
    // Without the directive, the tag itself is refused.
    expect(refusal(() => loadScenario(text.split('---\n')[1])).message).toMatch(/^line 2, column 11: the tag "!!omap" is not accepted/);
  });

  it.each([
    ['%TAG !e! tag:example.com,2000:\n---\nname: x\n', 'line 1: the directive "%TAG !e! tag:example.com,2000:"'],
    ['%FOO bar\n---\nname: x\n', 'line 1: the directive "%FOO bar"'],
  ])('a directive other than %%YAML 1.2 is refused: %s', (text, start) => {
    expect(refusal(() => loadScenario(text)).message.startsWith(start)).toBe(true);
    expect(loadScenario('%YAML 1.2\n---\nname: x\nweeks: 3\n').weeks).toBe(3);
  });

  it('a Map, a Set or a Date where a block is expected is refused, never read as an empty block', () => {
    const policies = new Map([['quota', { coverage: 5 }]]);
    expect(refusal(() => loadScenario({ name: 'x', policies } as never)).message).toBe('policies: must be a plain block of fields, a list or a value');
  });

  it('binary garbage is refused in one line of at most 300 characters', () => {
    const garbage = Buffer.from(Array.from({ length: 40_000 }, (_, k) => (k * 7919 + 13) % 256)).toString('latin1');
    const message = refusal(() => loadScenario(garbage)).message;
    expect(message.length).toBeLessThanOrEqual(300 - 'goodhart: error: '.length);
    const line = errorLine(spawnSync(process.execPath, ['bin/goodhart.js', 'validate', write('garbage.yaml', Buffer.from(garbage, 'latin1'))], { cwd: REPO, encoding: 'utf8' }).stderr);
    expect(line.length).toBeLessThanOrEqual(300);
  });

  it.each([
    ['a compact nested list', `name: x\nweeks:\n  ${'- '.repeat(5000)}1\n`],
    ['indentation', `name: x\n${Array.from({ length: 1000 }, (_, k) => `${' '.repeat(k)}k${k}:`).join('\n')}\n`],
  ])('block nesting too deep (%s) is refused before parsing, in well under a second', (_, text) => {
    const { value: error, ms } = timed(() => refusal(() => loadScenario(text)));
    expect(error.message).toMatch(/^line \d+ is nested or indented more than 200 columns deep; a scenario needs a few levels$/);
    expect(ms).toBeLessThan(500);
  });

  it('__proto__ and constructor keys pollute no prototype and are refused as unknown fields', () => {
    const error = refusal(() => loadScenario('name: proto\n__proto__: { polluted: yes }\nconstructor: { prototype: { polluted: yes } }\n'));
    expect(error.message).toMatch(/^unknown field "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const viaSet = refusal(() => loadScenario({ name: 'x' }, { set: ['__proto__.polluted=yes'] }));
    expect(viaSet.message).toMatch(/unknown field "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('billion laughs (10 levels of 10 aliases) is refused at once, in little memory', () => {
    const lines = ['name: lol', 'l0: &l0 "lol"'];
    for (let k = 1; k <= 10; k++) lines.push(`l${k}: &l${k} [${Array(10).fill(`*l${k - 1}`).join(', ')}]`);
    const heap = process.memoryUsage().heapUsed;
    const { value: error, ms } = timed(() => refusal(() => parseScenarioText(lines.join('\n'))));
    expect(error.message).toMatch(/^too many YAML aliases \(at most 100\)/);
    expect(ms).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(50e6);
  });

  it('merge keys (<<) count as aliases too', () => {
    const lines = ['name: merge', 'a0: &a0 { x: 1 }'];
    for (let k = 1; k <= 8; k++) lines.push(`a${k}: &a${k} { ${Array.from({ length: 8 }, (_, j) => `k${j}: *a${k - 1}`).join(', ')} }`);
    lines.push('b: { <<: *a8 }');
    expect(refusal(() => parseScenarioText(lines.join('\n'))).message).toMatch(/too many YAML aliases/);
  });

  it('brackets nested 100,000 deep are refused before parsing, at once', () => {
    const { value: error, ms } = timed(() => refusal(() => parseScenarioText(`name: deep\nweeks: ${'['.repeat(100_000)}`, 'deep.yaml')));
    expect(error.message).toBe('deep.yaml: brackets [ ] or { } are nested more than 100 levels deep; a scenario needs a few');
    expect(ms).toBeLessThan(500);
  });

  it('brackets nested 100 deep are parsed, and refused as the wrong type', () => {
    const error = refusal(() => loadScenario(`name: deep\nweeks: ${'['.repeat(100)}${']'.repeat(100)}`));
    expect(error.message).toBe('weeks: must be a number, got a list');
  });
});

describe('files: size, links, devices, paths', () => {
  it('goodhart validate refuses a file of 1 MB and a byte, and reads one of exactly 1 MB', async () => {
    const head = 'name: big\n# ';
    const exact = write('size/exact.yaml', `${head}${'x'.repeat(MAX_SCENARIO_BYTES - head.length - 1)}\n`);
    const over = write('size/over.yaml', `${head}${'x'.repeat(MAX_SCENARIO_BYTES - head.length)}\n`);
    const [accepted, refused] = await Promise.all([goodhart(['validate', exact]), goodhart(['validate', over])]);
    expect(accepted.status).toBe(0);
    expect(refused.status).toBe(1);
    expect(errorLine(refused.stderr)).toBe(`goodhart: error: ${over}: the file is larger than 1 MB; a scenario is a few kilobytes`);
  });

  it('refuses a parent over 1 MB, naming the parent', () => {
    write('parent/huge.yaml', `name: huge\n# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`);
    const child = write('parent/child.yaml', 'name: child\nextends: huge.yaml\n');
    expect(refusal(() => loadScenario(child)).message).toBe(`${join(dir, 'parent/huge.yaml')}: the file is larger than 1 MB; a scenario is a few kilobytes`);
  });

  it('a link inside the folder to a file outside it is outside, unless --allow-outside', () => {
    const secret = write('elsewhere/secret.yaml', 'name: secret\nagents: 7\n');
    write('linked/child.yaml', 'name: child\nextends: link.yaml\n');
    symlinkSync(secret, join(dir, 'linked/link.yaml'));
    const child = join(dir, 'linked/child.yaml');
    expect(refusal(() => loadScenario(child)).message).toBe(`${child}: extends: "link.yaml" is outside the scenario's folder (${join(dir, 'linked')}); pass --allow-outside to allow it`);
    expect(loadScenario(child, { allowOutside: true }).agents).toBe(7);
  });

  it('a link to a folder outside cannot be walked through either', () => {
    write('outside-folder/parent.yaml', 'name: parent\n');
    mkdirSync(join(dir, 'walk'));
    symlinkSync(join(dir, 'outside-folder'), join(dir, 'walk/door'));
    const child = write('walk/child.yaml', 'name: child\nextends: door/parent.yaml\n');
    expect(refusal(() => loadScenario(child)).message).toMatch(/extends: "door\/parent\.yaml" is outside the scenario's folder/);
  });

  it('refuses a device or a pipe (which could be read forever), quickly', () => {
    const { value: error, ms } = timed(() => refusal(() => loadScenario('/dev/zero', { isFile: true })));
    expect(error.message).toBe('cannot read /dev/zero: not a regular file (a device or a pipe)');
    expect(ms).toBeLessThan(1000);
    const fifo = join(dir, 'pipe.yaml');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const child = write('pipe-child.yaml', 'name: child\nextends: pipe.yaml\n');
      expect(refusal(() => loadScenario(child)).message).toBe(`${child}: extends: cannot read ${fifo}: not a regular file (a device or a pipe)`);
    }
  });

  it('refuses a device, a folder or a file over the limit as a sweep file, quickly', () => {
    const { value: error, ms } = timed(() => refusal(() => loadSweep('/dev/zero')));
    expect(error.message).toBe('cannot read /dev/zero: not a regular file (a device or a pipe)');
    expect(ms).toBeLessThan(1000);
    expect(refusal(() => loadSweep(dir)).message).toBe(`cannot read ${dir}: is a folder, not a file`);
    const big = write('big-sweep.yaml', `# ${'x'.repeat(MAX_SWEEP_BYTES)}\n`);
    expect(refusal(() => loadSweep(big)).message).toBe(`${big}: the file is larger than ${MAX_SWEEP_BYTES / 1e6} MB; a sweep file is a few lines`);
  });

  it.each([
    ['a climb to a file of secrets', '../secret-dir/creds.yml'],
    ['/etc/passwd', '/etc/passwd'],
    ['/proc/self/environ', '/proc/self/environ'],
  ])("a sweep file's scenario: path outside its folder (%s) is refused without reading it", (_, path) => {
    write('secret-dir/creds.yml', 'agents: sk-live-0123456789abcdef\n');
    const sweepFile = write('sweeps/s.yaml', `scenario: ${path}\ndesign: grid\nparameters:\n  weeks: { values: [4] }\noutputs: [realOutput]\n`);
    const error = refusal(() => loadSweep(sweepFile));
    expect(error.message).toBe(`${sweepFile}: scenario: ${JSON.stringify(path)} is outside the sweep file's folder (${join(dir, 'sweeps')}); pass --allow-outside to allow it`);
    expect(error.message).not.toMatch(/sk-live/);
  });

  it("a sweep file's scenario may be a bundled one, by name or by a path into the bundled folder", () => {
    const byName = write('sweeps/by-name.yaml', 'scenario: meshclaw\ndesign: grid\nparameters:\n  weeks: { values: [4] }\noutputs: [realOutput]\n');
    expect(loadSweep(byName).scenario.name).toBe('meshclaw');
    const byPath = write('sweeps/by-path.yaml', `scenario: ${join(REPO, 'scenarios/baseline.yaml')}\ndesign: grid\nparameters:\n  weeks: { values: [4] }\noutputs: [realOutput]\n`);
    expect(loadSweep(byPath).scenario.name).toBe('baseline');
  });

  it.each([
    ['a NUL byte', 'a\u0000b.yaml', 'extends: must be the name of a bundled scenario (meshclaw) or the path of a scenario file, got "a\\u0000b.yaml"'],
    ['an absolute path elsewhere', '/etc/passwd', 'extends: "/etc/passwd" is outside the scenario\'s folder'],
    ['a climb out of the folder', '../../../../../../etc/passwd', 'extends: "../../../../../../etc/passwd" is outside the scenario\'s folder'],
    ['a list', ['a.yaml'], 'extends: must be the name of a bundled scenario (meshclaw) or the path of a scenario file, got a list'],
  ])('refuses an extends of %s, in one line', (_, parent, message) => {
    const child = write(`paths/${Math.random().toString(36).slice(2)}.yaml`, `name: child\nextends: ${JSON.stringify(parent)}\n`);
    expect(refusal(() => loadScenario(child)).message).toContain(message);
  });
});
