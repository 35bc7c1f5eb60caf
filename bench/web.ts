/**
 * The workshop page's speed, in headless Chromium: how long from opening the page to both sides'
 * first numbers on screen, then to their first charts (in a fresh browser, median of --opens), and from moving a
 * slider to the new chart on screen, for 1,000 engineers × 52 weeks (meshclaw, one seed). The page
 * measures the second itself: from the control's change (validation included) through the worker's
 * run to the chart redrawn.
 *
 *   npm run bench:web                 # 30 changes after 5 warm-up ones
 *   npm run bench:web -- --changes 60
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildPageInto, hasChromium, launchChromium, servePage } from '../test/web/browser.ts';

const { values } = parseArgs({ options: { changes: { type: 'string', default: '30' }, warmup: { type: 'string', default: '5' }, opens: { type: 'string', default: '5' } } });
const changes = Number(values.changes);
const warmup = Number(values.warmup);
if (!hasChromium) {
  console.error('bench:web needs /usr/bin/chromium (apt-get install chromium)');
  process.exit(2);
}

/** Quota targets the slider visits, in tokens a week: every change is a different run. */
const TARGETS = [20e6, 30e6, 40e6, 50e6, 60e6, 70e6];

const built = await buildPageInto();
const { server, url } = await servePage(built);
const QUERY = '?a=baseline&b=meshclaw&seed=1&seeds=1&chart=output-tokens';

/**
 * Opening the page in a fresh browser (nothing cached) until A's and B's first numbers, then their
 * charts, are on screen: as the page times it (from the start of navigation, status data-first-*)
 * and as seen from outside (from the request to open, polled).
 */
async function timeOpening(): Promise<{ numbers: number; charts: number; outside: number }> {
  const fresh = await launchChromium();
  try {
    const page = await fresh.newPage();
    const started = performance.now();
    await page.goto(`${url}${QUERY}`);
    await page.waitForFunction(() => document.getElementById('status')!.dataset.firstChartsMs !== undefined, undefined, { timeout: 120_000, polling: 10 });
    const outside = performance.now() - started;
    const status = await page.evaluate(() => ({ ...document.getElementById('status')!.dataset }));
    return { numbers: Number(status.firstNumbersMs), charts: Number(status.firstChartsMs), outside };
  } finally {
    await fresh.close();
  }
}
const opens: { numbers: number; charts: number; outside: number }[] = [];
for (let k = 0; k < Number(values.opens); k++) opens.push(await timeOpening());

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${url}${QUERY}`);
  const waitFor = (n: number) => page.waitForFunction((n) => Number(document.getElementById('status')!.dataset.bUpdates ?? 0) >= n, n, { timeout: 60_000 });
  await waitFor(1);
  const totals: number[] = [];
  const runs: number[] = [];
  for (let k = 0; k < warmup + changes; k++) {
    await page.evaluate((target) => {
      const input = document.getElementById('b-policies-quota-target') as HTMLInputElement;
      input.value = String(target);
      input.dispatchEvent(new Event('input'));
    }, TARGETS[k % TARGETS.length] + k * 1e6);
    await waitFor(k + 2);
    const status = await page.evaluate(() => ({ ...document.getElementById('status')!.dataset }));
    if (k < warmup) continue;
    totals.push(Number(status.bMs));
    runs.push(Number(status.bRunMs));
  }
  const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
  const row = (label: string, xs: number[]) =>
    console.log(`${label.padEnd(34)} median ${quantile(xs, 0.5).toFixed(1).padStart(6)} ms   p90 ${quantile(xs, 0.9).toFixed(1).padStart(6)} ms   min ${Math.min(...xs).toFixed(1).padStart(6)} ms   max ${Math.max(...xs).toFixed(1).padStart(6)} ms`);
  const version = browser.browser()?.version() ?? 'Chromium';
  console.log(`Workshop page, 1,000 engineers × 52 weeks (meshclaw), 1 seed, ${changes} changes after ${warmup} warm-up, ${version}`);
  row('opening to first numbers', opens.map((o) => o.numbers));
  row('opening to first charts', opens.map((o) => o.charts));
  row('  the same, seen from outside', opens.map((o) => o.outside));
  row('change to chart redrawn', totals);
  row('of which the run in the worker', runs);
  row('the rest (validate, message, draw)', totals.map((t, k) => t - runs[k]));
} finally {
  await browser.close();
  server.close();
  rmSync(built, { recursive: true, force: true });
}
