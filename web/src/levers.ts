/**
 * The levers leadership argues about, as controls: where each lives in a scenario, its range, and a
 * plain-words label with a one-line explanation. Every lever writes a `--set`-style override, so a
 * page's state is a preset plus overrides, exactly what the command line can express.
 */
import type { PageLimits } from '../../src/serve/limits.ts';

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

/** Largest quota target on the slider, in tokens a week: 8× meshclaw's, past any target in use. */
const MAX_QUOTA_SLIDER = 200 * MILLION;
/** Largest top-K on the slider; a scenario file may set more. */
const MAX_TOP_K_SLIDER = 100;
const MAX_TEAM_SIZE_SLIDER = 30;
/** Fewest engineers on the slider: a handful of teams. */
const MIN_AGENTS_SLIDER = 10;

export function leverGroups(limits: PageLimits): LeverGroup[] {
  return [
    {
      title: 'Token quota',
      levers: [
        { path: 'policies.quota.enabled', label: 'Quota in force', help: 'Engineers are given a weekly token target.', kind: 'flag' },
        { path: 'policies.quota.target', label: 'Quota target', help: 'Tokens per engineer per week asked for (median genuine use: about 12 M).', kind: 'range', min: 0, max: MAX_QUOTA_SLIDER, step: MILLION, format: millionTokens },
        { path: 'policies.quota.coverage', label: 'Quota coverage', help: 'Share of engineers the quota applies to.', kind: 'range', min: 0, max: 1, step: 0.05, format: percent },
        { path: 'policies.quota.enforcement', label: 'Quota enforcement', help: 'How surely a shortfall is noticed and acted on.', kind: 'range', min: 0, max: 1, step: 0.05, format: percent },
      ],
    },
    {
      title: 'Leaderboard',
      levers: [
        { path: 'policies.leaderboard.enabled', label: 'Usage leaderboard', help: 'Tokens per engineer are ranked and published each week.', kind: 'flag' },
        { path: 'policies.leaderboard.visibility', label: 'Who sees the board', help: '0: nobody, 0.5: managers only, 1: the whole organisation.', kind: 'range', min: 0, max: 1, step: 0.5, format: visibility },
        { path: 'policies.leaderboard.topK', label: 'Top places recognised', help: 'Engineers at the top of the board who get public recognition.', kind: 'range', min: 0, max: MAX_TOP_K_SLIDER, step: 1, format: count },
      ],
    },
    {
      title: 'Performance reviews',
      levers: [
        { path: 'policies.review.statedWeight', label: 'Weight of usage, as stated', help: 'What leadership says token use counts for in reviews (0: "it will not count").', kind: 'range', min: 0, max: 1, step: 0.05, format: percent },
        { path: 'policies.review.managerWeight', label: 'Weight of usage, in practice', help: 'What managers really give token use in ratings, on average.', kind: 'mean', min: 0, max: 1, step: 0.05, format: percent },
        { path: 'population.trust0', label: 'Trust at the start', help: 'How far engineers believe what management says, on average.', kind: 'mean', min: 0.05, max: 0.95, step: 0.05, format: percent },
      ],
    },
    {
      title: 'Bot deploys',
      levers: [
        { path: 'policies.deployment.botMayDeploy', label: 'Bot may deploy', help: 'The AI bot can ship code to production.', kind: 'flag' },
        { path: 'policies.deployment.humanReview', label: 'Human review of bot changes', help: '0: none, 1: every change thoroughly reviewed by a person.', kind: 'range', min: 0, max: 1, step: 0.05, format: percent },
        { path: 'policies.deployment.canary', label: 'Canary releases', help: 'Share of a major outage that canaries and guardrails contain.', kind: 'range', min: 0, max: 1, step: 0.05, format: percent },
      ],
    },
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
