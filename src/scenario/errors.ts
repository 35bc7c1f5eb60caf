/**
 * A user's mistake in a scenario, as a value with the field's path and a message. The CLI prints
 * it as one line; nothing a user writes in a scenario ever reaches a stack trace.
 */

/**
 * The longest line goodhart prints for a mistake, prefix (`goodhart: error: `) included: a whole
 * message fits a terminal line or two, whatever the input (binary garbage, a 10,000-character key).
 */
export const MAX_MESSAGE_CHARS = 300;
/** What the command line puts before a message. */
export const ERROR_PREFIX = 'goodhart: error: ';
/** The longest message itself. */
const MAX_DETAIL_CHARS = MAX_MESSAGE_CHARS - ERROR_PREFIX.length;

/**
 * A text as one line of at most `max` characters: line breaks, tabs and other control characters
 * become spaces (a message is never two lines), and a longer text is cut with an ellipsis.
 * Characters are counted as JavaScript counts a string's length (UTF-16 code units, so a character
 * beyond the Basic Multilingual Plane counts two), and a cut never splits such a character.
 */
export function oneLine(text: string, max: number = MAX_DETAIL_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  if (flat.length <= max) return flat;
  let cut = max - 1;
  if (cut > 0 && isHighSurrogate(flat.charCodeAt(cut - 1))) cut--;
  return `${flat.slice(0, cut)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** One problem found in a file: the dotted path of the field and what is wrong with it. */
export interface Problem {
  path: string;
  detail: string;
}

function line(file: string | undefined, problem: Problem): string {
  return `${file ? `${file}: ` : ''}${problem.path ? `${problem.path}: ` : ''}${problem.detail}`;
}

/** A mistake in a scenario: the field, the value and what is allowed, in one line the command line prints as it is. */
export class ScenarioError extends Error {
  constructor(
    /** Dotted path of the field, e.g. `policies.quota.coverage`; empty for the file as a whole. */
    readonly path: string,
    /** What is wrong and what is allowed. */
    readonly detail: string,
    /** The file the error is in, when the scenario came from a file. */
    readonly file?: string,
    /** Further problems found in the same check (validation reports them all; a command prints the first). */
    readonly others: readonly Problem[] = [],
  ) {
    const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? 's' : ''}; goodhart validate lists them all)` : '';
    super(oneLine(line(file, { path, detail }), MAX_DETAIL_CHARS - more.length) + more);
    this.name = 'ScenarioError';
  }

  inFile(file: string): ScenarioError {
    return this.file ? this : new ScenarioError(this.path, this.detail, file, this.others);
  }

  /** Every problem as one line of its own, the first first. */
  lines(): string[] {
    return [{ path: this.path, detail: this.detail }, ...this.others].map((p) => oneLine(line(this.file, p)));
  }
}

/** The longest quoted value in a message (a key, an expression, a value read from a file). */
const MAX_QUOTED_CHARS = 60;

/** A value as a user would write it in YAML, a string quoted, escaped and shortened. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS - 3)}...` : value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN (.nan)' : String(value);
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
