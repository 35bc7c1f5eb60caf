/**
 * A sweep small enough to run many times in a test (4 points × 3 replications of a 200-engineer,
 * 8-week meshclaw), and its files as one machine writes them: what every cluster run must reproduce.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goodhart, REPO } from '../cli/goodhart.ts';

export const TINY_SWEEP = `
scenario: ${join(REPO, 'scenarios/meshclaw.yaml')}
design: grid
replications: 3
parameters:
  policies.quota.target: { values: [0, 20000000] }
  behaviour.contagion: { values: [0, 0.8] }
outputs: [realOutput, incidents, trust@final]
`;
export const TINY_FLAGS = ['--agents', '200', '--weeks', '8', '--set', 'policies.quota.startWeek=2'];
export const TINY_RUNS = 12;
export const RESULT_FILES = ['runs.csv', 'points.csv', 'sweep.json'];

export function writeTinySweep(folder: string, name = 'tiny.yaml'): string {
  const file = join(folder, name);
  writeFileSync(file, TINY_SWEEP);
  return file;
}

export function readResults(folder: string): Record<string, string> {
  return Object.fromEntries(RESULT_FILES.map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
}

/** Runs the sweep on this machine in one go and returns its files. */
export async function oneMachine(file: string, out: string): Promise<Record<string, string>> {
  const result = await goodhart(['sweep', file, '--out', out, '--workers', '1', '--quiet', ...TINY_FLAGS]);
  if (result.status !== 0) throw new Error(`the one-machine sweep failed:\n${result.stderr}`);
  return readResults(out);
}
