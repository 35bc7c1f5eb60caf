/**
 * posterior.csv: a posterior's weighted particles as a table, `weight` and then one column per
 * parameter (its scenario path), read into a Posterior (src/experiment/posterior.ts).
 */
import { parse } from 'csv-parse/sync';
import { ScenarioError, show } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { modelOf } from '../sim/model.ts';
import { parameters } from '../sim/parameters.ts';
import type { Posterior } from './posterior.ts';

/**
 * Reads posterior.csv text: a header `weight,<path>,...` and one row per particle. Every path must
 * be a numeric parameter of `scenario`'s model (`goodhart params` lists them); weights must be
 * finite, not negative, and not all zero.
 */
export function parsePosterior(text: string, scenario: Scenario, file = 'posterior.csv'): Posterior {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new ScenarioError('', `is not a CSV table: ${(error as Error).message.split('\n')[0]}`, file);
  }
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
    const line = r + 2;
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

