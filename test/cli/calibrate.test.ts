import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { priorOf } from '../../src/experiment/calibrate.ts';
import { parsePosterior } from '../../src/experiment/posterior-file.ts';
import { DEFAULT_MODEL } from '../../src/index.ts';
import { bundled } from '../helpers.ts';
import { goodhart, lines, oneErrorLine, REPO } from './goodhart.ts';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SMALL = ['--agents', '100', '--weeks', '20', '--population', '24', '--generations', '2', '--quiet', '--allow-outside'];

/** Targets a small run can always compute (no outage counts, which are often 0 in 100 engineers × 20 weeks). */
const TARGETS = join(dir, 'small-targets.yaml');
writeFileSync(
  TARGETS,
  `targets:
  - { name: cfr, figure: change failure, sources: [dora2024], statistic: { scenario: baseline, metric: incidents, per: changes }, observed: 0.06, interval: [0.03, 0.15] }
  - { name: spend, figure: spend, sources: [claudeCodeCosts2026], statistic: { scenario: baseline, metric: spend, per: headcount, aggregate: mean }, observed: 65, interval: [40, 100] }
  - { name: output, figure: output, sources: [faros2025], statistic: { scenario: meshclaw, versus: baseline, metric: realOutput }, observed: 1, interval: [0.9, 1.1] }
`,
);
const PARAMS = ['--params', 'behaviour.gamingAversion,aiTool.padTimeShare'];

