import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { assumed, defineModel, definePolicy, num, POLICIES, evidenceProblems, parameters } from '../../src/index.ts';
import { modelDocWithParameters, MODEL_DOC } from '../../src/cli/write-docs.ts';
import { goodhart, lines } from '../cli/goodhart.ts';
import { fridays } from '../policies/fixtures/fridays.ts';

describe('every number a scenario can set says what its default rests on', () => {
  it('the built-in model: each has a source with its figure, or the mark assumption or setting, and a range holding its default', () => {
    const params = parameters();
    expect(params.length).toBeGreaterThan(70);
    expect(evidenceProblems()).toEqual([]);
    expect(params.filter((p) => p.evidence?.kind === 'sourced').map((p) => p.path)).toEqual(
      expect.arrayContaining(['population.aiFit', 'population.integrity', 'incidents.humanDefect', 'people.attritionPerYear']),
    );
  });

  it('a policy whose numbers declare nothing is reported, field by field', () => {
    const problems = evidenceProblems(defineModel([...POLICIES, fridays]));
    expect(problems).toEqual([
      'policies.fridays.startWeek: no evidence (sourced, assumed or chosen)',
      'policies.fridays.gamingCost: no evidence (sourced, assumed or chosen)',
    ]);
  });

  it('a default outside its own range is reported', () => {
    const odd = definePolicy({
      name: 'odd',
      label: 'Odd',
      schema: z.strictObject({ level: num(0, 10, 5, 'A level.', assumed('units', [0, 1], 'a range that misses the default')) }),
    });
    expect(evidenceProblems(defineModel([...POLICIES, odd]))).toEqual(['policies.odd.level: default 5 lies outside its range [0, 1]']);
  });

  it("docs/MODEL.md's table of defaults is generated from the same declarations (run `npm run docs` after changing them)", () => {
    const committed = readFileSync(MODEL_DOC, 'utf8');
    expect(committed).toBe(modelDocWithParameters(committed));
  });
});

describe('goodhart params', () => {
  it('prints each parameter with value, unit, range and source, and counts them by kind', async () => {
    const result = await goodhart(['params', 'scenarios/meshclaw.yaml']);
    expect(result.status).toBe(0);
    const out = lines(result.stdout);
    const coverage = out.find((l) => l.startsWith('policies.quota.coverage '))!;
    expect(coverage.split(/\s{2,}/)).toEqual([
      'policies.quota.coverage',
      '0.8',
      'share of engineers',
      '0.5 to 1',
      'meshclaw2026: a target of 80% of developers using the tool weekly (a policy setting)',
    ]);
    expect(out.find((l) => l.startsWith('policies.review.managerWeight '))).toContain('beta, mean 0.2, sd 0.1');
    expect(out[out.length - 1]).toMatch(/^\d+ parameters: \d+ from published figures, \d+ assumptions, \d+ settings of the scenario\.$/);
  });
});
