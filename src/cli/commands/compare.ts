/**
 * `goodhart compare`: runs scenarios like `run`, and prints the paired differences of each against
 * the first (b − a, seed by seed under common random numbers) for the key outcomes.
 */
import type { Argv } from 'yargs';
import { KEY_OUTCOMES, outcomeTitle, pairedDifferences, type DifferenceRow } from '../../experiment/compare.ts';
import { spread } from '../../experiment/summary.ts';
import { formatDifference, formatRelative } from '../../report/format.ts';
import { UserError } from '../errors.ts';
import { run, runOptions, type RunArgs } from './run.ts';

export function compareCommand(yargs: Argv) {
  return yargs.command<RunArgs>(
    'compare <scenarios..>',
    'Run scenarios and print the paired differences of each against the first',
    (y) =>
      runOptions(y)
        .example('$0 compare scenarios/baseline.yaml scenarios/meshclaw.yaml', 'What the mandate changes, with 95% intervals')
        .example('$0 compare scenarios/meshclaw.yaml scenarios/guarded-deploys.yaml --seeds 40 --charts none', 'More seeds, no charts') as unknown as Argv<RunArgs>,
    async (args) => {
      if (args.scenarios.length < 2) throw new UserError('compare needs at least two scenarios: the reference first, then those compared with it');
      const results = await run(args);
      const reference = results[0];
      for (const result of results.slice(1)) {
        const wider = reference.withAssumptions && result.withAssumptions && pairedDifferences(reference.withAssumptions, result.withAssumptions, KEY_OUTCOMES, spread);
        process.stdout.write(`\n${differenceTable(pairedDifferences(reference, result), wider)}`);
      }
    },
  );
}

/** The printed column of intervals with parameters drawn from a posterior (explain's table heads its own the same). */
export const WIDER_COLUMN = 'with assumptions';

/**
 * A plain-text table of paired differences, aligned for a terminal; with `wider` (the same
 * differences with parameters drawn from a posterior), its interval in a column of its own.
 */
export function differenceTable(rows: readonly DifferenceRow[], wider?: readonly DifferenceRow[]): string {
  const first = rows[0];
  const interval = (r: DifferenceRow) => `[${formatDifference(r.lo, r.unit)}, ${formatDifference(r.hi, r.unit)}]`;
  const lines = [
    [`${first.scenario} − ${first.against}`, 'difference', '95% interval', ...(wider ? [WIDER_COLUMN] : []), 'relative'],
    ...rows.map((r, k) => [outcomeTitle(r), formatDifference(r.mean, r.unit), interval(r), ...(wider ? [interval(wider[k])] : []), formatRelative(r.relative, r.unit)]),
  ];
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  return lines.map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n') + '\n';
}
