import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { goodhart, REPO } from '../cli/goodhart.ts';
import { buildPageInto, hasChromium, launchChromium, servePage } from './browser.ts';

if (!hasChromium) console.warn('SKIPPED: the workshop page tests need /usr/bin/chromium (apt-get install chromium; .ci/run installs it)');

/** Where CI keeps what a person should look at: the page as a projector would show it. */
const ARTIFACTS = join(REPO, 'out', 'test-artifacts');
const scratch = mkdtempSync(join(tmpdir(), 'goodhart-page-test-'));
let built: string;
let server: Server;
let url: string;
let browser: BrowserContext;
let page: Page;
/** Console errors and uncaught exceptions of every page opened (a CSP violation is one). */
const problems: string[] = [];

async function open(address: string): Promise<Page> {
  const p = await browser.newPage();
  p.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`));
  p.on('pageerror', (e) => problems.push(e.message));
  await p.goto(address);
  await waitForUpdates(p, { a: 0, b: 0 });
  return p;
}

type Side = 'a' | 'b';

async function updates(p: Page, side: Side): Promise<number> {
  return Number((await p.locator('#status').getAttribute(`data-${side}-updates`)) ?? 0);
}

/** Waits until each side given has redrawn more often than the count given. */
async function waitForUpdates(p: Page, after: Partial<Record<Side, number>>): Promise<void> {
  await p.waitForFunction(
    (after) => Object.entries(after).every(([side, n]) => Number(document.getElementById('status')!.dataset[`${side}Updates`] ?? 0) > (n as number)),
    after,
    { timeout: 60_000 },
  );
}

/** The exact values behind a side's headline numbers (and B − A's), by element id. */
async function figures(p: Page, box: 'a' | 'b' | 'diff'): Promise<Record<string, number>> {
  return p.evaluate(
    (box) => Object.fromEntries([...document.querySelectorAll<HTMLElement>(`#${box}-figures [data-value]`)].map((e) => [e.id, Number(e.dataset.value)])),
    box,
  );
}

/** The drawn lines of a side's chart (the output and tokens chart: output first, tokens second). */
async function linePaths(p: Page, side: Side): Promise<string[]> {
  return p.evaluate((side) => [...document.querySelectorAll(`#${side}-chart .mark-line path`)].map((e) => e.getAttribute('d') ?? ''), side);
}

