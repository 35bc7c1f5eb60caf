/**
 * A posterior over the model's uncertain parameters, as weighted particles (posterior.csv: a
 * `weight` column, then one column per parameter, named by its scenario path), and how runs carry
 * it: seed k of every scenario draws the same particle, so that the parameters, like the random
 * streams, are common to the scenarios compared and their differences stay paired.
 *
 * A run at seed k is then a draw from the posterior predictive: the spread of a difference over
 * seeds is the uncertainty of the assumptions and of chance together. Reading posterior.csv is
 * src/experiment/posterior-file.ts on the command line, {@link parsePosteriorText} in a browser.
 */
import { ScenarioError, show } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { modelOf, validateScenario } from '../sim/model.ts';
import { parameters } from '../sim/parameters.ts';
import { stream } from '../sim/random.ts';

/** Weighted particles: row r's value of parameter c at `values[r * parameters.length + c]`. */
export interface Posterior {
  /** Scenario paths, e.g. `behaviour.gamingAversion`; a distribution's path sets its mean. */
  parameters: string[];
  values: Float64Array;
  /** Normalised: they sum to 1. */
  weights: Float64Array;
}

/** The name of the stream each seed draws its particle from: apart from every stream of a run. */
const POSTERIOR_STREAM = 'posterior';

/** The particle seed `seed` runs with: a draw by weight from the seed's own stream, the same for every scenario. */
export function particleOf(posterior: Posterior, seed: number): number {
  const u = stream(seed, POSTERIOR_STREAM)();
  const { weights } = posterior;
  let cumulative = 0;
  for (let r = 0; r < weights.length; r++) {
    cumulative += weights[r];
    if (u < cumulative) return r;
  }
  // Rounding can leave the cumulative sum a hair below 1: the last particle with weight takes the rest.
  let last = weights.length - 1;
  while (weights[last] === 0) last--;
  return last;
}

/** `scenario` with particle `row`'s values set, then checked (a distribution's path sets its mean). */
export function scenarioWithParticle(scenario: Scenario, posterior: Posterior, row: number): Scenario {
  const width = posterior.parameters.length;
  const raw = structuredClone(scenario) as unknown as Record<string, unknown>;
  posterior.parameters.forEach((path, c) => {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, unknown> | undefined>((node, key) => node?.[key] as Record<string, unknown> | undefined, raw);
    const last = keys[keys.length - 1];
    if (parent === undefined || !(last in parent)) throw new ScenarioError(path, 'is not a field of the scenario; a posterior names parameters as goodhart params lists them');
    const current = parent[last];
    const value = posterior.values[row * width + c];
    if (current !== null && typeof current === 'object') (current as Record<string, unknown>).mean = value;
    else parent[last] = value;
  });
  const model = modelOf(scenario);
  return validateScenario(raw, model);
}

/**
 * A posterior from the rows of posterior.csv, header first: `weight,<path>,...`. Every path must
 * be a numeric parameter of `scenario`'s model (`goodhart params` lists them); weights must be
 * finite, not negative, and not all zero. `lines` are the file's line of each row (blank lines
 * skipped), so that a message names the line a person sees; by default row r is line r + 1.
 */
export function posteriorFromRows(rows: readonly (readonly string[])[], scenario: Scenario, file = 'posterior.csv', lines?: readonly number[]): Posterior {
  if (rows.length < 2) throw new ScenarioError('', 'needs a header (weight, then parameter paths) and at least one particle', file);
  const [header, ...body] = rows;
  if (header[0] !== 'weight') throw new ScenarioError('weight', `the first column must be weight, got ${show(header[0])}`, file);
  const known = parameters(modelOf(scenario), scenario).map((p) => p.path);
  const paths = header.slice(1);
  if (paths.length === 0) throw new ScenarioError('', 'names no parameter after weight', file);
  for (const path of paths) {
    if (!known.includes(path)) throw new ScenarioError(path, `is not a parameter of the model${didYouMean(path, known) || ''}; goodhart params lists them`, file);
  }
  const width = paths.length;
  const values = new Float64Array(body.length * width);
  const weights = new Float64Array(body.length);
  let total = 0;
  body.forEach((row, r) => {
    const line = lines?.[r + 1] ?? r + 2;
    const weight = Number(row[0]);
    if (!Number.isFinite(weight) || weight < 0) throw new ScenarioError(`weight (line ${line})`, `${show(row[0])} is not a weight: a number, 0 or more`, file);
    weights[r] = weight;
    total += weight;
    for (let c = 0; c < width; c++) {
      const value = Number(row[c + 1]);
      if (!Number.isFinite(value)) throw new ScenarioError(`${paths[c]} (line ${line})`, `${show(row[c + 1])} is not a number`, file);
      values[r * width + c] = value;
    }
  });
  if (!(total > 0)) throw new ScenarioError('weight', 'every weight is 0: no particle could be drawn', file);
  for (let r = 0; r < weights.length; r++) weights[r] /= total;
  return { parameters: paths, values, weights };
}

/**
 * Reads posterior.csv text without a CSV library, for a browser: the file as `goodhart calibrate`
 * writes it, numbers and paths separated by commas, one particle a line. A quoted field, or a line
 * whose number of fields is not the header's, is refused in one line naming the line; the rest is
 * checked as on the command line (the paths against `scenario`'s model, the weights, the numbers).
 */
export function parsePosteriorText(text: string, scenario: Scenario, file = 'posterior.csv'): Posterior {
  const lines = text.split(/\r?\n/);
  const rows: string[][] = [];
  const numbers: number[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    if (line.includes('"')) throw new ScenarioError(`line ${i + 1}`, 'has a quoted field; posterior.csv holds only parameter paths and numbers', file);
    const row = line.split(',').map((cell) => cell.trim());
    if (rows.length > 0 && row.length !== rows[0].length) throw new ScenarioError(`line ${i + 1}`, `has ${row.length} fields where the header has ${rows[0].length}`, file);
    rows.push(row);
    numbers.push(i + 1);
  });
  return posteriorFromRows(rows, scenario, file, numbers);
}
