import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/index.ts';
import { buildReport } from '../../src/report/build.ts';
import { reportHtml } from '../../src/report/html.ts';
import { summarySentences } from '../../src/report/summary.ts';
import { bundled } from '../helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED: the report's browser test needs ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`);

const small = ['agents=300', 'weeks=20'];
/** Where CI keeps what a person should look at. */
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'out', 'test-artifacts');
const results = ['baseline', 'meshclaw', 'guarded-deploys'].map((name) => runScenario(bundled(name, small), { seeds: 3, snapshot: true }));
const built = buildReport(results, 'test');
const html = reportHtml(built.report);
const folder = mkdtempSync(join(tmpdir(), 'goodhart-report-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('report', () => {
  it('has a chart slot per chart: 8 per scenario and 2 across scenarios', () => {
    const slots = html.match(/<div id="chart-\d+" class="vega"/g) ?? [];
    expect(slots).toHaveLength(8 * 3 + 2);
  });

  it('heads the side-by-side charts only when there are some', () => {
    expect(html.match(/<h2>Side by side<\/h2>/g)).toHaveLength(1);
    expect(reportHtml({ ...built.report, sideBySide: [] })).not.toContain('Side by side');
  });

  it('needs no network: every script is inline, no external source is referenced', () => {
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href="http/);
  });

  it('opens with a summary that answers: a verdict, a sentence per scenario with intervals, a ranking', () => {
    const sentences = summarySentences(built.report.differences, built.report.outcomes);
    expect(sentences).toHaveLength(3);
    expect(sentences[0]).toMatch(/^(Best overall: \S+\. Against baseline it is better on \d of the 5 outcomes that decide|None beats baseline overall)/);
    // meshclaw spends far more than baseline: a clear, worse difference with its interval.
    expect(sentences[1]).toMatch(/^meshclaw against baseline: .*worse on .*AI spend \+\$[\d.]+[kM] \[\+\$[\d.]+[kM], \+\$[\d.]+[kM]\]/);
    for (const s of sentences) {
      expect(html).toContain(s.replaceAll('&', '&amp;').slice(0, 40));
      expect(s).not.toMatch(/[−±]0\.0\b|±0/);
    }
    expect(html).toContain('Best to worst for the organisation');
    expect(html).toMatch(/<td data-label="Best to worst">[^<]*(baseline|meshclaw|guarded-deploys)[^<]*(&gt;|≈)/);
  });

  it('draws the scenarios side by side on shared scales: equal heights mean equal values', () => {
    // The token panel of each scenario's first chart: its y domain, and the extent of its band.
    const panels = results.map((r) => {
      const panel = (built.scenarios.get(r.scenario.name)!['output-tokens'] as unknown as { vconcat: { data: { values: { lo: number; hi: number }[] }; layer: { encoding: { y: { scale?: { domain: number[] } } } }[] }[] }).vconcat[1];
      const values = panel.data.values;
      return { domain: panel.layer[1].encoding.y.scale?.domain, lowest: Math.min(...values.map((v) => v.lo)), highest: Math.max(...values.map((v) => v.hi)) };
    });
    const lowest = Math.min(0, ...panels.map((p) => p.lowest));
    const highest = Math.max(...panels.map((p) => p.highest));
    // meshclaw burns several times baseline's tokens: scaled on their own, the two panels would look alike.
    expect(highest).toBeGreaterThan(2 * panels[0].highest);
    for (const p of panels) expect(p.domain).toEqual([lowest, highest]);
  });

  it('has a section per scenario with its description', () => {
    for (const r of results) {
      expect(html).toContain(`id="scenario-${r.scenario.name}"`);
      expect(html).toContain(r.scenario.description.replaceAll('"', '&quot;'));
    }
  });

  it.skipIf(!hasChromium)('renders every chart in headless Chromium with no console errors', async () => {
    const { chromium } = await import('playwright-core');
    const file = join(folder, 'report.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      // Vega draws each chart as an <svg class="marks">.
      await page.waitForFunction(() => document.querySelectorAll('div.vega svg.marks').length === document.querySelectorAll('div.vega').length, null, { timeout: 30_000 });
      const drawn = await page.evaluate(() => [...document.querySelectorAll('div.vega')].map((d) => d.querySelectorAll('svg.marks path, svg.marks text').length));
      expect(drawn).toHaveLength(8 * 3 + 2);
      for (const marks of drawn) expect(marks).toBeGreaterThan(5);
      expect(errors).toEqual([]);
      // On a laptop's screen the scenarios' charts wrap onto more lines rather than run off the side.
      // On a phone (390 px) nothing runs off the side: tables stack, charts scale down to the width.
      for (const width of [1400, 900, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        const overflow = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth - window.innerWidth,
          perLine: Math.max(...[...document.querySelectorAll('.row')].map((r) => Math.round(r.getBoundingClientRect().width / (r.firstElementChild as HTMLElement).getBoundingClientRect().width))),
          widest: Math.max(...[...document.querySelectorAll('table, div.vega svg.marks, div.vega')].map((e) => e.getBoundingClientRect().right)),
          scrolled: [...document.querySelectorAll('div.vega, figure')].filter((e) => e.scrollWidth > e.clientWidth + 1).length,
        }));
        expect(overflow.page).toBeLessThanOrEqual(0);
        expect(overflow.perLine).toBe(width === 1400 ? 2 : 1);
        expect(overflow.widest).toBeLessThanOrEqual(width);
        expect(overflow.scrolled).toBe(0);
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, `report-${width}.png`) });
      }
    } finally {
      await browser.close();
    }
  });
});
