/**
 * The calibration benchmark: `goodhart calibrate calibration/targets.yaml` with its default budget
 * (the shipped posterior's), whole process, on 1 and on 2 workers.
 * Targets (issue: calibrate to the evidence): under 30 minutes on this project's 2-core machine, and
 * 2 workers at least 1.8× as fast as 1.
 *
 *   node --import tsx bench/calibrate.ts [--population 500]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const TARGET_CALIBRATION_MINUTES = 30;
export const TARGET_CALIBRATION_SPEEDUP = 1.8;

const CWD = fileURLToPath(new URL('..', import.meta.url));

export interface CalibrationMeasurement {
  oneWorkerSeconds: number;
  twoWorkersSeconds: number;
}

function timeCalibration(workers: number, extra: readonly string[]): number {
  const out = mkdtempSync(join(tmpdir(), 'goodhart-bench-calibrate-'));
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['bin/goodhart.js', 'calibrate', 'calibration/targets.yaml', '--out', out, '--workers', String(workers), '--quiet', '--yes', ...extra], { cwd: CWD, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`calibrate failed: ${result.stderr}`);
    return (performance.now() - started) / 1000;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function measureCalibration(extra: readonly string[] = []): CalibrationMeasurement {
  return { oneWorkerSeconds: timeCalibration(1, extra), twoWorkersSeconds: timeCalibration(2, extra) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { population: { type: 'string' } } });
  const extra = values.population ? ['--population', values.population] : [];
  const m = measureCalibration(extra);
  const speedup = m.oneWorkerSeconds / m.twoWorkersSeconds;
  console.log(`calibration: 1 worker ${m.oneWorkerSeconds.toFixed(0)} s, 2 workers ${m.twoWorkersSeconds.toFixed(0)} s (${speedup.toFixed(2)}×; target ${TARGET_CALIBRATION_SPEEDUP}×, under ${TARGET_CALIBRATION_MINUTES} min)`);
}
