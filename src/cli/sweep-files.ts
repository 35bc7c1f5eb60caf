/**
 * The files of a sweep folder. `journal.jsonl` holds one JSON line per finished run, appended and
 * flushed to disk as each run finishes, so that a sweep killed at any moment loses no finished run;
 * `runs.csv`, `points.csv` and `sweep.json` are written atomically from it at the end. Every file
 * but the journal is a function of the plan and the set of finished runs only, never of the order
 * they finished in, so folders of shards merge into the same bytes as a single machine's.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { SweepPlan } from '../experiment/plan.ts';
import { planJobs, summarisePoints, type RunRecord, type Shard, type SweepTable } from '../experiment/sweep.ts';
import { UserError } from './errors.ts';
import { writeFileAtomic } from './files.ts';
import { VERSION } from './version.ts';

export const JOURNAL = 'journal.jsonl';
export const RUNS = 'runs.csv';
export const POINTS = 'points.csv';
export const PLAN = 'sweep.json';

/** CSV cells: flags as true/false (csv-stringify's default writes 1 and an empty cell). */
const CSV_CAST = { boolean: (value: boolean) => String(value) };

export function runsCsv(table: SweepTable): string {
  return stringify(table.rows, { header: true, columns: table.columns, cast: CSV_CAST });
}

export function pointsCsv(plan: SweepPlan, table: SweepTable): string {
  const names = plan.parameters.map((p) => p.name);
  const stats = plan.outputs.flatMap((o) => [`${o.column}.mean`, `${o.column}.lo`, `${o.column}.hi`]);
  const rows = summarisePoints(plan, table).map((s) => {
    const row: Record<string, unknown> = { point: s.point, ...s.values, replications: s.replications };
    for (const o of plan.outputs) {
      const { mean, lo, hi } = s.outputs[o.column];
      Object.assign(row, { [`${o.column}.mean`]: mean, [`${o.column}.lo`]: lo, [`${o.column}.hi`]: hi });
    }
    return row;
  });
  return stringify(rows, { header: true, columns: ['point', ...names, 'replications', ...stats], cast: CSV_CAST });
}

function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** The resolved plan as written to sweep.json; a shard's names its slice. */
export function planJson(plan: SweepPlan, shard?: Shard): string {
  const seeds = Array.from({ length: plan.replications }, (_, r) => plan.seed + r);
  const document = {
    goodhart: VERSION,
    scenario: plan.scenario.name,
    design: plan.design,
    ...(plan.samples === undefined ? {} : { samples: plan.samples }),
    replications: plan.replications,
    seed: plan.seed,
    seeds,
    ...(shard ? { shard: shardLabel(shard) } : {}),
    parameters: plan.parameters,
    outputs: plan.outputs,
    points: plan.points.map((values, point) => ({ point, values })),
    baseScenario: plan.scenario,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A journal line; outputs that are not finite numbers (JSON has no NaN) are written as null. */
export function journalLine(record: RunRecord): string {
  return `${JSON.stringify({ point: record.point, replication: record.replication, seed: record.seed, outputs: record.outputs.map((v) => (Number.isFinite(v) ? v : null)) })}\n`;
}

function isRecord(value: unknown, plan: SweepPlan): value is RunRecord {
  const r = value as RunRecord;
  return (
    r !== null && typeof r === 'object' &&
    Number.isInteger(r.point) && r.point >= 0 && r.point < plan.points.length &&
    Number.isInteger(r.replication) && r.replication >= 0 && r.replication < plan.replications &&
    r.seed === plan.seed + r.replication &&
    Array.isArray(r.outputs) && r.outputs.length === plan.outputs.length
  );
}

/**
 * Reads a journal's finished runs, once each. A last line cut short (the machine stopped mid-write)
 * is dropped; with `repair` (before appending to it) it is also cut from the file, so that lines
 * appended after it stay whole.
 */
export function readJournal(file: string, plan: SweepPlan, repair = false): RunRecord[] {
  if (!existsSync(file)) return [];
  let text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    if (repair) truncateSync(file, Buffer.byteLength(text.slice(0, end), 'utf8'));
    text = text.slice(0, end);
  }
  const records = new Map<string, RunRecord>();
  text.split('\n').forEach((line, k) => {
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UserError(`${file}: line ${k + 1} is not a journal entry; the folder holds something else (choose another --out, or start again without --resume)`);
    }
    if (!isRecord(value, plan)) throw new UserError(`${file}: line ${k + 1} does not belong to this sweep (choose another --out, or start again without --resume)`);
    const record = { ...value, outputs: value.outputs.map((v) => (v === null ? Number.NaN : v)) };
    records.set(`${record.point}/${record.replication}`, record);
  });
  return [...records.values()];
}

export interface Journal {
  append(record: RunRecord): void;
  close(): void;
}

/** Opens a journal for appending; each line is flushed to disk before `append` returns. */
export function openJournal(file: string): Journal {
  const fd = openSync(file, 'a');
  return {
    append(record) {
      writeSync(fd, journalLine(record));
      fsyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}

/** Writes a journal of records in (point, replication) order, atomically (for merged folders). */
export function writeJournal(file: string, records: readonly RunRecord[]): void {
  const sorted = [...records].sort((a, b) => a.point - b.point || a.replication - b.replication);
  writeFileAtomic(file, sorted.map(journalLine).join(''));
}

/** Starts a fresh sweep in a folder: forgets a previous sweep's journal. */
export function clearJournal(folder: string): void {
  rmSync(join(folder, JOURNAL), { force: true });
}

/** Removes the final files of a previous sweep in a folder (they are rewritten when this one finishes). */
export function clearResults(folder: string): void {
  for (const name of [RUNS, POINTS]) rmSync(join(folder, name), { force: true });
}

/** The runs of a plan (or shard) that the records do not cover. */
export function missingRuns(plan: SweepPlan, records: readonly RunRecord[], shard?: Shard) {
  const done = new Set(records.map((r) => `${r.point}/${r.replication}`));
  return planJobs(plan, shard).filter((j) => !done.has(`${j.point}/${j.replication}`));
}

/** Writes the final files of a sweep folder, each atomically. A shard writes no points.csv: its points are partial. */
export function writeSweepFiles(folder: string, plan: SweepPlan, table: SweepTable, shard?: Shard): void {
  writeFileAtomic(join(folder, RUNS), runsCsv(table));
  if (!shard) writeFileAtomic(join(folder, POINTS), pointsCsv(plan, table));
  writeFileAtomic(join(folder, PLAN), planJson(plan, shard));
}
