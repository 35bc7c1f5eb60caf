/**
 * What a week adds up over engineers, as indices into OrgState.totals. The passes that visit every
 * engineer anyway fill it (outcomes: what was produced; people: who is left, and how they feel), so
 * that incidents, the organisation's statistics and the recorder need no pass of their own.
 */

/** Engineers who worked this week (active when outcomes were realised). */
export const WORKING = 0;
export const OUTPUT = 1;
export const OUTPUT_SQUARES = 2;
export const TOKENS = 3;
/** Tokens within genuine need; the rest is gaming. */
export const GENUINE_TOKENS = 4;
export const BOT_DEPLOYS = 5;
/** Expected bot incidents before the bot's flaw rate: Σ deploys · (1 − rigor · care on bot code). */
export const BOT_FAILURE_CHANCES = 6;
/** Σ time_k: engineer-weeks of human changes. */
export const HUMAN_WORK_TIME = 7;
/** Working engineers a quota in force covers, and of them those meeting it. */
export const COVERED = 8;
export const MEETING_QUOTA = 9;
/** Working engineers by strategy: STRATEGIES + k for k in 0..4. */
export const STRATEGIES = 10;
/** Engineers active at the end of the week, after leavers and hires, and their summed state. */
export const HEADCOUNT = 15;
export const BELIEF = 16;
export const TRUST = 17;
export const MORALE = 18;
export const TOTALS_SIZE = 19;
