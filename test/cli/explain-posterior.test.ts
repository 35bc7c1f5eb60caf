import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_OUTCOMES } from '../../src/index.ts';
import { goodhart, lines, oneErrorLine } from './goodhart.ts';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-explain-posterior-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PRICE = 'aiTool.pricePerMillionTokens';
/** A posterior on the token price, from 1 to 6 dollars per million: spend moves with it. */
const PRICES = `weight,${PRICE}\n1,1\n1,2.5\n1,6\n`;
const EXPLAIN = ['explain', 'scenarios/meshclaw.yaml', '--against', 'scenarios/baseline.yaml', '--agents', '150', '--weeks', '10'];

type Row = Record<string, string>;
/** Our CSV files here hold no quoted fields (no value has a comma), so a line splits on commas. */
function csv(text: string): Row[] {
  const [head, ...body] = lines(text).map((l) => l.split(','));
  return body.map((cells) => Object.fromEntries(head.map((h, c) => [h, cells[c]])));
}

describe('goodhart explain --posterior', () => {
  it('gives each contribution a second interval, with the parameters drawn from the posterior, in the table, attribution.csv and explain.html', async () => {
    const folder = join(dir, 'calibration');
    mkdirSync(folder);
    writeFileSync(join(folder, 'posterior.csv'), PRICES);
    const out = join(dir, 'out');
    const result = await goodhart([...EXPLAIN, '--seeds', '6', '--posterior', folder, '--workers', '2', '--charts', 'none', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/every combination \(16\) × 6 seeds × 2 \(the scenarios' own parameters, then the posterior's\) = 192 runs/);
    const stdout = lines(result.stdout);
    expect(stdout[2]).toMatch(/^192 runs; 6 seeds/);
    expect(stdout[3]).toMatch(/^"with assumptions": every combination also ran with each seed's parameters drawn from the posterior/);
    expect(stdout.filter((l) => /^ {2}component +contribution +95% interval +with assumptions +alone$/.test(l))).toHaveLength(KEY_OUTCOMES.length);
    expect(stdout.filter((l) => / → meshclaw .*, difference .*; with assumptions \[/.test(l))).toHaveLength(KEY_OUTCOMES.length);

    const rows = csv(readFileSync(join(out, 'attribution.csv'), 'utf8'));
    expect(rows).toHaveLength(4 * KEY_OUTCOMES.length);
    const width = (r: Row, prefix: string) => Number(r[`${prefix}_hi`]) - Number(r[`${prefix}_lo`]);
    for (const r of rows) {
      // Never narrower than the seeds' interval at the scenarios' own parameters (a hair of rounding aside).
      expect(width(r, 'shapley_with_assumptions')).toBeGreaterThanOrEqual(width(r, 'shapley') - 1e-9 * Math.abs(Number(r.scenario)));
      expect(Number(r.shapley_with_assumptions_lo)).toBeLessThanOrEqual(Number(r.shapley_with_assumptions));
      expect(Number(r.shapley_with_assumptions_hi)).toBeGreaterThanOrEqual(Number(r.shapley_with_assumptions));
      expect(width(r, 'difference_with_assumptions')).toBeGreaterThanOrEqual(width(r, 'difference') - 1e-9 * Math.abs(Number(r.scenario)));
    }
    // The quota's extra spend is tokens bought at the price drawn: far wider once the price is uncertain.
    const quotaSpend = rows.find((r) => r.outcome === 'spend' && r.component === 'quota')!;
    expect(width(quotaSpend, 'shapley_with_assumptions')).toBeGreaterThan(2 * width(quotaSpend, 'shapley'));
    // Real output does not depend on the price: the drawn runs' mean is the central one.
    for (const r of rows.filter((r) => r.outcome === 'realOutput')) expect(Number(r.shapley_with_assumptions)).toBeCloseTo(Number(r.shapley), 9);

    const html = readFileSync(join(out, 'explain.html'), 'utf8');
    // One column per outcome's attribution, and one in the table of differences.
    expect(html.match(/<th>With the assumptions uncertain \[95%\]<\/th>/g)).toHaveLength(KEY_OUTCOMES.length + 1);
    expect(html).toContain("Every combination also ran with each seed's parameters drawn from a posterior");
  });

  it.each([
    ['a file that does not exist', join(dir, 'nowhere.csv'), /--posterior: .*nowhere\.csv does not exist/],
    ['an unknown parameter', `weight,${PRICE}s\n1,2\n`, /aiTool\.pricePerMillionTokenss: is not a parameter of the model; did you mean "aiTool\.pricePerMillionTokens"\?/],
    ['a particle no scenario can take', `weight,${PRICE}\n1,2\n1,-5\n`, /aiTool\.pricePerMillionTokens/],
  ])('refuses %s in one line, writing nothing', async (_, content, message) => {
    let file = content;
    if (content.includes('\n')) {
      file = join(dir, `bad-${content.length}.csv`);
      writeFileSync(file, content);
    }
    const out = join(dir, `never-${content.length}`);
    const result = await goodhart([...EXPLAIN, '--seeds', '40', '--posterior', file, '--charts', 'none', '--out', out]);
    expect(result.status).not.toBe(0);
    const line = oneErrorLine(result.stderr);
    expect(line).toMatch(message);
    expect(line.length).toBeLessThanOrEqual(300);
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
