/**
 * posterior.csv: a posterior's weighted particles as a table, `weight` and then one column per
 * parameter (its scenario path), read into a Posterior (src/experiment/posterior.ts). A CSV library
 * reads the table here (quoted fields and all); the checks are the browser's too (posteriorFromRows).
 */
import { parse } from 'csv-parse/sync';
import { ScenarioError } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import { posteriorFromRows, type Posterior } from './posterior.ts';

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
  return posteriorFromRows(rows, scenario, file);
}

