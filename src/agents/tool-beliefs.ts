/**
 * Beliefs about the tool learn from experience, slowly and through a biased lens (MODEL.md §4).
 *
 * Engineers decide with a perceived AI fit, aiFit + aiFitBias (src/agents/prospects.ts); the bias is
 * drawn at hire. Each week an engineer who used the tool sees their week's observed output O
 * (src/sim/observed-output.ts) against the output E they expected from their perceived fit p. The
 * tool's effect that week, as experienced, is the speed-up that would explain O:
 *
 *   experienced = ((O / E) · (1 + p·a) − 1) / a + perceptionBias,
 *
 * with `a` the strategy's AI use. Skill, time, ramp-up and outages are in both O and E, so O / E is
 * (1 + aiFit·a) · ε / (1 + p·a) and the experienced effect is ((1 + aiFit·a) · ε − 1) / a plus the
 * bias: the true effect, blurred by the week's noise ε, and read as higher than it is. METR (Becker
 * et al. 2025) is the calibration: developers measured 19% slower with the tool believed, after
 * using it, that it had made them 20% faster. Then
 *
 *   p ← p + toolLearningRate · (experienced − p),
 *
 * kept as aiFitBias = p − aiFit. With E[ε] = 1 the perceived fit converges, slowly, to
 * aiFit + perceptionBias: beliefs come to follow each engineer's true fit, but stay above it. An engineer
 * whom the tool slows down by less than the bias keeps believing it helps and keeps using it.
 *
 * Engineers who work without the tool have no experience of it and learn nothing; neither does an
 * engineer whose week produced nothing to see (all of it lost to outages).
 */

/**
 * The engineer's new aiFitBias after a week of use: `bias` before it, `fit` the true aiFit, `aiUse`
 * the strategy's AI use (> 0), `noise` the week's ε of observed output. With `rate` 0, `bias`.
 *
 * Applied by the outcomes' pass (src/sim/outcomes.ts) to each engineer who used the tool and
 * produced something to see, as it realises their week, rather than a pass of its own reading the
 * population once more (as one, it took about 7 ns per engineer-week at 100,000 engineers).
 */
export function learnedBias(bias: number, fit: number, aiUse: number, noise: number, rate: number, perceptionBias: number): number {
  const experienced = ((1 + fit * aiUse) * noise - 1) / aiUse + perceptionBias;
  const perceived = fit + bias;
  return bias + rate * (experienced - perceived);
}
