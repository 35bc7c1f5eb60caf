/**
 * Options shared by the commands that load scenarios, and how they become load options.
 */
import type { Argv } from 'yargs';
import { loadScenario, type LoadOptions } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { UserError } from './errors.ts';

export interface ScenarioFlags {
  set?: string[];
  weeks?: number;
  agents?: number;
  allowOutside?: boolean;
}

export function scenarioOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('set', {
      type: 'string',
      array: true,
      describe: 'Override a scenario value: path=value (repeatable), e.g. policies.quota.target=800000',
      requiresArg: true,
    })
    .option('weeks', { type: 'number', describe: 'Weeks to simulate (overrides the scenario)', requiresArg: true })
    .option('agents', { type: 'number', describe: 'Number of engineers (overrides the scenario)', requiresArg: true })
    .option('allow-outside', { type: 'boolean', describe: "Let 'extends' read files outside the scenario's folder", default: false });
}

export function loadOptions(flags: ScenarioFlags): LoadOptions {
  for (const flag of ['weeks', 'agents'] as const) {
    // yargs turns a value that is not a number (--weeks abc) into NaN.
    if (Number.isNaN(flags[flag])) throw new UserError(`--${flag} must be a whole number`);
  }
  const set = [...(flags.set ?? [])];
  // --weeks and --agents are overrides like any other, so they get the same validation and messages.
  if (flags.weeks !== undefined) set.push(`weeks=${flags.weeks}`);
  if (flags.agents !== undefined) set.push(`agents=${flags.agents}`);
  return { set, allowOutside: flags.allowOutside, isFile: true };
}

/** Loads every scenario before any work starts, so that a mistake in the last one costs nothing. */
export function loadAll(files: string[], flags: ScenarioFlags): Scenario[] {
  const options = loadOptions(flags);
  const scenarios = files.map((file) => loadScenario(file, options));
  const seen = new Map<string, string>();
  scenarios.forEach((s, k) => {
    const other = seen.get(s.name);
    if (other) throw new UserError(`${files[k]} and ${other} are both named "${s.name}": results would overwrite each other; rename one (name: ...)`);
    seen.set(s.name, files[k]);
  });
  return scenarios;
}

/** Checks a count flag: a whole number within bounds. */
export function checkCount(flag: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UserError(`--${flag} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}