beforeAll(async () => {
  if (!hasChromium) return;
  built = await buildPageInto();
  ({ server, url } = await servePage(built));
  browser = await launchChromium();
  page = await open(url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
  if (built) rmSync(built, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('the workshop page, end to end in Chromium', () => {
  it('opens on baseline against meshclaw, and looks fit for a projector', async () => {
    expect(await page.locator('#a-preset').inputValue()).toBe('baseline');
    expect(await page.locator('#b-preset').inputValue()).toBe('meshclaw');
    const a = await figures(page, 'a');
    const b = await figures(page, 'b');
    // meshclaw burns tokens for the metric and spends more; baseline hardly games at all.
    expect(b['b-gamingShare']).toBeGreaterThan(0.2);
    expect(a['a-gamingShare']).toBeLessThan(0.05);
    expect(b['b-spend']).toBeGreaterThan(2 * a['a-spend']);
    expect(await page.locator('#diff-spend').getAttribute('data-verdict')).toBe('worse');
    expect(await linePaths(page, 'a')).toHaveLength(2);

    const style = await page.evaluate(() => {
      const css = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        body: parseFloat(css('body').fontSize),
        figure: parseFloat(css('#b-realOutput').fontSize),
        help: parseFloat(css('.help').fontSize),
        ink: css('body').color,
        paper: css('html').backgroundColor,
        a: css('#a-title').color,
        b: css('#b-title').color,
        chartTitle: Math.max(...[...document.querySelectorAll('#a-chart text')].map((t) => parseFloat(t.getAttribute('font-size') ?? '0'))),
      };
    });
    expect(style.body).toBeGreaterThanOrEqual(18);
    expect(style.figure).toBeGreaterThanOrEqual(28);
    expect(style.help).toBeGreaterThanOrEqual(14);
    expect(style.chartTitle).toBeGreaterThanOrEqual(18);
    expect([style.ink, style.paper]).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    // The Okabe-Ito colours of src/charts/theme.ts: A bluish green, B reddish purple (blue and vermillion say better and worse).
    expect([style.a, style.b]).toEqual(['rgb(0, 158, 115)', 'rgb(204, 121, 167)']);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'workshop-page.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'workshop-page-full.png'), fullPage: true });
  });

  it('draws A and B on shared scales: the same axes although meshclaw burns several times the tokens', async () => {
    const axisLabels = (side: string) => page.evaluate((side) => [...document.querySelectorAll(`#${side}-chart .role-axis-label text`)].map((t) => t.textContent), side);
    const a = await axisLabels('a');
    expect(a.length).toBeGreaterThan(10);
    expect(await axisLabels('b')).toEqual(a);
  });

  it('moving the quota slider with the keyboard re-runs B: the tokens chart and the headline numbers change, A stays', async () => {
    const before = { a: await figures(page, 'a'), b: await figures(page, 'b'), lines: await linePaths(page, 'b'), n: await updates(page, 'b') };
    const slider = page.getByLabel('Quota target').nth(1);
    expect(await slider.getAttribute('id')).toBe('b-policies-quota-target');
    await slider.focus();
    await page.keyboard.press('End');
    await waitForUpdates(page, { b: before.n });
    expect(await page.locator('#b-policies-quota-target-value').textContent()).toBe('200 M tokens');
    const after = { a: await figures(page, 'a'), b: await figures(page, 'b'), lines: await linePaths(page, 'b') };
    expect(after.lines[1]).not.toBe(before.lines[1]);
    expect(after.b['b-spend']).toBeGreaterThan(1.5 * before.b['b-spend']);
    expect(after.b['b-gamingShare']).toBeGreaterThan(before.b['b-gamingShare']);
    expect(after.a).toEqual(before.a);
    expect(new URL(page.url()).searchParams.get('b.policies.quota.target')).toBe('200000000');
  });

  it('drops superseded runs while a slider is dragged, and shows the last position', async () => {
    const n = await updates(page, 'b');
    const dropped = Number((await page.locator('#status').getAttribute('data-b-dropped')) ?? 0);
    const moves = 30;
    await page.evaluate((moves) => {
      const input = document.getElementById('b-policies-quota-coverage') as HTMLInputElement;
      for (let k = 0; k <= moves; k++) {
        input.value = String((k % 20) * 0.05);
        input.dispatchEvent(new Event('input'));
      }
    }, moves);
    await waitForUpdates(page, { b: n });
    await page.waitForFunction(() => document.getElementById('b-panel')!.getAttribute('aria-busy') === 'false');
    await page.waitForTimeout(1000);
    expect(await updates(page, 'b')).toBeLessThanOrEqual(n + 2);
    expect(Number(await page.locator('#status').getAttribute('data-b-dropped'))).toBeGreaterThanOrEqual(dropped + moves - 2);
    expect(await page.locator('#b-policies-quota-coverage-value').textContent()).toBe('50%');
    expect(new URL(page.url()).searchParams.get('b.policies.quota.coverage')).toBe('0.5');
  });

  it('a shared link reproduces exactly the numbers on screen', async () => {
    const other = await open(page.url());
    try {
      for (const box of ['a', 'b', 'diff'] as const) expect(await figures(other, box)).toEqual(await figures(page, box));
      expect(await other.locator('#b-policies-quota-target-value').textContent()).toBe('200 M tokens');
    } finally {
      await other.close();
    }
  });

  it('names a changed preset "(modified)" everywhere: menu, description, chart title and exported file', async () => {
    expect(await page.locator('#b-preset option:checked').textContent()).toBe('meshclaw (modified)');
    expect(await page.locator('#b-description').textContent()).toMatch(/^meshclaw \(modified\): Quota target 25 M tokens → 200 M tokens; Quota coverage 80% → 50%\. meshclaw was: /);
    const titles = await page.evaluate(() => [...document.querySelectorAll('#b-chart text')].map((t) => t.textContent));
    expect(titles).toContain('meshclaw (modified): real output and token use');
    // A is untouched: its own name.
    expect(await page.locator('#a-preset option:checked').textContent()).toBe('baseline');
  });

  it('exports a scenario that goodhart run reproduces to the same final-week real output', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#b-export')]);
    expect(download.suggestedFilename()).toBe('meshclaw-modified.yaml');
    const file = join(scratch, download.suggestedFilename());
    await download.saveAs(file);
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toMatch(/^# {3}goodhart run meshclaw-modified\.yaml --seed 1 --seeds 1$/m);
    expect(yaml).toMatch(/^ {4}target: 200000000$/m);
    expect(yaml).not.toMatch(/^extends:/m);
    // The file says it is not the preset, and what changed.
    const parsed = parseYaml(yaml) as { name: string; description: string };
    expect(parsed.name).toBe('meshclaw-modified');
    expect(parsed.description).toMatch(/^meshclaw \(modified\): Quota target 25 M tokens → 200 M tokens; Quota coverage 80% → 50%\./);

    const out = join(scratch, 'run');
    const run = await goodhart(['run', file, '--seed', '1', '--seeds', '1', '--out', out, '--charts', 'none', '--no-report', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'meshclaw-modified', 'summary.json'), 'utf8'));
    const shown = await figures(page, 'b');
    expect(shown['b-finalOutput']).toBeGreaterThan(0);
    expect(summary.metrics.realOutput.final.mean).toBeCloseTo(shown['b-finalOutput'], 9);
    expect(summary.metrics.realOutput.whole.mean / shown['b-realOutput']).toBeCloseTo(1, 12);
    expect(summary.metrics.spend.whole.mean / shown['b-spend']).toBeCloseTo(1, 12);
  });

  it('loads a preset: its description, its numbers and the address change', async () => {
    const n = await updates(page, 'b');
    const before = await figures(page, 'b');
    await page.selectOption('#b-preset', 'guarded-deploys');
    await waitForUpdates(page, { b: n });
    expect(await page.locator('#b-description').textContent()).toBe('Meshclaw with mandatory human review of bot changes and canary releases.');
    expect(await page.locator('#b-policies-deployment-canary-value').textContent()).toBe('80%');
    // The preset replaces the edits: the quota is meshclaw's again.
    expect(await page.locator('#b-policies-quota-target-value').textContent()).toBe('25 M tokens');
    expect(await figures(page, 'b')).not.toEqual(before);
    const params = new URL(page.url()).searchParams;
    expect(params.get('b')).toBe('guarded-deploys');
    expect(params.get('b.policies.quota.target')).toBeNull();
  });

  it.each([
    ['a value out of range', 'name: broken\npolicies:\n  quota:\n    enabled: true\n    coverage: 3\n'],
    ['a misspelt field', 'name: broken\npolicies:\n  qouta:\n    enabled: true\n'],
    ['a YAML syntax error', 'name: broken\npolicies: [\n  quota\n'],
  ])('imports a file with %s: the command line message in the page, the last numbers kept', async (_, text) => {
    const dir = mkdtempSync(join(scratch, 'import-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, text);
    const cli = await goodhart(['validate', file]);
    expect(cli.status).toBe(1);
    const expected = cli.stderr.trim().replace(`goodhart: error: ${dir}/`, '');
    expect(expected).toMatch(/^broken\.yaml: /);

    const before = await figures(page, 'a');
    await page.setInputFiles('#a-import', { name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
    const error = page.locator('#a-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toBe(expected);
    expect(await figures(page, 'a')).toEqual(before);
    // Picking a preset clears the message.
    const n = await updates(page, 'a');
    await page.selectOption('#a-preset', 'baseline');
    await waitForUpdates(page, { a: n });
    expect(await error.isHidden()).toBe(true);
  });

  it('imports a valid file that extends a bundled scenario', async () => {
    const n = await updates(page, 'a');
    const text = 'name: half-quota\nextends: meshclaw.yaml\npolicies:\n  quota:\n    target: 12500000\n';
    await page.setInputFiles('#a-import', { name: 'half-quota.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
    await waitForUpdates(page, { a: n });
    expect(await page.locator('#a-preset option:checked').textContent()).toBe('imported: half-quota');
    expect(await page.locator('#a-policies-quota-target-value').textContent()).toBe('12.5 M tokens');
    // meshclaw's leaderboard came through extends.
    expect(await page.locator('#a-policies-leaderboard-enabled').isChecked()).toBe(true);
    const other = await open(page.url());
    try {
      expect(await figures(other, 'a')).toEqual(await figures(page, 'a'));
    } finally {
      await other.close();
    }
  });

  it('plays the weeks at about 2 s a year, with pause and step', async () => {
    await page.selectOption('#a-preset', 'baseline');
    const whole = await figures(page, 'b');
    const label = page.locator('#week');
    expect(await label.textContent()).toBe('All 52 weeks');
    const started = Date.now();
    await page.click('#play');
    await page.waitForFunction(() => /^Week \d+ of 52$/.test(document.getElementById('week')!.textContent ?? ''));
    await page.waitForFunction(() => document.getElementById('week')!.textContent === 'All 52 weeks', null, { timeout: 30_000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1800);
    expect(elapsed).toBeLessThan(15_000);

    await page.click('#play');
    await page.waitForTimeout(600);
    await page.click('#play');
    const paused = await label.textContent();
    const week = Number(/^Week (\d+) of 52$/.exec(paused ?? '')?.[1]);
    expect(week).toBeGreaterThan(1);
    expect(week).toBeLessThan(52);
    await page.waitForTimeout(500);
    expect(await label.textContent()).toBe(paused);
    // Part of a year: less output so far than in the whole run.
    expect((await figures(page, 'b'))['b-realOutput']).toBeLessThan(whole['b-realOutput']);
    await page.click('#step');
    expect(await label.textContent()).toBe(`Week ${week + 1} of 52`);
    await page.click('#whole');
    expect(await label.textContent()).toBe('All 52 weeks');
    await page.waitForFunction((v) => Number(document.getElementById('b-realOutput')!.dataset.value) === v, whole['b-realOutput']);
  });

  it('explains B − A: a waterfall of the blocks in which meshclaw differs, adding up to the difference shown', async () => {
    await page.selectOption('#b-preset', 'meshclaw');
    await page.waitForFunction(() => document.getElementById('b-panel')!.getAttribute('aria-busy') === 'false');
    await page.click('#explain-button');
    const chart = page.locator('#explain-chart');
    await page.waitForFunction(() => document.getElementById('explain-chart')!.querySelectorAll('.mark-rect path').length > 0, null, { timeout: 60_000 });
    expect(await page.locator('#explain-status').textContent()).toBe('16 runs; 4 blocks differ: review, quota, leaderboard, deployment. The steps add up to B − A.');
    expect(await chart.getAttribute('data-components')).toBe('review,quota,leaderboard,deployment');
    const difference = Number(await chart.getAttribute('data-difference'));
    expect(Number(await chart.getAttribute('data-sum'))).toBeCloseTo(difference, 6);
    expect(difference).toBeCloseTo(Number(await page.locator('#diff-realOutput').getAttribute('data-value')), 6);
    await page.click('#explain-outcomes button[data-outcome="spend"]');
    await page.waitForFunction(() => document.getElementById('explain-chart')!.dataset.outcome === 'spend');
    expect(Number(await chart.getAttribute('data-difference'))).toBeCloseTo(Number(await page.locator('#diff-spend').getAttribute('data-value')), 3);
    // A change to B makes the explanation one of something no longer on screen: it goes.
    await page.selectOption('#b-preset', 'quota-only');
    expect(await chart.isHidden()).toBe(true);
  });

  it('keeps a link asking for more than the page allows within its limits, and says so', async () => {
    const p = await open(`${url}?a=baseline&a.agents=50&a.weeks=100000&b=meshclaw&b.agents=1000000&b.weeks=10`);
    try {
      const notes = await p.locator('#notes').textContent();
      expect(notes).toContain("A: weeks: 100,000 is over this page's limit; using 520");
      expect(notes).toContain("B: agents: 1,000,000 is over this page's limit; using 10,000");
      expect(await p.locator('#b-agents-value').textContent()).toBe('10,000');
      expect(await p.locator('#a-weeks-value').textContent()).toBe('520');
      expect(await p.locator('#week').textContent()).toBe('All 520 weeks');
    } finally {
      await p.close();
    }
  });

  it("opens with B's first run on A's worker, unless A's first run is large: then B's numbers need not wait for it", async () => {
    // A: 10,000 engineers × 200 weeks, seconds of running; B: 50 engineers, a moment in a worker of its own.
    const p = await browser.newPage();
    try {
      await p.goto(`${url}?a=baseline&a.agents=10000&a.weeks=200&b=meshclaw&b.agents=50`);
      await p.waitForFunction(() => document.getElementById('status')!.dataset.bNumbers !== undefined, undefined, { timeout: 60_000 });
      expect(await p.locator('#status').getAttribute('data-a-numbers')).toBeNull();
      expect(p.workers()).toHaveLength(2);
      await waitForUpdates(p, { a: 0, b: 0 });
    } finally {
      await p.close();
    }
  });

  it('keeps to the lower limits a server sets', async () => {
    const strict = await servePage(built, { maxAgents: 2000, maxWeeks: 104, maxSeeds: 2 });
    try {
      const p = await open(`${strict.url}?b=meshclaw&b.agents=5000&seeds=9`);
      const notes = await p.locator('#notes').textContent();
      expect(notes).toContain("B: agents: 5,000 is over this page's limit; using 2,000");
      expect(notes).toContain("seeds: 9 is over this page's limit; using 2");
      expect(await p.locator('#b-agents').getAttribute('max')).toBe('2000');
      expect(await p.locator('#b-weeks').getAttribute('max')).toBe('104');
      expect(await p.locator('#seeds').inputValue()).toBe('2');
      await p.close();
    } finally {
      strict.server.close();
    }
  });

  it('works opened straight from its folder (file://), with no server', async () => {
    const p = await open(`file://${join(built, 'index.html')}?b=quota-only&b.agents=500`);
    try {
      expect(await p.locator('#b-preset').inputValue()).toBe('quota-only');
      expect(await p.locator('#b-agents-value').textContent()).toBe('500');
      expect((await figures(p, 'b'))['b-realOutput']).toBeGreaterThan(0);
      expect(await linePaths(p, 'b')).toHaveLength(2);
    } finally {
      await p.close();
    }
  });

  it('loads mathjs only for a scenario with an expression, and then gives the command line\'s numbers', async () => {
    const loadedMathjs = (p: Page) => p.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/mathjs/math.js')));
    expect(await loadedMathjs(page)).toBe(false);
    const coverage = 't >= 20 ? 0.5 : 0.8';
    const p = await open(`${url}?a=baseline&b=meshclaw&b.policies.quota.coverage=${encodeURIComponent(JSON.stringify(coverage))}`);
    try {
      expect(await loadedMathjs(p)).toBe(true);
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('#b-export')]);
      const file = join(scratch, `expression-${download.suggestedFilename()}`);
      await download.saveAs(file);
      expect(readFileSync(file, 'utf8')).toContain(coverage);
      const out = join(scratch, 'expression-run');
      const run = await goodhart(['run', file, '--seed', '1', '--seeds', '1', '--out', out, '--charts', 'none', '--no-report', '--quiet']);
      expect(run.stderr).toBe('');
      const summary = JSON.parse(readFileSync(join(out, 'meshclaw-modified', 'summary.json'), 'utf8'));
      const shown = await figures(p, 'b');
      expect(summary.metrics.realOutput.final.mean).toBeCloseTo(shown['b-finalOutput'], 9);
      expect(summary.metrics.spend.whole.mean / shown['b-spend']).toBeCloseTo(1, 12);

      // Opened from its folder, the worker starts from a blob: URL and has mathjs in its source.
      const folder = await open(`file://${join(built, 'index.html')}${new URL(p.url()).search}`);
      try {
        expect(await figures(folder, 'b')).toEqual(shown);
      } finally {
        await folder.close();
      }
    } finally {
      await p.close();
    }
  });

  it('logged no error and no Content-Security-Policy violation', () => {
    expect(problems).toEqual([]);
  });
});

/** Opens the page at a screen size, waiting for its first numbers. */
async function openAt(width: number, height: number, query = ''): Promise<Page> {
  const p = await browser.newPage();
  p.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`));
  p.on('pageerror', (e) => problems.push(e.message));
  await p.setViewportSize({ width, height });
  await p.goto(`${url}${query}`);
  await waitForUpdates(p, { a: 0, b: 0 });
  await p.waitForFunction(() => document.getElementById('diff')!.getAttribute('aria-busy') === 'false');
  return p;
}

/** Layout facts of the page as drawn: sideways scroll, what is in the viewport, text boxes that overlap. */
async function layout(p: Page) {
  return p.evaluate(() => {
    const box = (selector: string) => {
      const e = document.querySelector(selector);
      if (!e) return undefined;
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const visibleText = [
      ...document.querySelectorAll<HTMLElement>('h1, h2, .figure-label, .figure-value, .figure-unit, .lever-head label, .lever-head output, .panel-head > *, .diff-head > *, .tabs button, .toolbar button, .toolbar label, #week'),
    ].filter((e) => e.offsetParent !== null && e.getBoundingClientRect().width > 0);
    const overlaps: string[] = [];
    for (let i = 0; i < visibleText.length; i++) {
      for (let j = i + 1; j < visibleText.length; j++) {
        const [a, b] = [visibleText[i], visibleText[j]];
        if (a.contains(b) || b.contains(a)) continue;
        const [ra, rb] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) overlaps.push(`${a.id || a.className || a.tagName} × ${b.id || b.className || b.tagName}`);
      }
    }
    const firstLever = [...document.querySelectorAll<HTMLElement>('.controls:not([hidden]) input[type="range"]')][0];
    const lever = firstLever?.getBoundingClientRect();
    return {
      width: window.innerWidth,
      height: window.innerHeight,
      sideways: document.documentElement.scrollWidth - window.innerWidth,
      lever: lever && { top: lever.top, bottom: lever.bottom, left: lever.left, right: lever.right },
      figureA: box('#a-realOutput'),
      figureB: box('#b-trust'),
      difference: box('#diff-trust'),
      chart: box('#a-chart svg'),
      overlaps,
    };
  });
}

describe.skipIf(!hasChromium)('the workshop page on a projector and a phone', () => {
  it.each([
    [1280, 720],
    [1920, 1080],
  ])('at %i×%i: levers, headline numbers with B − A and a chart on screen together, no sideways scroll, no overlapping text', async (width, height) => {
    const p = await openAt(width, height);
    try {
      const l = await layout(p);
      expect(l.sideways).toBeLessThanOrEqual(0);
      for (const [name, b] of Object.entries({ lever: l.lever, figureA: l.figureA, figureB: l.figureB, difference: l.difference })) {
        expect(b, name).toBeDefined();
        expect(b!.top, name).toBeGreaterThanOrEqual(0);
        expect(b!.bottom, name).toBeLessThanOrEqual(height);
        expect(b!.right, name).toBeLessThanOrEqual(width);
      }
      // At least a good part of a chart (its title and its first axis) is on screen.
      expect(l.chart!.top).toBeLessThan(height - 200);
      expect(l.overlaps).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await p.screenshot({ path: join(ARTIFACTS, `workshop-page-${width}x${height}.png`) });
    } finally {
      await p.close();
    }
  });

  it('at 390×844 (a phone): everything stacks, no sideways scroll, no overlapping text', async () => {
    const p = await openAt(390, 844);
    try {
      const l = await layout(p);
      expect(l.sideways).toBeLessThanOrEqual(0);
      expect(l.overlaps).toEqual([]);
      expect(l.figureA!.right).toBeLessThanOrEqual(390);
      await p.screenshot({ path: join(ARTIFACTS, 'workshop-page-390x844.png'), fullPage: true });
    } finally {
      await p.close();
    }
  });

  it('shows a loading state from the first paint, never "All 0 weeks", and records how long the first numbers take', async () => {
    const p = await browser.newPage();
    try {
      await p.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const loading = document.getElementById('loading')!;
          (window as unknown as { firstPaint: object }).firstPaint = {
            loading: !loading.hidden && loading.textContent,
            week: document.getElementById('week')!.textContent,
            busy: document.getElementById('a-panel')!.getAttribute('aria-busy'),
          };
        });
      });
      const started = Date.now();
      await p.goto(url);
      await waitForUpdates(p, { a: 0, b: 0 });
      const firstNumbersMs = Date.now() - started;
      const first = await p.evaluate(() => (window as unknown as { firstPaint: { loading: string; week: string; busy: string } }).firstPaint);
      expect(first.loading).toMatch(/^Running the first simulations/);
      expect(first.week).toBe('Loading…');
      expect(first.busy).toBe('true');
      expect(await p.locator('#loading').isHidden()).toBe(true);
      expect(await p.locator('#week').textContent()).toBe('All 52 weeks');
      // A benchmark figure, not a pass mark: the machine may be busy.
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'workshop-first-numbers.json'), `${JSON.stringify({ firstNumbersMs })}\n`);
    } finally {
      await p.close();
    }
  });

  it('marks the numbers stale during a re-run, and clears the mark when the new ones are in', async () => {
    const p = await openAt(1280, 720);
    try {
      const n = await updates(p, 'b');
      const during = await p.evaluate(() => {
        const input = document.getElementById('b-policies-quota-coverage') as HTMLInputElement;
        input.value = '0.3';
        input.dispatchEvent(new Event('input'));
        const stale = document.querySelector<HTMLElement>('#b-panel .stale')!;
        return {
          panel: document.getElementById('b-panel')!.getAttribute('aria-busy'),
          diff: document.getElementById('diff')!.getAttribute('aria-busy'),
          a: document.getElementById('a-panel')!.getAttribute('aria-busy'),
          marker: getComputedStyle(stale).display !== 'none' && stale.textContent,
          faded: Number(getComputedStyle(document.getElementById('b-figures')!).opacity),
        };
      });
      expect(during).toEqual({ panel: 'true', diff: 'true', a: 'false', marker: 'updating…', faded: expect.any(Number) });
      expect(during.faded).toBeLessThan(1);
      await waitForUpdates(p, { b: n });
      await p.waitForFunction(() => document.getElementById('diff')!.getAttribute('aria-busy') === 'false');
      expect(await p.locator('#b-panel .stale').isHidden()).toBe(true);
    } finally {
      await p.close();
    }
  });

  it('colours B − A by better or worse whatever the sign, and its arrow by direction', async () => {
    const p = await openAt(1280, 720);
    try {
      const diff = await p.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll<HTMLElement>('#diff-figures .figure-value')].map((e) => [e.id, { value: Number(e.dataset.value), verdict: e.dataset.verdict, text: e.textContent, colour: getComputedStyle(e).color }]),
        ),
      );
      const worse = 'rgb(213, 94, 0)';
      // meshclaw: less output (a fall) and more incidents (a rise) are both worse, in the same colour.
      expect(diff['diff-realOutput']).toMatchObject({ verdict: 'worse', colour: worse });
      expect(diff['diff-realOutput'].value).toBeLessThan(0);
      expect(diff['diff-realOutput'].text).toMatch(/^▼ −/);
      expect(diff['diff-incidents']).toMatchObject({ verdict: 'worse', colour: worse });
      expect(diff['diff-incidents'].value).toBeGreaterThan(0);
      expect(diff['diff-incidents'].text).toMatch(/^▲ \+/);
      // B = baseline, A = meshclaw: the same differences the other way are better, in blue.
      const q = await openAt(1280, 720, '?a=meshclaw&b=baseline');
      try {
        const incidents = await q.evaluate(() => {
          const e = document.getElementById('diff-incidents')!;
          return { verdict: e.dataset.verdict, text: e.textContent, colour: getComputedStyle(e).color };
        });
        expect(incidents).toMatchObject({ verdict: 'better', colour: 'rgb(0, 114, 178)' });
        expect(incidents.text).toMatch(/^▼ −/);
      } finally {
        await q.close();
      }
    } finally {
      await p.close();
    }
  });

  it('disables the levers of a policy that is off', async () => {
    const p = await openAt(1280, 720, '?a=baseline&b=baseline');
    try {
      const state = await p.evaluate(() =>
        Object.fromEntries(['b-policies-quota-enabled', 'b-policies-quota-target', 'b-policies-leaderboard-topK', 'b-policies-review-statedWeight'].map((id) => [id, (document.getElementById(id) as HTMLInputElement).disabled])),
      );
      expect(state).toEqual({ 'b-policies-quota-enabled': false, 'b-policies-quota-target': true, 'b-policies-leaderboard-topK': true, 'b-policies-review-statedWeight': false });
      const n = await updates(p, 'b');
      await p.click('#b-policies-quota-enabled');
      await waitForUpdates(p, { b: n });
      expect(await p.locator('#b-policies-quota-target').isDisabled()).toBe(false);
    } finally {
      await p.close();
    }
  });

  it('compares per engineer when A and B differ in size, and speaks of intervals only with more than one seed', async () => {
    const p = await openAt(1280, 720, '?a=baseline&a.agents=200&b=baseline&b.agents=400&a.weeks=10&b.weeks=10&seeds=2');
    try {
      expect(await p.locator('#diff-scale').textContent()).toBe('per engineer (A 200, B 400 engineers)');
      const [a, b, d] = [await figures(p, 'a'), await figures(p, 'b'), await figures(p, 'diff')];
      expect(d['diff-realOutput']).toBeCloseTo(b['b-realOutput'] / 400 - a['a-realOutput'] / 200, 9);
      // Same policy, twice the people: per engineer, hardly a difference (the raw totals would double).
      expect(Math.abs(d['diff-realOutput'])).toBeLessThan(0.2 * (a['a-realOutput'] / 200));
      expect(await p.locator('#diff-realOutput-relative').textContent()).toMatch(/per engineer$/);
      const subtitle = await p.evaluate(() => [...document.querySelectorAll('#a-chart text')].map((t) => t.textContent).find((t) => t?.includes('seed')));
      expect(subtitle).toBe('Mean over 2 seeds with 95% interval');
    } finally {
      await p.close();
    }
    const one = await openAt(1280, 720, '?a.weeks=10&b.weeks=10&seeds=1');
    try {
      const subtitle = await one.evaluate(() => [...document.querySelectorAll('#a-chart text')].map((t) => t.textContent).find((t) => t?.includes('seed')));
      expect(subtitle).toBe('One seed (more seeds give a 95% interval)');
    } finally {
      await one.close();
    }
  });

  it('includes the uncertainty in the assumptions when switched on: the same seeds give wider intervals, said in words, carried in the address', async () => {
    // B sets a parameter the posterior draws: while the assumptions are drawn, the page says it does not count.
    // Ten seeds: with as few as five, where the runs fall is too rough an interval to be reliably the wider one.
    const p = await openAt(1280, 720, '?a.weeks=26&b.weeks=26&seeds=10&b.aiTool.pricePerMillionTokens=4');
    const interval = async (key: string) => {
      const el = p.locator(`#diff-${key}-interval`);
      return { lo: Number(await el.getAttribute('data-lo')), hi: Number(await el.getAttribute('data-hi')), text: await el.textContent() };
    };
    const subtitle = () => p.evaluate(() => [...document.querySelectorAll('#a-chart text')].map((t) => t.textContent).find((t) => t?.includes('seed')));
    const toggle = async () => {
      const before = { a: await updates(p, 'a'), b: await updates(p, 'b') };
      await p.click('#assumptions');
      await waitForUpdates(p, before);
      await p.waitForFunction(() => document.getElementById('diff')!.getAttribute('aria-busy') === 'false');
    };
    try {
      expect(await p.isChecked('#assumptions')).toBe(false);
      const own = { realOutput: await interval('realOutput'), incidents: await interval('incidents'), trust: await interval('trust') };
      expect(own.realOutput.hi).toBeGreaterThan(own.realOutput.lo);
      expect(own.realOutput.text).toMatch(/^95%: /);
      expect(await p.locator('#diff-interval-words').textContent()).toBe('95% intervals over 10 seeds');
      expect(await subtitle()).toBe('Mean over 10 seeds with 95% interval');
      expect(await p.locator('#assumptions-overridden').isHidden()).toBe(true);

      await toggle();
      expect(new URL(p.url()).searchParams.get('assumptions')).toBe('posterior');
      const drawn = { realOutput: await interval('realOutput'), incidents: await interval('incidents'), trust: await interval('trust') };
      const width = (i: { lo: number; hi: number }) => i.hi - i.lo;
      expect(width(drawn.realOutput)).toBeGreaterThan(1.5 * width(own.realOutput));
      expect(width(drawn.incidents)).toBeGreaterThan(1.5 * width(own.incidents));
      expect(width(drawn.trust)).toBeGreaterThan(width(own.trust));
      expect(await p.locator('#diff-interval-words').textContent()).toBe("95% intervals over 10 seeds and the assumptions' uncertainty (where the runs fall: rough with few seeds)");
      expect(await subtitle()).toBe('Mean over 10 seeds, 95% interval over seeds and assumptions');
      expect(await p.locator('#assumptions-overridden').textContent()).toBe('B: aiTool.pricePerMillionTokens drawn from the posterior, not as set');

      const [csv] = await Promise.all([p.waitForEvent('download'), p.click('#export-csv')]);
      const output = readFileSync((await csv.path())!, 'utf8').split('\n').find((r) => r.startsWith('B − A,') && r.includes(',Real output,'))!;
      expect(output).toContain("95% intervals over 10 seeds and the assumptions' uncertainty");
      expect(output.split(',').slice(-2).map(Number)).toEqual([drawn.realOutput.lo, drawn.realOutput.hi]);

      // Off again: the seeds' own runs, to the bit, and the address forgets the toggle.
      await toggle();
      expect(new URL(p.url()).searchParams.has('assumptions')).toBe(false);
      expect(await interval('realOutput')).toEqual(own.realOutput);
      expect(await p.locator('#assumptions-overridden').isHidden()).toBe(true);
    } finally {
      await p.close();
    }
  });

  it("explains B − A at the scenarios' own values while the assumptions are drawn, and says so", async () => {
    const p = await openAt(1280, 720, '?a.weeks=6&b.weeks=6&a.agents=100&b.agents=100&assumptions=posterior');
    try {
      await p.click('#explain-button');
      await p.waitForFunction(() => document.getElementById('explain-chart')!.querySelectorAll('.mark-rect path').length > 0, null, { timeout: 60_000 });
      expect(await p.locator('#explain-status').textContent()).toMatch(/The steps add up to B − A\. At the scenarios' own assumptions, not the posterior's draws: B − A here is not the one above\.$/);
    } finally {
      await p.close();
    }
  });

  it.each([
    [1280, 720],
    [1920, 1080],
  ])('with the assumptions drawn at %i×%i: still levers, headline numbers with B − A and their intervals, and a chart on screen together', async (width, height) => {
    const p = await openAt(width, height, '?seeds=5&assumptions=posterior');
    try {
      expect(await p.isChecked('#assumptions')).toBe(true);
      await p.waitForFunction(() => document.getElementById('diff-interval-words')!.dataset.assumptions === 'true');
      const l = await layout(p);
      expect(l.sideways).toBeLessThanOrEqual(0);
      for (const [name, b] of Object.entries({ lever: l.lever, figureA: l.figureA, figureB: l.figureB, difference: l.difference })) {
        expect(b, name).toBeDefined();
        expect(b!.top, name).toBeGreaterThanOrEqual(0);
        expect(b!.bottom, name).toBeLessThanOrEqual(height);
        expect(b!.right, name).toBeLessThanOrEqual(width);
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      await p.screenshot({ path: join(ARTIFACTS, `workshop-page-assumptions-${width}x${height}.png`) });
      const below = await p.evaluate(() => document.getElementById('diff-interval-words')!.getBoundingClientRect().bottom);
      expect(below).toBeLessThanOrEqual(height);
      expect(await p.locator('#diff-trust-interval').textContent()).toMatch(/^95%: −[\d.]+ to −[\d.]+ pts$/);
      expect(l.chart!.top).toBeLessThan(height - 200);
      expect(l.overlaps).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('exports the charts on screen as PNG and SVG and the numbers as CSV, under the names shown', async () => {
    const p = await openAt(1280, 720, '?a.weeks=10&b.weeks=10&b.policies.quota.coverage=0.5');
    try {
      const pngs: string[] = [];
      p.on('download', (d) => void d.path().then((path) => pngs.push(`${d.suggestedFilename()} ${path}`)));
      await p.click('#export-png');
      await p.waitForFunction(() => true);
      await expect.poll(() => pngs.length, { timeout: 30_000 }).toBe(2);
      const [name, path] = pngs.find((x) => x.startsWith('b-'))!.split(' ');
      expect(name).toBe('b-meshclaw-modified-output-tokens.png');
      expect([...readFileSync(path).subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      p.removeAllListeners('download');

      const [svg] = await Promise.all([p.waitForEvent('download'), p.click('#export-svg')]);
      // Both sides are changed from their presets here (10 weeks): both are named so.
      expect(svg.suggestedFilename()).toBe('a-baseline-modified-output-tokens.svg');
      expect(readFileSync((await svg.path())!, 'utf8')).toContain('<svg');

      const [csv] = await Promise.all([p.waitForEvent('download'), p.click('#export-csv')]);
      expect(csv.suggestedFilename()).toBe('goodhart-baseline-modified-vs-meshclaw-modified.csv');
      const rows = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
      expect(rows[0]).toBe('row,scenario,outcome,unit,covers,value,shown,lo,hi');
      // One seed: no interval for B − A.
      expect(rows.slice(1).every((r) => r.endsWith(',,'))).toBe(true);
      expect(rows).toHaveLength(1 + 3 * 5);
      expect(rows.filter((r) => r.startsWith('B,meshclaw (modified),'))).toHaveLength(5);
      expect(rows.filter((r) => r.startsWith('B − A,meshclaw (modified) − baseline (modified),'))).toHaveLength(5);
      const diffOutput = Number(rows.find((r) => r.startsWith('B − A,') && r.includes(',Real output,'))!.split(',')[5]);
      expect(diffOutput).toBeCloseTo((await figures(p, 'diff'))['diff-realOutput'], 9);
    } finally {
      await p.close();
    }
  });

  it('logged no error on these screens either', () => {
    expect(problems).toEqual([]);
  });
});

describe('the workshop page sources', () => {
  it('type-check', async () => {
    const tsc = join(REPO, 'node_modules', '.bin', 'tsc');
    const { stdout } = await promisify(execFile)(tsc, ['-p', join(REPO, 'web', 'tsconfig.json'), '--noEmit'], { cwd: REPO });
    expect(stdout).toBe('');
  });
});
