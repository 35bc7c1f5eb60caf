/**
 * The loader's core, the same in Node and in the browser: parse a scenario's text, follow its
 * `extends` through a function that finds the parent (files beside it in Node, the bundled
 * scenarios on the page), merge each parent under its child, and apply `--set` overrides. Nothing
 * here reads a file or knows where files are.
 */
import { ScenarioError, show } from './errors.ts';
import { scenarioFields } from './schema.ts';
import { parseYamlBlock, parseYamlValue, type Raw } from './yaml.ts';

export type { Raw };

export const MAX_SCENARIO_BYTES = 1_000_000;
export const MAX_EXTENDS_DEPTH = 20;

/** Parses a scenario's YAML text into an object, or throws a ScenarioError saying where the text is wrong. */
export function parseScenarioText(text: string, file?: string): Raw {
  return parseYamlBlock(text, file, { what: 'a scenario', fields: 'name: ..., policies: ...', maxBytes: MAX_SCENARIO_BYTES, usually: 'a scenario is a few kilobytes' });
}

export function isPlainObject(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Sets an own property. Plain assignment of a key named `__proto__` would replace the object's
 * prototype instead, hiding the key from validation while its fields are still read through it.
 */
function setOwn(target: Raw, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Deep merge: objects merge key by key, anything else in `over` replaces what is in `base`. */
export function deepMerge(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    // A whole distribution (one naming its `dist`) replaces the parent's: a parent's sd, min or max
    // would otherwise reshape a child's different family. A single field (`--set x.mean=0.3`) merges.
    const replaces = isPlainObject(value) && 'dist' in value;
    setOwn(out, key, isPlainObject(value) && isPlainObject(current) && !replaces ? deepMerge(current, value) : value);
  }
  return out;
}

type AnySchema = { _zod: { def: { type: string; innerType?: AnySchema; shape?: Record<string, AnySchema>; defaultValue?: unknown } } };

/** The blocks every model shares (a model's whole schema adds `policies`). */
const SHARED_FIELDS = { _zod: { def: { type: 'object', shape: scenarioFields } } } as unknown as AnySchema;

/** The default `schema` gives a block at `path` (e.g. a distribution's), when it is a block. */
function blockDefault(schema: AnySchema, path: readonly string[]): Raw | undefined {
  let node: AnySchema | undefined = schema;
  let found: unknown;
  for (const key of path) {
    while (node && !node._zod.def.shape && node._zod.def.innerType) node = node._zod.def.innerType;
    const shape: Record<string, AnySchema> | undefined = node?._zod.def.shape;
    node = shape && Object.hasOwn(shape, key) ? shape[key] : undefined;
    found = undefined;
    for (let s = node; s; s = s._zod.def.innerType) {
      if (s._zod.def.type === 'default' || s._zod.def.type === 'prefault') {
        found = s._zod.def.defaultValue;
        break;
      }
    }
  }
  return isPlainObject(found) ? (structuredClone(found) as Raw) : undefined;
}

const OVERRIDE_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * Applies `path=value` overrides; the value is read as YAML (`800000`, `true`, `"t * 2"`,
 * `{dist: beta, mean: 0.2, sd: 0.1}`). One field of a block the scenario leaves to its default (a
 * distribution's `mean`) is set on that default, so `population.aiFitBias.mean=0.1` works whether or
 * not the scenario names aiFitBias. `schema` is the scenario schema whose defaults these are (a
 * model's, for the defaults of policies' blocks; the shared blocks' when not given).
 */
export function applyOverrides(raw: Raw, sets: readonly string[], schema: unknown = SHARED_FIELDS): Raw {
  let out = raw;
  for (const assignment of sets) {
    const eq = assignment.indexOf('=');
    const path = eq > 0 ? assignment.slice(0, eq).trim() : '';
    if (!OVERRIDE_PATH.test(path)) {
      throw new ScenarioError('', `--set needs path=value, e.g. policies.quota.target=800000; got ${show(assignment)}`);
    }
    const keys = path.split('.');
    if (keys[0] === 'extends') {
      throw new ScenarioError('extends', '--set cannot change extends: parents are read before overrides apply; write extends in the scenario file');
    }
    const value = parseYamlValue(assignment.slice(eq + 1), path, `--set ${assignment}`);
    const patch: Raw = {};
    let cursor = patch;
    let existing: unknown = out;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) {
        setOwn(cursor, key, value);
        return;
      }
      existing = isPlainObject(existing) && Object.hasOwn(existing, key) ? existing[key] : undefined;
      // A block the scenario leaves out starts as its default, so that one field of it can be set.
      const next: Raw = existing === undefined ? (blockDefault(schema as AnySchema, keys.slice(0, index + 1)) ?? {}) : {};
      setOwn(cursor, key, next);
      cursor = next;
    });
    out = deepMerge(out, patch);
  }
  return out;
}

