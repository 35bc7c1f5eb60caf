/// <reference types="vite/client" />
/**
 * The bundled scenarios (the YAML files of scenarios/, inlined at build time) and `extends` resolved
 * from them: the page has no file system, so a scenario may extend only a bundled one, by file name.
 */
import { deepMerge, parseScenarioText } from '../../src/scenario/load.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';

export type Raw = Record<string, unknown>;

const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** YAML text of each bundled scenario, by file name (e.g. `meshclaw.yaml`). */
export const PRESET_FILES: ReadonlyMap<string, string> = new Map(
  Object.entries(files)
    .map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text] as [string, string])
    .sort((a, b) => a[0].localeCompare(b[0])),
);

/** Preset names (file names without .yaml), baseline first. */
export const PRESET_NAMES: readonly string[] = [...PRESET_FILES.keys()]
  .map((file) => file.replace(/\.yaml$/, ''))
  .sort((a, b) => (a === 'baseline' ? -1 : b === 'baseline' ? 1 : a.localeCompare(b)));

const MAX_EXTENDS_DEPTH = 20;

/** Follows `extends` through the bundled scenarios, merging each parent under its child (as the CLI does). */
export function resolveExtends(raw: Raw, file?: string, seen: string[] = []): Raw {
  const parent = raw.extends;
  if (parent === undefined) return raw;
  if (typeof parent !== 'string' || parent.length === 0) {
    throw new ScenarioError('extends', `must be the name of a scenario file, got ${JSON.stringify(parent)}`, file);
  }
  // Only the file name counts: "./meshclaw.yaml" and "meshclaw.yaml" are the same bundled file.
  const name = parent.slice(parent.lastIndexOf('/') + 1);
  const text = PRESET_FILES.get(name);
  if (text === undefined) {
    throw new ScenarioError('extends', `"${parent}" is not a bundled scenario; the page knows ${[...PRESET_FILES.keys()].join(', ')}`, file);
  }
  if (seen.includes(name)) throw new ScenarioError('extends', `cycle: ${[...seen, name].join(' → ')}`, file);
  if (seen.length >= MAX_EXTENDS_DEPTH) throw new ScenarioError('extends', `more than ${MAX_EXTENDS_DEPTH} levels of extends`, file);
  const resolvedParent = resolveExtends(parseScenarioText(text, name), name, [...seen, name]);
  const { extends: _parent, ...own } = raw;
  return deepMerge(resolvedParent, own);
}

/** A bundled scenario with its `extends` resolved. */
export function preset(name: string): Raw {
  const file = `${name}.yaml`;
  const text = PRESET_FILES.get(file);
  if (text === undefined) throw new ScenarioError('', `no bundled scenario named "${name}"; the page knows ${PRESET_NAMES.join(', ')}`);
  return resolveExtends(parseScenarioText(text, file), file, [file]);
}
