/**
 * Which assumptions a difference depends on most: with every seed's parameters drawn from a
 * posterior, each seed's paired difference is one draw of the difference under uncertain
 * assumptions. The share of its spread over the draws that one parameter explains alone is the
 * squared correlation of the two over the seeds: a first-order (main-effect) share for an effect that
 * is roughly linear over the posterior's range, read from as many draws as there are seeds, so rough
 * with tens of them; each share says whether it stands out of chance. Parameters that move together
 * in the posterior share what they explain.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { outcomeValues, type Outcome } from './compare.ts';
import type { ScenarioResult } from './replicate.ts';

/** A parameter and the share of a difference's spread over the posterior's draws it explains alone. */
export interface AssumptionShare {
  parameter: string;
  share: number;
  /**
   * Whether the share stands out of what chance gives a parameter with no effect, at 5% after a
   * Bonferroni correction over the parameters: with 20 draws and ten parameters, above about 36%.
   */
  clear: boolean;
}

/** The chance of calling a share clear when no parameter has an effect. */
const FALSE_ALARM = 0.05;

/**
 * The squared correlation that n draws give a parameter with no effect with probability `alpha`
 * (two-sided): r² = t² / (t² + n − 2), t the Student quantile with n − 2 degrees of freedom.
 */
function chanceShare(n: number, alpha: number): number {
  const t = tQuantile(1 - alpha / 2, n - 2);
  return (t * t) / (t * t + n - 2);
}

function squaredCorrelation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) ** 2;
    syy += (y[k] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 0;
}

/**
 * For the paired difference b − a of `outcome`, run with parameters from a posterior (both results
 * carry the same particles), each parameter's share of its spread, largest first. Empty without a
 * posterior or with fewer than three seeds.
 */
export function assumptionShares(a: ScenarioResult, b: ScenarioResult, outcome: Outcome): AssumptionShare[] {
  const { particles, posterior } = b;
  if (!particles || !posterior || particles.length < 3) return [];
  const va = outcomeValues(a, outcome);
  const differences = outcomeValues(b, outcome).map((v, k) => v - va[k]);
  const width = posterior.parameters.length;
  const threshold = chanceShare(particles.length, FALSE_ALARM / width);
  return posterior.parameters
    .map((parameter, c) => {
      const share = squaredCorrelation(particles.map((p) => posterior.values[p * width + c]), differences);
      return { parameter, share, clear: share > threshold };
    })
    .sort((x, y) => y.share - x.share || x.parameter.localeCompare(y.parameter));
}
