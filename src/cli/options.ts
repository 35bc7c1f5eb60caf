/**
 * Options shared by the commands that load scenarios, and how they become load options.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Argv } from 'yargs';
import { loadScenario, type LoadOptions } from '../experiment/load.ts';
import { POLICIES, type Policy } from '../policies/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { defineModel, type Model } from '../sim/model.ts';
import { UserError } from './errors.ts';
import { loadAs } from './file-kind.ts';

export interface ScenarioFlags {
  set?: string[];
  weeks?: number;
  agents?: number;
  allowOutside?: boolean;
  /** The model with the policies of --policy files, once `withPolicyFiles` has read them. */
  model?: Model;
}

export interface PolicyFlags {
  policy?: string[];
}

/** --policy FILE: a module of policies of one's own, acting after the built-in ones. */
export function policyOptions<T>(yargs: Argv<T>) {
  return yargs.option('policy', {
    type: 'string',
    array: true,
    describe: 'A module exporting policies of your own (definePolicy), run after the built-in ones; repeatable',
    requiresArg: true,
  });
}

function isPolicy(value: unknown): value is Policy {
  const v = value as Partial<Policy> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof (v.schema as { safeParse?: unknown } | undefined)?.safeParse === 'function';
}

/**
 * Imports a policy module. Node runs JavaScript; a TypeScript module is imported through tsx when it
 * is installed (a development dependency here), registered only then, so that other commands never load it.
 */
async function importModule(file: string): Promise<Record<string, unknown>> {
  if (/\.[mc]?ts$/.test(file)) {
    let register: () => unknown;
    try {
      ({ register } = await import('tsx/esm/api'));
    } catch {
      throw new Error('a TypeScript module needs the tsx package (npm install tsx), or compile it to .js');
    }
    register();
  }
  return await import(pathToFileURL(resolve(file)).href);
}

/** The built-in model, or one with the policies every --policy module exports (in the order given). */
export async function modelWithPolicyFiles(files: readonly string[] = []): Promise<Model | undefined> {
  if (files.length === 0) return undefined;
  const own: Policy[] = [];
  for (const file of files) {
    let module: Record<string, unknown>;
    try {
      module = await importModule(file);
    } catch (error) {
      const reason = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' ? 'no such file' : (error as Error).message.split('\n')[0];
      throw new UserError(`--policy ${file}: cannot import it: ${reason}`);
    }
    const found = Object.values(module).flatMap((v) => (Array.isArray(v) ? v : [v])).filter(isPolicy);
    if (found.length === 0) throw new UserError(`--policy ${file}: exports no policy (an object made with definePolicy, with a name and a schema)`);
    own.push(...found.filter((p) => !own.includes(p)));
  }
  try {
    return defineModel([...POLICIES, ...own]);
  } catch (error) {
    throw new UserError(`--policy: ${(error as Error).message}`);
  }
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

/**
 * The text given after `--flag` on the command line (the last one, as the parser takes), for
 * messages: the parser turns text that is not a number (`--seeds abc`) into NaN and an empty value
 * (`--seeds=`) into 0, which would name a value nobody typed. Undefined if the flag was not typed.
 * A two-word flag counts in either spelling the parser takes (`--max-agents`, `--maxAgents`).
 */
export function typedText(flag: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  const names = [flag, flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())];
  let text: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--') break;
    for (const name of names) {
      if (argv[k] === `--${name}`) text = argv[k + 1];
      else if (argv[k].startsWith(`--${name}=`)) text = argv[k].slice(name.length + 3);
    }
  }
  return text;
}

/** Whether --flag was typed with nothing after its `=` (`--seed=`), which the parser reads as 0. */
function typedBlank(flag: string): boolean {
  return typedText(flag)?.trim() === '';
}

/** A number flag's value as the user gave it: the text typed, quoted, when it was blank or not a number. */
function given(flag: string, value: number): string {
  const text = typedText(flag);
  return text !== undefined && (text.trim() === '' || Number.isNaN(Number(text))) ? JSON.stringify(text) : String(value);
}

export function loadOptions(flags: ScenarioFlags): LoadOptions {
  for (const flag of ['weeks', 'agents'] as const) {
    const value = flags[flag];
    if (value !== undefined && (Number.isNaN(value) || typedBlank(flag))) throw new UserError(`--${flag} must be a whole number, got ${given(flag, value)}`);
  }
  const set = [...(flags.set ?? [])];
  // --weeks and --agents are overrides like any other, so they get the same validation and messages.
  if (flags.weeks !== undefined) set.push(`weeks=${flags.weeks}`);
  if (flags.agents !== undefined) set.push(`agents=${flags.agents}`);
  return { set, allowOutside: flags.allowOutside, isFile: true, model: flags.model };
}

/** Loads every scenario before any work starts, so that a mistake in the last one costs nothing. */
export function loadAll(files: string[], flags: ScenarioFlags): Scenario[] {
  const options = loadOptions(flags);
  const scenarios = files.map((file) => loadAs(file, 'scenario', () => loadScenario(file, options)));
  const seen = new Map<string, string>();
  scenarios.forEach((s, k) => {
    const other = seen.get(s.name);
    if (other) throw new UserError(`${files[k]} and ${other} are both named "${s.name}": results would overwrite each other; rename one (name: ...)`);
    seen.set(s.name, files[k]);
  });
  return scenarios;
}

/** More threads than this would only queue on any machine goodhart runs on. */
export const MAX_WORKERS = 1024;

/** Checks a count flag: a whole number within bounds. */
export function checkCount(flag: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max || typedBlank(flag)) {
    throw new UserError(`--${flag} must be a whole number from ${min} to ${max}, got ${given(flag, value)}`);
  }
}
