/**
 * The help's layout libraries load on first use (scripts/build.js, LAZY_STRING_WIDTH): string-width
 * builds a text segmenter and an emoji regular expression as it loads, which a command that prints
 * no help never needs. A preload counts the segmenters built in the command's process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runProcess } from './goodhart.ts';

const COUNTER = `
const Built = Intl.Segmenter;
let built = 0;
Intl.Segmenter = class extends Built { constructor(...args) { super(...args); built++; } };
process.on('exit', () => process.stderr.write('segmenters built: ' + built + '\\n'));
`;

const dir = mkdtempSync(join(tmpdir(), 'goodhart-lazy-help-'));
const preload = join(dir, 'count-segmenters.cjs');
writeFileSync(preload, COUNTER);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function segmentersBuilt(args: string[]): Promise<{ count: number; stdout: string }> {
  const result = await runProcess(process.execPath, ['--require', preload, 'bin/goodhart.js', ...args], { cwd: REPO, env: { NO_COLOR: '1' } });
  expect(result.status, result.stderr).toBe(0);
  const match = /segmenters built: (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no count in:\n${result.stderr}`);
  return { count: Number(match[1]), stdout: result.stdout };
}

describe.concurrent('the help\'s layout libraries', () => {
  it('are not loaded by a command that prints no help', async () => {
    expect((await segmentersBuilt(['validate', 'scenarios/meshclaw.yaml'])).count).toBe(0);
  });

  it('load when the help is laid out', async () => {
    const { count, stdout } = await segmentersBuilt(['run', '--help']);
    expect(count).toBeGreaterThan(0);
    expect(stdout).toMatch(/^goodhart run <scenarios\.\.>/);
    expect(stdout).toMatch(/--seeds/);
  });
});
