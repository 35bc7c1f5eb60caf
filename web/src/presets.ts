/// <reference types="vite/client" />
/**
 * The bundled scenarios (the YAML files of scenarios/, inlined at build time) and `extends` resolved
 * from them by the loader's core, as the command line resolves it: the page has no file system, so a
 * scenario may extend only a bundled one, by name (`meshclaw`) or file name (`meshclaw.yaml`).
 */
import { ScenarioError, showValue, parseScenarioText, resolveExtends as resolveWith, type FindParent, type Raw } from '../../src/browser.ts';

export type { Raw };

const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Plain comparison: file names are ASCII, and localeCompare's collator costs the opening ~30 ms to set up. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** YAML text of each bundled scenario, by file name (e.g. `meshclaw.yaml`). */
export const PRESET_FILES: ReadonlyMap<string, string> = new Map(
  Object.entries(files)
    .map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text] as [string, string])
    .sort((a, b) => byCode(a[0], b[0])),
);

/** Preset names (file names without .yaml), baseline first. */
export const PRESET_NAMES: readonly string[] = [...PRESET_FILES.keys()]
  .map((file) => file.replace(/\.yaml$/, ''))
  .sort((a, b) => (a === 'baseline' ? -1 : b === 'baseline' ? 1 : byCode(a, b)));

/** Finds a parent among the bundled scenarios: only the file name counts ("./meshclaw.yaml", "meshclaw.yaml" and "meshclaw" are one). */
export const findPreset: FindParent = (name, child) => {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const file = /\.ya?ml$/.test(base) ? base : `${base}.yaml`;
  const text = PRESET_FILES.get(file);
  if (text === undefined) {
    throw new ScenarioError('extends', `${showValue(name)} is not a bundled scenario; the page knows ${[...PRESET_FILES.keys()].join(', ')}`, child);
  }
  return { key: file, file, text };
};

/** Follows `extends` through the bundled scenarios, merging each parent under its child (as the CLI does). */
export function resolveExtends(raw: Raw, file?: string): Raw {
  return resolveWith({ raw, file }, findPreset, file ? [file] : []);
}

/** Bundled scenarios as read, by name: a side is rebuilt from its preset at every change, and reading YAML is slow on a page just opened. */
const presets = new Map<string, Raw>();

/** A bundled scenario with its `extends` resolved (a copy: callers may change it). */
export function preset(name: string): Raw {
  let raw = presets.get(name);
  if (raw === undefined) {
    const file = `${name}.yaml`;
    const text = PRESET_FILES.get(file);
    if (text === undefined) throw new ScenarioError('', `no bundled scenario named "${name}"; the page knows ${PRESET_NAMES.join(', ')}`);
    raw = resolveExtends(parseScenarioText(text, file), file);
    presets.set(name, raw);
  }
  return structuredClone(raw);
}
