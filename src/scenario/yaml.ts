/**
 * Reading a YAML file that must hold a block of fields (a scenario, a sweep file): YAML 1.2 with the
 * core schema only, as data. Parsing never runs code; a directive other than `%YAML 1.2` and any
 * tag but the core schema's own (`!!omap`, `!!set`, `!!binary`, `!!timestamp`, `!js/function`, ...)
 * is refused naming its line and column, rather than read as something validation would pass over
 * (a YAML 1.1 `!!omap` is a Map, which a schema sees as an empty block); aliases cannot multiply a
 * file (billion laughs); nesting too deep for the parser's stack is refused before parsing; a file
 * over its size limit is refused. Every refusal is one ScenarioError.
 */
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { oneLine, ScenarioError } from './errors.ts';

/** Enough for any hand-written file; a billion-laughs file needs far more. */
export const MAX_YAML_ALIASES = 100;
/** A scenario nests four levels; the YAML parser recurses once per level and overflows its stack near 1,000. */
export const MAX_FLOW_DEPTH = 100;
/**
 * How far right a block may start, in columns (indentation plus 2 per `- ` of a compact nested list):
 * a scenario's deepest field starts near column 8; at one column a level the parser overflows near 900.
 */
export const MAX_BLOCK_COLUMNS = 200;
/** The longest part of the YAML library's own message kept in ours (it may quote a whole token). */
const MAX_PARSER_MESSAGE_CHARS = 100;

/** The tags of the core schema, which mean what an untagged value means; any other is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** What kind of file is read, for messages. */
export interface YamlFileKind {
  /** E.g. "a scenario". */
  what: string;
  /** The fields such a file starts with, e.g. "name: ..., policies: ...". */
  fields: string;
  maxBytes: number;
  /** What such a file usually is, e.g. "a scenario is a few kilobytes". */
  usually: string;
}

/** A scenario or sweep file as parsed, before validation. */
export type Raw = Record<string, unknown>;

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

/** The first line (1-based) whose block starts further right than MAX_BLOCK_COLUMNS, or 0. */
function tooDeepLine(text: string): number {
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const start = /^[ \t]*(?:[-?:][ \t]+)*/.exec(lines[k])![0].length;
    if (start > MAX_BLOCK_COLUMNS) return k + 1;
  }
  return 0;
}

/** The YAML library's message, shortened and without the position it repeats. */
function parserMessage(message: string): string {
  return oneLine(message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), MAX_PARSER_MESSAGE_CHARS);
}

/** A directive other than `%YAML 1.2`, with its line, if the text has one. */
function foreignDirective(text: string): { line: number; directive: string } | undefined {
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].trimEnd();
    if (line.startsWith('---') || line.startsWith('...')) return undefined;
    if (line.startsWith('%') && !/^%YAML[ \t]+1\.2(?:[ \t]+#.*)?$/.test(line)) return { line: k + 1, directive: line };
  }
  return undefined;
}

/**
 * Where the tag of a node starts: the node's range starts at its value, and its properties (a tag,
 * an anchor) are the whitespace-separated words just before it.
 */
function tagStart(text: string, valueStart: number): number {
  let end = valueStart;
  for (let word = 0; word < 2; word++) {
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    let start = end;
    while (start > 0 && !/\s/.test(text[start - 1])) start--;
    if (text[start] === '!') return start;
    end = start;
  }
  return valueStart;
}

