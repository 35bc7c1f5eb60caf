/**
 * Play mode: the weeks unfold at about 2 s a simulated year, so the room watches the leaderboard
 * escalate and trust erode. The week shown follows the clock, not the frames: a slow redraw skips
 * weeks rather than slowing the year down.
 */

/** About 2 s per simulated year of 52 weeks. */
export const YEAR_MS = 2000;
const WEEKS_PER_YEAR = 52;
export const WEEK_MS = YEAR_MS / WEEKS_PER_YEAR;

export interface Player {
  /** The week on screen, or undefined for whole runs. */
  week(): number | undefined;
  playing(): boolean;
  /** Play from the week shown (from the start at the end), or pause. */
  toggle(): void;
  /** One week on, paused; past the last week, back to whole runs. */
  step(): void;
  /** Whole runs, paused. */
  whole(): void;
  /** Takes a new speed: a play in progress goes on from the week shown at the new pace. */
  speedChanged(): void;
}

/** `lastWeek` is the last week of the longer run; `render` redraws for the week shown; `speed` multiplies the pace (1: a year in about 2 s). */
export function createPlayer(lastWeek: () => number, render: () => Promise<void>, speed: () => number = () => 1): Player {
  let week: number | undefined;
  let playing = false;
  /** Each play gets a number, so that a tick of an earlier play (paused, then played again) stops. */
  let current = 0;

  function play(): void {
    if (lastWeek() < 0) return;
    if (week === undefined || week >= lastWeek()) week = 0;
    playing = true;
    const run = ++current;
    const startWeek = week;
    const started = performance.now();
    const weekMs = WEEK_MS / speed();
    const tick = async () => {
      if (!playing || run !== current) return;
      const next = startWeek + Math.floor((performance.now() - started) / weekMs);
      if (next >= lastWeek()) {
        playing = false;
        week = undefined;
        await render();
        return;
      }
      if (next !== week) {
        week = next;
        await render();
      }
      requestAnimationFrame(tick);
    };
    void render();
    requestAnimationFrame(tick);
  }

  return {
    week: () => week,
    playing: () => playing,
    toggle() {
      if (playing) {
        playing = false;
        void render();
      } else play();
    },
    step() {
      playing = false;
      week = week === undefined ? 0 : week + 1;
      if (week > lastWeek()) week = undefined;
      void render();
    },
    whole() {
      playing = false;
      week = undefined;
      void render();
    },
    speedChanged() {
      if (playing) play();
    },
  };
}
