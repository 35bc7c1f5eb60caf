/**
 * The files of a sweep folder. `journal.jsonl` holds one JSON line per finished run, appended and
 * flushed to disk as each run finishes, so that a sweep killed at any moment loses no finished run;
 * `runs.csv`, `points.csv` and `sweep.json` are written atomically from it at the end. Every file
 * but the journal is a function of the plan and the set of finished runs only, never of the order
 * they finished in, so folders of shards merge into the same bytes as a single machine's. A whole
 * sweep (not a shard) also gets charts/ and, for sobol and morris designs, sensitivity.csv.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { morrisChart, sobolChart } from '../charts/sensitivity.ts';
import { outputLabel, parameterLabel } from '../charts/labels.ts';
import { sweepCharts } from '../charts/sweep.ts';
import { isSensitivityDesign } from '../experiment/designs.ts';
import type { SweepPlan } from '../experiment/plan.ts';
import { sweepSensitivity, type OutputSensitivity } from '../experiment/sweep-sensitivity.ts';
import { planJobs, summarisePoints, type RunRecord, type Shard, type SweepTable } from '../experiment/sweep.ts';
import { show } from '../scenario/errors.ts';
import { toCsv } from './csv.ts';
import { UserError } from './errors.ts';
import { writeAll, writeErrorReason, writeFileAtomic } from './files.ts';
import { VERSION } from './version.ts';

export const JOURNAL = 'journal.jsonl';
export const RUNS = 'runs.csv';
export const POINTS = 'points.csv';
export const PLAN = 'sweep.json';
export const SENSITIVITY = 'sensitivity.csv';
export const CHARTS = 'charts';
export const REPORT = 'report.html';

/**
 * runs.csv: one row per run. For sobol and morris designs, each row also carries its point's role in
 * the design (Sobol' block, AB parameter and row; Morris trajectory, step and the parameter moved), so
 * that the indices can be recomputed from runs.csv alone; sweep.json holds the same.
 */
