/**
 * Libraries that load on first use in the command's bundle (scripts/build.js, LAZY_ON_FIRST_CALL).
 * string-width builds a text segmenter and an emoji regular expression as it loads, which a command
 * that prints no help never needs: a preload counts the segmenters built in the command's process.
 * stdlib's t quantile, for intervals over seeds, which a run of one seed never computes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runProcess } from './goodhart.ts';

const COUNTER = `
const Built = Intl.Segmenter;
let built = 0;
Intl.Segmenter = class extends Built { constructor(...args) { super(...args); built++; } };
process.on('exit', () => process.stderr.write('segmenters built: ' + built + '\\n'));
`;

const dir = mkdtempSync(join(tmpdir(), 'goodhart-lazy-help-'));
const preload = join(dir, 'count-segmenters.cjs');
writeFileSync(preload, COUNTER);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function segmentersBuilt(args: string[]): Promise<{ count: number; stdout: string }> {
  const result = await runProcess(process.execPath, ['--require', preload, 'bin/goodhart.js', ...args], { cwd: REPO, env: { NO_COLOR: '1' } });
  expect(result.status, result.stderr).toBe(0);
  const match = /segmenters built: (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no count in:\n${result.stderr}`);
  return { count: Number(match[1]), stdout: result.stdout };
}

describe.concurrent('the help\'s layout libraries', () => {
  it('are not loaded by a command that prints no help', async () => {
    expect((await segmentersBuilt(['validate', 'scenarios/meshclaw.yaml'])).count).toBe(0);
  });

  it('load when the help is laid out', async () => {
    const { count, stdout } = await segmentersBuilt(['run', '--help']);
    expect(count).toBeGreaterThan(0);
    expect(stdout).toMatch(/^goodhart run <scenarios\.\.>/);
    expect(stdout).toMatch(/--seeds/);
  });
});

describe("stdlib's t quantile in the command's bundle", () => {
  const bundle = readdirSync(join(REPO, 'lib/bin'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(REPO, 'lib/bin', file), 'utf8'))
    .join('\n');

  it('sits behind a function that loads it on its first call', () => {
    expect(bundle).toContain('// lazy-on-first-call:node_modules/@stdlib/stats-base-dists-t-quantile/lib/index.js');
    // Nothing imports it as the bundle imports a CommonJS package it loads at once.
    expect(bundle).not.toMatch(/import_stats_base_dists_t_quantile\w* = __toESM\(require_/);
  });

  it('gives the intervals over seeds once loaded', async () => {
    const out = join(dir, 'two-seeds');
    const result = await runProcess(process.execPath, ['bin/goodhart.js', 'run', 'scenarios/baseline.yaml', '--seeds', '2', '--weeks', '4', '--agents', '50', '--charts', 'none', '--no-report', '--quiet', '--out', out], { cwd: REPO });
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'baseline', 'summary.json'), 'utf8'));
    const { mean, hi } = summary.metrics.realOutput.final;
    const [header, ...rows] = readFileSync(join(out, 'baseline', 'metrics.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
    const column = header.indexOf('realOutput');
    const finals = rows.filter((row) => row[header.indexOf('week')] === '3').map((row) => Number(row[column]));
    expect(finals).toHaveLength(2);
    // Two seeds: the half-width is t(0.975, 1) = 12.7062 times the standard error, |x1 - x2| / 2.
    expect((hi - mean) / (Math.abs(finals[0] - finals[1]) / 2)).toBeCloseTo(12.7062, 3);
  });
});
