/**
 * The workshop page: two scenarios, A and B, side by side. Every change re-runs the changed
 * scenario in its Web Worker and redraws its headline numbers and chart; the address always holds
 * the state, so a link reproduces the screen.
 */
// First: where the page's first script has not started the first worker (a development server), it
// starts before the rest of the page's script runs.
import { firstWorker, spawnWorker, workersReady } from './spawn.ts';
import { interval, parsePosteriorText, spread, type Posterior, SCENARIO_CHARTS, sharedRanges, type PanelRanges, type ScenarioChartData, type ScenarioChartName, SCENARIO_COLOURS, CHART_TITLES, directionArrow, VERDICT_COLOURS, formatNumber, formatRelative, isZeroText, ScenarioError, type Scenario, CONFIG_PATH, effectiveLimits, PAGE_LIMITS, type PageLimits } from '../../src/browser.ts';
import { chartImage, drawChart, roundedRanges } from './charts.ts';
import { createExplainer, type Explainer } from './explain.ts';
import { formatFigure, formatFigureDifference, HEADLINES, outcomeAt, outcomeOf, verdict, weeklyMeans, type WeeklyMeans } from './headline.ts';
import { buildControls, leverOverride, syncControls } from './controls.ts';
import { leverGroups } from './levers.ts';
import { createPlayer } from './play.ts';
import { PRESET_NAMES } from './presets.ts';
import type { RunReply, SeedSeries } from './protocol.ts';
import { createRunner, type Runner } from './runner.ts';
import { loadMathjs, MathjsLoading } from './mathjs.ts';
import { BUNDLED_POSTERIOR, compose, displayName, exportYaml, fromQuery, importScenario, SIDES, toQuery, type Composed, type PageState, type Side } from './state.ts';
import type { TopLevelSpec } from 'vega-lite';

const CHART_NAMES = Object.keys(SCENARIO_CHARTS) as ScenarioChartName[];
const COLOUR_INDEX: Record<Side, number> = { a: 0, b: 1 };

interface Shown {
  data: ScenarioChartData;
  weeks: number;
  means: WeeklyMeans;
  /** Engineers of the run shown: B − A is per engineer when A and B differ in size. */
  agents: number;
  perSeed: SeedSeries;
  /** The seeds it ran, and whether with drawn assumptions: B − A pairs A's and B's runs only when both agree. */
  firstSeed: number;
  assumptions: boolean;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The bundled posterior, read when "Include uncertainty in the assumptions" is first switched on. */
let posterior: Posterior | undefined;
let posteriorLoading: Promise<void> | undefined;

let limits: PageLimits = PAGE_LIMITS;
let state: PageState;
const composed: Partial<Record<Side, Composed>> = {};
const shown: Partial<Record<Side, Shown>> = {};
/** The y ranges A's and B's charts share (of their whole runs, so that play does not move the axes). */
let yRanges: PanelRanges = {};
const runners = {} as Record<Side, Runner>;
let explainer: Explainer;
/** When the newest change of a side was made: its update time is measured from there. */
const changedAt: Record<Side, number> = { a: 0, b: 0 };
const updates: Record<Side, number> = { a: 0, b: 0 };
const player = createPlayer(
  () => Math.max(shown.a?.weeks ?? 0, shown.b?.weeks ?? 0) - 1,
  () => renderAll(),
  () => Number(byId<HTMLSelectElement>('speed').value) || 1,
);

// ---- scenario state -> runs ------------------------------------------------------------------

function showError(side: Side, message: string): void {
  const el = byId(`${side}-error`);
  el.textContent = message;
  el.hidden = message === '';
}

/** Validates a side and, if it is valid, asks its worker for a run and puts the controls at it. */
function change(side: Side): void {
  if (!request(side)) return;
  syncSide(side);
  writeAddress();
}

/** Validates a side and, if it is valid, asks its worker for a run; false if it is not (yet) valid. */
function request(side: Side): boolean {
  changedAt[side] = performance.now();
  explainer.drop();
  try {
    composed[side] = compose(state[side], limits);
  } catch (error) {
    if (error instanceof MathjsLoading) {
      // The first expression: mathjs is loaded only now (web/src/mathjs.ts), then the side again.
      loadMathjs().then(
        () => change(side),
        (failed: unknown) => showError(side, `expressions cannot be read: ${(failed as Error).message}`),
      );
      return false;
    }
    if (!(error instanceof ScenarioError)) throw error;
    showError(side, error.message);
    return false;
  }
  showError(side, '');
  setBusy(side, true);
  showDrawnOverrides();
  if (state.assumptions && !posterior) {
    // Valid: its run is asked for once the posterior is read.
    void loadPosterior(composed[side]!.scenario).then(() => change(side));
    return true;
  }
  const drawn = state.assumptions ? posterior : undefined;
  runners[side].run({ scenario: composed[side]!.scenario, firstSeed: state.seed, seeds: state.seeds, colour: COLOUR_INDEX[side], limits, posterior: drawn });
  return true;
}

/** Runs `read`, and again once mathjs has loaded if `read` met the page's first expression. */
async function withMathjs<T>(read: () => T): Promise<T> {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof MathjsLoading)) throw error;
    await loadMathjs();
    return read();
  }
}

