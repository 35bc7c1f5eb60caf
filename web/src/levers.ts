/**
 * The levers leadership argues about, as controls: where each lives in a scenario, its range, and a
 * plain-words label with a one-line explanation. Every lever writes a `--set`-style override, so a
 * page's state is a preset plus overrides, exactly what the command line can express.
 */
import { type PageLimits, DEFAULT_MODEL, policyLevers, type Model, type PolicyLever } from '../../src/browser.ts';

export interface Lever {
  /** Dotted path in the scenario, as in `--set path=value`. */
  path: string;
  label: string;
  /** One line: what the lever means in the organisation. */
  help: string;
  /** range: a number; flag: on or off; mean: the mean of a distribution (its family kept where possible). */
  kind: 'range' | 'flag' | 'mean';
  min?: number;
  max?: number;
  step?: number;
  /** How a value reads on screen. */
  format?: (value: number) => string;
}

export interface LeverGroup {
  title: string;
  levers: Lever[];
}

const percent = (v: number) => `${Math.round(100 * v)}%`;
const count = (v: number) => Math.round(v).toLocaleString('en-US');
const MILLION = 1e6;
const millionTokens = (v: number) => `${(v / MILLION).toLocaleString('en-US', { maximumFractionDigits: 1 })} M tokens`;
const visibility = (v: number) => (v <= 0 ? 'nobody' : v < 1 ? `managers (${v})` : 'everyone');

const MAX_TEAM_SIZE_SLIDER = 30;
/** Fewest engineers on the slider: a handful of teams. */
const MIN_AGENTS_SLIDER = 10;

const FORMATS: Record<NonNullable<PolicyLever['format']>, (value: number) => string> = { percent, tokens: millionTokens, count, visibility };

/** Levers of the scenario's shared blocks shown with a policy's, by the policy's name. */
const WITH_POLICY: Record<string, Lever[]> = {
  review: [{ path: 'population.trust0', label: 'Trust at the start', help: 'How far engineers believe what management says, on average.', kind: 'mean', min: 0.05, max: 0.95, step: 0.05, format: percent }],
};

function pageLever(lever: PolicyLever): Lever {
  const { path, label, help, kind, min, max, step } = lever;
  return { path, label, help, kind, min, max, step, ...(lever.format ? { format: FORMATS[lever.format] } : {}) };
}

/**
 * The page's levers: each policy's, as the policy declares them (src/policies/*.ts, `levers`; help
 * from its schema's descriptions), then the organisation's size and horizon.
 */
export function leverGroups(limits: PageLimits, model: Model = DEFAULT_MODEL): LeverGroup[] {
  const policies = policyLevers(model)
    .filter((group) => group.levers.length > 0)
    .map((group) => ({ title: group.label, levers: [...group.levers.map(pageLever), ...(WITH_POLICY[group.policy] ?? [])] }));
  return [
    ...policies,
    {
      title: 'Organisation',
      levers: [
        { path: 'agents', label: 'Engineers', help: `Size of the organisation (up to ${count(limits.maxAgents)} on this page).`, kind: 'range', min: MIN_AGENTS_SLIDER, max: limits.maxAgents, step: 10, format: count },
        { path: 'population.teamSize', label: 'Team size', help: 'Engineers per manager.', kind: 'range', min: 1, max: MAX_TEAM_SIZE_SLIDER, step: 1, format: count },
        { path: 'weeks', label: 'Weeks', help: `How long to simulate (up to ${count(limits.maxWeeks)} weeks on this page).`, kind: 'range', min: 1, max: limits.maxWeeks, step: 1, format: count },
      ],
    },
  ];
}

export interface Distribution {
  dist: string;
  mean: number;
  sd: number;
  min?: number;
  max?: number;
}

/** Share of a beta's largest possible sd kept when its mean moves, so that it stays a valid beta. */
const BETA_SD_HEADROOM = 0.9;

/**
 * The distribution a "mean" lever writes: the current family with the new mean, its sd narrowed if
 * a beta needs it; a constant at the edges of a beta's range, where no beta can have that mean.
 */
export function withMean(current: Distribution, mean: number): Distribution {
  if (current.dist !== 'beta') return { ...current, mean };
  const lo = current.min ?? 0;
  const hi = current.max ?? 1;
  const m = (mean - lo) / (hi - lo);
  if (!(m > 0 && m < 1)) return { dist: 'constant', mean, sd: 0 };
  const widest = BETA_SD_HEADROOM * Math.sqrt(m * (1 - m)) * (hi - lo);
  return { ...current, mean, sd: Math.min(current.sd, widest) };
}
