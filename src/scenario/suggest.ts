/**
 * "Did you mean": the one place that decides whether a misspelt word is near enough to a known one
 * to suggest it (scenario fields, sweep fields, metrics, explain's components, bundled scenarios).
 */
import { closest, distance } from 'fastest-levenshtein';

/**
 * Edits allowed between a word and a suggestion: two, or a third of the word's length for long
 * words. Beyond that the "nearest" word is usually unrelated, and suggesting it misleads.
 */
function maxEdits(word: string): number {
  return Math.max(2, Math.floor(word.length / 3));
}

/** The option nearest to a misspelt word, if it is near enough to be what was meant (never the word itself). */
export function suggest(word: string, options: readonly string[]): string | undefined {
  if (options.length === 0 || word === '') return undefined;
  const nearest = closest(word, options as string[]);
  if (nearest === word) return undefined;
  return distance(word.toLowerCase(), nearest.toLowerCase()) <= maxEdits(word) ? nearest : undefined;
}

/** `; did you mean "x"?` for a message, or '' when no option is near. */
export function didYouMean(word: string, options: readonly string[]): string {
  const nearest = suggest(word, options);
  return nearest === undefined ? '' : `; did you mean "${nearest}"?`;
}
