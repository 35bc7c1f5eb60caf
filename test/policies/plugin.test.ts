import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goodhart, lines, oneErrorLine } from '../cli/goodhart.ts';
import { fridays } from './fixtures/fridays.ts';
import { defineModel, explain, loadScenario, policyLevers, POLICIES, runScenario, summarise, ScenarioError } from '../../src/index.ts';

const MESHCLAW = 'scenarios/meshclaw.yaml';
const SMALL = ['agents=300', 'weeks=20', 'policies.quota.startWeek=2', 'policies.leaderboard.startWeek=2'];
const model = defineModel([...POLICIES, fridays]);

describe('a policy of your own, in one file outside src/ (test/policies/fixtures/fridays.ts)', () => {
  it('runs beside the built-in policies and leaves their numbers as they were while it is off', () => {
    const plain = runScenario(loadScenario(MESHCLAW, { set: SMALL }), { seeds: 2 });
    const off = runScenario(loadScenario(MESHCLAW, { model, set: SMALL }), { seeds: 2 });
    expect(Object.keys(off.runs[0].metrics)).toEqual([...Object.keys(plain.runs[0].metrics), 'fridaysKept']);
    for (const [k, run] of plain.runs.entries()) {
      for (const [name, column] of Object.entries(run.metrics)) expect(off.runs[k].metrics[name]).toEqual(column);
    }
    expect([...off.runs[0].metrics.fridaysKept].every((v) => v === 0)).toBe(true);
  });

  it('its block is set like any other, and its utility term lowers gaming: more Fridays kept', () => {
    const off = summarise(runScenario(loadScenario(MESHCLAW, { model, set: SMALL }), { seeds: 3 }));
    const on = summarise(runScenario(loadScenario(MESHCLAW, { model, set: [...SMALL, 'policies.fridays.enabled=true', 'policies.fridays.gamingCost=2'] }), { seeds: 3 }));
    expect(on.gamingShare.whole.mean).toBeLessThan(off.gamingShare.whole.mean);
    expect(on.fridaysKept.final.mean).toBeGreaterThan(0.5);
    expect(on.fridaysKept.final.mean).toBeLessThanOrEqual(1);
  });

  it('its values are validated with its own ranges, and a model without it refuses its block', () => {
    const tooHigh = () => loadScenario(MESHCLAW, { model, set: ['policies.fridays.gamingCost=20'] });
    expect(tooHigh).toThrow(ScenarioError);
    expect(tooHigh).toThrow('policies.fridays.gamingCost: must be at most 10, got 20');
    expect(() => loadScenario(MESHCLAW, { set: ['policies.fridays.enabled=true'] })).toThrow(/policies: unknown field "fridays"/);
  });

  it('its levers reach the page, with help from its schema', () => {
    const group = policyLevers(model).find((g) => g.policy === 'fridays')!;
    expect(group.label).toBe('AI-free Fridays');
    expect(group.levers.map((l) => l.path)).toEqual(['policies.fridays.enabled', 'policies.fridays.gamingCost']);
    expect(group.levers[1].help).toBe('Extra utility cost of full gaming when the tool is off one day a week (an assumption).');
  });

  it('explain attributes to it: the only differing block takes the whole difference', async () => {
    const a = loadScenario(MESHCLAW, { model, set: SMALL });
    const b = loadScenario(MESHCLAW, { model, set: [...SMALL, 'policies.fridays.enabled=true', 'policies.fridays.gamingCost=2', 'name=fridays'] });
    const explanation = await explain(a, b, { seeds: 3, workers: 2 });
    const gaming = explanation.outcomes.find((o) => o.outcome === 'gamingShare')!;
    expect(gaming.contributions.map((c) => c.component)).toEqual(['fridays']);
    expect(gaming.contributions[0].shapley.mean).toBeCloseTo(gaming.difference.mean, 12);
    expect(gaming.difference.mean).toBeLessThan(0);
  });
});

describe('goodhart --policy FILE', () => {
  const out = mkdtempSync(join(tmpdir(), 'goodhart-policy-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs with the policies a module exports: its metric is in metrics.csv, summary.json and the report', async () => {
    const result = await goodhart([
      'run', MESHCLAW, '--policy', 'test/policies/fixtures/fridays.ts', '--set', 'policies.fridays.enabled=true',
      '--agents', '200', '--weeks', '10', '--seeds', '2', '--charts', 'none', '--quiet', '--out', out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const header = lines(readFileSync(join(out, 'meshclaw', 'metrics.csv'), 'utf8'))[0].split(',');
    expect(header[header.length - 1]).toBe('fridaysKept');
    const summary = JSON.parse(readFileSync(join(out, 'meshclaw', 'summary.json'), 'utf8'));
    expect(summary.metrics.fridaysKept.unit).toBe('share');
    expect(summary.metrics.fridaysKept.final.mean).toBeGreaterThan(0);
    expect(summary.scenario.policies.fridays.enabled).toBe(true);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    const everyMetric = report.slice(report.indexOf('<h2>Every metric'), report.indexOf('<h2>Scenarios</h2>'));
    expect(everyMetric).toContain('<th>Fridays kept <small>(share)</small></th>');
  });

  it('refuses a file that cannot be imported, in one line, writing nothing', async () => {
    const target = join(out, 'nothing');
    const result = await goodhart(['run', MESHCLAW, '--policy', 'no/such/policy.ts', '--seeds', '1', '--out', target]);
    expect(result.status).toBe(2);
    expect(oneErrorLine(result.stderr)).toBe('goodhart: error: --policy no/such/policy.ts: cannot import it: no such file');
    expect(existsSync(target)).toBe(false);
  });
});
