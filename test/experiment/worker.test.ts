/**
 * A worker thread loads the code of its own kind of job only (src/experiment/worker.ts): in the
 * command's bundle (lib/bin/, built by the test suite's setup), the modules a replication's thread
 * loads hold no YAML parser and none of the explanation's statistics, which a calibration's and an
 * explanation's threads do load. esbuild marks each bundled file with a `// path` comment.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../lib/bin/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, BIN), 'utf8');

/** The files a thread running `task` loads: the worker's own static imports, then the task's runner's. */
function loadedBy(task: string): string[] {
  const worker = read('worker.js');
  const runner = new RegExp(`\\b${task}: async \\(\\) => \\(await import\\("\\./([^"]+)"\\)\\)`).exec(worker);
  if (!runner) throw new Error(`lib/bin/worker.js imports no runner for ${task}`);
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, next] of read(file).matchAll(/^import\s(?:[^;]*?from\s*)?"\.\/([^"]+)"/gm)) visit(next);
  };
  visit('worker.js');
  visit(runner[1]);
  return [...files];
}

const bundles = (task: string, marker: string) => loadedBy(task).some((file) => read(file).includes(marker));

describe('the command\'s worker threads', () => {
  it('load no YAML parser nor t quantiles for replications (run and compare), which calibrations and explanations need', () => {
    expect(bundles('replicate', '// node_modules/yaml/')).toBe(false);
    expect(bundles('replicate', '// node_modules/@stdlib/stats-base-dists-t-quantile/')).toBe(false);
    expect(bundles('calibrate', '// node_modules/yaml/')).toBe(true);
    expect(bundles('explain', '// node_modules/@stdlib/stats-base-dists-t-quantile/')).toBe(true);
  });

  it('load the model for every kind of job', () => {
    for (const task of ['replicate', 'sweep', 'explain', 'calibrate']) expect(bundles(task, '// src/sim/run.ts'), task).toBe(true);
  });
});
