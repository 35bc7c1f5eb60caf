/**
 * What `npm start` shows (package.json's start script, run as it is but into a folder of the test's):
 * for every comparison two intervals, the wider one from the shipped posterior.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goodhart, REPO } from './goodhart.ts';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The arguments of `npm start` after `node bin/goodhart.js`, with --out moved to the test's folder. */
function startArgs(out: string): string[] {
  const script: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts.start;
  const args = script.split(/\s+/).slice(2);
  args[args.indexOf('--out') + 1] = out;
  return args;
}

/** The two intervals of a row of the report's differences table: [seeds only, with the assumptions]. */
function intervals(report: string, comparison: string, outcome: string): [number, number][] {
  const row = new RegExp(`<td data-label="Comparison">${comparison}</td><td data-label="Outcome">${outcome}</td>(.*?)</tr>`).exec(report)![1];
  return [...row.matchAll(/<small>\[([^\]]+)\]<\/small>/g)].map((m) => m[1].split(', ').map((s) => Number(s.replace(/[−]/g, '-').replace(/[^0-9.+-]/g, ''))) as [number, number]);
}

describe('npm start', () => {
  it('shows, for meshclaw against baseline, the seeds-only interval and a wider one from the shipped posterior', async () => {
    const out = join(dir, 'out');
    const args = startArgs(out);
    expect(args).toContain('--posterior');
    const result = await goodhart(args);
    expect(result.status).toBe(0);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    for (const outcome of ['Real output', 'AI spend', 'Engineers who left']) {
      const [seeds, assumptions] = intervals(report, 'meshclaw − baseline', outcome);
      expect(assumptions[1] - assumptions[0]).toBeGreaterThanOrEqual(seeds[1] - seeds[0]);
    }
    // It says which assumptions each difference rests on, or that none stands out of chance.
    expect(report.includes('<h3>What the differences depend on</h3>')).toBe(true);
    expect(/meshclaw's difference in real output( depends most on|: with 20 draws from the posterior, no single assumption)/.test(report)).toBe(true);
    // The wider runs drew their parameters from the posterior: every seed a particle of it, not one for all.
    const posterior = readFileSync(join(REPO, 'calibration/posterior/posterior.csv'), 'utf8').trim().split('\n').length - 1;
    const { particles } = JSON.parse(readFileSync(join(out, 'meshclaw', 'summary.json'), 'utf8'));
    expect(particles).toHaveLength(20);
    expect(new Set(particles).size).toBeGreaterThan(5);
    for (const p of particles) expect(p).toBeLessThan(posterior);
    expect(JSON.parse(readFileSync(join(out, 'baseline', 'summary.json'), 'utf8')).particles).toEqual(particles);
  });
});
