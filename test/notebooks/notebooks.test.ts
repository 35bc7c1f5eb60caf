/**
 * The notebooks: committed clean, importing only the public API, and, where Debian's Jupyter is
 * installed (.ci/setup-notebooks), executed headless with the Deno kernel by `npm run notebooks`:
 * no cell may fail and each notebook must show at least one Vega-Lite chart with data.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const FOLDER = join(ROOT, 'notebooks');
const REQUIRED = ['01-quickstart.ipynb', '02-goodhart-in-numbers.ipynb', '03-sweep-and-sensitivity.ipynb', '04-custom-policy.ipynb'];
const NOTEBOOKS = readdirSync(FOLDER).filter((f) => f.endsWith('.ipynb')).sort();
const VEGA_LITE = 'application/vnd.vegalite.v6+json';
// Debian's Python, where apt installs Jupyter (the python3 on PATH may be another).
const PYTHON = '/usr/bin/python3';
// All four notebooks take about a minute on 2 idle cores; this leaves room for a busy machine.
const RUN_TIMEOUT_MS = 600_000;
const DENO = join(ROOT, 'node_modules/.bin/deno');
// deno check of the four notebooks' code takes about 15 s.
const CHECK_TIMEOUT_MS = 180_000;

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string[] | string;
  execution_count?: number | null;
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name: string } };
}

const read = (file: string): Notebook => JSON.parse(readFileSync(file, 'utf8')) as Notebook;
const sourceOf = (cell: Cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code');

/** Rows of the largest inline data set anywhere in a Vega-Lite spec (layers, concatenations, datasets). */
function largestDataSet(node: unknown): number {
  if (Array.isArray(node)) return Math.max(0, ...node.map(largestDataSet));
  if (node === null || typeof node !== 'object') return 0;
  let largest = 0;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'values' && Array.isArray(value)) largest = Math.max(largest, value.length);
    else if (key === 'datasets' && value && typeof value === 'object') largest = Math.max(largest, ...Object.values(value).map((v) => (Array.isArray(v) ? v.length : 0)));
    else largest = Math.max(largest, largestDataSet(value));
  }
  return largest;
}

describe('committed notebooks', () => {
  it('include the four documented ones', () => {
    expect(NOTEBOOKS).toEqual(expect.arrayContaining(REQUIRED));
  });

  it.each(NOTEBOOKS)('%s is committed without outputs and names the Deno kernel', (name) => {
    const nb = read(join(FOLDER, name));
    expect(nb.metadata.kernelspec?.name).toBe('deno');
    for (const cell of codeCells(nb)) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
  });

  it.each(NOTEBOOKS)('%s imports goodhart only through its public API', (name) => {
    const imports = codeCells(read(join(FOLDER, name))).flatMap((c) => [...sourceOf(c).matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]));
    expect(imports.length).toBeGreaterThan(0);
    expect(new Set(imports)).toEqual(new Set(['../src/index.ts']));
  });

  it('have code that type checks against the public API (deno check)', async () => {
    // Deno finds package.json and node_modules from the checked file's folder, so the files go inside the project.
    mkdirSync(join(ROOT, 'out'), { recursive: true });
    const folder = mkdtempSync(join(ROOT, 'out', 'notebook-check-'));
    try {
      const index = new URL('../../src/index.ts', import.meta.url).href;
      const files = NOTEBOOKS.map((name) => {
        const code = codeCells(read(join(FOLDER, name))).map(sourceOf).join('\n').replaceAll("'../src/index.ts'", `'${index}'`);
        const file = join(folder, name.replace(/\.ipynb$/, '.ts'));
        writeFileSync(file, `${code}\nexport {};\n`);
        return file;
      });
      const check = await promisify(execFile)(DENO, ['check', ...files], { cwd: ROOT, timeout: CHECK_TIMEOUT_MS }).then(
        () => ({ code: 0, log: '' }),
        (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, log: e.stderr ?? '' }),
      );
      expect(check.code, check.log.slice(-4000)).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, CHECK_TIMEOUT_MS + 10_000);
});

const hasJupyter = spawnSync(PYTHON, ['-c', 'import nbconvert, nbclient, jupyter_client'], { stdio: 'ignore' }).status === 0;
if (!hasJupyter) {
  console.warn(`SKIPPED: executing the notebooks needs Jupyter for ${PYTHON} (nbconvert, nbclient, jupyter_client); .ci/setup-notebooks installs it`);
}

describe.skipIf(!hasJupyter)('npm run notebooks', () => {
  const out = mkdtempSync(join(tmpdir(), 'goodhart-notebooks-'));
  let run: { code: number; log: string };
  beforeAll(async () => {
    try {
      const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'notebooks'], {
        cwd: ROOT,
        env: { ...process.env, NOTEBOOKS_OUT: out },
        timeout: RUN_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      });
      run = { code: 0, log: stdout + stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
      run = { code: typeof e.code === 'number' ? e.code : -1, log: `${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  }, RUN_TIMEOUT_MS + 10_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('executes every notebook without a failing cell', () => {
    expect(run.code, run.log.slice(-4000)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(NOTEBOOKS);
  });

  it.each(NOTEBOOKS)('%s ran every cell, none raised, and it shows a Vega-Lite chart with data', (name) => {
    const nb = read(join(out, name));
    const cells = codeCells(nb);
    expect(cells.every((c) => typeof c.execution_count === 'number')).toBe(true);
    const outputs = cells.flatMap((c) => c.outputs ?? []);
    expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
    const charts = outputs.filter((o) => o.data?.[VEGA_LITE] !== undefined).map((o) => o.data![VEGA_LITE]);
    expect(charts.length).toBeGreaterThan(0);
    // Each chart also drawn as SVG, which GitHub and nbconvert's HTML show.
    const drawn = outputs.filter((o) => o.data?.[VEGA_LITE] !== undefined && typeof o.data['image/svg+xml'] === 'string');
    expect(drawn).toHaveLength(charts.length);
    // Every chart is drawn from data: one-row data sets are annotations (a rule at 0, a marked week).
    for (const chart of charts) expect(largestDataSet(chart)).toBeGreaterThan(1);
  });
});
