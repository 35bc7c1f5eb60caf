/**
 * What the workshop page may ask for. The page runs every simulation in the visitor's browser, so
 * these caps keep a shared link or an imported file from freezing a laptop in front of a room: a
 * page never runs more engineers, weeks or seeds than this. `goodhart serve` may lower them (its
 * /config.json), never raise them.
 */
export interface PageLimits {
  /** Most engineers a scenario on the page may have. */
  maxAgents: number;
  /** Most weeks a scenario on the page may run. */
  maxWeeks: number;
  /** Most seeds per scenario. */
  maxSeeds: number;
}

/** 10,000 engineers × 520 weeks is a few seconds in a browser; more is a batch job for `goodhart run`. */
export const PAGE_LIMITS: PageLimits = { maxAgents: 10_000, maxWeeks: 520, maxSeeds: 10 };

/** Path of the limits a server sets, fetched by the page at start (absent on a plain static host). */
export const CONFIG_PATH = 'config.json';

/**
 * The limits a page should use, given what a server sent: each is the smaller of the hard cap and
 * the server's value; anything unreadable counts as absent.
 */
export function effectiveLimits(fromServer: unknown): PageLimits {
  const out = { ...PAGE_LIMITS };
  if (fromServer === null || typeof fromServer !== 'object') return out;
  for (const key of Object.keys(PAGE_LIMITS) as (keyof PageLimits)[]) {
    const value = (fromServer as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) out[key] = Math.min(value, PAGE_LIMITS[key]);
  }
  return out;
}
