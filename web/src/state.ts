/**
 * What is on screen, as data: each scenario is a preset (or an imported file) plus overrides, and
 * the seeds are shared by A and B (common random numbers). The state lives in the page's address,
 * so a link reproduces exactly what is on screen.
 */
import { applyOverrides, parseScenarioText, ScenarioError, type Scenario, DEFAULT_MODEL, validateScenario, PAGE_LIMITS, type PageLimits } from '../../src/browser.ts';
import { stringify as toYaml } from 'yaml';
import { leverGroups } from './levers.ts';
import { preset, PRESET_NAMES, resolveExtends, type Raw } from './presets.ts';

export interface SideState {
  /** A bundled scenario's name, or the name of an imported one. */
  preset: string;
  /** An imported scenario (extends resolved), when not a bundled one. */
  imported?: Raw;
  /** Overrides, by dotted path, applied as `--set path=value`. */
  set: Record<string, unknown>;
}

export const SIDES = ['a', 'b'] as const;
export type Side = (typeof SIDES)[number];

export interface PageState {
  a: SideState;
  b: SideState;
  /** First seed; seeds are consecutive from it, as with `goodhart run --seed`. */
  seed: number;
  seeds: number;
  /** The chart kind shown (a key of SCENARIO_CHARTS). */
  chart: string;
  /**
   * "Include uncertainty in the assumptions": seed k of A and of B runs with the same parameters
   * drawn from the bundled posterior, as `goodhart run --posterior` does.
   */
  assumptions: boolean;
}

export const DEFAULT_STATE: PageState = {
  a: { preset: 'baseline', set: {} },
  b: { preset: 'meshclaw', set: {} },
  seed: 1,
  seeds: 1,
  chart: 'output-tokens',
  assumptions: false,
};

/**
 * The raw scenario of a side: its base with the overrides applied (not yet validated). A side that a
 * lever or a link has changed is no longer its preset: it is named "<preset>-modified" (a scenario
 * name is a folder name) and its description says what changed, so that no chart, menu or exported
 * file passes it off as the preset.
 */
export function sideRaw(side: SideState): Raw {
  const base = side.imported ?? preset(side.preset);
  const sets = Object.entries(side.set).map(([path, value]) => `${path}=${JSON.stringify(value)}`);
  const raw = applyOverrides(base, sets, DEFAULT_MODEL.schema);
  if (!isModified(side)) return raw;
  const name = typeof base.name === 'string' ? base.name : side.preset;
  const was = typeof base.description === 'string' ? ` ${name} was: ${base.description}` : '';
  return { ...raw, name: `${name}${MODIFIED_SUFFIX}`.slice(0, MAX_NAME), description: `${name} (modified): ${describeChanges(base, side).join('; ')}.${was}` };
}

const MODIFIED_SUFFIX = '-modified';
/** The longest scenario name the schema takes. */
const MAX_NAME = 100;

export function isModified(side: SideState): boolean {
  return Object.keys(side.set).length > 0;
}

/** The name a side is shown by: "meshclaw", or "meshclaw (modified)" once changed. */
export function displayName(side: SideState): string {
  const base = side.imported && typeof side.imported.name === 'string' ? side.imported.name : side.preset;
  return isModified(side) ? `${base} (modified)` : base;
}

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** Each override in words, old value to new: "Quota coverage 80% → 50%". */
export function describeChanges(base: Raw, side: SideState): string[] {
  const levers = new Map(leverGroups(PAGE_LIMITS).flatMap((g) => g.levers.map((l) => [l.path, l] as const)));
  return Object.entries(side.set).map(([path, value]) => {
    const lever = levers.get(path);
    const words = (v: unknown): string => {
      const n = v !== null && typeof v === 'object' && 'mean' in v ? (v as { mean: unknown }).mean : v;
      if (typeof n === 'boolean') return n ? 'on' : 'off';
      if (typeof n === 'number' && lever?.format) return lever.format(n);
      return n === undefined ? 'unset' : typeof n === 'string' ? n : JSON.stringify(n);
    };
    return `${lever?.label ?? path} ${words(valueAt(base, path))} → ${words(value)}`;
  });
}

export interface Composed {
  raw: Raw;
  scenario: Scenario;
}

/** Validates a side with the command line's schema and messages, within the page's limits. */
export function compose(side: SideState, limits: PageLimits): Composed {
  const raw = sideRaw(side);
  const scenario = validateScenario(raw);
  if (scenario.agents > limits.maxAgents) {
    throw new ScenarioError('agents', `at most ${limits.maxAgents} on this page, got ${scenario.agents}; run larger organisations with goodhart run`);
  }
  if (scenario.weeks > limits.maxWeeks) {
    throw new ScenarioError('weeks', `at most ${limits.maxWeeks} on this page, got ${scenario.weeks}; run longer horizons with goodhart run`);
  }
  return { raw, scenario };
}

/**
 * Brings a side within the page's limits by overriding agents and weeks, with a note saying so:
 * a shared link or an imported file asking for more runs at the limit instead.
 */
export function clampSide(side: SideState, limits: PageLimits): { side: SideState; notes: string[] } {
  const notes: string[] = [];
  let raw: Raw;
  try {
    raw = sideRaw(side);
  } catch {
    return { side, notes };
  }
  const set = { ...side.set };
  for (const [field, max] of [['agents', limits.maxAgents], ['weeks', limits.maxWeeks]] as const) {
    const value = raw[field];
    if (typeof value === 'number' && value > max) {
      set[field] = max;
      notes.push(`${field}: ${value.toLocaleString('en-US')} is over this page's limit; using ${max.toLocaleString('en-US')}`);
    }
  }
  return { side: { ...side, set }, notes };
}

