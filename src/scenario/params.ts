/**
 * Building blocks of the scenario schema: numbers with a range, a default and a description,
 * distributions of population attributes, and scheduled values (a number or an expression of `t`).
 * One definition gives the TypeScript type, the validation and the JSON Schema.
 */
import { z } from 'zod';
import { show } from './errors.ts';
import { EVIDENCE, type Evidence } from './evidence.ts';
import { compileExpression, ExpressionError, MAX_EXPRESSION_LENGTH } from './expression.ts';

/** The values a number may take: from min to max, both included. */
export interface Range {
  min: number;
  max: number;
}

/**
 * The smallest size of a number other than 0 that a scenario may hold. Anything smaller is a typo or
 * a rounding error, and products of such numbers fall below what a double can hold (1e-308), where
 * a ratio of two of them is infinite.
 */
export const SMALLEST_NUMBER = 1e-12;

/** Whether a number is 0 or of at least the smallest size a scenario may hold. */
export function notTiny(value: number): boolean {
  return value === 0 || !(Math.abs(value) < SMALLEST_NUMBER);
}

/** What a user is told about a number below that size. */
export function tinyMessage(value: number): string {
  return `must be 0 or at least ${SMALLEST_NUMBER} in size, got ${value}`;
}

/**
 * A number in [min, max] that is not tiny. The checks are given at once (`check`) rather than
 * chained (`.min().max().superRefine()`): each link of a chain copies the schema, and the scenario
 * schema, built at every start and in every page worker, has hundreds of these; the same checks
 * give the same messages and JSON Schema.
 */
function ranged(min: number, max: number) {
  const checks = [
    ...(Number.isFinite(min) ? [z.gte(min)] : []),
    ...(Number.isFinite(max) ? [z.lte(max)] : []),
    z.superRefine((value: number, ctx) => {
      if (!notTiny(value)) ctx.addIssue({ code: 'custom', message: tinyMessage(value) });
    }),
  ];
  return z.number().check(...checks);
}

/** The description, and the evidence behind the default when there is a default to justify. */
function about(description: string, evidence?: Evidence) {
  return evidence ? { description, [EVIDENCE]: evidence } : { description };
}

/** A plain number in [min, max] (what validation allows); `evidence` says what the default rests on. */
export function num(min: number, max: number, defaultValue: number, description: string, evidence?: Evidence) {
  return ranged(min, max).default(defaultValue).meta(about(description, evidence));
}

/** An integer in [min, max]. */
export function int(min: number, max: number, defaultValue: number, description: string, evidence?: Evidence) {
  return z.number().check(z.int(), z.gte(min), z.lte(max)).default(defaultValue).meta(about(description, evidence));
}

/** A yes/no field of a scenario block, with its default and description. */
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
export function scheduled(min: number, max: number, defaultValue: number, description: string, evidence?: Evidence) {
  const expression = z
    .string()
    .max(MAX_EXPRESSION_LENGTH)
    .superRefine((source, ctx) => {
      try {
        compileExpression(source);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        ctx.addIssue({ code: 'custom', message: `bad expression ${show(source)}: ${error.message}` });
      }
    });
  return z
    .union([ranged(min, max), expression])
    .default(defaultValue)
    .meta({ [SCHEDULED]: { min, max }, ...about(`${description} A number, or an expression of the week t.`, evidence) });
}

export type Scheduled = number | string;

export const DISTRIBUTIONS = ['normal', 'lognormal', 'beta', 'uniform', 'constant'] as const;

/** Values a distributed attribute may take; every draw of its distribution must fall in it. */
export const ANY_VALUE: Range = { min: -1e15, max: 1e15 };

/**
 * How far from the mean a normal draw can land: d3's polar method fed by a 32-bit generator never
 * goes beyond about 9.4 standard deviations, so 10 bounds every draw a run can make.
 */
const TAIL_SDS = 10;

const distributionShape = z.strictObject({
  dist: z.enum(DISTRIBUTIONS).describe('Family of the distribution.'),
  mean: ranged(-Infinity, Infinity).describe('Mean of the distribution.'),
  sd: ranged(0, Infinity).default(0).describe('Standard deviation (0 for constant).'),
  min: ranged(-Infinity, Infinity).optional().describe('Lower bound (clip for normal, support for beta and uniform).'),
  max: ranged(-Infinity, Infinity).optional().describe('Upper bound (clip for normal, support for beta and uniform).'),
});

