import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { goodhart, lines, REPO } from './goodhart.ts';

const BUNDLED = ['baseline', 'capped-spend', 'guarded-deploys', 'leaderboard-only', 'meshclaw', 'outcome-based', 'quota-only'];

describe('goodhart list', () => {
  it('prints the six bundled scenarios, each with its description and file', async () => {
    const result = await goodhart(['list']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const out = lines(result.stdout);
    expect(out).toHaveLength(2 * BUNDLED.length);
    BUNDLED.forEach((name, k) => {
      const { description } = parse(readFileSync(join(REPO, 'scenarios', `${name}.yaml`), 'utf8')) as { description: string };
      expect(description.length).toBeGreaterThan(10);
      expect(out[2 * k]).toMatch(new RegExp(`^${name} +${description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      expect(out[2 * k + 1].trim()).toBe(`scenarios/${name}.yaml`);
    });
  });
});
