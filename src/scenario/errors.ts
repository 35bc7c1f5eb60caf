/**
 * A user's mistake in a scenario, as a value with the field's path and a message. The CLI prints
 * it as one line; nothing a user writes in a scenario ever reaches a stack trace.
 */
export class ScenarioError extends Error {
  constructor(
    /** Dotted path of the field, e.g. `policies.quota.coverage`; empty for the file as a whole. */
    readonly path: string,
    /** What is wrong and what is allowed. */
    readonly detail: string,
    /** The file the error is in, when the scenario came from a file. */
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${path ? `${path}: ` : ''}${detail}`);
    this.name = 'ScenarioError';
  }

  inFile(file: string): ScenarioError {
    return this.file ? this : new ScenarioError(this.path, this.detail, file);
  }
}

/** A value as a user would write it in YAML. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN (.nan)' : String(value);
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
