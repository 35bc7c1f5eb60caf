/**
 * The report's summary, written from the numbers for leadership: the scenarios ranked on the outcomes
 * that decide (real output, spend, output lost to incidents, leavers, trust), and in plain sentences
 * which is best on what and at what price, with 95% intervals, and "no clear difference" where the
 * interval of a paired difference includes 0.
 */
import { betterDirection, intervalVerdict, type Verdict } from '../charts/better.ts';
import type { DifferenceRow, OutcomeRow } from '../experiment/compare.ts';
import { formatDifferenceShort, formatNumberShort } from './format.ts';

/** The outcomes a decision weighs, in the order a summary names them. */
export const DECISION_OUTCOMES = ['realOutput', 'spend', 'outputLost', 'attrition', 'trust'] as const;

export interface RankedScenario {
  scenario: string;
  mean: number;
  lo: number;
  hi: number;
  /** True when this scenario and the one ranked above it differ by no clear paired difference. */
  tiedWithAbove: boolean;
}

export interface Ranking {
  outcome: string;
  label: string;
  unit: string;
  /** Best for the organisation first. */
  order: RankedScenario[];
}

/** A paired difference between two scenarios, either way round, as b − a. */
function pairOf(pairwise: readonly DifferenceRow[], outcome: string, a: string, b: string): { mean: number; lo: number; hi: number } | undefined {
  const straight = pairwise.find((d) => d.outcome === outcome && d.against === a && d.scenario === b);
  if (straight) return straight;
  const reversed = pairwise.find((d) => d.outcome === outcome && d.against === b && d.scenario === a);
  return reversed && { mean: -reversed.mean, lo: -reversed.hi, hi: -reversed.lo };
}

/**
 * The scenarios ranked on each decision outcome, best first. Two neighbours are tied when their
 * paired difference (`pairwise`: every pair, b − a) has an interval including 0.
 */
export function rankScenarios(outcomes: readonly OutcomeRow[], pairwise: readonly DifferenceRow[]): Ranking[] {
  const rankings: Ranking[] = [];
  for (const key of DECISION_OUTCOMES) {
    const rows = outcomes.filter((o) => o.outcome === key);
    const direction = betterDirection(key);
    if (rows.length === 0 || !direction) continue;
    const sorted = [...rows].sort((x, y) => (direction === 'higher' ? y.mean - x.mean : x.mean - y.mean));
    const order = sorted.map((r, k) => {
      const pair = k > 0 ? pairOf(pairwise, key, sorted[k - 1].scenario, r.scenario) : undefined;
      return { scenario: r.scenario, mean: r.mean, lo: r.lo, hi: r.hi, tiedWithAbove: pair !== undefined && intervalVerdict(direction, pair) === 'same' };
    });
    rankings.push({ outcome: key, label: rows[0].label, unit: rows[0].unit, order });
  }
  return rankings;
}

/** A difference with its interval: "+$7.7M [+$7.5M, +$7.9M]". */
function withInterval(d: { mean: number; lo: number; hi: number; unit: string }): string {
  return `${formatDifferenceShort(d.mean, d.unit)} [${formatDifferenceShort(d.lo, d.unit)}, ${formatDifferenceShort(d.hi, d.unit)}]`;
}

function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) && !/^AI /.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('; ')} and ${items[items.length - 1]}`;
}

/** The verdicts of one scenario against the reference on the decision outcomes. */
function verdicts(rows: readonly DifferenceRow[]): Record<Verdict, DifferenceRow[]> {
  const by: Record<Verdict, DifferenceRow[]> = { better: [], worse: [], same: [] };
  for (const key of DECISION_OUTCOMES) {
    const d = rows.find((r) => r.outcome === key);
    if (d) by[intervalVerdict(betterDirection(key), d)].push(d);
  }
  return by;
}

/**
 * The summary sentences: which scenario is best overall, then one sentence per scenario against the
 * reference saying where it is better, worse, or not clearly different, each with its interval.
 */
export function summarySentences(differences: readonly DifferenceRow[], outcomes: readonly OutcomeRow[]): string[] {
  const byScenario = new Map<string, DifferenceRow[]>();
  for (const d of differences) byScenario.set(d.scenario, [...(byScenario.get(d.scenario) ?? []), d]);
  if (byScenario.size === 0) return [];
  const reference = differences[0].against;
  const counted = DECISION_OUTCOMES.filter((k) => differences.some((d) => d.outcome === k)).length;
  const scored = [...byScenario].map(([scenario, rows]) => {
    const v = verdicts(rows);
    return { scenario, v, score: v.better.length - v.worse.length };
  });
  const sentences: string[] = [];
  const best = [...scored].sort((x, y) => y.score - x.score)[0];
  const names = (rows: DifferenceRow[]) => rows.map((r) => lowerFirst(r.label)).join(', ');
  if (best.score > 0) {
    sentences.push(
      `Best overall: ${best.scenario}. Against ${reference} it is better on ${best.v.better.length} of the ${counted} outcomes that decide (${names(best.v.better)})` +
        (best.v.worse.length > 0 ? ` and worse on ${best.v.worse.length} (${names(best.v.worse)}).` : ', and worse on none.'),
    );
  } else {
    sentences.push(`None beats ${reference} overall: on the ${counted} outcomes that decide, no scenario is better on more than it is worse.`);
  }
  for (const { scenario, v } of scored) {
    const part = (rows: DifferenceRow[]) => list(rows.map((r) => `${lowerFirst(r.label)} ${withInterval(r)}`));
    const clauses: string[] = [];
    if (v.better.length > 0) clauses.push(`better on ${part(v.better)}`);
    if (v.worse.length > 0) clauses.push(`worse on ${part(v.worse)}`);
    if (v.same.length > 0) clauses.push(`no clear difference in ${v.same.map((r) => lowerFirst(r.label)).join(', ')}`);
    sentences.push(`${scenario} against ${reference}: ${clauses.join('; ')}.`);
  }
  return sentences;
}

/** A ranking in words: "outcome-based 52,010 > baseline 51,900 ≈ meshclaw 51,870". */
export function rankingLine(r: Ranking): string {
  return r.order.map((o, k) => `${k === 0 ? '' : o.tiedWithAbove ? ' ≈ ' : ' > '}${o.scenario} ${formatNumberShort(o.mean, r.unit)}`).join('');
}
