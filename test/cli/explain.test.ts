import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodhart, lines, oneErrorLine, REPO } from './goodhart.ts';
import { KEY_OUTCOMES } from '../../src/index.ts';

const MESHCLAW = 'scenarios/meshclaw.yaml';
const BASELINE = 'scenarios/baseline.yaml';
const SMALL = ['--agents', '150', '--weeks', '20', '--seeds', '3'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-explain-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, string>;
/** Our CSV files here hold no quoted fields (no value has a comma), so a line splits on commas. */
function csv(text: string): Row[] {
  expect(text).not.toContain('"');
  const [head, ...body] = lines(text).map((l) => l.split(','));
  return body.map((cells) => Object.fromEntries(head.map((h, c) => [h, cells[c]])));
}

// One at a time: each command starts worker threads, and the machine has two cores.
describe('goodhart explain', () => {
  it('prints a block per outcome whose contributions add up to the difference, and writes the csv files, charts and page', async () => {
    const out = join(dir, 'full');
    const result = await goodhart(['explain', MESHCLAW, '--against', BASELINE, ...SMALL, '--workers', '1', '--charts', 'svg', '--out', out]);
    expect(result.status).toBe(0);
    const stdout = lines(result.stdout);
    expect(stdout[0]).toBe('meshclaw − baseline: exact Shapley values (every combination of components run)');
    expect(stdout[1]).toBe('components: review, quota, leaderboard, deployment');
    expect(stdout[2]).toMatch(/^48 runs; 3 seeds \(1–3\), paired/);
    expect(stdout.filter((l) => /^ {2}sum /.test(l))).toHaveLength(KEY_OUTCOMES.length);
    expect(result.stderr).toMatch(/explain: 4 components, every combination \(16\) × 3 seeds = 48 runs/);
    expect(result.stderr).toMatch(/48\/48 runs \(100%\)/);

    const rows = csv(readFileSync(join(out, 'attribution.csv'), 'utf8'));
    expect(rows).toHaveLength(4 * KEY_OUTCOMES.length);
    // Without --posterior, no second interval anywhere.
    expect(Object.keys(rows[0]).filter((c) => c.includes('with_assumptions'))).toEqual([]);
    expect(stdout[3]).toBe('');
    for (const outcome of KEY_OUTCOMES) {
      const mine = rows.filter((r) => r.outcome === outcome.key);
      expect(mine.map((r) => r.component)).toEqual(['review', 'quota', 'leaderboard', 'deployment']);
      const total = mine.reduce((s, r) => s + Number(r.shapley), 0);
      const difference = Number(mine[0].difference);
      expect(Math.abs(total - difference)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(mine[0].against)), Math.abs(Number(mine[0].scenario))));
      expect(Number(mine[0].scenario) - Number(mine[0].against)).toBeCloseTo(difference, 6);
      expect(Number(mine[0].efficiency_gap)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(mine[0].scenario))));
    }
    const pairs = csv(readFileSync(join(out, 'interactions.csv'), 'utf8'));
    expect(pairs).toHaveLength(6 * KEY_OUTCOMES.length);

    const charts = readdirSync(join(out, 'charts')).sort();
    expect(charts).toEqual(KEY_OUTCOMES.flatMap((o) => [`waterfall-${o.key}.svg`, `waterfall-${o.key}.vl.json`]).sort());
    expect(readFileSync(join(out, 'charts', 'waterfall-incidents.svg'), 'utf8')).toContain('Incidents: baseline → meshclaw');
    const html = readFileSync(join(out, 'explain.html'), 'utf8');
    expect(html).toContain('<title>Explaining meshclaw − baseline</title>');
    // The page says what the command line prints: each outcome's heading, the alone column, the notes.
    const headings = stdout.filter((l) => / → meshclaw .*, difference /.test(l));
    expect(headings).toHaveLength(KEY_OUTCOMES.length);
    for (const h of headings) expect(html).toContain(h.replaceAll('&', '&amp;'));
    expect(html.match(/<th>Alone \[95% interval\]<\/th>/g)).toHaveLength(KEY_OUTCOMES.length);
    expect(html).not.toContain('With the assumptions uncertain');
    const notes = stdout.filter((l) => l.startsWith('  note: ')).map((l) => l.slice('  note: '.length));
    for (const n of notes) expect(html).toContain(`Note: ${n.replaceAll('&', '&amp;')}`);
    // Differences of shares are in points, never percent.
    const trustBlock = html.slice(html.indexOf('data-outcome="trust"'), html.indexOf('</table>', html.indexOf('data-outcome="trust"')));
    expect(trustBlock).toMatch(/ pts/);
    expect(trustBlock).not.toMatch(/\d\.\d%/);
  });

  it('writes byte-identical results with 1 and 2 workers', async () => {
    const run = async (workers: string) => {
      const out = join(dir, `workers-${workers}`);
      const result = await goodhart(['explain', MESHCLAW, '--against', BASELINE, ...SMALL, '--workers', workers, '--charts', 'none', '--no-report', '--quiet', '--out', out]);
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('');
      return { stdout: result.stdout, csv: readFileSync(join(out, 'attribution.csv'), 'utf8'), pairs: readFileSync(join(out, 'interactions.csv'), 'utf8') };
    };
    const one = await run('1');
    const two = await run('2');
    expect(two).toEqual(one);
    expect(existsSync(join(dir, 'workers-1', 'charts'))).toBe(false);
  }, 120_000);

  it('--components groups blocks under a name', async () => {
    const out = join(dir, 'grouped');
    const result = await goodhart(['explain', MESHCLAW, '--against', BASELINE, ...SMALL, '--components', 'incentives=quota+leaderboard', '--workers', '1', '--charts', 'none', '--no-report', '--quiet', '--out', out]);
    expect(result.status).toBe(0);
    expect(lines(result.stdout)[1]).toBe('components: incentives = policies.quota + policies.leaderboard, review, deployment');
    const rows = csv(readFileSync(join(out, 'attribution.csv'), 'utf8')).filter((r) => r.outcome === 'spend');
    expect(rows.map((r) => [r.component, r.blocks])).toEqual([
      ['incentives', 'policies.quota+policies.leaderboard'],
      ['review', 'policies.review'],
      ['deployment', 'policies.deployment'],
    ]);
  });

  it('above 8 components: sampled orders, with the sampling error in its own column and still adding up', async () => {
    const nine = join(dir, 'nine.yaml');
    const blocks = 'population: { teamSize: 10 }\nbehaviour: { contagion: 0.5 }\naiTool: { pricePerMillionTokens: 3 }\nincidents: { aiDefectMultiple: 2 }\npeople: { trustLoss: 1.5 }\n';
    writeFileSync(nine, `name: nine\nextends: ${join(REPO, MESHCLAW)}\n${blocks}`);
    const out = join(dir, 'nine');
    const result = await goodhart(['explain', nine, '--allow-outside', '--against', BASELINE, '--agents', '60', '--weeks', '12', '--seeds', '2', '--permutations', '8', '--workers', '1', '--charts', 'none', '--no-report', '--quiet', '--out', out]);
    expect(result.status).toBe(0);
    const stdout = lines(result.stdout);
    expect(stdout[0]).toMatch(/^nine − baseline: sampled Shapley values \(8 random orders of the components per seed/);
    expect(stdout[1]).toBe('components: review, quota, leaderboard, deployment, population, behaviour, aiTool, incidents, people');
    expect(stdout.filter((l) => /^ {2}component +contribution +95% interval +± sampling +alone$/.test(l))).toHaveLength(KEY_OUTCOMES.length);
    const rows = csv(readFileSync(join(out, 'attribution.csv'), 'utf8'));
    expect(new Set(rows.map((r) => r.method))).toEqual(new Set(['sampled']));
    const spend = rows.filter((r) => r.outcome === 'spend');
    expect(spend.some((r) => Number(r.sampling_se) > 0)).toBe(true);
    const total = spend.reduce((sum, r) => sum + Number(r.shapley), 0);
    expect(Math.abs(total - Number(spend[0].difference))).toBeLessThanOrEqual(1e-9 * Number(spend[0].scenario));
  }, 120_000);

  it('refuses identical scenarios, an unknown component, different horizons and a bad count, writing nothing', async () => {
    const longer = join(dir, 'longer.yaml');
    writeFileSync(longer, `name: longer\nextends: ${join(REPO, MESHCLAW)}\nweeks: 40\n`);
    const cases: [string[], RegExp][] = [
      [[BASELINE, '--against', BASELINE], /baseline and baseline do not differ in any simulated block/],
      [[MESHCLAW, '--against', BASELINE, '--components', 'x=quota+leaderbord'], /"leaderbord" is not a component \(did you mean "leaderboard"\?\); the scenarios differ in: review, quota, leaderboard, deployment/],
      [[longer, '--against', BASELINE, '--allow-outside'], /baseline runs 52 weeks and longer 40/],
      [[MESHCLAW, '--against', BASELINE, '--permutations', '0'], /--permutations must be a whole number from 1 to 10000, got 0/],
    ];
    await Promise.all(
      cases.map(async ([args, message], k) => {
        const out = join(dir, `refused-${k}`);
        const result = await goodhart(['explain', ...args, '--agents', '150', '--seeds', '2', '--out', out]);
        expect(result.status).toBe(2);
        expect(oneErrorLine(result.stderr)).toMatch(message);
        expect(result.stdout).toBe('');
        expect(existsSync(out)).toBe(false);
      }),
    );
  });
});
