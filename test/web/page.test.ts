import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // The Okabe-Ito colours of src/charts/theme.ts: A blue, B vermillion.
    expect([style.a, style.b]).toEqual(['rgb(0, 114, 178)', 'rgb(213, 94, 0)']);

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

  it('exports a scenario that goodhart run reproduces to the same final-week real output', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#b-export')]);
    expect(download.suggestedFilename()).toBe('meshclaw.yaml');
    const file = join(scratch, download.suggestedFilename());
    await download.saveAs(file);
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toMatch(/^# {3}goodhart run meshclaw\.yaml --seed 1 --seeds 1$/m);
    expect(yaml).toMatch(/^ {4}target: 200000000$/m);
    expect(yaml).not.toMatch(/^extends:/m);

    const out = join(scratch, 'run');
    const run = await goodhart(['run', file, '--seed', '1', '--seeds', '1', '--out', out, '--charts', 'none', '--no-report', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'meshclaw', 'summary.json'), 'utf8'));
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

  it('logged no error and no Content-Security-Policy violation', () => {
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