/**
 * Reads the bundled posterior, once, when the toggle is first switched on: imported on demand, so
 * that a build splitting its script into chunks keeps the table out of the first one. If it cannot
 * be read the toggle goes off with a note, rather than runs waiting for it.
 */
function loadPosterior(scenario: Scenario): Promise<void> {
  posteriorLoading ??= import('../../calibration/posterior/posterior.csv?raw')
    .then(({ default: text }) => {
      posterior = parsePosteriorText(text, scenario, `${BUNDLED_POSTERIOR}/posterior.csv`);
    })
    .catch((error: unknown) => {
      posteriorLoading = undefined;
      state.assumptions = false;
      byId<HTMLInputElement>('assumptions').checked = false;
      writeAddress();
      byId('notes').textContent = `The assumptions' uncertainty cannot be included: ${error instanceof Error ? error.message : String(error)}`;
    });
  return posteriorLoading;
}

/**
 * While the assumptions are drawn, a lever or a link that sets a parameter the posterior draws does
 * not count (the posterior's value wins, as with `goodhart run --posterior`): said, not left to guess.
 */
function showDrawnOverrides(): void {
  const el = byId('assumptions-overridden');
  const drawn = state.assumptions && posterior ? posterior.parameters : [];
  const overridden = SIDES.map((side) => [side, Object.keys(state[side].set).filter((path) => drawn.some((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`)))] as const);
  // The levers' labels only when there is something to say: listing the levers formats numbers, slow on a page just opened.
  const labels = overridden.some(([, paths]) => paths.length) ? new Map(leverGroups(limits).flatMap((g) => g.levers.map((l) => [l.path, l.label] as const))) : new Map<string, string>();
  const lines = overridden.flatMap(([side, paths]) => (paths.length ? [`${side.toUpperCase()}: ${paths.map((p) => labels.get(p) ?? p).join(', ')} drawn from the posterior, not as set`] : []));
  el.textContent = lines.join(' · ');
  el.hidden = lines.length === 0;
}

/**
 * Marks a side's numbers and chart, and B − A, as stale while the side re-runs: faded, with
 * "updating…" beside them, so that nobody reads old numbers as the new ones. The numbers are
 * marked current as soon as they are in, the chart once drawn.
 */
function setBusy(side: Side, busy: boolean, chart = busy): void {
  byId(`${side}-panel`).setAttribute('aria-busy', String(busy));
  byId(`${side}-chart`).setAttribute('aria-busy', String(chart));
  const anyBusy = SIDES.some((s) => byId(`${s}-panel`).getAttribute('aria-busy') === 'true');
  byId('diff').setAttribute('aria-busy', String(anyBusy));
}

/** When both sides' first numbers, then their first charts, were on screen (ms from opening): bench/web.ts reads it. */
function recordFirst(what: 'firstNumbersMs' | 'firstChartsMs', count: 'Numbers' | 'Updates'): void {
  const status = byId('status');
  if (status.dataset[what] === undefined && SIDES.every((s) => Number(status.dataset[`${s}${count}`] ?? 0) > 0)) {
    status.dataset[what] = performance.now().toFixed(0);
  }
}

/**
 * At opening, the sides whose first run is still to come. The first charts wait for them: Vega's
 * first drawing holds the page's thread for a while, which would keep the other side's numbers off
 * the screen, and the other side's run may move the shared axes anyway.
 */
const firstRuns = new Set<Side>();
let firstRunsDone: () => void = () => {};
const firstRunsIn = new Promise<void>((resolve) => (firstRunsDone = resolve));

function firstRunIn(side: Side): void {
  if (firstRuns.delete(side) && firstRuns.size === 0) firstRunsDone();
}

async function received(side: Side, reply: RunReply): Promise<void> {
  firstRunIn(side);
  if (!reply.ok) {
    showError(side, reply.message);
    setBusy(side, false);
    return;
  }
  shown[side] = {
    data: { ...reply.data, name: displayName(state[side]) },
    weeks: reply.weeks,
    means: weeklyMeans(reply.data, reply.weeks),
    agents: composed[side]?.scenario.agents ?? 0,
    perSeed: reply.perSeed,
    firstSeed: state.seed,
    assumptions: reply.data.assumptions === true,
  };
  renderWeekLabel();
  // The numbers first: drawing the chart takes longer, the first time much longer.
  renderNumbers(side);
  setBusy(side, false, true);
  // The first numbers are on screen: the loading message has done its job.
  if (SIDES.every((s) => shown[s])) byId('loading').hidden = true;
  const status = byId('status');
  status.dataset[`${side}Numbers`] = String(Number(status.dataset[`${side}Numbers`] ?? 0) + 1);
  recordFirst('firstNumbersMs', 'Numbers');
  await firstRunsIn;
  // Side by side, equal heights must mean equal values: when this run moves a shared axis, the other
  // side is redrawn on it too.
  const ranges = roundedRanges(sharedRanges(SIDES.flatMap((s) => (shown[s] ? [shown[s].data] : []))));
  const moved = JSON.stringify(ranges) !== JSON.stringify(yRanges);
  yRanges = ranges;
  await Promise.all(SIDES.filter((s) => s === side || moved).map(render));
  const ms = performance.now() - changedAt[side];
  updates[side]++;
  // Unless the side changed again while its chart was drawn.
  if (reply.generation === runners[side].counts().requested) setBusy(side, false);
  status.dataset[`${side}Updates`] = String(updates[side]);
  recordFirst('firstChartsMs', 'Updates');
  status.dataset[`${side}Ms`] = ms.toFixed(1);
  status.dataset[`${side}RunMs`] = reply.runMs.toFixed(1);
  status.dataset[`${side}Dropped`] = String(runners[side].counts().dropped);
  status.textContent = `${side.toUpperCase()} re-ran and redrew in ${Math.round(ms)} ms`;
}

function writeAddress(): void {
  history.replaceState(null, '', toQuery(state));
}

// ---- drawing -----------------------------------------------------------------------------------

/** The week a side shows: the play position, or its last week. */
function weekOf(s: Shown): number {
  const week = player.week();
  return week === undefined ? s.weeks - 1 : Math.min(week, s.weeks - 1);
}

/**
 * The week axis fixed to the whole run, so that during play lines grow to the right instead of the
 * axis stretching. Returns a copy; the builders share their axis objects between charts.
 */
function pinWeekAxis(node: unknown, weeks: number): unknown {
  if (Array.isArray(node)) return node.map((n) => pinWeekAxis(n, weeks));
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (o.field === 'week' && o.type === 'quantitative' && o.title === 'Week') {
    return { ...o, scale: { ...(o.scale as object), domain: [0, Math.max(1, weeks - 1)] } };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'values' ? v : pinWeekAxis(v, weeks)]));
}

function chartSpec(s: Shown): TopLevelSpec {
  const w = weekOf(s);
  const data = { ...s.data, bands: w === s.weeks - 1 ? s.data.bands : s.data.bands.filter((b) => b.week <= w), yRanges };
  const build = SCENARIO_CHARTS[state.chart as ScenarioChartName] ?? SCENARIO_CHARTS['output-tokens'];
  return pinWeekAxis(build(data), s.weeks) as TopLevelSpec;
}

/** What a headline figure covers: the whole run, or the weeks played so far. */
function unitText(h: (typeof HEADLINES)[number], week: number, weeks: number): string {
  const whole = week === weeks - 1;
  if (h.over === 'final') return whole ? 'in the final week' : `in week ${week + 1}`;
  const span = whole ? 'whole run' : `weeks 1 to ${week + 1}`;
  if (h.unit === 'share') return `of tokens, ${span}`;
  return h.unit === 'dollars' ? span : `${h.unit}, ${span}`;
}

function renderHeadline(side: Side, s: Shown): void {
  const w = weekOf(s);
  for (const h of HEADLINES) {
    const value = outcomeAt(s.means, h.metric, h.over, w);
    const el = byId(`${side}-${h.key}`);
    el.dataset.value = String(value);
    el.textContent = formatFigure(value, h.unit);
    byId(`${side}-${h.key}-unit`).textContent = unitText(h, w, s.weeks);
  }
  const final = outcomeAt(s.means, 'realOutput', 'final', w);
  const finalEl = byId(`${side}-finalOutput`);
  finalEl.dataset.value = String(final);
  finalEl.textContent = `${formatNumber(final, 'engineer-weeks')} in week ${w + 1}`;
}

/** Headlines that grow with the organisation's size (flows over the run), compared per engineer when A and B differ in size. */
function perEngineer(h: (typeof HEADLINES)[number], a: Shown, b: Shown): boolean {
  return a.agents !== b.agents && a.agents > 0 && b.agents > 0 && h.unit !== 'share';
}

function renderDifference(): void {
  const a = shown.a;
  const b = shown.b;
  const scale = byId('diff-scale');
  scale.textContent = a && b && a.agents !== b.agents ? `per engineer (A ${a.agents.toLocaleString('en-US')}, B ${b.agents.toLocaleString('en-US')} engineers)` : '';
  for (const h of HEADLINES) {
    const el = byId(`diff-${h.key}`);
    if (!a || !b) {
      el.textContent = '';
      continue;
    }
    const each = perEngineer(h, a, b);
    const va = outcomeAt(a.means, h.metric, h.over, weekOf(a)) / (each ? a.agents : 1);
    const vb = outcomeAt(b.means, h.metric, h.over, weekOf(b)) / (each ? b.agents : 1);
    const difference = vb - va;
    const relative = va !== 0 ? difference / Math.abs(va) : 0;
    el.dataset.value = String(difference);
    el.dataset.verdict = verdict(h, difference);
    // Colour says better or worse; the arrow says which way the number moved.
    const text = formatFigureDifference(difference, h.unit);
    el.textContent = isZeroText(text) ? text : `${directionArrow(difference)} ${text}`;
    const rel = formatRelative(relative, h.unit);
    byId(`diff-${h.key}-relative`).textContent = rel ? `${rel} on A${each ? ', per engineer' : ''}` : 'percentage points';
    renderInterval(h, a, b, each);
  }
  renderIntervalWords(a, b);
}

/**
 * B − A's 95% interval, seed by seed paired (the same seed, and with the assumptions drawn the same
 * parameters, in A and B): of the mean difference over seeds, or with the assumptions drawn, where the
 * differences fall, as `goodhart compare` gives them. None with one seed, or while A and B show runs
 * of different seeds.
 */
function renderInterval(h: (typeof HEADLINES)[number], a: Shown, b: Shown, each: boolean): void {
  const el = byId(`diff-${h.key}-interval`);
  const sa = a.perSeed[h.metric];
  const sb = b.perSeed[h.metric];
  if (!pairable(a, b) || !sa || !sb || sa.length < 2 || sa.length !== sb.length) {
    el.textContent = '';
    delete el.dataset.lo;
    delete el.dataset.hi;
    return;
  }
  const differences = sa.map((ra, k) => outcomeOf(sb[k], h.metric, h.over, weekOf(b)) / (each ? b.agents : 1) - outcomeOf(ra, h.metric, h.over, weekOf(a)) / (each ? a.agents : 1));
  const { lo, hi } = (a.assumptions ? spread : interval)(differences);
  el.dataset.lo = String(lo);
  el.dataset.hi = String(hi);
  // The unit once, after both ends: "95%: +34.7 to +46.9 pts" fits a column where two would wrap.
  const [from, to] = [formatFigureDifference(lo, h.unit), formatFigureDifference(hi, h.unit)];
  const unit = / [^\d\s]+$/.exec(from)?.[0] ?? '';
  el.textContent = unit && to.endsWith(unit) ? `95%: ${from.slice(0, -unit.length)} to ${to}` : `95%: ${from} to ${to}`;
}

function pairable(a: Shown, b: Shown): boolean {
  return a.firstSeed === b.firstSeed && a.assumptions === b.assumptions && a.perSeed !== undefined && b.perSeed !== undefined;
}

/** What B − A's intervals are over, in words true to the seeds and the assumptions. */
function renderIntervalWords(a: Shown | undefined, b: Shown | undefined): void {
  const el = byId('diff-interval-words');
  const seeds = a && b && pairable(a, b) ? Math.min(a.data.seeds ?? 1, b.data.seeds ?? 1) : 0;
  const drawn = a?.assumptions === true;
  el.dataset.assumptions = String(drawn);
  // One seed at the scenarios' own values says nothing here: the charts already say "one seed".
  if (seeds === 0 || (seeds === 1 && !drawn)) el.textContent = '';
  else if (seeds === 1) el.textContent = 'One seed at one draw of the assumptions: more seeds give a 95% interval';
  else el.textContent = drawn ? `95% intervals over ${seeds} seeds and the assumptions' uncertainty (where the runs fall: rough with few seeds)` : `95% intervals over ${seeds} seeds`;
}

function renderNumbers(side: Side): void {
  const s = shown[side];
  if (!s) return;
  renderHeadline(side, s);
  renderDifference();
}

async function render(side: Side): Promise<void> {
  const s = shown[side];
  if (!s) return;
  renderNumbers(side);
  await drawChart(byId(`${side}-chart`), chartSpec(s));
}

function renderWeekLabel(): void {
  const weeks = Math.max(shown.a?.weeks ?? 0, shown.b?.weeks ?? 0);
  if (weeks === 0) return; // still loading: the label says so
  const week = player.week();
  byId('week').textContent = week === undefined ? `All ${weeks} weeks` : `Week ${week + 1} of ${weeks}`;
  byId('play').textContent = player.playing() ? 'Pause' : 'Play';
  byId('play').setAttribute('aria-pressed', String(player.playing()));
}

async function renderAll(): Promise<void> {
  renderWeekLabel();
  await Promise.all(SIDES.map(render));
}

// ---- controls --------------------------------------------------------------------------------

/** Puts a side's controls, scenario picker and description at the scenario on screen. */
function syncSide(side: Side): void {
  const scenario = composed[side]?.scenario;
  if (scenario) syncControls(side, limits, scenario);
  const select = byId<HTMLSelectElement>(`${side}-preset`);
  select.value = state[side].imported ? 'imported' : state[side].preset;
  // A preset moved by a lever is named as modified in the menu too.
  for (const option of select.options) if (option.value !== 'imported') option.textContent = option.value;
  const chosen = select.selectedOptions[0];
  if (chosen && !state[side].imported) chosen.textContent = displayName(state[side]);
  byId<HTMLOptionElement>(`${side}-imported-option`).textContent = state[side].imported ? `imported: ${displayName(state[side])}` : 'imported file';
  byId(`${side}-description`).textContent = scenario?.description ?? '';
}

function buildSide(side: Side): void {
  const select = byId<HTMLSelectElement>(`${side}-preset`);
  for (const name of PRESET_NAMES) select.add(new Option(name, name));
  const imported = new Option('imported file', 'imported');
  imported.id = `${side}-imported-option`;
  imported.disabled = true;
  select.add(imported);
  select.addEventListener('change', () => {
    state[side] = { preset: select.value, set: {} };
    change(side);
  });

  const file = byId<HTMLInputElement>(`${side}-import`);
  byId(`${side}-import-button`).addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    try {
      const text = await chosen.text();
      const imported = await withMathjs(() => importScenario(text, chosen.name, limits));
      state[side] = imported.side;
      byId('notes').textContent = imported.notes.join(' · ');
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      showError(side, error.message);
      return;
    }
    change(side);
  });

  byId(`${side}-export`).addEventListener('click', () => {
    const name = `${composed[side]?.scenario.name ?? state[side].preset}.yaml`;
    const blob = new Blob([exportYaml(state[side], state, name)], { type: 'application/yaml' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  buildControls(byId(`${side}-controls`), side, limits, (lever, input) => {
    state[side].set[lever.path] = leverOverride(lever, input, composed[side]?.scenario);
    change(side);
  });
}

function buildToolbar(): void {
  const tabs = byId('chart-tabs');
  for (const name of CHART_NAMES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = CHART_TITLES[name];
    button.dataset.chart = name;
    button.setAttribute('aria-pressed', String(state.chart === name));
    button.addEventListener('click', () => {
      state.chart = name;
      for (const b of tabs.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.chart === name));
      writeAddress();
      void renderAll();
    });
    tabs.append(button);
  }

  const seed = byId<HTMLInputElement>('seed');
  const seeds = byId<HTMLInputElement>('seeds');
  seeds.max = String(limits.maxSeeds);
  seed.value = String(state.seed);
  seeds.value = String(state.seeds);
  const seedsChanged = () => {
    const first = Number(seed.value);
    const count = Number(seeds.value);
    if (!Number.isInteger(first) || first < 0 || !Number.isInteger(count) || count < 1 || count > limits.maxSeeds) {
      byId('notes').textContent = `Seed must be a whole number from 0, seeds from 1 to ${limits.maxSeeds}.`;
      return;
    }
    state.seed = first;
    state.seeds = count;
    for (const side of SIDES) change(side);
  };
  seed.addEventListener('change', seedsChanged);
  seeds.addEventListener('change', seedsChanged);

  const assumptions = byId<HTMLInputElement>('assumptions');
  assumptions.checked = state.assumptions;
  assumptions.addEventListener('change', () => {
    state.assumptions = assumptions.checked;
    for (const side of SIDES) change(side);
  });

  byId('play').addEventListener('click', player.toggle);
  byId('speed').addEventListener('change', player.speedChanged);
  for (const side of SIDES) byId(`levers-${side}`).addEventListener('click', () => showLevers(side));
  byId('export-png').addEventListener('click', () => void exportCharts('png'));
  byId('export-svg').addEventListener('click', () => void exportCharts('svg'));
  byId('export-csv').addEventListener('click', exportNumbers);
  byId('step').addEventListener('click', player.step);
  byId('whole').addEventListener('click', player.whole);

  const diff = byId('diff-figures');
  for (const h of HEADLINES) {
    const figure = document.createElement('div');
    figure.className = 'figure';
    figure.innerHTML = `<span class="figure-label"></span><span class="figure-value" id="diff-${h.key}"></span><span class="figure-unit" id="diff-${h.key}-relative"></span><span class="figure-unit interval" id="diff-${h.key}-interval"></span>`;
    figure.querySelector('.figure-label')!.textContent = h.label;
    diff.append(figure);
  }
  for (const side of SIDES) {
    const box = byId(`${side}-figures`);
    for (const h of HEADLINES) {
      const figure = document.createElement('div');
      figure.className = 'figure';
      figure.innerHTML = `<span class="figure-label"></span><span class="figure-value" id="${side}-${h.key}"></span><span class="figure-unit" id="${side}-${h.key}-unit"></span>`;
      figure.querySelector('.figure-label')!.textContent = h.label;
      if (h.key === 'realOutput') {
        const final = document.createElement('span');
        final.className = 'figure-unit';
        final.id = `${side}-finalOutput`;
        figure.append(final);
      }
      box.append(figure);
    }
    byId(`${side}-panel`).style.setProperty('--scenario-colour', SCENARIO_COLOURS[COLOUR_INDEX[side]]);
  }
  for (const [verdict, colour] of Object.entries(VERDICT_COLOURS)) document.documentElement.style.setProperty(`--${verdict}`, colour);
}

/** Shows the levers of one side; both sides keep theirs in the page. */
function showLevers(side: Side): void {
  for (const s of SIDES) {
    byId(`${s}-controls`).hidden = s !== side;
    byId(`levers-${s}`).setAttribute('aria-pressed', String(s === side));
  }
}

function download(href: string, name: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.click();
}

/** The chart of A and of B as on screen, one file each. */
async function exportCharts(type: 'png' | 'svg'): Promise<void> {
  for (const side of SIDES) {
    const url = await chartImage(byId(`${side}-chart`), type);
    const name = composed[side]?.scenario.name ?? side;
    if (url) download(url, `${side}-${name}-${state.chart}.${type}`);
  }
}

/** The numbers on screen (A, B and B − A, as shown, exact values) as CSV. */
function exportNumbers(): void {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const rows = [['row', 'scenario', 'outcome', 'unit', 'covers', 'value', 'shown', 'lo', 'hi']];
  const words = byId('diff-interval-words').textContent ?? '';
  for (const box of [...SIDES, 'diff'] as const) {
    const scenario = box === 'diff' ? `${displayName(state.b)} − ${displayName(state.a)}` : displayName(state[box]);
    for (const h of HEADLINES) {
      const el = byId(`${box}-${h.key}`);
      let covers = byId(box === 'diff' ? `diff-${h.key}-relative` : `${box}-${h.key}-unit`).textContent ?? '';
      // B − A's interval, and what it is over, as on screen.
      const range = box === 'diff' ? byId(`diff-${h.key}-interval`).dataset : {};
      if (range.lo !== undefined && words) covers = `${covers}; ${words}`;
      rows.push([box === 'diff' ? 'B − A' : box.toUpperCase(), scenario, h.label, h.unit, covers, el.dataset.value ?? '', el.textContent ?? '', range.lo ?? '', range.hi ?? '']);
    }
  }
  const csv = `${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  download(url, `goodhart-${composed.a?.scenario.name ?? 'a'}-vs-${composed.b?.scenario.name ?? 'b'}.csv`);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function loadLimits(): Promise<PageLimits> {
  // A copy opened from a folder has no server to ask (and the browser would log the refused fetch).
  if (location.protocol === 'file:') return PAGE_LIMITS;
  try {
    const response = await fetch(CONFIG_PATH, { cache: 'no-store' });
    return effectiveLimits(response.ok ? await response.json() : undefined);
  } catch {
    // A static copy (a USB stick, any web server) has no config: the page's own limits apply.
    return PAGE_LIMITS;
  }
}

/**
 * B's first run borrows A's worker, loading since the page's first script (web/src/runner.ts), when
 * waiting for A's first run costs less than loading a second worker beside it: up to 500,000
 * engineer-weeks (an assumption from the page's timings: a cold run of 1,000 engineers × 52 weeks
 * takes about 0.4 s in a worker, loading a second worker 0.5 s or more on two cores). Past that,
 * B's worker starts at once and the two first runs go side by side.
 */
const LEND_UP_TO_ENGINEER_WEEKS = 500_000;

function firstWorkerOf(side: Side, aRequested: boolean): { worker: Worker; lent?: boolean } {
  if (side === 'a') return { worker: firstWorker() };
  const a = composed.a?.scenario;
  const aWork = aRequested && a ? a.agents * a.weeks * state.seeds : 0;
  return aWork <= LEND_UP_TO_ENGINEER_WEEKS ? { worker: runners.a.worker(), lent: true } : { worker: spawnWorker() };
}

async function start(): Promise<void> {
  const limitsLoaded = loadLimits();
  // While the server is asked for its limits, the bundled scenarios the address names are read
  // (preset() keeps them): the slowest step before the first runs can be asked for.
  fromQuery(location.search, PAGE_LIMITS, CHART_NAMES);
  [limits] = await Promise.all([limitsLoaded, workersReady]);
  const parsed = fromQuery(location.search, limits, CHART_NAMES);
  state = parsed.state;
  byId('notes').textContent = parsed.notes.join(' · ');
  explainer = createExplainer();
  // The first runs are asked for before the controls are built: the worker runs while the page builds.
  const requested: Partial<Record<Side, boolean>> = {};
  for (const side of SIDES) {
    runners[side] = createRunner((reply) => void received(side, reply), { tag: side, spawn: spawnWorker, ...firstWorkerOf(side, requested.a === true) });
    requested[side] = request(side);
    if (requested[side]) firstRuns.add(side);
  }
  if (firstRuns.size === 0) firstRunsDone();
  buildToolbar();
  for (const side of SIDES) buildSide(side);
  byId('explain-button').addEventListener('click', () => {
    const { a, b } = composed;
    if (a && b) explainer.explain(a.scenario, b.scenario, state.seed, state.seeds, state.assumptions);
  });
  for (const side of SIDES) {
    if (!requested[side]) continue;
    syncSide(side);
    writeAddress();
  }
  renderWeekLabel();
}

void start();
