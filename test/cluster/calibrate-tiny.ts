/**
 * A calibration small enough to run several times in a test (two parameters, 12 particles, two
 * generations of a 100-engineer, 12-week baseline and meshclaw), and its posterior as one machine
 * writes it: what a calibration in shards must reproduce byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goodhart } from '../cli/goodhart.ts';

export const TINY_TARGETS = `targets:
  - { name: cfr, figure: change failure, sources: [dora2024], statistic: { scenario: baseline, metric: incidents, per: changes }, observed: 0.06, interval: [0.03, 0.15] }
  - { name: spend, figure: spend, sources: [claudeCodeCosts2026], statistic: { scenario: baseline, metric: spend, per: headcount, aggregate: mean }, observed: 65, interval: [40, 100] }
  - { name: output, figure: output, sources: [faros2025], statistic: { scenario: meshclaw, versus: baseline, metric: realOutput }, observed: 1, interval: [0.9, 1.1] }
`;
export const TINY_CALIBRATION_FLAGS = ['--agents', '100', '--weeks', '12', '--population', '12', '--generations', '2', '--params', 'behaviour.gamingAversion,aiTool.padTimeShare', '--allow-outside'];

export function writeTinyTargets(folder: string): string {
  const file = join(folder, 'targets.yaml');
  writeFileSync(file, TINY_TARGETS);
  return file;
}

/** Calibrates on this machine in one go and returns its posterior.csv. */
export async function oneMachineCalibration(file: string, out: string): Promise<string> {
  const result = await goodhart(['calibrate', file, '--out', out, '--workers', '1', '--quiet', '--yes', ...TINY_CALIBRATION_FLAGS]);
  if (result.status !== 0) throw new Error(`the one-machine calibration failed:\n${result.stderr}`);
  return readFileSync(join(out, 'posterior.csv'), 'utf8');
}
