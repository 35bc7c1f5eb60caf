/**
 * Loading a scenario: YAML text (or a file, or an object) → `extends` resolved by deep merge →
 * command-line overrides applied → validated and compiled. A scenario file is data: parsing it never
 * runs code, aliases cannot multiply it (billion laughs), and a file over 1 MB is refused.
 *
 * The loader reads files only through `readFile`, which defaults to Node's when there is one, so the
 * same function works in the browser with YAML text or an object.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ScenarioError } from './errors.ts';
import type { Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

export const MAX_SCENARIO_BYTES = 1_000_000;
/** Enough for any hand-written scenario; a billion-laughs file needs far more. */
const MAX_YAML_ALIASES = 100;
const MAX_EXTENDS_DEPTH = 20;
/** A scenario nests four levels; the YAML parser recurses once per level and takes seconds to overflow its stack. */
const MAX_FLOW_DEPTH = 100;

export interface LoadOptions {
  /** Reads a file as UTF-8 text; defaults to Node's fs when available. */
  readFile?: (path: string) => string;
  /** Overrides as `path=value` (value in YAML), applied after `extends`, e.g. `policies.quota.target=800000`. */
  set?: readonly string[];
  /** Let `extends` read files outside the folder of the scenario named first. */
  allowOutside?: boolean;
  /** Name shown in error messages when the source is text. */
  sourceName?: string;
  /**
   * Read a string source as a file path even when it does not end in .yaml, .yml or .json
   * (the command line's arguments are always files).
   */
  isFile?: boolean;
}

type Raw = Record<string, unknown>;

interface NodeBuiltins {
  fs: { readFileSync(path: string, encoding: 'utf8'): string; statSync(path: string): { size: number; isFile(): boolean; isDirectory(): boolean }; realpathSync(path: string): string };
  path: { resolve(...parts: string[]): string; join(...parts: string[]): string; dirname(p: string): string; relative(from: string, to: string): string; isAbsolute(p: string): boolean; basename(p: string, ext?: string): string; extname(p: string): string };
}

/** Node's fs and path when running in Node (without importing them, so that browsers can load this module). */
function nodeBuiltins(): NodeBuiltins | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  if (!proc?.getBuiltinModule) return undefined;
  return { fs: proc.getBuiltinModule('node:fs') as NodeBuiltins['fs'], path: proc.getBuiltinModule('node:path') as NodeBuiltins['path'] };
}

function isPlainObject(value: unknown): value is Raw {
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

/** The deepest nesting of [ and { in a text (brackets inside quotes count too: a bound, not a parse). */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return deepest;
}

/** Parses YAML text into an object, or throws a ScenarioError saying where the syntax is wrong. */
export function parseScenarioText(text: string, file?: string): Raw {
  if (text.length > MAX_SCENARIO_BYTES) {
    throw new ScenarioError('', `the file is larger than ${MAX_SCENARIO_BYTES / 1e6} MB; a scenario is a few kilobytes`, file);
  }
  if (flowDepth(text) > MAX_FLOW_DEPTH) {
    throw new ScenarioError('', `brackets [ ] or { } are nested more than ${MAX_FLOW_DEPTH} levels deep; a scenario needs a few`, file);
  }
  let data: unknown;
  try {
    // logLevel 'error': an unknown tag (e.g. !!js/function) is not printed as a process warning;
    // the value is kept as a plain string and then fails validation like any other wrong value.
    data = parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES, prettyErrors: true, logLevel: 'error' });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
      const what = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new ScenarioError('', `not valid YAML${where}: ${what}`, file);
    }
    if (error instanceof ReferenceError || /alias/i.test((error as Error).message)) {
      throw new ScenarioError('', `too many YAML aliases (at most ${MAX_YAML_ALIASES}): ${(error as Error).message}`, file);
    }
    throw new ScenarioError('', `cannot be read as YAML: ${(error as Error).message}`, file);
  }
  if (!isPlainObject(data)) {
    const found = data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    throw new ScenarioError('', `a scenario must be a block of fields (name: ..., policies: ...), not ${found}`, file);
  }
  return data;
}

