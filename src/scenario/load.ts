/**
 * Loading a scenario: YAML text (or a file, or an object) → `extends` resolved by deep merge →
 * command-line overrides applied → validated and compiled. A scenario file is data: parsing it never
 * runs code, aliases cannot multiply it (billion laughs), and a file over 1 MB is refused.
 *
 * The core (src/scenario/resolve.ts) is the same on the page; this module adds where files are in
 * Node: beside the scenario, inside its folder unless --allow-outside, and the bundled scenarios by
 * name (`extends: meshclaw`) from any folder. Node's fs and path are reached without importing them,
 * so that browsers can load this module too (with YAML text or an object, and a `findParent`).
 */
import { ScenarioError, show } from './errors.ts';
import { applyOverrides, deepMerge, MAX_SCENARIO_BYTES, parentAtFault, parseScenarioText, resolveExtends, type FindParent, type Raw, type Source } from './resolve.ts';
import type { Scenario } from './schema.ts';
import { didYouMean } from './suggest.ts';
import { foreignValue } from './yaml.ts';

export { applyOverrides, deepMerge, MAX_SCENARIO_BYTES, parseScenarioText };

/** How a scenario file is read: the file reader, overrides, and whether `extends` may leave the folder. */
export interface ReadOptions {
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
  /**
   * The folder every file `extends` names must lie in (besides the bundled scenarios): by default the
   * folder of the scenario named first, or the current folder for text and objects. A sweep passes
   * the sweep file's folder.
   */
  root?: string;
  /** Finds the parents `extends` names, instead of the file system (the page: its bundled scenarios). */
  findParent?: FindParent;
}

interface NodeBuiltins {
  fs: {
    readFileSync(path: string, encoding: 'utf8'): string;
    statSync(path: string): { size: number; isFile(): boolean; isDirectory(): boolean };
    realpathSync(path: string): string;
    existsSync(path: string): boolean;
    readdirSync(path: string): string[];
  };
  path: {
    resolve(...parts: string[]): string;
    join(...parts: string[]): string;
    dirname(p: string): string;
    relative(from: string, to: string): string;
    isAbsolute(p: string): boolean;
    basename(p: string, ext?: string): string;
    extname(p: string): string;
    sep: string;
  };
  url: { fileURLToPath(url: URL): string };
}

/** Node's fs, path and url when running in Node (without importing them, so that browsers can load this module). */
function nodeBuiltins(): NodeBuiltins | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  if (!proc?.getBuiltinModule) return undefined;
  return {
    fs: proc.getBuiltinModule('node:fs') as NodeBuiltins['fs'],
    path: proc.getBuiltinModule('node:path') as NodeBuiltins['path'],
    url: proc.getBuiltinModule('node:url') as NodeBuiltins['url'],
  };
}

/** The path with links resolved, or as it is when it does not exist (reading it then says so). */
function realPath(path: string): string {
  try {
    return nodeBuiltins()?.fs.realpathSync(path) ?? path;
  } catch {
    return path;
  }
}

/**
 * Whether `file` lies inside `folder`, compared as real paths (a link inside the folder to a file
 * elsewhere is outside) and segment by segment: `..inside.yaml` is a file of the folder, `../x` is not.
 */
export function isInside(folder: string, file: string): boolean {
  const node = nodeBuiltins();
  if (!node) return false;
  const relative = node.path.relative(realPath(folder), realPath(file));
  return !node.path.isAbsolute(relative) && relative.split(/[\\/]/)[0] !== '..';
}

/** The folder of the bundled scenarios (scenarios/ of this install). */
export function bundledFolder(): string | undefined {
  const node = nodeBuiltins();
  // Only called in Node; a bundler for the page must leave the URL as it is (the page has its own copies).
  return node ? node.url.fileURLToPath(new URL(/* @vite-ignore */ '../../scenarios/', import.meta.url)) : undefined;
}

