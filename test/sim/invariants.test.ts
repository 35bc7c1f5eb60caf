import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.ts';
import { checkInvariants, InvariantError } from '../../src/sim/invariants.ts';
import { GENUINE_TOKENS, TOKENS } from '../../src/sim/totals.ts';
import { bundled } from '../helpers.ts';

const names = readdirSync(new URL('../../scenarios/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

describe('invariants', () => {
  it.each(names)('%s runs with every weekly invariant holding', (name) => {
    const result = simulate(bundled(name, ['agents=400']), 11, { checkInvariants: true });
    expect(result.metrics.headcount.every((h) => h > 0 && h <= 400)).toBe(true);
  });

  it('the checker catches strategy shares that do not sum to one', () => {
    let caught: unknown;
    simulate(bundled('baseline', ['agents=50', 'weeks=3']), 1, {
      onWeek: (t, ctx) => {
        if (t !== 1) return;
        const broken = simulate(bundled('baseline', ['agents=50', 'weeks=3']), 1).metrics;
        broken.shareManual[1] += 0.5;
        try {
          checkInvariants(ctx, broken);
        } catch (error) {
          caught = error;
        }
      },
    });
    expect(caught).toBeInstanceOf(InvariantError);
    expect((caught as Error).message).toMatch(/^week 1: strategy shares sum to 1\.(5|49)/);
  });

  it('the checker catches more genuine tokens than tokens used', () => {
    let caught: unknown;
    const scenario = bundled('baseline', ['agents=50', 'weeks=3']);
    const clean = simulate(scenario, 1).metrics;
    simulate(scenario, 1, {
      onWeek: (t, ctx) => {
        if (t !== 2) return;
        ctx.org.totals[GENUINE_TOKENS] = ctx.org.totals[TOKENS] + 1;
        try {
          checkInvariants(ctx, clean);
        } catch (error) {
          caught = error;
        }
      },
    });
    expect((caught as Error).message).toMatch(/^week 2: \d+(\.\d+)? tokens used, fewer than the genuine/);
  });
});