export function runsCsv(table: SweepTable, plan?: Pick<SweepPlan, 'roles'>): string {
  const roles = plan?.roles;
  if (!roles) return toCsv(table.rows, table.columns);
  const sobol = roles.some((r) => 'block' in r);
  const roleColumns = sobol ? ['block', 'block_parameter', 'block_row'] : ['trajectory', 'step', 'moved'];
  const rows = table.rows.map((row) => {
    const role = roles[row.point as number];
    const cells = 'block' in role ? [role.block, 'parameter' in role ? role.parameter : '', role.row] : [role.trajectory, role.step, role.moved ?? ''];
    return { ...row, ...Object.fromEntries(roleColumns.map((c, k) => [c, cells[k]])) };
  });
  const [point, ...rest] = table.columns;
  return toCsv(rows, [point, ...roleColumns, ...rest]);
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
  return toCsv(rows, ['point', ...names, 'replications', ...stats]);
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
    ...(plan.levels === undefined ? {} : { levels: plan.levels }),
    replications: plan.replications,
    seed: plan.seed,
    seeds,
    ...(shard ? { shard: shardLabel(shard) } : {}),
    parameters: plan.parameters,
    outputs: plan.outputs,
    points: plan.points.map((values, point) => (plan.roles ? { point, values, role: plan.roles[point] } : { point, values })),
    baseScenario: plan.scenario,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Hexadecimal digits of the plan's SHA-256 kept in each journal line: 64 bits, no two plans alike by chance. */
const FINGERPRINT_HEX_DIGITS = 16;

/**
 * The fingerprint of a plan (of the whole sweep: a shard's runs carry the same one, so that they
 * merge), written in every journal line so that a journal is never read as another plan's.
 */
export function planFingerprint(plan: SweepPlan): string {
  return createHash('sha256').update(planJson(plan)).digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}

/** A journal line; outputs that are not finite numbers (JSON has no NaN) are written as null. */
export function journalLine(record: RunRecord, fingerprint: string): string {
  return `${JSON.stringify({ plan: fingerprint, point: record.point, replication: record.replication, seed: record.seed, outputs: record.outputs.map((v) => (Number.isFinite(v) ? v : null)) })}\n`;
}

/** An output as a run gives it: a finite number, or null for one that is not a number (a constant output's ratio). */
function isOutput(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

/** Whether a parsed line is a run of `plan`, with the values a run gives. */
function isRecord(value: unknown, plan: SweepPlan): value is RunRecord {
  const r = value as RunRecord;
  return (
    r !== null && typeof r === 'object' &&
    Number.isInteger(r.point) && r.point >= 0 && r.point < plan.points.length &&
    Number.isInteger(r.replication) && r.replication >= 0 && r.replication < plan.replications &&
    r.seed === plan.seed + r.replication &&
    Array.isArray(r.outputs) && r.outputs.length === plan.outputs.length && r.outputs.every(isOutput)
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
  const fingerprint = planFingerprint(plan);
  const folder = dirname(file);
  text.split('\n').forEach((line, k) => {
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UserError(`${file}: line ${k + 1} is not a journal entry; the folder holds something else (choose another --out, or start again without --resume)`);
    }
    const lineFingerprint = (value as { plan?: unknown } | null)?.plan;
    if (lineFingerprint !== fingerprint) {
      throw new UserError(
        `${folder} holds runs of another sweep (line ${k + 1} of ${JOURNAL} is of plan ${show(lineFingerprint)}, this one is ${fingerprint}); choose another --out, or start again without --resume`,
      );
    }
    if (!isRecord(value, plan)) throw new UserError(`${file}: line ${k + 1} is not a run of this sweep, or holds a value a run cannot give (choose another --out, or start again without --resume)`);
    const record: RunRecord = { point: value.point, replication: value.replication, seed: value.seed, outputs: value.outputs.map((v) => (v === null ? Number.NaN : v)) };
    records.set(`${record.point}/${record.replication}`, record);
  });
  return [...records.values()];
}

export interface Journal {
  append(record: RunRecord): void;
  close(): void;
}

/**
 * Opens a journal for appending; each line is flushed to disk before `append` returns. A line that
 * cannot be written whole (a full disk) is cut off again, and the error says how to continue.
 */
export function openJournal(file: string, plan: SweepPlan): Journal {
  const fingerprint = planFingerprint(plan);
  let fd: number;
  try {
    fd = openSync(file, 'a');
  } catch (error) {
    throw new UserError(`cannot write ${file} (${writeErrorReason(error)}); choose a folder you can write to`);
  }
  return {
    append(record) {
      const size = fstatSync(fd).size;
      try {
        writeAll(fd, Buffer.from(journalLine(record, fingerprint), 'utf8'));
        fsyncSync(fd);
      } catch (error) {
        try {
          ftruncateSync(fd, size);
        } catch {
          // A part line left behind is dropped when the sweep is resumed (readJournal).
        }
        throw new UserError(`cannot add to ${file} (${writeErrorReason(error)}); the runs it holds are kept: make room, then continue with --resume`);
      }
    },
    close: () => closeSync(fd),
  };
}

/** Writes a journal of records in (point, replication) order, atomically (for merged folders). */
export function writeJournal(file: string, plan: SweepPlan, records: readonly RunRecord[]): void {
  const sorted = [...records].sort((a, b) => a.point - b.point || a.replication - b.replication);
  const fingerprint = planFingerprint(plan);
  writeFileAtomic(file, sorted.map((r) => journalLine(r, fingerprint)).join(''));
}

/** Starts a fresh sweep in a folder: forgets a previous sweep's journal. */
export function clearJournal(folder: string): void {
  rmSync(join(folder, JOURNAL), { force: true });
}

/** Removes the final files of a previous sweep in a folder (they are rewritten when this one finishes). */
export function clearResults(folder: string): void {
  for (const name of [RUNS, POINTS, SENSITIVITY, REPORT]) rmSync(join(folder, name), { force: true });
}

/** The runs of a plan (or shard) that the records do not cover. */
export function missingRuns(plan: SweepPlan, records: readonly RunRecord[], shard?: Shard) {
  const done = new Set(records.map((r) => `${r.point}/${r.replication}`));
  return planJobs(plan, shard).filter((j) => !done.has(`${j.point}/${j.replication}`));
}

/** Writes the final files of a sweep folder, each atomically. A shard writes no points.csv: its points are partial. */
export function writeSweepFiles(folder: string, plan: SweepPlan, table: SweepTable, shard?: Shard): void {
  writeFileAtomic(join(folder, RUNS), runsCsv(table, plan));
  if (!shard) writeFileAtomic(join(folder, POINTS), pointsCsv(plan, table));
  writeFileAtomic(join(folder, PLAN), planJson(plan, shard));
}

/** sensitivity.csv: one row per output × parameter; S1, ST and their 95% bootstrap intervals (sobol) or μ, μ*, σ (morris). */
export function sensitivityCsv(results: readonly OutputSensitivity[]): string {
  const sobol = results.some((r) => r.method === 'sobol');
  const columns = sobol ? ['output', 'parameter', 'method', 'S1', 'S1lo', 'S1hi', 'ST', 'STlo', 'SThi'] : ['output', 'parameter', 'method', 'mu', 'muStar', 'sigma'];
  const rows = results.flatMap((r) => [...(r.sobol ?? []), ...(r.morris ?? [])].map((index) => ({ output: r.output, method: r.method, ...index })));
  return toCsv(rows, columns);
}

/** A file name for an output column (trust@final stays trust@final; anything unusual becomes -). */
function fileName(column: string): string {
  return column.replace(/[^\w.@-]/g, '-');
}

/** The sensitivity chart of one output, or undefined when an index is not a number (a constant output). */
export function sensitivitySpec(result: OutputSensitivity): TopLevelSpec | undefined {
  const numbers = [...(result.sobol ?? []).flatMap((r) => [r.S1, r.S1lo, r.S1hi, r.ST, r.STlo, r.SThi]), ...(result.morris ?? []).flatMap((r) => [r.mu, r.muStar, r.sigma])];
  if (numbers.length === 0 || !numbers.every(Number.isFinite)) return undefined;
  return result.sobol ? sobolChart(result.sobol, { output: result.output }) : morrisChart(result.morris!, { output: result.output });
}

/**
 * For a finished sobol or morris sweep: sensitivity.csv and, per output, charts/sensitivity-<output>
 * as .vl.json, .svg and .png, each written atomically. Returns lines to tell the user (outputs
 * without indices or without a chart); nothing for other designs.
 */
export async function writeSensitivityFiles(folder: string, plan: SweepPlan, table: SweepTable, charts = true, written: WrittenChart[] = []): Promise<string[]> {
  const results = sweepSensitivity(plan, table);
  if (results.length === 0) return [];
  const notes: string[] = [];
  writeFileAtomic(join(folder, SENSITIVITY), sensitivityCsv(results));
  for (const result of results) {
    if (result.skipped) {
      notes.push(`${result.output}: no sensitivity indices: ${result.skipped}`);
      continue;
    }
    if (!charts) continue;
    const spec = sensitivitySpec(result);
    if (!spec) {
      notes.push(`${result.output}: no sensitivity chart: the output does not vary, so its indices are not numbers`);
      continue;
    }
    written.push(await writeChart(folder, `sensitivity-${result.output}`, spec));
  }
  return notes;
}

/** A chart written to charts/: its file name (without extension) and its title. */
export interface WrittenChart {
  file: string;
  title: string;
}

/** Writes a chart as charts/<name>.vl.json, .svg and .png, each atomically. */
async function writeChart(folder: string, name: string, spec: TopLevelSpec): Promise<WrittenChart> {
  const base = join(folder, CHARTS, fileName(name));
  // Written before rendering: Vega marks the data it renders.
  writeFileAtomic(`${base}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
  // vega, vega-lite and resvg: loaded only when charts are drawn (a module loads once).
  const { renderSvg, svgToPng } = await import('../report/render.ts');
  const svg = await renderSvg(spec);
  writeFileAtomic(`${base}.svg`, svg);
  writeFileAtomic(`${base}.png`, svgToPng(svg));
  const title = (spec as { title?: { text?: string } }).title;
  return { file: fileName(name), title: title?.text ?? name };
}

/**
 * For a finished grid, random or lhs sweep: charts/ with, per output, a heatmap over the first two
 * parameters and a line (grid) or scatter (random, lhs) along each parameter. Returns the number of charts.
 */
export async function writeSweepCharts(folder: string, plan: SweepPlan, table: SweepTable): Promise<WrittenChart[]> {
  if (isSensitivityDesign(plan.design)) return [];
  const names = plan.parameters.map((p) => p.name);
  const charts = sweepCharts(summarisePoints(plan, table), names, plan.outputs.map((o) => o.column), plan.design === 'grid');
  const written: WrittenChart[] = [];
  for (const [name, spec] of Object.entries(charts)) written.push(await writeChart(folder, name, spec));
  return written;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * report.html: an index of every chart of a sweep, each under its readable title with links to its
 * SVG, PNG and Vega-Lite spec. The images are the files in charts/, so the page works offline and
 * stays small however many charts a grid makes.
 */
export function sweepReportHtml(plan: SweepPlan, charts: readonly WrittenChart[]): string {
  const runs = plan.points.length * plan.replications;
  const items = charts
    .map(
      (c) => `<figure id="${escapeHtml(c.file)}">
<h2 class="visually-hidden">${escapeHtml(c.title)}</h2>
<img src="${CHARTS}/${encodeURIComponent(c.file)}.svg" alt="${escapeHtml(c.title)}" loading="lazy">
<figcaption><a href="${CHARTS}/${encodeURIComponent(c.file)}.svg">SVG</a> · <a href="${CHARTS}/${encodeURIComponent(c.file)}.png">PNG</a> · <a href="${CHARTS}/${encodeURIComponent(c.file)}.vl.json">Vega-Lite</a></figcaption>
</figure>`,
    )
    .join('\n');
  const contents = charts.map((c) => `<li><a href="#${escapeHtml(c.file)}">${escapeHtml(c.title)}</a></li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>goodhart sweep of ${escapeHtml(plan.scenario.name)}</title>
<style>
  body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; margin: 2rem; color: #111; font-size: 17px; line-height: 1.45; }
  h1 { font-size: 1.8rem; } h2 { font-size: 1.2rem; margin: 0; }
  /* Each chart's image carries its title and subtitle; the heading is there for navigation. */
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  figure { margin: 2rem 0; border-top: 2px solid #ddd; padding-top: 1rem; }
  img { display: block; max-width: 100%; height: auto; margin: 0.5rem 0; }
  @media (max-width: 640px) { body { margin: 0.75rem; } }
</style>
</head>
<body>
<h1>Sweep of ${escapeHtml(plan.scenario.name)}</h1>
<p>goodhart ${escapeHtml(VERSION)} · ${escapeHtml(plan.design)} design · ${plan.points.length.toLocaleString('en-US')} points × ${plan.replications} replication${plan.replications === 1 ? '' : 's'} = ${runs.toLocaleString('en-US')} runs ·
parameters: ${plan.parameters.map((p) => `${escapeHtml(parameterLabel(p.name))} (<code>${escapeHtml(p.name)}</code>)`).join(', ')} ·
outputs: ${plan.outputs.map((o) => `${escapeHtml(outputLabel(o.column).title)} (<code>${escapeHtml(o.column)}</code>)`).join(', ')}.
The numbers are in <code>${RUNS}</code>, <code>${POINTS}</code> and <code>${PLAN}</code>.</p>
<h2>Charts</h2>
<ol>
${contents}
</ol>
${items}
</body>
</html>
`;
}

/**
 * The charts and analyses of a whole sweep (not of a shard): sweep charts, or the sensitivity files;
 * without `charts`, only sensitivity.csv (a large grid makes outputs × (1 + parameters) charts).
 * Returns lines to tell the user.
 */
export async function writeSweepAnalysis(folder: string, plan: SweepPlan, table: SweepTable, charts = true): Promise<string[]> {
  const written = charts ? await writeSweepCharts(folder, plan, table) : [];
  const notes = await writeSensitivityFiles(folder, plan, table, charts, written);
  if (written.length > 0) writeFileAtomic(join(folder, REPORT), sweepReportHtml(plan, written));
  return notes;
}

/** How many points a message names before it says "and N more". */
const NAMED_POINTS = 20;

/** Point indices for a message: "0, 1, 2" or, past NAMED_POINTS, the first ones "and N more". */
export function namePoints(points: readonly number[]): string {
  const more = points.length > NAMED_POINTS ? ` and ${points.length - NAMED_POINTS} more` : '';
  return points.slice(0, NAMED_POINTS).join(', ') + more;
}