/** The least and greatest values a sampler of `d` can draw (src/agents/sample.ts), clipping included. */
function drawExtremes(d: z.infer<typeof distributionShape>, lo: number, hi: number): [number, number] {
  const clip = (x: number) => (x < lo ? lo : x > hi ? hi : x);
  switch (d.dist) {
    case 'constant':
      return [clip(d.mean), clip(d.mean)];
    case 'normal':
      return d.sd === 0 ? [clip(d.mean), clip(d.mean)] : [clip(d.mean - TAIL_SDS * d.sd), clip(d.mean + TAIL_SDS * d.sd)];
    case 'lognormal': {
      if (d.sd === 0) return [clip(d.mean), clip(d.mean)];
      const logVariance = Math.log1p((d.sd / d.mean) ** 2);
      const logSd = Math.sqrt(logVariance);
      const logMean = Math.log(d.mean) - logVariance / 2;
      return [clip(Math.exp(logMean - TAIL_SDS * logSd)), clip(Math.exp(logMean + TAIL_SDS * logSd))];
    }
    case 'uniform':
      return [clip(d.mean - Math.sqrt(3) * d.sd), clip(d.mean + Math.sqrt(3) * d.sd)];
    case 'beta':
      return d.sd === 0 ? [d.mean, d.mean] : [lo, hi];
  }
}

/**
 * A distribution of a population attribute, parametrised by mean and sd for every family, so
 * that a reader does not need to know beta's alpha and beta. `min` and `max` clip normal draws,
 * bound uniform ones, and rescale beta from [0, 1] to [min, max]. Every value it can draw must lie
 * in `range`: a share stays in [0, 1], and no draw is so large that the model's sums overflow.
 */
export function distributionIn(range: Range) {
  const allowed = `allowed ${range.min} to ${range.max}`;
  return distributionShape.superRefine((d, ctx) => {
    const lo = d.min ?? (d.dist === 'beta' ? 0 : -Infinity);
    const hi = d.max ?? (d.dist === 'beta' ? 1 : Infinity);
    if (lo > hi) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${lo}) is above max (${hi})` });
      return;
    }
    if (d.dist === 'lognormal' && d.mean <= 0) {
      ctx.addIssue({ code: 'custom', path: ['mean'], message: `a lognormal mean must be above 0, got ${d.mean}` });
      return;
    }
    if (d.dist === 'beta') {
      const width = hi - lo;
      const m = (d.mean - lo) / width;
      const s = d.sd / width;
      if (!(m > 0 && m < 1)) {
        ctx.addIssue({ code: 'custom', path: ['mean'], message: `a beta mean must lie strictly between ${lo} and ${hi}, got ${d.mean}` });
        return;
      } else if (!(s * s < m * (1 - m))) {
        const limit = Math.sqrt(m * (1 - m)) * width;
        ctx.addIssue({
          code: 'custom',
          path: ['sd'],
          message: `a beta with mean ${d.mean} on [${lo}, ${hi}] needs sd below ${limit.toPrecision(3)}, got ${d.sd}`,
        });
        return;
      }
    }
    if ((d.dist === 'uniform' || d.dist === 'normal') && (d.mean < lo || d.mean > hi)) {
      ctx.addIssue({ code: 'custom', path: ['mean'], message: `the mean ${d.mean} lies outside [${lo}, ${hi}]` });
      return;
    }
    if (!(d.mean >= range.min && d.mean <= range.max)) {
      ctx.addIssue({ code: 'custom', path: ['mean'], message: `the mean ${d.mean} is out of range: ${allowed}` });
      return;
    }
    for (const bound of ['min', 'max'] as const) {
      const value = d[bound];
      if (value !== undefined && !(value >= range.min && value <= range.max)) {
        ctx.addIssue({ code: 'custom', path: [bound], message: `${bound} ${value} is out of range: ${allowed}` });
        return;
      }
    }
    const [least, greatest] = drawExtremes(d, lo, hi);
    if (!(least >= range.min && greatest <= range.max)) {
      const reach = !(least >= range.min) ? least : greatest;
      ctx.addIssue({
        code: 'custom',
        path: ['sd'],
        message: `a ${d.dist} with mean ${d.mean} and sd ${d.sd} can draw ${reach.toPrecision(3)}, out of range (${allowed}); give a smaller sd, or min and max within the range`,
      });
    }
  });
}

/** A distribution whose draws may take any value of ordinary size. */
export const distribution = distributionIn(ANY_VALUE);

/** A population attribute's distribution, as a scenario gives it. */
export type Distribution = z.infer<typeof distribution>;

/** A distribution schema with a default, whose draws must lie in `range`; `evidence` is about its mean. */
export function dist(defaultValue: z.input<typeof distribution>, description: string, range: Range = ANY_VALUE, evidence?: Evidence) {
  const schema = distributionIn(range);
  return schema.default(schema.parse(defaultValue)).meta(about(description, evidence));
}