/**
 * Reads an imported YAML file: parsed, `extends` resolved from the bundled scenarios, brought within
 * the page's limits (with a note saying so) and validated.
 */
export function importScenario(text: string, fileName: string, limits: PageLimits): { side: SideState; notes: string[] } {
  try {
    const raw = resolveExtends(parseScenarioText(text, fileName), fileName);
    const name = typeof raw.name === 'string' ? raw.name : fileName.replace(/\.(ya?ml|json)$/i, '');
    const clamped = clampSide({ preset: name, imported: { ...raw, name }, set: {} }, limits);
    validateScenario(sideRaw(clamped.side));
    return { side: clamped.side, notes: clamped.notes.map((n) => `${fileName}: ${n}`) };
  } catch (error) {
    if (error instanceof ScenarioError) throw error.inFile(fileName);
    throw error;
  }
}

/**
 * The YAML `goodhart run` accepts and reproduces the same numbers from, with the command in a comment.
 * The file is the scenario alone: drawing the assumptions is the command's choice, as on the page.
 */
export function exportYaml(side: SideState, state: PageState, fileName: string): string {
  const raw = sideRaw(side);
  const header = [
    '# Exported from the goodhart workshop page. Reproduce its numbers with:',
    `#   goodhart run ${fileName} --seed ${state.seed} --seeds ${state.seeds}${state.assumptions ? ` --posterior ${BUNDLED_POSTERIOR}` : ''}`,
  ];
  return `${header.join('\n')}\n${toYaml(raw)}`;
}

/** Where the posterior the page draws its assumptions from lies in the project, for the command line. */
export const BUNDLED_POSTERIOR = 'calibration/posterior';

// The address: ?a=meshclaw&b=baseline&seed=1&seeds=1&chart=gaming&a.policies.quota.target=12500000
// (override values are JSON); an imported scenario travels whole as `a.scenario=<JSON>`; the
// assumptions' uncertainty, when included, as `assumptions=posterior` (absent, the scenarios' own values).

const PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const ASSUMPTIONS_DRAWN = 'posterior';

export function toQuery(state: PageState): string {
  const params = new URLSearchParams();
  for (const side of SIDES) {
    const s = state[side];
    params.set(side, s.preset);
    if (s.imported) params.set(`${side}.scenario`, JSON.stringify(s.imported));
    for (const [path, value] of Object.entries(s.set)) params.set(`${side}.${path}`, JSON.stringify(value));
  }
  params.set('seed', String(state.seed));
  params.set('seeds', String(state.seeds));
  params.set('chart', state.chart);
  if (state.assumptions) params.set('assumptions', ASSUMPTIONS_DRAWN);
  return `?${params.toString()}`;
}

/** The state in an address, with a note for anything that could not be used (never an exception). */
export function fromQuery(query: string, limits: PageLimits, charts: readonly string[]): { state: PageState; notes: string[] } {
  const params = new URLSearchParams(query);
  const notes: string[] = [];
  const state: PageState = structuredClone(DEFAULT_STATE);
  if (![...params.keys()].length) return { state, notes };
  for (const side of SIDES) {
    const name = params.get(side);
    const imported = params.get(`${side}.scenario`);
    const s: SideState = { preset: name ?? state[side].preset, set: {} };
    if (imported !== null) {
      try {
        const raw = JSON.parse(imported) as unknown;
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a scenario');
        s.imported = resolveExtends(raw as Raw);
      } catch (error) {
        notes.push(`${side.toUpperCase()}: the scenario in the link cannot be read (${(error as Error).message}); showing ${state[side].preset}`);
        s.preset = state[side].preset;
      }
    } else if (!PRESET_NAMES.includes(s.preset)) {
      notes.push(`${side.toUpperCase()}: no bundled scenario named "${s.preset}"; showing ${state[side].preset}`);
      s.preset = state[side].preset;
    }
    for (const [key, value] of params) {
      if (!key.startsWith(`${side}.`) || key === `${side}.scenario`) continue;
      const path = key.slice(2);
      try {
        if (!PATH.test(path)) throw new Error('not a field path');
        s.set[path] = JSON.parse(value);
      } catch {
        notes.push(`${side.toUpperCase()}: ignored ${key}=${value}`);
      }
    }
    const clamped = clampSide(s, limits);
    notes.push(...clamped.notes.map((n) => `${side.toUpperCase()}: ${n}`));
    state[side] = clamped.side;
  }
  state.seed = wholeNumber(params.get('seed'), 0, Number.MAX_SAFE_INTEGER, state.seed, 'seed', notes);
  state.seeds = wholeNumber(params.get('seeds'), 1, limits.maxSeeds, state.seeds, 'seeds', notes);
  const chart = params.get('chart');
  if (chart !== null && charts.includes(chart)) state.chart = chart;
  const assumptions = params.get('assumptions');
  if (assumptions === ASSUMPTIONS_DRAWN) state.assumptions = true;
  else if (assumptions !== null) notes.push(`assumptions: ${assumptions} is not "${ASSUMPTIONS_DRAWN}"; using the scenarios' own values`);
  return { state, notes };
}

function wholeNumber(text: string | null, min: number, max: number, fallback: number, name: string, notes: string[]): number {
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    notes.push(`${name}: ${text} is not a whole number from ${min}; using ${fallback}`);
    return fallback;
  }
  if (value > max) {
    notes.push(`${name}: ${value} is over this page's limit; using ${max}`);
    return max;
  }
  return value;
}
