/**
 * A calibration's journal (journal.jsonl in its --out folder): one line per candidate run, written
 * as each finishes, so that a calibration killed part way continues with `--resume` from
 * what it had, and ends with the same posterior as one never stopped. A line names the calibration it
 * belongs to by a fingerprint of what decides the candidates (targets, scenarios, parameters,
 * population, seed); generations and --max-runs may change between a run and its resumption.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { candidateKey } from '../experiment/calibrate.ts';
import type { AbcPrior } from '../experiment/abc-smc.ts';
import type { LoadedTargets } from '../experiment/targets.ts';
import { UserError } from './errors.ts';
import { writeAll, writeErrorReason } from './files.ts';

export const CALIBRATION_JOURNAL = 'journal.jsonl';

/** Hex digits of the fingerprint: enough that two calibrations never share one by chance. */
const FINGERPRINT_HEX_DIGITS = 16;

export function calibrationFingerprint(targets: LoadedTargets, prior: AbcPrior, populationSize: number, seed: number): string {
  const what = JSON.stringify({ targets: targets.targets, scenarios: Object.fromEntries(targets.scenarios), prior, populationSize, seed });
  return createHash('sha256').update(what).digest('hex').slice(0, FINGERPRINT_HEX_DIGITS);
}

/** A statistic as a line holds it: JSON has no NaN (a ratio of nothing to nothing), so null. */
const toJson = (x: number) => (Number.isFinite(x) ? x : null);
const fromJson = (x: number | null) => (x === null ? Number.NaN : x);

/** The candidates a journal holds, by generation/index; a last line cut short by a kill is dropped (and cut from the file). */
export function readCalibrationJournal(file: string, fingerprint: string, statistics: number): Map<string, number[]> {
  const known = new Map<string, number[]>();
  if (!existsSync(file)) return known;
  let text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    truncateSync(file, Buffer.byteLength(text.slice(0, end), 'utf8'));
    text = text.slice(0, end);
  }
  text.split('\n').forEach((line, k) => {
    if (line === '') return;
    let entry: { calibration?: unknown; g?: unknown; i?: unknown; s?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      throw new UserError(`${file}: line ${k + 1} is not a journal entry; the folder holds something else (choose another --out, or start again without --resume)`);
    }
    if (entry.calibration !== fingerprint) {
      throw new UserError(`${file}: line ${k + 1} is of another calibration (other targets, scenarios, --params, --population, --seed or overrides); run it as it was started, or choose another --out`);
    }
    const { g, i, s } = entry;
    if (!Number.isInteger(g) || !Number.isInteger(i) || !Array.isArray(s) || s.length !== statistics || !s.every((x) => x === null || typeof x === 'number')) {
      throw new UserError(`${file}: line ${k + 1} is not a candidate of this calibration; choose another --out, or start again without --resume`);
    }
    known.set(candidateKey(g as number, i as number), (s as (number | null)[]).map(fromJson));
  });
  return known;
}

export interface CalibrationJournal {
  append(generation: number, index: number, statistics: readonly number[]): void;
  close(): void;
}

/**
 * How often the journal is synced to disk, at most. A line written is the operating system's once
 * written: a killed process loses none of it, and only a machine that goes down can lose the last
 * second's lines, which a resumed calibration runs again (the same candidates, the same results).
 * Syncing every line would hold up the main thread, and with it the workers, for a disk's flush per
 * candidate.
 */
const SYNC_EVERY_MS = 1000;

/** Opens the journal for appending; lines are synced at most SYNC_EVERY_MS apart, and on closing. */
export function openCalibrationJournal(file: string, fingerprint: string): CalibrationJournal {
  let fd: number;
  try {
    fd = openSync(file, 'a');
  } catch (error) {
    throw new UserError(`cannot write ${file} (${writeErrorReason(error)}); choose a folder you can write to`);
  }
  let synced = Date.now();
  return {
    append(generation, index, statistics) {
      const size = fstatSync(fd).size;
      const line = `${JSON.stringify({ calibration: fingerprint, g: generation, i: index, s: statistics.map(toJson) })}\n`;
      try {
        writeAll(fd, Buffer.from(line, 'utf8'));
        if (Date.now() - synced >= SYNC_EVERY_MS) {
          fsyncSync(fd);
          synced = Date.now();
        }
      } catch (error) {
        try {
          ftruncateSync(fd, size);
        } catch {
          // A part line left behind is dropped on --resume.
        }
        throw new UserError(`cannot add to ${file} (${writeErrorReason(error)}); the candidates it holds are kept: make room, then continue with --resume`);
      }
    },
    close: () => {
      fsyncSync(fd);
      closeSync(fd);
    },
  };
}
