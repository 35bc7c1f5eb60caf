/**
 * The package as a user installs it: `npm pack`, the tarball installed into an empty folder, then the
 * `goodhart` command and the API used from plain Node, with no TypeScript loader and no flags.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runProcess, type Outcome } from '../cli/goodhart.ts';

// Installing fetches the dependencies (from npm's cache when they are there): allow it minutes.
const INSTALL_MS = 600_000;
const VERSION: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;

function ok(outcome: Outcome): Outcome {
  if (outcome.status !== 0) throw new Error(`exit ${outcome.status}\n${outcome.stdout}\n${outcome.stderr}`);
  return outcome;
}

describe('the npm package, installed from its tarball into an empty folder', () => {
  let folder: string;
  let app: string;
  const goodhart = (args: string[]) => runProcess(join(app, 'node_modules/.bin/goodhart'), args, { cwd: app });
  const node = (args: string[]) => runProcess(process.execPath, args, { cwd: app });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'goodhart-pack-'));
    const packed = ok(await runProcess('npm', ['pack', '--pack-destination', folder, '--json'], { cwd: REPO }));
    const tarball = join(folder, JSON.parse(packed.stdout)[0].filename);
    app = join(folder, 'app');
    ok(await runProcess('mkdir', [app], { cwd: folder }));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    ok(await runProcess('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev'], { cwd: app }));
  }, INSTALL_MS);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('holds compiled JavaScript and declarations, and no TypeScript source nor loader', () => {
    const installed = join(app, 'node_modules/goodhart');
    expect(existsSync(join(installed, 'lib/index.js'))).toBe(true);
    expect(existsSync(join(installed, 'lib/index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'lib/bin/goodhart.js'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
  });

  it('names no folder of the machine that built it in its compiled code', () => {
    const bin = join(app, 'node_modules/goodhart/lib/bin');
    const files = readdirSync(bin).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(1);
    const naming = files.filter((name) => readFileSync(join(bin, name), 'utf8').includes(REPO));
    expect(naming).toEqual([]);
  });

  it('gives a goodhart command that prints its version and runs a scenario', async () => {
    expect(ok(await goodhart(['--version'])).stdout.trim()).toBe(VERSION);
    const scenario = 'node_modules/goodhart/scenarios/meshclaw.yaml';
    ok(await goodhart(['run', scenario, '--agents', '50', '--weeks', '4', '--seeds', '2', '--charts', 'svg', '--out', 'out', '--quiet']));
    expect(readFileSync(join(app, 'out/meshclaw/metrics.csv'), 'utf8').split('\n')[0]).toMatch(/^scenario,seed,week,realOutput,/);
    expect(readFileSync(join(app, 'out/meshclaw/charts/validity.svg'), 'utf8')).toMatch(/^<svg/);
    expect(existsSync(join(app, 'out/report.html'))).toBe(true);
  });

  it('runs a sweep on worker threads', async () => {
    const sweep = 'node_modules/goodhart/scenarios/sweeps/quota-vs-review.yaml';
    ok(await goodhart(['sweep', sweep, '--agents', '30', '--weeks', '3', '--workers', '2', '--no-charts', '--out', 'sweep', '--quiet']));
    expect(readFileSync(join(app, 'sweep/runs.csv'), 'utf8').split('\n').length).toBeGreaterThan(10);
  });

  it('is importable on plain Node, and its declarations type-check a user module', async () => {
    const script = [
      "import { loadScenario, runScenario, summarise } from 'goodhart';",
      "const scenario = loadScenario('node_modules/goodhart/scenarios/baseline.yaml', { set: ['agents=40', 'weeks=3'] });",
      'const result = runScenario(scenario, { seeds: 2 });',
      'console.log(JSON.stringify({ runs: result.runs.length, output: summarise(result).realOutput.whole.mean > 0 }));',
    ].join('\n');
    writeFileSync(join(app, 'use.ts'), script);
    writeFileSync(join(app, 'use.mjs'), script);
    expect(JSON.parse(ok(await node(['use.mjs'])).stdout)).toEqual({ runs: 2, output: true });
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    ok(await node([tsc, '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(REPO, 'node_modules/@types'), 'use.ts']));
  });
});