/** Applies `path=value` overrides; the value is read as YAML (`800000`, `true`, `"t * 2"`, `{dist: beta, mean: 0.2, sd: 0.1}`). */
export function applyOverrides(raw: Raw, sets: readonly string[]): Raw {
  let out = raw;
  for (const assignment of sets) {
    const eq = assignment.indexOf('=');
    const path = eq > 0 ? assignment.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(path)) {
      throw new ScenarioError('', `--set needs path=value, e.g. policies.quota.target=800000; got ${JSON.stringify(assignment)}`);
    }
    let value: unknown;
    try {
      value = parseYaml(assignment.slice(eq + 1), { maxAliasCount: MAX_YAML_ALIASES, logLevel: 'error' });
    } catch (error) {
      const what = (error as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new ScenarioError(path, `the value in --set ${assignment} is not valid YAML: ${what}`);
    }
    const patch: Raw = {};
    let cursor = patch;
    const keys = path.split('.');
    keys.forEach((key, index) => {
      if (index === keys.length - 1) setOwn(cursor, key, value);
      else {
        const next: Raw = {};
        setOwn(cursor, key, next);
        cursor = next;
      }
    });
    out = deepMerge(out, patch);
  }
  return out;
}

interface Source {
  raw: Raw;
  file?: string;
}

/**
 * Follows `extends` from a parsed scenario, merging each parent under its child. Each file read is
 * pushed on `chain`, child first, with the values it sets itself.
 */
function resolveExtends(child: Source, options: LoadOptions, root: string | undefined, seen: string[], chain: Source[]): Raw {
  const parentName = child.raw.extends;
  chain.push(child);
  if (parentName === undefined) return child.raw;
  const where = child.file;
  if (typeof parentName !== 'string' || parentName.length === 0 || parentName.includes('\0')) {
    throw new ScenarioError('extends', `must be the path of a scenario file, got ${JSON.stringify(parentName)}`, where);
  }
  const node = nodeBuiltins();
  const readFile = options.readFile ?? (node ? (p: string) => node.fs.readFileSync(p, 'utf8') : undefined);
  if (!readFile || !node) throw new ScenarioError('extends', 'needs a file reader: pass options.readFile, or load the parent yourself', where);
  const base = child.file ? node.path.dirname(child.file) : '.';
  const parentFile = node.path.resolve(base, parentName);
  if (root !== undefined && !options.allowOutside) {
    // Compared as real paths: a link inside the folder to a file elsewhere is outside it.
    const relative = node.path.relative(realPath(root), realPath(parentFile));
    if (relative.startsWith('..') || node.path.isAbsolute(relative)) {
      throw new ScenarioError('extends', `"${parentName}" is outside the scenario's folder (${root}); pass --allow-outside to allow it`, where);
    }
  }
  if (seen.includes(parentFile)) {
    throw new ScenarioError('extends', `cycle: ${[...seen, parentFile].map((f) => node.path.basename(f)).join(' → ')}`, where);
  }
  if (seen.length >= MAX_EXTENDS_DEPTH) throw new ScenarioError('extends', `more than ${MAX_EXTENDS_DEPTH} levels of extends`, where);
  const parentRaw = parseScenarioText(readTextFile(parentFile, readFile, 'extends', where), parentFile);
  const resolvedParent = resolveExtends({ raw: parentRaw, file: parentFile }, options, root, [...seen, parentFile], chain);
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
function parentAtFault(error: ScenarioError, chain: readonly Source[], sets: readonly string[]): string | undefined {
  if (!error.path || chain.length < 2) return undefined;
  const overridden = sets.some((assignment) => {
    const set = assignment.slice(0, Math.max(0, assignment.indexOf('='))).trim();
    return set === error.path || error.path.startsWith(`${set}.`) || set.startsWith(`${error.path}.`);
  });
  if (overridden) return undefined;
  const origin = chain.find((source) => setsPath(source.raw, error.path));
  return origin && origin !== chain[0] ? origin.file : undefined;
}

/** The path with links resolved, or as it is when it does not exist (reading it then says so). */
function realPath(path: string): string {
  try {
    return nodeBuiltins()?.fs.realpathSync(path) ?? path;
  } catch {
    return path;
  }
}

/** How large a file of a kind may be, and what such a file usually is, for the message refusing a larger one. */
export interface FileLimit {
  maxBytes: number;
  usually: string;
}

const SCENARIO_FILE: FileLimit = { maxBytes: MAX_SCENARIO_BYTES, usually: 'a scenario is a few kilobytes' };

/**
 * Reads a user's text file, refusing what is not a regular file (a device or a pipe such as
 * /dev/zero could be read forever) or is larger than `limit`, with one message naming `field`.
 */
export function readTextFile(file: string, readFile: (path: string) => string, field: string, referrer?: string, limit: FileLimit = SCENARIO_FILE): string {
  const node = nodeBuiltins();
  try {
    const stat = node?.fs.statSync(file);
    if (stat && !stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: stat.isDirectory() ? 'EISDIR' : 'ENOTREG' });
    if (stat && stat.size > limit.maxBytes) {
      throw new ScenarioError('', `the file is larger than ${limit.maxBytes / 1e6} MB; ${limit.usually}`, file);
    }
    return readFile(file);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'no such file'
      : code === 'EISDIR' ? 'is a folder, not a file'
      : code === 'ENOTREG' ? 'not a regular file (a device or a pipe)'
      : code === 'EACCES' ? 'permission denied'
      : (error as Error).message;
    throw new ScenarioError(field, `cannot read ${file}: ${reason}`, referrer);
  }
}

