/**
 * Item 8 of the reliability guarantees (docs/RELIABILITY.md), costs said before they are paid: a run
 * estimated above 15 minutes of one thread is refused without a terminal unless --yes, with the
 * estimate; worker threads are capped by the memory they need.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_STEPS_PER_SECOND, CONFIRM_ABOVE_AGENT_STEPS, describeCost } from '../../src/cli/cost.ts';
import { goodhart, oneErrorLine, REPO } from './goodhart.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-cli-cost-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the estimate', () => {
  it('says time on the threads and memory from the measured speed', () => {
    // 10 million engineers for 5,200 weeks and 20 seeds: 1.04e12 engineer-weeks at 2 million a second.
    expect(describeCost({ agentSteps: 1e7 * 5200 * 20, threads: 1, maxAgents: 1e7 })).toBe('about 6.0 days on 1 thread and 4.2 GB of memory (1.0e12 engineer-weeks)');
    expect(describeCost({ agentSteps: 1e9, threads: 2, maxAgents: 1000 })).toBe('about 4 min on 2 threads and 245 MB of memory (1.0e9 engineer-weeks)');
    expect(CONFIRM_ABOVE_AGENT_STEPS / AGENT_STEPS_PER_SECOND).toBe(15 * 60);
  });
});

describe.concurrent('goodhart and its costs', () => {
  it('refuses a run of about 6 days without a terminal and --yes, saying the estimate and the flag, writing nothing', async () => {
    const out = join(dir, 'huge');
    // One thread: the estimate on more would depend on the machine's free memory.
    const result = await goodhart(['run', 'scenarios/baseline.yaml', '--agents', '10000000', '--weeks', '5200', '--workers', '1', '--out', out]);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(
      'goodhart: error: running this scenario for 20 seeds would take about 6.0 days on 1 thread and 4.2 GB of memory (1.0e12 engineer-weeks); pass --yes to start it, or use fewer --agents, --weeks or seeds',
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a large sweep the same way', async () => {
    const file = join(dir, 'big-sweep.yaml');
    writeFileSync(file, 'scenario: meshclaw\ndesign: grid\nreplications: 50\nparameters:\n  behaviour.contagion: { values: [0, 1] }\noutputs: [realOutput]\n');
    const out = join(dir, 'big-sweep');
    const result = await goodhart(['sweep', file, '--out', out, '--agents', '1000000', '--workers', '2']);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe(
      'goodhart: error: this sweep (100 runs) would take about 22 min on 2 threads and 1.0 GB of memory (5.2e9 engineer-weeks); pass --yes to start it, or use fewer --agents, --weeks or seeds',
    );
    expect(existsSync(join(out, 'sweep.json'))).toBe(false);
  });

  it('caps --workers by the memory they would need, saying so', async () => {
    const file = join(dir, 'tiny-sweep.yaml');
    writeFileSync(file, `scenario: ${join(REPO, 'scenarios/baseline.yaml')}\ndesign: grid\nparameters:\n  behaviour.contagion: { values: [0, 1] }\noutputs: [realOutput]\n`);
    const out = join(dir, 'capped');
    // 1,024 threads of 42 MB each need 43 GB: more than a test machine has free.
    const result = await goodhart(['sweep', file, '--out', out, '--agents', '50', '--weeks', '4', '--workers', '1024', '--no-charts', '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^goodhart: --workers 1024 would need about 43\.2 GB \(43 MB a thread at 50 engineers\) and [\d.]+ [GM]B is free: using \d+\n$/);
  }, 180_000);
});