/** The first tag outside the core schema, with its position. */
function foreignTag(text: string, doc: Document, lines: LineCounter): { tag: string; line: number; col: number } | undefined {
  let found: { tag: string; line: number; col: number } | undefined;
  visit(doc, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      if (tag === undefined || CORE_TAGS.has(tag)) return undefined;
      const at = lines.linePos(tagStart(text, node.range?.[0] ?? 0));
      found = { tag: tag.replace(/^tag:yaml\.org,2002:/, '!!'), line: at.line, col: at.col };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * The path of the first value that is neither a plain block of fields, a list, nor a number, string,
 * boolean or null (a Map, a Set, a Date, bytes), or that contains itself (a YAML anchor inside its
 * own alias, `&a [*a]`), or undefined when every value is plain data. Walked with a stack of its own:
 * an object from code may nest deeper than the call stack.
 */
export function foreignValue(root: unknown): string[] | undefined {
  const stack: { value: unknown; path: string[]; within: readonly object[] }[] = [{ value: root, path: [], within: [] }];
  while (stack.length > 0) {
    const { value, path, within } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (within.includes(value)) return path;
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return path;
    const inside = [...within, value];
    for (const [key, item] of Object.entries(value)) if (item !== null && typeof item === 'object') stack.push({ value: item, path: [...path, key], within: inside });
  }
  return undefined;
}

/** Parses YAML text holding a block of fields, or throws a ScenarioError saying where and what is wrong. */
export function parseYamlBlock(text: string, file: string | undefined, kind: YamlFileKind): Raw {
  if (text.length > kind.maxBytes) throw new ScenarioError('', `the file is larger than ${kind.maxBytes / 1e6} MB; ${kind.usually}`, file);
  if (flowDepth(text) > MAX_FLOW_DEPTH) {
    throw new ScenarioError('', `brackets [ ] or { } are nested more than ${MAX_FLOW_DEPTH} levels deep; ${kind.what} needs a few`, file);
  }
  const deep = tooDeepLine(text);
  if (deep > 0) {
    throw new ScenarioError('', `line ${deep} is nested or indented more than ${MAX_BLOCK_COLUMNS} columns deep; ${kind.what} needs a few levels`, file);
  }
  const directive = foreignDirective(text);
  if (directive) {
    throw new ScenarioError('', `line ${directive.line}: the directive ${JSON.stringify(oneLine(directive.directive, 40))} is not accepted: files are read as YAML 1.2 with the core schema only (remove it)`, file);
  }
  const lines = new LineCounter();
  // The core schema, without the YAML 1.1 types the library would otherwise resolve on request
  // (!!omap, !!set, !!binary, ...); those tags are refused below.
  const doc = parseDocument(text, { schema: 'core', version: '1.2', resolveKnownTags: false, merge: false, uniqueKeys: true, prettyErrors: true, logLevel: 'silent', lineCounter: lines });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const where = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    throw new ScenarioError('', `not valid YAML${where}: ${parserMessage(error.message)}`, file);
  }
  const tag = foreignTag(text, doc, lines);
  if (tag) {
    throw new ScenarioError('', `line ${tag.line}, column ${tag.col}: the tag ${JSON.stringify(oneLine(tag.tag, 40))} is not accepted: files are read as YAML 1.2 with the core schema only (remove the tag)`, file);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new ScenarioError('', `too many YAML aliases (at most ${MAX_YAML_ALIASES}): ${parserMessage((error as Error).message)}`, file);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) {
    const found = data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    throw new ScenarioError('', `${kind.what} must be a block of fields (${kind.fields}), not ${found}`, file);
  }
  const foreign = foreignValue(data);
  if (foreign) throw new ScenarioError(foreign.join('.'), 'must be a plain block of fields, a list or a value', file);
  return data as Raw;
}

/**
 * Reads one value written in YAML (the value of `--set path=value`), core schema only; `what` names
 * it in messages (e.g. "--set weeks=[1"). Throws a ScenarioError for `path`.
 */
export function parseYamlValue(text: string, path: string, what: string): unknown {
  const doc = parseDocument(text, { schema: 'core', version: '1.2', resolveKnownTags: false, merge: false, logLevel: 'silent' });
  let value: unknown;
  try {
    if (doc.errors.length > 0) throw doc.errors[0];
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new ScenarioError(path, `the value in ${what} is not valid YAML: ${parserMessage((error as Error).message)}`);
  }
  let tagged = false;
  visit(doc, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      if (tag === undefined || CORE_TAGS.has(tag)) return undefined;
      tagged = true;
      return visit.BREAK;
    },
  });
  if (tagged || doc.directives?.yaml.explicit) throw new ScenarioError(path, `the value in ${what} has a YAML tag or directive; write a plain value`);
  if (foreignValue(value)) throw new ScenarioError(path, `the value in ${what} is not plain data (an anchor inside its own alias?); write a plain value`);
  return value;
}
