/**
 * A calibration's journal (journal.jsonl in its --out folder): one line per candidate run, written
 * as each finishes, so that a calibration killed part way continues with `--resume` from
 * what it had, and ends with the same posterior as one never stopped. A line names the calibration it
 * belongs to by a fingerprint of what decides the candidates (targets, scenarios, parameters,
 * population, seed); generations and --max-runs may change between a run and its resumption.
 *
 * A calibration shared by shards (`--shard K/N`, on a cluster) keeps one journal per shard, in
 * `<out>/shard-K/`: each shard appends to its own and follows the others'; `--resume` without
 * `--shard` joins them all.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, readSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
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

/** A journal line read back: generation, index and statistics, or a one-line refusal naming the file and line. */
function parseLine(line: string, where: string, fingerprint: string, statistics: number): [number, number, number[]] {
  let entry: { calibration?: unknown; g?: unknown; i?: unknown; s?: unknown };
  try {
    entry = JSON.parse(line);
  } catch {
    throw new UserError(`${where} is not a journal entry; the folder holds something else (choose another --out, or start again without --resume)`);
  }
  if (entry.calibration !== fingerprint) {
    throw new UserError(`${where} is of another calibration (other targets, scenarios, --params, --population, --seed or overrides); run it as it was started, or choose another --out`);
  }
  const { g, i, s } = entry;
  if (!Number.isInteger(g) || !Number.isInteger(i) || !Array.isArray(s) || s.length !== statistics || !s.every((x) => x === null || typeof x === 'number')) {
    throw new UserError(`${where} is not a candidate of this calibration; choose another --out, or start again without --resume`);
  }
  return [g as number, i as number, (s as (number | null)[]).map(fromJson)];
}

/**
 * The candidates a journal holds, by generation/index. A last line cut short by a kill is dropped,
 * and cut from the file when the journal is this process's own (`own`); another shard's is only read.
 */
export function readCalibrationJournal(file: string, fingerprint: string, statistics: number, own = true, into = new Map<string, number[]>()): Map<string, number[]> {
  if (!existsSync(file)) return into;
  let text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    if (own) truncateSync(file, Buffer.byteLength(text.slice(0, end), 'utf8'));
    text = text.slice(0, end);
  }
  text.split('\n').forEach((line, k) => {
    if (line === '') return;
    const [g, i, s] = parseLine(line, `${file}: line ${k + 1}`, fingerprint, statistics);
    into.set(candidateKey(g, i), s);
  });
  return into;
}

/** Shard K's folder in a calibration's --out (K from 1). */
export function calibrationShardFolder(out: string, k: number): string {
  return join(out, `shard-${k}`);
}

/** The shards whose folders `<out>/shard-K` exist, by K, in order. */
export function shardFolders(out: string): number[] {
  if (!existsSync(out)) return [];
  return readdirSync(out)
    .map((name) => /^shard-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** The shard journals an output folder holds: `<out>/shard-K/journal.jsonl`. */
export function shardJournals(out: string): string[] {
  return shardFolders(out)
    .map((k) => join(calibrationShardFolder(out, k), CALIBRATION_JOURNAL))
    .filter((file) => existsSync(file));
}

/**
 * How long a shard may write nothing before the others run its slice as well: longer than a task's
 * start (node, the worker threads) and a slow candidate, short against a calibration on a cluster
 * (minutes to hours). A shard thought stopped that was only slow costs the candidates run twice.
 */
export const SHARD_IDLE_MS = 30_000;
/** Reading the other shards' journals at most this often: a candidate takes tens of milliseconds and more. */
const FOLLOW_EVERY_MS = 200;

/**
 * Follows the journals of the other shards of a calibration (shard `self` of `count` in `out`):
 * `poll` gives the lines written since the last call, `idle(k)` says whether shard k has written
 * nothing for SHARD_IDLE_MS (or never, since this shard started).
 */
export function followShards(out: string, self: number, count: number, fingerprint: string, statistics: number, now = () => Date.now()) {
  const started = now();
  const shards = Array.from({ length: count }, (_, j) => ({ file: join(calibrationShardFolder(out, j + 1), CALIBRATION_JOURNAL), offset: 0, lines: 0, rest: '', grew: started }));
  let polled = Number.NEGATIVE_INFINITY;
  const chunk = Buffer.alloc(1 << 16);
  return {
    poll(): [number, number, number[]][] {
      if (now() - polled < FOLLOW_EVERY_MS) return [];
      polled = now();
      const found: [number, number, number[]][] = [];
      shards.forEach((shard, j) => {
        if (j + 1 === self || !existsSync(shard.file)) return;
        const fd = openSync(shard.file, 'r');
        try {
          let text = '';
          for (let n; (n = readSync(fd, chunk, 0, chunk.length, shard.offset)) > 0; ) {
            shard.offset += n;
            text += chunk.toString('utf8', 0, n);
          }
          if (text === '') return;
          shard.grew = now();
          // Lines are appended whole but may be read half written: the part after the last newline waits.
          // (A journal is ASCII, JSON numbers and a hex fingerprint: a chunk never splits a character.)
          const all = shard.rest + text;
          const end = all.lastIndexOf('\n') + 1;
          shard.rest = all.slice(end);
          for (const line of all.slice(0, end).split('\n')) {
            if (line === '') continue;
            shard.lines++;
            found.push(parseLine(line, `${shard.file}: line ${shard.lines}`, fingerprint, statistics));
          }
        } finally {
          closeSync(fd);
        }
      });
      return found;
    },
    idle: (k: number) => now() - shards[k - 1].grew >= SHARD_IDLE_MS,
  };
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
