/**
 * Padding: topping token use up to a usage target (MODEL.md §5). Unmet goals raise unethical
 * behaviour most when people fall just short of them (Schweitzer, Ordóñez and Douma 2004). Here that
 * comes from one cost: what padding costs an engineer grows with how much of the target they must
 * fake. Someone a little short fakes a little, at a small cost, and pads; someone far below fakes
 * most of it, and more of them take the shortfall instead.
 *
 * Where a padder's tokens land: padding is a script or long prompts whose token count is not
 * exactly what was asked for, so a padder aims above the target by a share (`padMargin`) of what
 * they fake. Those just short land just above the target, those far below a little higher: usage
 * bunches above the target because of who pads and how much they fake, not at one imposed multiple.
 *
 * Pure functions of one engineer's numbers: the prospects, the outcomes and the utility call them
 * inside their loops.
 */

/**
 * Tokens a padder uses in a week: the target plus `margin` (a share of the faked tokens) of what
 * they fake, or their genuine need when it already meets the target.
 *
 * @param genuine - the engineer's genuine tokens per week
 * @param target - their usage target in tokens per week (0: none)
 * @param margin - `aiTool.padMargin`, a share of the faked tokens
 */
export function paddedTokens(genuine: number, target: number, margin: number): number {
  if (!(target > genuine)) return genuine;
  return target + margin * (target - genuine);
}

/**
 * How much of a padder's week is faked: the share of their tokens above their genuine need, 0 (the
 * genuine need meets the target) to 1 (no genuine use). The gaming intensity of padding is the
 * padder strategy's intensity times this share (src/agents/utility.ts).
 *
 * @param genuine - the engineer's genuine tokens per week
 * @param padded - the tokens they would use as a padder (paddedTokens)
 */
export function fakedShare(genuine: number, padded: number): number {
  return padded > genuine ? (padded - genuine) / padded : 0;
}

/**
 * Entries of the table of padded positions: the offset of a padder's tokens above the target's on
 * the usage scale is tabulated by genuine / target, and interpolated to within 1e-5 of a bin (a bin is
 * 2% of a decade of tokens) for margins up to 2.
 */
export const PAD_TABLE_SIZE = 1024;

/**
 * Where padded tokens sit above the target on the usage scale, by genuine / target in [0, 1]:
 * T + margin · (T − g) = T · (1 + margin · (1 − g / T)), so the offset is `positionsPerDecade` ·
 * log10(1 + margin · (1 − g / T)). Half of a mandate's engineers pad; a table made once per run
 * spares each of them a logarithm a week (docs/PERFORMANCE.md).
 */
export function paddedOffsets(margin: number, positionsPerDecade: number): Float64Array {
  return Float64Array.from({ length: PAD_TABLE_SIZE + 1 }, (_, j) => positionsPerDecade * Math.log10(1 + margin * (1 - j / PAD_TABLE_SIZE)));
}

/**
 * The usage-scale position of a padder's tokens, from the target's position and the table of
 * offsets (paddedOffsets): the same as tokensPosition(paddedTokens(genuine, target, margin)) for a
 * genuine need below the target.
 */
export function paddedPosition(genuine: number, target: number, targetPosition: number, offsets: Float64Array): number {
  const x = (genuine / target) * PAD_TABLE_SIZE;
  const j = x | 0;
  return targetPosition + offsets[j] + (x - j) * (offsets[j + 1] - offsets[j]);
}
