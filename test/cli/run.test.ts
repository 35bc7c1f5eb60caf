import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../src/index.ts';
import { goodhart, lines, oneErrorLine, REPO, type Outcome } from './goodhart.ts';

const VERSION = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version as string;
const SMALL = ['--agents', '200', '--weeks', '10', '--seeds', '2'];
/** Every metric a run of the built-in model records: the core metrics, then the policies' own. */
const METRICS = DEFAULT_MODEL.metrics;
const METRIC_NAMES = METRICS.map((m) => m.name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-run-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Interval {
  mean: number;
  lo: number;
  hi: number;
}
interface Summary {
  goodhart: string;
  seeds: number[];
  scenario: { name: string; weeks: number; agents: number; policies: { quota: { target: number | string } } };
  metrics: Record<string, { unit: string; aggregate: string; description: string; final: Interval; whole: Interval }>;
}

function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = lines(text).map((line) => line.split(','));
  return { header, rows };
}

interface TwoRuns {
  out: string;
  first: Outcome;
  second: Outcome;
  /** The files the first run wrote, read before the second run. */
  files: Record<'meshclaw' | 'baseline', { csv: string; json: string }>;
}

let twoRuns: Promise<TwoRuns> | undefined;

/** Runs meshclaw and baseline twice with the same command but for the threads, 2 then 1 (once for all the tests that look at them). */
function runTwice(): Promise<TwoRuns> {
  twoRuns ??= (async () => {
    const out = join(dir, 'out');
    const args = ['run', 'scenarios/meshclaw.yaml', 'scenarios/baseline.yaml', ...SMALL, '--out', out];
    const first = await goodhart([...args, '--workers', '2']);
    const read = (name: string) => ({
      csv: readFileSync(join(out, name, 'metrics.csv'), 'utf8'),
      json: readFileSync(join(out, name, 'summary.json'), 'utf8'),
    });
    const files = { meshclaw: read('meshclaw'), baseline: read('baseline') };
    const second = await goodhart([...args, '--workers', '1']);
    return { out, first, second, files };
  })();
  return twoRuns;
}

