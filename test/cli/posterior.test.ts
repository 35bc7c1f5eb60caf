import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spread } from '../../src/experiment/summary.ts';
import { goodhart, lines, oneErrorLine } from './goodhart.ts';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-posterior-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A posterior on the token price: spend moves with it and nothing else does. */
const PRICES = 'weight,aiTool.pricePerMillionTokens\n1,1\n1,2.5\n1,6\n';
const SMALL = ['--agents', '150', '--weeks', '10', '--seeds', '12', '--charts', 'none'];

function interval(text: string): [number, number] {
  const m = /\[([^\]]+)\]/.exec(text)!;
  const [lo, hi] = m[1].split(', ').map((s) => Number(s.replace(/[^0-9.+−-]/g, '').replace('−', '-')));
  return [lo, hi];
}

describe('spread: where one draw falls', () => {
  it('is the central 95% of the sample, not the interval of its mean', () => {
    const values = Array.from({ length: 101 }, (_, k) => k);
    const { mean, lo, hi } = spread(values);
    expect(mean).toBe(50);
    expect(lo).toBeCloseTo(2.5, 9);
    expect(hi).toBeCloseTo(97.5, 9);
    expect(spread([3])).toEqual({ mean: 3, lo: 3, hi: 3 });
  });
});

describe('goodhart compare --posterior', () => {
  it('runs each scenario again with parameters drawn from the posterior, and prints and writes the wider intervals', async () => {
    const posterior = join(dir, 'posterior.csv');
    writeFileSync(posterior, PRICES);
    const out = join(dir, 'out');
    const result = await goodhart(['compare', 'scenarios/baseline.yaml', 'scenarios/meshclaw.yaml', ...SMALL, '--posterior', dir, '--out', out]);
    expect(result.status).toBe(0);
    const table = lines(result.stdout);
    expect(table.find((l) => l.startsWith('meshclaw − baseline'))).toMatch(/95% interval\s+with assumptions\s+relative/);
    // Spend scales with the price drawn: over prices from 1 to 6 its spread is far wider than the seeds' interval at 2.5.
    const spend = table.find((l) => l.startsWith('AI spend'))!;
    const [seedsOnly, withAssumptions] = [...spend.matchAll(/\[[^\]]+\]/g)].map((m) => interval(m[0]));
    expect(withAssumptions[1] - withAssumptions[0]).toBeGreaterThan(3 * (seedsOnly[1] - seedsOnly[0]));
    const summary = JSON.parse(readFileSync(join(out, 'meshclaw', 'summary.json'), 'utf8'));
    expect(summary.particles).toHaveLength(12);
    expect(new Set(summary.particles).size).toBe(3);
    expect(JSON.parse(readFileSync(join(out, 'baseline', 'summary.json'), 'utf8')).particles).toEqual(summary.particles);
    const { whole, withAssumptions: wider } = summary.metrics.spend;
    expect(wider.whole.hi - wider.whole.lo).toBeGreaterThan(whole.hi - whole.lo);
    // Real output does not depend on the price: the same runs' output, whatever the particle.
    expect(summary.metrics.realOutput.withAssumptions.whole.mean).toBeCloseTo(summary.metrics.realOutput.whole.mean, 6);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('<th>With the assumptions uncertain [95%]</th>');
    expect(report).toContain('drawing its parameters from a posterior');
  });

  it.each([
    ['a file that does not exist', join(dir, 'nowhere.csv'), /--posterior: .*nowhere\.csv does not exist/],
    ['an unknown parameter', 'weight,aiTool.pricePerMillionToken\n1,2\n', /aiTool\.pricePerMillionToken: is not a parameter of the model; did you mean "aiTool\.pricePerMillionTokens"\?/],
    ['a negative weight', 'weight,aiTool.pricePerMillionTokens\n-2,2\n', /weight \(line 2\): "-2" is not a weight/],
  ])('refuses %s in one line, writing nothing', async (_, content, message) => {
    let file = content;
    if (content.includes('\n')) {
      file = join(dir, `bad-${Math.abs(content.length)}.csv`);
      writeFileSync(file, content);
    }
    const out = join(dir, `never-${Math.abs(content.length)}`);
    const result = await goodhart(['compare', 'scenarios/baseline.yaml', 'scenarios/meshclaw.yaml', ...SMALL, '--posterior', file, '--out', out]);
    expect(result.status).not.toBe(0);
    const line = oneErrorLine(result.stderr);
    expect(line).toMatch(message);
    expect(line.length).toBeLessThanOrEqual(300 + 'goodhart: error: '.length);
    expect(existsSync(out)).toBe(false);
  });
});
