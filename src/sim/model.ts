/**
 * A model: the policies acting on the organisation, and everything that follows from them, worked
 * out once: the scenario schema (its `policies` block has one field per policy), the metrics a run
 * records (the core metrics, then each policy's), the page's levers, explain's components and the
 * week a mandate starts. The built-in model has the four policies of src/policies; a user's model
 * adds policies of their own without editing any file here (`defineModel`).
 *
 * A scenario validated by a model carries the model and its compiled schedule, so that running it
 * compiles nothing again (`compiledScenario`).
 */
import { z } from 'zod';
import { POLICIES } from '../policies/index.ts';
import type { Lever, Policy } from '../policies/policy.ts';
import { compileSchedule, type WeekPolicies } from '../scenario/schedule.ts';
import { scenarioSchemaWith, type Scenario } from '../scenario/schema.ts';
import { parseScenario } from '../scenario/validate.ts';
import { METRICS, type MetricDefinition } from './metrics.ts';

/** A set of policies and metrics with the scenario schema they make: what a scenario is validated and run with (`defineModel`). */
export interface Model {
  policies: readonly Policy[];
  /** The `policies` block: one field per policy, each defaulting to its block's defaults. */
  policiesSchema: z.ZodType;
  /** The whole scenario. */
  schema: z.ZodType;
  /** Every metric a run records, core metrics first, as plain data. */
  metrics: readonly MetricDefinition[];
}

const POLICY_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * A model with the given policies, in the order they act.
 *
 * @example
 * ```ts
 * const model = defineModel([...POLICIES, fridays]);
 * const scenario = loadScenario('scenarios/baseline.yaml', { model, set: ['policies.fridays.enabled=true'] });
 * ```
 */
export function defineModel(policies: readonly Policy[]): Model {
  const names = new Set<string>();
  for (const p of policies) {
    if (!POLICY_NAME.test(p.name)) throw new Error(`a policy's name must be letters and digits, starting with a letter: got ${JSON.stringify(p.name)}`);
    if (names.has(p.name)) throw new Error(`two policies are named ${p.name}`);
    names.add(p.name);
  }
  const metrics = [...METRICS, ...policies.flatMap((p) => (p.metrics ?? []).map(({ record: _record, ...definition }) => definition))];
  const metricNames = new Set<string>();
  for (const m of metrics) {
    if (metricNames.has(m.name)) throw new Error(`two metrics are named ${m.name}`);
    metricNames.add(m.name);
  }
  const policiesSchema = z
    .strictObject(Object.fromEntries(policies.map((p) => [p.name, (p.schema as z.ZodObject).prefault({})])))
    .describe('Incentive policies in force. Any numeric value may be an expression of the week t.')
    .prefault({});
  return { policies, policiesSchema, schema: scenarioSchemaWith(policiesSchema), metrics };
}

/** The model of the four built-in policies: review, quota, leaderboard, deployment. */
export const DEFAULT_MODEL: Model = defineModel(POLICIES);

const COMPILED = Symbol('goodhart.compiled');

interface Compiled {
  model: Model;
  /** The policy values of every week: schedule[t]. */
  schedule: WeekPolicies[];
}

type CarriesCompiled = Scenario & { [COMPILED]?: Compiled };

/**
 * Validates a raw scenario (parsed YAML merged with its parents and overrides) against a model, and
 * compiles its schedule: the Scenario it returns carries both. Throws a ScenarioError naming the
 * first field that is wrong (`problems` in the error lists them all).
 */
export function validateScenario(raw: unknown, model: Model = DEFAULT_MODEL): Scenario {
  const scenario = parseScenario(raw, model.schema) as CarriesCompiled;
  // Expressions are range-checked over the run's weeks.
  const schedule = compileSchedule(scenario.policies, scenario.weeks, model.policiesSchema);
  Object.defineProperty(scenario, COMPILED, { value: { model, schedule }, enumerable: false });
  return scenario;
}

/**
 * The model and schedule a scenario was validated with; a scenario that lost them (copied, or sent
 * to a worker) is validated again with `model`, the default model unless given.
 */
export function compiledScenario(scenario: Scenario, model?: Model): Compiled {
  const carried = (scenario as CarriesCompiled)[COMPILED];
  if (carried && (model === undefined || carried.model === model)) return carried;
  const compiled = (validateScenario(scenario, model ?? DEFAULT_MODEL) as CarriesCompiled)[COMPILED]!;
  // A worker runs the scenario it was sent many times: it compiles it once.
  if (!carried && Object.isExtensible(scenario)) Object.defineProperty(scenario, COMPILED, { value: compiled, enumerable: false });
  return compiled;
}

/** The model a scenario was validated with (the default model for one that lost it). */
export function modelOf(scenario: Scenario): Model {
  return (scenario as CarriesCompiled)[COMPILED]?.model ?? DEFAULT_MODEL;
}

/** The first week any policy acts on engineers (a mandate starts), if one ever does. */
export function mandateWeek(scenario: Scenario, model: Model = modelOf(scenario)): number | undefined {
  const starts = model.policies.map((p) => p.startWeek?.(scenario.policies[p.name])).filter((w): w is number => w !== undefined);
  return starts.length > 0 ? Math.min(...starts) : undefined;
}

/** A lever of the page, with its scenario path and its help (the field's description in the schema). */
export interface PolicyLever extends Lever {
  policy: string;
  /** Dotted path in the scenario, as in `--set path=value`. */
  path: string;
  help: string;
}

/** The page's levers of each policy, in registry order; help comes from the schema's descriptions. */
export function policyLevers(model: Model = DEFAULT_MODEL): { policy: string; label: string; levers: PolicyLever[] }[] {
  return model.policies.map((p) => ({
    policy: p.name,
    label: p.label,
    levers: (p.levers ?? []).map((lever) => ({
      ...lever,
      policy: p.name,
      path: `policies.${p.name}.${lever.field}`,
      help: fieldDescription(p.schema, lever.field.split('.')[0]),
    })),
  }));
}

/** The description of a field of a policy's block, without the note every scheduled value has. */
function fieldDescription(schema: z.ZodType, field: string): string {
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  const description = shape?.[field]?.description ?? '';
  return description.replace(/ A number, or an expression of the week t\.$/, '');
}

/** The JSON Schema of scenario files for a model, generated from its one schema (for editors). */
export function scenarioJsonSchema(model: Model = DEFAULT_MODEL): Record<string, unknown> {
  return { ...z.toJSONSchema(model.schema, { io: 'input', unrepresentable: 'any' }), title: 'goodhart scenario' };
}

export function scenarioJsonSchemaText(model: Model = DEFAULT_MODEL): string {
  return `${JSON.stringify(scenarioJsonSchema(model), null, 2)}\n`;
}