/** Names of the bundled scenarios (file names without .yaml), sorted. */
export function bundledNames(): string[] {
  const node = nodeBuiltins();
  const folder = bundledFolder();
  if (!node || !folder) return [];
  return node.fs.readdirSync(folder).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/** A bare name (`meshclaw`): no folder, no extension. */
const BUNDLED_NAME = /^[A-Za-z0-9][\w-]*$/;

/** Where a file named in another file is to be read, and the rule that lets it be read. */
export interface NamedFile {
  /** Field of the naming file that names it (`extends`, `scenario`). */
  field: string;
  /** The naming file, for messages and as the folder a relative path starts from. */
  from?: string;
  /** The folder the file must lie in; undefined: anywhere. */
  root?: string;
  /** What the root is, in words, e.g. "the scenario's folder". */
  rootName: string;
  allowOutside?: boolean;
}

/**
 * The path of a file named in another file, if it may be read: a bare name (`meshclaw`) is a bundled
 * scenario; a path is relative to the naming file and must lie inside `root` (or be a bundled
 * scenario) unless `allowOutside`; a file name with no folder that is not there but is bundled
 * (`meshclaw.yaml` from another folder) is the bundled one. Throws a ScenarioError otherwise.
 */
export function locateNamedFile(name: string, rule: NamedFile): string {
  const node = nodeBuiltins();
  if (!node) throw new ScenarioError(rule.field, 'needs a file reader: pass options.findParent, or load the file yourself', rule.from);
  const bundled = bundledFolder()!;
  if (BUNDLED_NAME.test(name)) {
    const file = node.path.join(bundled, `${name}.yaml`);
    if (node.fs.existsSync(file)) return file;
    const names = bundledNames();
    throw new ScenarioError(rule.field, `${show(name)} is not a bundled scenario${didYouMean(name, names)}; bundled: ${names.join(', ')} (or give a path, e.g. ./${name}.yaml)`, rule.from);
  }
  const base = rule.from ? node.path.dirname(node.path.resolve(rule.from)) : node.path.resolve('.');
  let file = node.path.resolve(base, name);
  if (!node.fs.existsSync(file) && !/[\\/]/.test(name) && node.fs.existsSync(node.path.join(bundled, name))) file = node.path.join(bundled, name);
  if (rule.root !== undefined && !rule.allowOutside && !isInside(rule.root, file) && !isInside(bundled, file)) {
    throw new ScenarioError(rule.field, `${show(name)} is outside ${rule.rootName} (${rule.root}); pass --allow-outside to allow it`, rule.from);
  }
  return file;
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

/** Finds parents on Node's file system: bundled by name, or beside the child inside `root`. */
function fileParents(options: ReadOptions, root: string | undefined): FindParent {
  const node = nodeBuiltins();
  const readFile = options.readFile ?? (node ? (p: string) => node.fs.readFileSync(p, 'utf8') : undefined);
  return (name, child) => {
    if (!readFile || !node) throw new ScenarioError('extends', 'needs a file reader: pass options.findParent, or load the parent yourself', child);
    const file = locateNamedFile(name, { field: 'extends', from: child, root, rootName: "the scenario's folder", allowOutside: options.allowOutside });
    return { key: file, file, text: readTextFile(file, readFile, 'extends', child) };
  };
}

/** Whether a string names a file rather than holding YAML text. */
function looksLikePath(source: string): boolean {
  return !source.includes('\n') && /\.(ya?ml|json)$/i.test(source.trim());
}

/** What a model gives the loader: its scenario schema (for the defaults of overridden blocks) and its validation. */
export interface ScenarioChecker {
  schema: unknown;
  validate: (raw: Raw) => Scenario;
}

/**
 * Loads a scenario from a file path (in Node), YAML text, or an object, resolving `extends`,
 * applying overrides, then validating and compiling it with a model's `checker` (the public
 * `loadScenario` of src/experiment/load.ts gives it).
 */
export function loadScenarioWith(checker: ScenarioChecker, source: string | Raw, options: ReadOptions = {}): Scenario {
  const node = nodeBuiltins();
  let top: Source;
  let root = options.root;
  const isPath = typeof source === 'string' && (options.isFile === true || looksLikePath(source));
  if (typeof source === 'string' && isPath) {
    const readFile = options.readFile ?? (node ? (p: string) => node.fs.readFileSync(p, 'utf8') : undefined);
    if (!readFile) throw new ScenarioError('', `cannot read ${source} here: pass options.readFile, YAML text or an object`);
    const file = node ? node.path.resolve(source) : source;
    top = { raw: parseScenarioText(readTextFile(file, readFile, '', undefined), source), file };
    root ??= node ? node.path.dirname(file) : undefined;
    // A file without a name takes its file name: output folders need one.
    if (top.raw.name === undefined && node) top.raw = { ...top.raw, name: node.path.basename(file, node.path.extname(file)) };
  } else if (typeof source === 'string') {
    top = { raw: parseScenarioText(source, options.sourceName) };
    root ??= node ? node.path.resolve('.') : undefined;
  } else {
    const foreign = foreignValue(source);
    if (foreign) throw new ScenarioError(foreign.join('.'), 'must be a plain block of fields, a list or a value', options.sourceName);
    top = { raw: source };
    root ??= node ? node.path.resolve('.') : undefined;
  }
  const label = typeof source === 'string' && isPath ? source : options.sourceName;
  const chain: Source[] = [];
  const sets = options.set ?? [];
  try {
    const merged = resolveExtends(top, options.findParent ?? fileParents(options, root), top.file ? [top.file] : [], chain);
    return checker.validate(applyOverrides(merged, sets, checker.schema));
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // A bad value inherited from a parent file is reported in that file, which is where to mend it.
    const parent = parentAtFault(error, chain, sets);
    if (parent && node) {
      // Named the way the user named the first file: relative to it when it was given relatively.
      const bundled = bundledFolder();
      const shown =
        bundled && isInside(bundled, parent) && !(top.file && isInside(bundled, top.file)) ? `${node.path.basename(parent)} (bundled)`
        : label && top.file ? node.path.join(node.path.dirname(label), node.path.relative(node.path.dirname(top.file), parent))
        : parent;
      throw error.inFile(`${shown} (extended by ${label ?? 'the scenario'})`);
    }
    if (label) throw error.inFile(label);
    throw error;
  }
}
