/**
 * Building blocks of the scenario schema: numbers with a range, a default and a description,
 * distributions of population attributes, and scheduled values (a number or an expression of `t`).
 * One definition gives the TypeScript type, the validation and the JSON Schema.
 */
import { z } from 'zod';
import { compileExpression, ExpressionError, MAX_EXPRESSION_LENGTH } from './expression.ts';

export interface Range {
  min: number;
  max: number;
}

/** A plain number in [min, max]. */
export function num(min: number, max: number, defaultValue: number, description: string) {
  return z.number().min(min).max(max).default(defaultValue).describe(description);
}

/** An integer in [min, max]. */
export function int(min: number, max: number, defaultValue: number, description: string) {
  return z.number().int().min(min).max(max).default(defaultValue).describe(description);
}

export function flag(defaultValue: boolean, description: string) {
  return z.boolean().default(defaultValue).describe(description);
}

/** Marks a schema as a scheduled value, so the schedule compiler can find it and its range. */
export const SCHEDULED = 'goodhart.scheduled';

/**
 * A policy value that may change over the run: a number in [min, max], or an expression of the
 * week `t` whose values over the run's weeks must fall in [min, max] (checked when the scenario
 * is compiled, since the number of weeks is known only then).
 */
export function scheduled(min: number, max: number, defaultValue: number, description: string) {
  const expression = z
    .string()
    .max(MAX_EXPRESSION_LENGTH)
    .superRefine((source, ctx) => {
      try {
        compileExpression(source);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        ctx.addIssue({ code: 'custom', message: `bad expression "${source}": ${error.message}` });
      }
    });
  return z
    .union([z.number().min(min).max(max), expression])
    .default(defaultValue)
    .meta({ [SCHEDULED]: { min, max }, description: `${description} A number, or an expression of the week t.` });
}

export type Scheduled = number | string;

export const DISTRIBUTIONS = ['normal', 'lognormal', 'beta', 'uniform', 'constant'] as const;

/**
 * A distribution of a population attribute, parametrised by mean and sd for every family, so
 * that a reader does not need to know beta's alpha and beta. `min` and `max` clip normal draws,
 * bound uniform ones, and rescale beta from [0, 1] to [min, max].
 */
export const distribution = z
  .strictObject({
    dist: z.enum(DISTRIBUTIONS).describe('Family of the distribution.'),
    mean: z.number().describe('Mean of the distribution.'),
    sd: z.number().min(0).default(0).describe('Standard deviation (0 for constant).'),
    min: z.number().optional().describe('Lower bound (clip for normal, support for beta and uniform).'),
    max: z.number().optional().describe('Upper bound (clip for normal, support for beta and uniform).'),
  })
  .superRefine((d, ctx) => {
    const lo = d.min ?? (d.dist === 'beta' ? 0 : -Infinity);
    const hi = d.max ?? (d.dist === 'beta' ? 1 : Infinity);
    if (lo > hi) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${lo}) is above max (${hi})` });
      return;
    }
    if (d.dist === 'lognormal' && d.mean <= 0) {
      ctx.addIssue({ code: 'custom', path: ['mean'], message: `a lognormal mean must be above 0, got ${d.mean}` });
    }
    if (d.dist === 'beta') {
      const width = hi - lo;
      const m = (d.mean - lo) / width;
      const s = d.sd / width;
      if (!(m > 0 && m < 1)) {
        ctx.addIssue({ code: 'custom', path: ['mean'], message: `a beta mean must lie strictly between ${lo} and ${hi}, got ${d.mean}` });
      } else if (!(s * s < m * (1 - m))) {
        const limit = Math.sqrt(m * (1 - m)) * width;
        ctx.addIssue({
          code: 'custom',
          path: ['sd'],
          message: `a beta with mean ${d.mean} on [${lo}, ${hi}] needs sd below ${limit.toPrecision(3)}, got ${d.sd}`,
        });
      }
    }
    if ((d.dist === 'uniform' || d.dist === 'normal') && (d.mean < lo || d.mean > hi)) {
      ctx.addIssue({ code: 'custom', path: ['mean'], message: `the mean ${d.mean} lies outside [${lo}, ${hi}]` });
    }
  });

export type Distribution = z.infer<typeof distribution>;

/** A distribution schema with a default. */
export function dist(defaultValue: z.input<typeof distribution>, description: string) {
  return distribution.default(distribution.parse(defaultValue)).describe(description);
}
