/**
 * Observed output (MODEL.md §5): what a manager, and the engineer, can see of a week's work.
 *
 * A week's visible output varies around what the engineer really produced: the mix of tasks that
 * happened to finish, interruptions, a change that slipped into next week. Jørgensen (2023) finds
 * about 30% of the variance of developers' productivity on the same tasks within developers, a
 * relative sd of about 0.3 per task; a week is about one deploy-sized change. So
 *
 *   observed[i] = output[i] · ε[i,t],   ε log-normal with mean 1 and sd `weeklyOutputNoise`,
 *
 * independent across engineers and weeks.
 *
 * The noise is in what is seen, not in what is produced: the organisation's real output stays the
 * sum of real outputs (over a year and a team the weekly noise averages out, and what the
 * organisation gets does not depend on what a manager happened to see). What reads a week's work
 * through someone's eyes reads observed output: ratings at reviews (cycleOutput sums it), metric
 * validity (the recorder correlates tokens with it) and what engineers learn about the tool
 * (src/agents/tool-beliefs.ts).
 *
 * Every position draws its uniform every week from the `observation` stream, vacant or not
 * (drawPositionCoins), so two scenarios with the same seed see the same noise on the same positions
 * (common random numbers). The uniform becomes ε through a table of the log-normal's quantiles made
 * once per run: one multiplication and one lookup per engineer-week instead of a logarithm and an
 * exponential. The outcomes' pass (src/sim/outcomes.ts) applies it as it realises each engineer's
 * output, rather than a pass of its own reading the population once more (as one, it took about
 * 6.5 ns per engineer-week at 100,000 engineers).
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Bins of equal probability in the table of noise factors. At 4,096 the extreme bins stand for
 * z = ±3.7: the tabulated factor's sd is within 0.5% of the log-normal's for sd up to 0.5.
 */
export const NOISE_TABLE_SIZE = 4096;

/**
 * ε at the midpoint of each of NOISE_TABLE_SIZE bins of equal probability of the log-normal with
 * mean 1 and sd `sd`, scaled so that the table's mean is exactly 1 (then observed output is
 * unbiased, and so is what engineers learn from it). All ones when `sd` is 0.
 */
export function noiseFactors(sd: number): Float64Array {
  const table = new Float64Array(NOISE_TABLE_SIZE);
  // Log-normal with mean 1 and sd `sd`: log-sd s with exp(s²) − 1 = sd², log-mean −s²/2.
  const logSd = Math.sqrt(Math.log1p(sd * sd));
  let sum = 0;
  for (let j = 0; j < NOISE_TABLE_SIZE; j++) {
    table[j] = logSd > 0 ? Math.exp(normalQuantile((j + 0.5) / NOISE_TABLE_SIZE, -logSd * logSd / 2, logSd)) : 1;
    sum += table[j];
  }
  const scale = NOISE_TABLE_SIZE / sum;
  for (let j = 0; j < NOISE_TABLE_SIZE; j++) table[j] *= scale;
  return table;
}

/** Seen as it is: the noise before the first week, when nothing has been observed yet. */
export const NO_NOISE = noiseFactors(0);

/** ε of an engineer-week whose uniform of the observation stream is `coin`; `factors` is noiseFactors(weeklyOutputNoise). */
export function noiseFactor(coin: number, factors: Float64Array): number {
  return factors[(coin * NOISE_TABLE_SIZE) | 0];
}
