import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const rules = createRequire(import.meta.url)('../../.dependency-cruiser.cjs');

async function check(paths: string[]): Promise<ICruiseResult> {
  const previous = process.cwd();
  process.chdir(ROOT);
  try {
    const result = await cruise(paths, { validate: true, ruleSet: rules, ...rules.options });
    return result.output as ICruiseResult;
  } finally {
    process.chdir(previous);
  }
}

function violations(result: ICruiseResult): string[] {
  return result.summary.violations.map((v) => `${v.rule.name}: ${[v.from, ...(v.cycle ?? []).map((c) => c.name), v.to].join(' → ')}`);
}

describe('layers (.dependency-cruiser.cjs)', () => {
  it('src/ has no import cycle and imports only downward: scenario → model → experiment → charts, report → cli', async () => {
    const result = await check(['src']);
    expect(result.summary.totalCruised).toBeGreaterThan(80);
    expect(violations(result)).toEqual([]);
  });

  it('the page (web/src) reaches src/ only through src/browser.ts', async () => {
    const result = await check(['web/src']);
    const pageModules = result.modules.filter((m) => m.source.startsWith('web/src/'));
    expect(pageModules.length).toBeGreaterThan(10);
    const reached = new Set(pageModules.flatMap((m) => m.dependencies.map((d) => d.resolved)).filter((path) => path.startsWith('src/')));
    expect([...reached]).toEqual(['src/browser.ts']);
    expect(violations(result)).toEqual([]);
  });

  it('the check finds a cycle of type-only imports', async () => {
    const result = await check(['test/architecture/fixtures/cycle']);
    expect(result.summary.totalCruised).toBe(2);
    expect(violations(result)).toContainEqual(expect.stringMatching(/^no-circular: test\/architecture\/fixtures\/cycle\/a\.ts/));
  });
});