describe('goodhart calibrate', () => {
  it('writes a posterior, its diagnostics and the predictive check; the same bytes on 1 and 2 workers', async () => {
    const [one, two] = [join(dir, 'one'), join(dir, 'two')];
    const [a, b] = await Promise.all([
      goodhart(['calibrate', TARGETS, '--out', one, ...SMALL, ...PARAMS, '--workers', '1']),
      goodhart(['calibrate', TARGETS, '--out', two, ...SMALL, ...PARAMS, '--workers', '2']),
    ]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    const posterior = readFileSync(join(one, 'posterior.csv'), 'utf8');
    expect(readFileSync(join(two, 'posterior.csv'), 'utf8')).toBe(posterior);
    expect(lines(posterior)[0]).toBe('weight,behaviour.gamingAversion,aiTool.padTimeShare');
    expect(lines(posterior)).toHaveLength(25);
    // It reads back as a posterior of the model, every particle inside the prior (the parameters' ranges).
    const read = parsePosterior(posterior, bundled('baseline'));
    const prior = priorOf(read.parameters, DEFAULT_MODEL, bundled('baseline'));
    for (let r = 0; r < 24; r++) {
      for (const [c, p] of prior.entries()) {
        expect(read.values[2 * r + c]).toBeGreaterThanOrEqual(p.low);
        expect(read.values[2 * r + c]).toBeLessThanOrEqual(p.high);
      }
    }
    const diagnostics = JSON.parse(readFileSync(join(one, 'diagnostics.json'), 'utf8'));
    expect(diagnostics.generations).toHaveLength(2);
    expect(diagnostics.generations[0].epsilon).toBe('Infinity');
    expect(diagnostics.generations[1].epsilon).toBeGreaterThan(0);
    for (const g of diagnostics.generations) {
      expect(g.ess).toBeGreaterThanOrEqual(1);
      expect(g.ess).toBeLessThanOrEqual(24);
      expect(g.acceptanceRate).toBeGreaterThan(0);
    }
    const predictive = lines(readFileSync(join(one, 'predictive.csv'), 'utf8'));
    expect(predictive[0]).toBe('target,observed,sd,simulatedMedian,simulatedLow,simulatedHigh');
    expect(predictive.slice(1).map((l) => l.split(',')[0])).toEqual(['cfr', 'spend', 'output']);
    // The page a reviewer reads: every parameter against its prior, every target against its published interval, the charts.
    const page = readFileSync(join(one, 'calibration.html'), 'utf8');
    // (The page inlines the chart libraries: booleans keep a failure's message short.)
    const [aversion] = prior;
    expect(page.includes(`<code>behaviour.gamingAversion</code></td><td>${aversion.low} to ${aversion.high}</td>`)).toBe(true);
    expect(page.includes('<tr><td>spend</td><td>65 [40, 100]</td>')).toBe(true);
    for (const chart of ['predictive', 'tolerance']) {
      expect(existsSync(join(one, 'charts', `${chart}.svg`))).toBe(true);
      expect(JSON.parse(readFileSync(join(one, 'charts', `${chart}.vl.json`), 'utf8')).$schema).toMatch(/vega-lite/);
    }
  });

  it('killed part way and continued with --resume, it ends with the posterior of a calibration never stopped', async () => {
    const flags = [TARGETS, ...SMALL.filter((f, k) => f !== '--generations' && SMALL[k - 1] !== '--generations'), ...PARAMS, '--generations', '3', '--workers', '2'];
    const whole = join(dir, 'whole');
    const stopped = join(dir, 'stopped');
    const reference = goodhart(['calibrate', ...flags, '--out', whole]);
    // Killed (SIGKILL: no chance to tidy up) once its journal holds this many candidates, in generation 1 or 2.
    const KILL_AFTER = 40;
    const child = spawn(process.execPath, [join(REPO, 'bin/goodhart.js'), 'calibrate', ...flags, '--out', stopped], { cwd: REPO, stdio: 'ignore' });
    const journal = join(stopped, 'journal.jsonl');
    const held = () => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length - 1 : 0);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let finished = false;
    void exited.then(() => (finished = true));
    while (!finished && held() < KILL_AFTER) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    expect(held()).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(existsSync(join(stopped, 'posterior.csv'))).toBe(false);
    const resumed = await goodhart(['calibrate', ...flags, '--out', stopped, '--resume']);
    expect(resumed.status).toBe(0);
    expect((await reference).status).toBe(0);
    expect(readFileSync(join(stopped, 'posterior.csv'), 'utf8')).toBe(readFileSync(join(whole, 'posterior.csv'), 'utf8'));
    // Nothing run twice: the journal holds each candidate once.
    const entries = lines(readFileSync(journal, 'utf8')).map((l) => JSON.parse(l)).map((e) => `${e.g}/${e.i}`);
    expect(new Set(entries).size).toBe(entries.length);
  });

  it('refuses to continue a journal of another calibration, naming what differs', async () => {
    const out = join(dir, 'other');
    expect((await goodhart(['calibrate', TARGETS, ...SMALL, ...PARAMS, '--out', out])).status).toBe(0);
    const result = await goodhart(['calibrate', TARGETS, ...SMALL, ...PARAMS, '--out', out, '--resume', '--seed', '2']);
    expect(result.status).not.toBe(0);
    expect(oneErrorLine(result.stderr)).toMatch(/journal\.jsonl: line 1 is of another calibration \(other targets, scenarios, --params, --population, --seed or overrides\)/);
  });

  it.each([
    ['an unknown parameter, with the nearest', ['calibration/targets.yaml', '--params', 'behaviour.gamingAversio'], /--params: behaviour\.gamingAversio: not a parameter of the model with a range; did you mean "behaviour\.gamingAversion"\?/],
    ['a population of one', ['calibration/targets.yaml', '--population', '1'], /--population must be a whole number from 2/],
  ])('refuses %s in one line, writing nothing', async (_, args, message) => {
    const out = join(dir, `never-${args.length}`);
    const result = await goodhart(['calibrate', ...args, '--out', out]);
    expect(result.status).not.toBe(0);
    expect(oneErrorLine(result.stderr)).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a targets file with an unknown metric in one line, writing nothing', async () => {
    const file = join(dir, 'targets.yaml');
    writeFileSync(file, readFileSync('calibration/targets.yaml', 'utf8').replace('metric: incidents, per: changes, weeks', 'metric: incident, per: changes, weeks'));
    const out = join(dir, 'never-targets');
    const result = await goodhart(['calibrate', file, '--out', out, '--allow-outside']);
    expect(result.status).not.toBe(0);
    expect(oneErrorLine(result.stderr)).toMatch(/targets\.0\.statistic\.metric: unknown metric "incident"; did you mean "incidents"\?/);
    expect(existsSync(out)).toBe(false);
  });
});