/** One file of a chain of `extends`: what it sets itself, and its name for messages. */
export interface Source {
  raw: Raw;
  file?: string;
}

/** A parent found: a key that is the same for the same file (to find cycles), its name for messages, and its text. */
export interface ParentFile {
  key: string;
  file: string;
  text: string;
}

/**
 * Finds the file a scenario's `extends` names (`name`), from the file that names it (`child`,
 * undefined for text); throws a ScenarioError when it may not or cannot be read.
 */
export type FindParent = (name: string, child: string | undefined) => ParentFile;

function baseName(key: string): string {
  return key.slice(Math.max(key.lastIndexOf('/'), key.lastIndexOf('\\')) + 1);
}

/**
 * Follows `extends` from a parsed scenario, merging each parent under its child. Each file read is
 * pushed on `chain`, child first, with the values it sets itself. `seen` holds the keys of the
 * files on the way down (the first file's, if it is one).
 */
export function resolveExtends(child: Source, findParent: FindParent, seen: readonly string[] = [], chain: Source[] = []): Raw {
  const parentName = child.raw.extends;
  chain.push(child);
  if (parentName === undefined) return child.raw;
  const where = child.file;
  if (typeof parentName !== 'string' || parentName.trim().length === 0 || parentName.includes('\0')) {
    throw new ScenarioError('extends', `must be the name of a bundled scenario (meshclaw) or the path of a scenario file, got ${show(parentName)}`, where);
  }
  if (seen.length >= MAX_EXTENDS_DEPTH) throw new ScenarioError('extends', `more than ${MAX_EXTENDS_DEPTH} levels of extends`, where);
  const parent = findParent(parentName, where);
  if (seen.includes(parent.key)) {
    throw new ScenarioError('extends', `cycle: ${[...seen, parent.key].map(baseName).join(' → ')}`, where);
  }
  const parentRaw = parseScenarioText(parent.text, parent.file);
  const resolvedParent = resolveExtends({ raw: parentRaw, file: parent.file }, findParent, [...seen, parent.key], chain);
  const { extends: _ignored, ...own } = child.raw;
  return deepMerge(resolvedParent, own);
}

/** Whether `raw` itself gives a value at `path`, or at a field above or below it. */
function setsPath(raw: Raw, path: string): boolean {
  let node: unknown = raw;
  for (const key of path.split('.')) {
    if (!isPlainObject(node)) return true;
    if (!Object.hasOwn(node, key)) return false;
    node = node[key];
  }
  return true;
}

/**
 * The file whose value a validation error is about: the first in the chain of `extends`, child
 * first, that sets the field, unless an override (`--set`) does; undefined when that is the
 * scenario named first, or when no file sets it (a default).
 */
export function parentAtFault(error: ScenarioError, chain: readonly Source[], sets: readonly string[]): string | undefined {
  if (!error.path || chain.length < 2) return undefined;
  const overridden = sets.some((assignment) => {
    const set = assignment.slice(0, Math.max(0, assignment.indexOf('='))).trim();
    return set === error.path || error.path.startsWith(`${set}.`) || set.startsWith(`${error.path}.`);
  });
  if (overridden) return undefined;
  const origin = chain.find((source) => setsPath(source.raw, error.path));
  return origin && origin !== chain[0] ? origin.file : undefined;
}
