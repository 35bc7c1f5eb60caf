/**
 * How far a calibration has got, from its --out folder alone (for `goodhart status`): the candidates
 * in its journals (its own, or one per shard in `<out>/shard-K/`), per generation and per shard, when
 * each shard last wrote, and, once finished, what diagnostics.json says. No targets file is needed:
 * the journals' lines carry their generation and index.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CALIBRATE_SCRIPT, SLURM_FOLDER } from '../cluster/slurm.ts';
import { CALIBRATION_JOURNAL, calibrationShardFolder, shardFolders, shardJournals } from './calibrate-journal.ts';
import { UserError } from './errors.ts';

export interface JournalProgress {
  /** 0 for the calibration's own journal (one process), K for shard K. */
  shard: number;
  /** Candidates it holds (a candidate another shard ran too counts in both). */
  candidates: number;
  /** When it was last written, in ms since the epoch; undefined when it does not exist yet. */
  lastWrite?: number;
}

export interface CalibrationProgress {
  /** Shards by the folder (shard-K folders, or the Slurm array's size); 0 for a calibration on one machine. */
  shards: number;
  /** Whether `<out>/slurm/calibrate.sbatch` was written (by --slurm, submitted or --dry-run). */
  submitted: boolean;
  journals: JournalProgress[];
  /** Distinct candidates simulated, per generation (index 0: the prior's). */
  perGeneration: number[];
  /** The result files written, in the order a reader wants them. */
  results: string[];
  /** From diagnostics.json, once the posterior is written. */
  finished?: { generations: number; simulations: number; stop: string; populationSize: number; lastEss: number };
}

const DIAGNOSTICS = 'diagnostics.json';
const POSTERIOR = 'posterior.csv';
const RESULT_FILES = ['calibration.html', POSTERIOR, DIAGNOSTICS, 'predictive.csv'];

/** The first line of a journal says whose it is: a calibration's lines start with its fingerprint. */
function isCalibrationJournal(file: string): boolean {
  if (!existsSync(file)) return false;
  return readFileSync(file, 'utf8').startsWith('{"calibration":');
}

/** The array's size in `<out>/slurm/calibrate.sbatch` (`#SBATCH --array=1-N`), when the calibration was submitted. */
function submittedTasks(folder: string): number | undefined {
  const script = join(folder, SLURM_FOLDER, CALIBRATE_SCRIPT);
  if (!existsSync(script)) return undefined;
  const m = /^#SBATCH --array=1-(\d+)$/m.exec(readFileSync(script, 'utf8'));
  return m ? Number(m[1]) : undefined;
}

/** Whether `folder` is a calibration's --out: its results, its Slurm script or a calibration's journal. */
export function isCalibrationFolder(folder: string): boolean {
  return (
    existsSync(join(folder, POSTERIOR)) && existsSync(join(folder, DIAGNOSTICS))
    || submittedTasks(folder) !== undefined
    || isCalibrationJournal(join(folder, CALIBRATION_JOURNAL))
    || shardJournals(folder).some(isCalibrationJournal)
  );
}

/** Reads a journal's whole lines (a last line cut short by a kill is left out), adding its candidates' keys to `seen`. */
function readJournal(file: string, seen: Map<number, Set<number>>): number {
  let candidates = 0;
  const text = readFileSync(file, 'utf8');
  for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
    if (line === '') continue;
    let entry: { g?: unknown; i?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      throw new UserError(`${file} is not a calibration's journal (a line is not JSON); name the --out folder of goodhart calibrate`);
    }
    if (!Number.isInteger(entry.g) || !Number.isInteger(entry.i)) {
      throw new UserError(`${file} is not a calibration's journal (a line has no generation and index); name the --out folder of goodhart calibrate`);
    }
    const g = entry.g as number;
    if (!seen.has(g)) seen.set(g, new Set());
    seen.get(g)!.add(entry.i as number);
    candidates++;
  }
  return candidates;
}

export function calibrationProgress(folder: string): CalibrationProgress {
  const tasks = submittedTasks(folder);
  const folders = shardFolders(folder);
  const shards = Math.max(tasks ?? 0, folders.at(-1) ?? 0);
  const seen = new Map<number, Set<number>>();
  const journals: JournalProgress[] = [];
  const own = join(folder, CALIBRATION_JOURNAL);
  if (existsSync(own)) journals.push({ shard: 0, candidates: readJournal(own, seen), lastWrite: statSync(own).mtimeMs });
  for (let k = 1; k <= shards; k++) {
    const file = join(calibrationShardFolder(folder, k), CALIBRATION_JOURNAL);
    journals.push(existsSync(file) ? { shard: k, candidates: readJournal(file, seen), lastWrite: statSync(file).mtimeMs } : { shard: k, candidates: 0 });
  }
  const generations = seen.size === 0 ? 0 : Math.max(...seen.keys()) + 1;
  const perGeneration = Array.from({ length: generations }, (_, g) => seen.get(g)?.size ?? 0);
  const results = RESULT_FILES.filter((name) => existsSync(join(folder, name)));
  return { shards, submitted: tasks !== undefined, journals, perGeneration, results, finished: readDiagnostics(folder) };
}

function readDiagnostics(folder: string): CalibrationProgress['finished'] {
  const file = join(folder, DIAGNOSTICS);
  if (!existsSync(join(folder, POSTERIOR)) || !existsSync(file)) return undefined;
  let d: { simulations?: number; stop?: string; populationSize?: number; generations?: { ess?: number }[] };
  try {
    d = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UserError(`${file} is not JSON; the calibration's results are damaged: run it again`);
  }
  const last = d.generations?.at(-1);
  return { generations: d.generations?.length ?? 0, simulations: d.simulations ?? 0, stop: d.stop ?? 'unknown', populationSize: d.populationSize ?? 0, lastEss: last?.ess ?? 0 };
}