// Every test is a process of its own or awaits the shared runs; running them concurrently overlaps
// the start-up of the processes (vitest runs test files one at a time on two cores). The tests that
// await the shared runs come last, so that they do not hold the concurrency slots while they wait.
describe.concurrent('goodhart run', () => {
  beforeAll(() => {
    // Start the shared runs at once, alongside the tests that run processes of their own.
    // (The tests that await it still see a failure; this only keeps it from being reported as unhandled.)
    runTwice().catch(() => {});
  });

  it('applies --set, --weeks and --seed: target 800000, 5 weeks per seed, seeds from 7, nothing on stderr with --quiet', async () => {
    const out = join(dir, 'overrides');
    const result = await goodhart([
      'run', 'scenarios/meshclaw.yaml', '--set', 'policies.quota.target=800000',
      '--agents', '200', '--weeks', '5', '--seeds', '2', '--seed', '7', '--out', out, '--quiet',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const summary = JSON.parse(readFileSync(join(out, 'meshclaw', 'summary.json'), 'utf8')) as Summary;
    expect(summary.scenario.policies.quota.target).toBe(800000);
    expect(summary.scenario.weeks).toBe(5);
    expect(summary.seeds).toEqual([7, 8]);
    const { rows } = parseCsv(readFileSync(join(out, 'meshclaw', 'metrics.csv'), 'utf8'));
    expect(rows.map((r) => `${r[1]}/${r[2]}`)).toEqual(['7/0', '7/1', '7/2', '7/3', '7/4', '8/0', '8/1', '8/2', '8/3', '8/4']);
  });

  // Mistakes are refused before any work.
  it('refuses a bad scenario: exit 1, one error line naming the file and the field, no output folder', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\npolicies:\n  quota:\n    covrage: 0.5\n');
    const out = join(dir, 'never-bad');
    const result = await goodhart(['run', 'scenarios/baseline.yaml', bad, ...SMALL, '--out', out]);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    const line = oneErrorLine(result.stderr);
    expect(line).toBe(
      `goodhart: error: ${bad}: policies.quota: unknown field "covrage"; did you mean "coverage"? ` +
        'Allowed: enabled, startWeek, target, coverage, enforcement, penalty, moralePressure.',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an --out under a regular file, naming it, before running anything', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const out = join(file, 'results');
    // A run this large would take minutes: the refusal must come first.
    const started = Date.now();
    const result = await goodhart(['run', 'scenarios/baseline.yaml', '--agents', '1000000', '--seeds', '1000', '--out', out]);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(result.status).not.toBe(0);
    expect(oneErrorLine(result.stderr)).toBe(
      `goodhart: error: --out ${out}: cannot write there (a file is in the way); choose a folder you can write to`,
    );
    expect(result.stderr).not.toMatch(/runs \(/);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it.each([['0'], ['1.5']])('refuses --seeds %s naming the flag', async (seeds) => {
    const out = join(dir, `never-seeds-${seeds}`);
    const result = await goodhart(['run', 'scenarios/baseline.yaml', '--seeds', seeds, '--out', out]);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(`goodhart: error: --seeds must be a whole number from 1 to 100000, got ${seeds}`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses --weeks that is not a number, naming the flag and what was typed', async () => {
    const result = await goodhart(['run', 'scenarios/baseline.yaml', '--weeks', 'abc', '--out', join(dir, 'never-weeks')]);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: --weeks must be a whole number, got "abc"');
  });

  it.each([
    [['--seeds', 'abc'], '--seeds must be a whole number from 1 to 100000, got "abc"'],
    [['--seeds='], '--seeds must be a whole number from 1 to 100000, got ""'],
    [['--agents=many'], '--agents must be a whole number, got "many"'],
    [['--seeds', '2', '--workers', 'two'], '--workers must be a whole number from 1 to 1024, got "two"'],
    // The parser reads nothing as 0, a seed and a number of weeks a run would take silently.
    [['--seed='], '--seed must be a whole number from 0 to 9007199254640991, got ""'],
    [['--weeks='], '--weeks must be a whole number, got ""'],
  ])('refuses %j naming what was typed, not what the parser made of it', async (flags, message) => {
    const out = join(dir, 'never-typed');
    const result = await goodhart(['run', 'scenarios/baseline.yaml', ...flags, '--out', out]);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(`goodhart: error: ${message}`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a flag without its value, without a stack trace', async () => {
    const result = await goodhart(['run', 'scenarios/baseline.yaml', '--seeds']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: Not enough arguments following: seeds');
  });

  it('refuses two scenarios with the same name, whose results would overwrite each other', async () => {
    const out = join(dir, 'never-dup');
    const result = await goodhart(['run', 'scenarios/baseline.yaml', 'scenarios/baseline.yaml', '--out', out]);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toMatch(/are both named "baseline": results would overwrite each other/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a scenario path that is a folder, naming it', async () => {
    const result = await goodhart(['run', 'scenarios/', '--out', join(dir, 'never-folder')]);
    expect(result.status).toBe(1);
    expect(oneErrorLine(result.stderr)).toBe(`goodhart: error: cannot read ${join(REPO, 'scenarios')}: is a folder, not a file`);
  });

  // The tests below share the two runs, started in beforeAll.
  it('exits 0, prints the path of the report and says where it wrote, one folder per scenario', async () => {
    const { out, first } = await runTwice();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(`${join(out, 'report.html')}\n`);
    expect(first.stderr).toContain(`wrote ${join(out, 'meshclaw')}/`);
    expect(first.stderr).toContain(`wrote ${join(out, 'baseline')}/`);
    expect(readdirSync(out).sort()).toEqual(['baseline', 'charts', 'meshclaw', 'report.html']);
  });

  it('writes the data, 8 charts per scenario as Vega-Lite and SVG (PNG only when asked), and no temporary or probe files', async () => {
    const { out } = await runTwice();
    expect(readdirSync(join(out, 'meshclaw')).sort()).toEqual(['charts', 'metrics.csv', 'summary.json']);
    const charts = readdirSync(join(out, 'meshclaw', 'charts'));
    expect(charts).toHaveLength(8 * 2);
    for (const ext of ['.vl.json', '.svg']) expect(charts.filter((f) => f.endsWith(ext))).toHaveLength(8);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['differences.svg', 'differences.vl.json', 'outcomes.svg', 'outcomes.vl.json']);
    for (const folder of [out, join(out, 'meshclaw'), join(out, 'meshclaw', 'charts')]) {
      expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
    }
  });

  it('writes metrics.csv with a header of scenario, seed, week and every metric, and a row per seed × week', async () => {
    const { header, rows } = parseCsv((await runTwice()).files.meshclaw.csv);
    expect(header).toEqual(['scenario', 'seed', 'week', ...METRIC_NAMES]);
    expect(rows).toHaveLength(2 * 10);
    expect(rows.map((r) => `${r[0]}/${r[1]}/${r[2]}`)).toEqual(
      [1, 2].flatMap((seed) => Array.from({ length: 10 }, (_, week) => `meshclaw/${seed}/${week}`)),
    );
    for (const row of rows) {
      expect(row).toHaveLength(header.length);
      for (const cell of row.slice(3)) expect(Number.isFinite(Number(cell)), `cell "${cell}"`).toBe(true);
    }
    expect(Number(rows[0][header.indexOf('headcount')])).toBeGreaterThan(0);
    expect(Number(rows[0][header.indexOf('headcount')])).toBeLessThanOrEqual(200);
  });

  it('writes summary.json with the version, the seeds and the resolved scenario', async () => {
    const { files } = await runTwice();
    const summary = JSON.parse(files.meshclaw.json) as Summary;
    expect(summary.goodhart).toBe(VERSION);
    expect(summary.seeds).toEqual([1, 2]);
    expect(summary.scenario.name).toBe('meshclaw');
    expect(summary.scenario.weeks).toBe(10);
    expect(summary.scenario.agents).toBe(200);
    expect(summary.scenario.policies.quota.target).toBe(25_000_000);
    expect(summary.scenario).not.toHaveProperty('extends');
    expect(JSON.parse(files.baseline.json).scenario.name).toBe('baseline');
  });

  it('summarises every metric, final week and whole run, with lo ≤ mean ≤ hi', async () => {
    const summary = JSON.parse((await runTwice()).files.meshclaw.json) as Summary;
    expect(Object.keys(summary.metrics)).toEqual([...METRIC_NAMES]);
    for (const m of METRICS) {
      const entry = summary.metrics[m.name];
      expect(entry).toMatchObject({ unit: m.unit, aggregate: m.aggregate, description: m.description });
      for (const part of ['final', 'whole'] as const) {
        const { mean, lo, hi } = entry[part];
        for (const v of [mean, lo, hi]) expect(Number.isFinite(v), `${m.name}.${part}`).toBe(true);
        expect(lo, `${m.name}.${part}.lo`).toBeLessThanOrEqual(mean);
        expect(mean, `${m.name}.${part}.mean`).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('summarises what metrics.csv holds: the final week, and flows summed or states averaged over the run', async () => {
    const { files } = await runTwice();
    const summary = JSON.parse(files.meshclaw.json) as Summary;
    const { header, rows } = parseCsv(files.meshclaw.csv);
    for (const m of METRICS) {
      const column = header.indexOf(m.name);
      const perSeed = [1, 2].map((seed) => rows.filter((r) => Number(r[1]) === seed).map((r) => Number(r[column])));
      const finals = perSeed.map((values) => values[values.length - 1]);
      const wholes = perSeed.map((values) => values.reduce((a, b) => a + b, 0) / (m.aggregate === 'sum' ? 1 : values.length));
      const tolerance = (x: number) => 1e-9 * Math.max(1, Math.abs(x));
      const finalMean = (finals[0] + finals[1]) / 2;
      const wholeMean = (wholes[0] + wholes[1]) / 2;
      expect(Math.abs(summary.metrics[m.name].final.mean - finalMean), `${m.name} final`).toBeLessThanOrEqual(tolerance(finalMean));
      expect(Math.abs(summary.metrics[m.name].whole.mean - wholeMean), `${m.name} whole`).toBeLessThanOrEqual(tolerance(wholeMean));
    }
  });

  it('gives byte-identical metrics.csv and summary.json when the same command runs again, on 2 worker threads or in the main thread', async () => {
    const { out, second, files } = await runTwice();
    expect(second.status, second.stderr).toBe(0);
    for (const name of ['meshclaw', 'baseline'] as const) {
      expect(readFileSync(join(out, name, 'metrics.csv'), 'utf8')).toBe(files[name].csv);
      expect(readFileSync(join(out, name, 'summary.json'), 'utf8')).toBe(files[name].json);
    }
    // Different scenarios do differ: the comparison above is not vacuous.
    expect(files.meshclaw.csv).not.toBe(files.baseline.csv.replaceAll('baseline', 'meshclaw'));
  });
});