/** Whether a string names a file rather than holding YAML text. */
function looksLikePath(source: string): boolean {
  return !source.includes('\n') && /\.(ya?ml|json)$/i.test(source.trim());
}

/**
 * Loads a scenario from a file path (in Node), YAML text, or an object, resolving `extends`,
 * applying overrides, validating and compiling it.
 *
 * @example
 * ```ts
 * const scenario = loadScenario('scenarios/meshclaw.yaml', { set: ['policies.quota.target=800000'] });
 * const result = runScenario(scenario, { seeds: 5 });
 * ```
 */
export function loadScenario(source: string | Raw, options: LoadOptions = {}): Scenario {
  const node = nodeBuiltins();
  let top: Source;
  let root: string | undefined;
  const isPath = typeof source === 'string' && (options.isFile === true || looksLikePath(source));
  if (typeof source === 'string' && isPath) {
    const readFile = options.readFile ?? (node ? (p: string) => node.fs.readFileSync(p, 'utf8') : undefined);
    if (!readFile) throw new ScenarioError('', `cannot read ${source} here: pass options.readFile, YAML text or an object`);
    const file = node ? node.path.resolve(source) : source;
    top = { raw: parseScenarioText(readTextFile(file, readFile, '', undefined), source), file };
    root = node ? node.path.dirname(file) : undefined;
    // A file without a name takes its file name: output folders need one.
    if (top.raw.name === undefined && node) top.raw = { ...top.raw, name: node.path.basename(file, node.path.extname(file)) };
  } else if (typeof source === 'string') {
    top = { raw: parseScenarioText(source, options.sourceName) };
    root = node ? node.path.resolve('.') : undefined;
  } else {
    top = { raw: source };
    root = node ? node.path.resolve('.') : undefined;
  }
  const label = typeof source === 'string' && isPath ? source : options.sourceName;
  const chain: Source[] = [];
  try {
    const merged = resolveExtends(top, options, root, top.file ? [top.file] : [], chain);
    return validateScenario(applyOverrides(merged, options.set ?? []));
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // A bad value inherited from a parent file is reported in that file, which is where to mend it.
    const parent = parentAtFault(error, chain, options.set ?? []);
    if (parent && node) {
      // Named the way the user named the first file: relative to it when it was given relatively.
      const shown = label && top.file ? node.path.join(node.path.dirname(label), node.path.relative(node.path.dirname(top.file), parent)) : parent;
      throw error.inFile(`${shown} (extended by ${label ?? 'the scenario'})`);
    }
    if (label) throw error.inFile(label);
    throw error;
  }
}
