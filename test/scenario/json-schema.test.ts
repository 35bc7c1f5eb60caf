import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchemaText } from '../../src/sim/model.ts';

describe('scenario.schema.json', () => {
  it('is the schema generated from the code (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(new URL('../../scenarios/scenario.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('describes the policies with their ranges', () => {
    const schema = JSON.parse(scenarioJsonSchemaText());
    const coverage = schema.properties.policies.properties.quota.properties.coverage;
    expect(coverage.anyOf[0]).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(coverage.anyOf[1]).toMatchObject({ type: 'string' });
  });
});
