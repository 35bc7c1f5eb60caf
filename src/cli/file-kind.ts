/**
 * The three kinds of YAML file the command reads, told apart by top-level fields only each kind
 * has. A file given to the command that reads another kind (`goodhart run` a sweep file) would be
 * refused for the first field it lacks or has too many, which says nothing of the mistake; it is
 * refused instead with the command that reads it. The same for a YAML file given as a posterior
 * (a CSV table, which no YAML kind fits).
 */
import { readFileSync } from 'node:fs';
import { ScenarioError } from '../scenario/errors.ts';
import { isPlainObject, parseScenarioText } from '../scenario/resolve.ts';

export type FileKind = 'scenario' | 'sweep' | 'targets' | 'posterior';

const KINDS: Record<FileKind, { what: string; command: (file: string) => string; has: (fields: readonly string[]) => boolean }> = {
  scenario: {
    what: 'a scenario',
    command: (file) => `goodhart run ${file}`,
    has: (fields) => fields.some((f) => ['extends', 'agents', 'weeks', 'population', 'behaviour', 'aiTool', 'incidents', 'people', 'policies'].includes(f)),
  },
  sweep: {
    what: 'a sweep file',
    command: (file) => `goodhart sweep ${file} --out <folder>`,
    has: (fields) => fields.includes('scenario') && (fields.includes('parameters') || fields.includes('design')),
  },
  targets: {
    what: 'a file of calibration targets',
    command: (file) => `goodhart calibrate ${file} --out <folder>`,
    has: (fields) => fields.includes('targets'),
  },
  posterior: {
    what: 'a posterior (posterior.csv, as goodhart calibrate writes it)',
    command: (file) => `goodhart run <scenarios> --posterior ${file}`,
    has: () => false,
  },
};

/** The kind a file's top-level fields say it is, if exactly one kind fits; undefined if it cannot be read or is none or several. */
export function kindOfFile(file: string): FileKind | undefined {
  let raw: unknown;
  try {
    raw = parseScenarioText(readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
  if (!isPlainObject(raw)) return undefined;
  const fields = Object.keys(raw);
  const fits = (Object.keys(KINDS) as FileKind[]).filter((kind) => KINDS[kind].has(fields));
  return fits.length === 1 ? fits[0] : undefined;
}

/**
 * Runs `load` on `file`, which should be of kind `expected`; if it refuses the file and the file is
 * clearly of another kind, the refusal names that kind and the command that reads it.
 */
export function loadAs<T>(file: string, expected: FileKind, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const kind = kindOfFile(file);
    if (kind === undefined || kind === expected) throw error;
    throw new ScenarioError('', `this is ${KINDS[kind].what}, not ${KINDS[expected].what}: ${KINDS[kind].command(file)} reads it`, file);
  }
}
