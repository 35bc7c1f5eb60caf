/**
 * `goodhart compare`: runs scenarios like `run`, and prints the paired differences of each against
 * the first (b − a, seed by seed under common random numbers) for the key outcomes.
 */
import type { Argv } from 'yargs';
import { outcomeTitle, pairedDifferences, type DifferenceRow } from '../../experiment/compare.ts';
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
      for (const result of results.slice(1)) process.stdout.write(`\n${differenceTable(pairedDifferences(results[0], result))}`);
    },
  );
}

/** A plain-text table of paired differences, aligned for a terminal. */
export function differenceTable(rows: readonly DifferenceRow[]): string {
  const first = rows[0];
  const lines = [
    [`${first.scenario} − ${first.against}`, 'difference', '95% interval', 'relative'],
    ...rows.map((r) => [
      outcomeTitle(r),
      formatDifference(r.mean, r.unit),
      `[${formatDifference(r.lo, r.unit)}, ${formatDifference(r.hi, r.unit)}]`,
      formatRelative(r.relative, r.unit),
    ]),
  ];
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  return lines.map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n') + '\n';
}
