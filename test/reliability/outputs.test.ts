/**
 * Item 4 of the reliability guarantees (docs/RELIABILITY.md): no output file is ever seen
 * half-written, a failed write leaves the earlier file as it was, and an unwritable or full output
 * folder is a clear error before any work starts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/errors.ts';
import { ensureWritableFolder, writeFileAtomic } from '../../src/cli/files.ts';
import { errorLine, FAIL_WRITES, goodhart, REPO } from './cli.ts';

/** A run so large it would take hours: a refusal that comes back at all came before the work. */
const HUGE = ['--agents', '10000000', '--weeks', '5200', '--seeds', '1', '--quiet'];
const SMALL = ['--agents', '60', '--weeks', '4', '--seeds', '2', '--charts', 'none', '--no-report', '--quiet'];
const SWEEP = `scenario: ${join(REPO, 'scenarios/baseline.yaml')}
design: grid
replications: 1
parameters:
  behaviour.contagion: { values: [0, 1] }
outputs: [realOutput]
`;

let dir: string;
let sweepFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'goodhart-outputs-'));
  sweepFile = join(dir, 'sweep.yaml');
  writeFileSync(sweepFile, SWEEP);
});
afterAll(() => {
  for (const mount of mounts) spawnSync('umount', [mount]);
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under a folder, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(folder, f)).isFile()).sort();
}

describe('writeFileAtomic', () => {
  it('writes the whole content, replaces an earlier file, and leaves no temporary file', () => {
    const folder = join(dir, 'atomic');
    const file = join(folder, 'nested', 'data.bin');
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    writeFileAtomic(file, 'first');
    writeFileAtomic(file, big);
    expect(readFileSync(file).equals(big)).toBe(true);
    expect(filesUnder(folder)).toEqual([join('nested', 'data.bin')]);
  });

  it('never shows a half-written file, even to a reader while a writer is killed at 5 moments', async () => {
    const file = join(dir, 'contested.txt');
    const size = 8 * 1024 * 1024;
    const seen = new Set<string>();
    for (const delay of [0, 15, 40, 90, 160]) {
      const writer = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test/reliability/write-loop.ts'), file], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve) => writer.stdout.once('data', resolve));
      const until = Date.now() + delay;
      // Read while it writes: every read is all a's or all b's, of the full size.
      do {
        if (existsSync(file)) {
          const content = readFileSync(file);
          expect(content.length).toBe(size);
          const letter = String.fromCharCode(content[0]);
          expect(content.indexOf(letter === 'a' ? 'b' : 'a')).toBe(-1);
          seen.add(letter);
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      } while (Date.now() < until);
      const exited = new Promise((resolve) => writer.on('exit', resolve));
      writer.kill('SIGKILL');
      await exited;
      // Killed before its first rename, the writer leaves no file; after it, a whole one.
      if (existsSync(file)) {
        const content = readFileSync(file);
        expect(content.length).toBe(size);
        expect(content.indexOf(content[0] === 97 ? 'b' : 'a')).toBe(-1);
      }
    }
    expect(existsSync(file)).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('throws a UserError naming the file when the folder cannot hold it', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file, not a folder');
    expect(() => writeFileAtomic(join(blocker, 'out.csv'), 'x')).toThrow(UserError);
    expect(() => writeFileAtomic(join(blocker, 'out.csv'), 'x')).toThrow(`cannot write ${join(blocker, 'out.csv')} (a file is in the way); any earlier version of it is unchanged`);
  });
});

describe('a write that fails part way (a full disk, by injection)', () => {
  it('goodhart run: one error line, no file half-written, the earlier metrics.csv unchanged', async () => {
    const out = join(dir, 'run-fails');
    const first = await goodhart(['run', 'scenarios/baseline.yaml', ...SMALL, '--out', out]);
    expect(first.status).toBe(0);
    const earlier = readFileSync(join(out, 'baseline', 'metrics.csv'), 'utf8');
    // The probe of --out is the first write; the second (metrics.csv) fails.
    const failed = await goodhart(['run', 'scenarios/baseline.yaml', ...SMALL, '--seed', '5', '--out', out], { node: ['--import', FAIL_WRITES], env: { GOODHART_FAIL_AFTER_WRITES: '1' } });
    expect(failed.status).toBe(2);
    expect(errorLine(failed.stderr)).toBe(`goodhart: error: cannot write ${join(out, 'baseline', 'metrics.csv')} (the disk is full); nothing of this run's output was written, and earlier files are unchanged`);
    expect(readFileSync(join(out, 'baseline', 'metrics.csv'), 'utf8')).toBe(earlier);
    expect(filesUnder(out)).toEqual([join('baseline', 'metrics.csv'), join('baseline', 'summary.json')]);
  });

  it('goodhart run: a disk that fills up part way through the output leaves the earlier set whole and nothing new', async () => {
    const out = join(dir, 'run-fills-up');
    const first = await goodhart(['run', 'scenarios/baseline.yaml', ...SMALL, '--out', out]);
    expect(first.status).toBe(0);
    const earlier = readFileSync(join(out, 'baseline', 'summary.json'), 'utf8');
    // The probe, then three of the four files of two scenarios; the fourth fails.
    const failed = await goodhart(['run', 'scenarios/baseline.yaml', 'scenarios/meshclaw.yaml', ...SMALL, '--seed', '5', '--out', out], {
      node: ['--import', FAIL_WRITES],
      env: { GOODHART_FAIL_AFTER_WRITES: '4' },
    });
    expect(failed.status).toBe(2);
    expect(errorLine(failed.stderr)).toBe(`goodhart: error: cannot write ${join(out, 'meshclaw', 'summary.json')} (the disk is full); nothing of this run's output was written, and earlier files are unchanged`);
    expect(readFileSync(join(out, 'baseline', 'summary.json'), 'utf8')).toBe(earlier);
    expect(filesUnder(out)).toEqual([join('baseline', 'metrics.csv'), join('baseline', 'summary.json')]);
    // No temporary folder is left either.
    expect(readdirSync(out)).toEqual(['baseline']);
  });

  it.each([
    ['run', ['run', 'scenarios/baseline.yaml', ...HUGE]],
    ['sweep', ['sweep', 'SWEEP', ...HUGE.filter((a) => a !== '--seeds' && a !== '1')]],
  ])('goodhart %s: a disk that is full from the start is refused before any work', async (_, args) => {
    const out = join(dir, `full-from-start-${args[0]}`);
    const result = await goodhart([...args.map((a) => (a === 'SWEEP' ? sweepFile : a)), '--out', out], { node: ['--import', FAIL_WRITES], env: { GOODHART_FAIL_AFTER_WRITES: '0' } });
    expect(result.status).toBe(2);
    expect(errorLine(result.stderr)).toBe(`goodhart: error: --out ${out}: cannot write there (the disk is full); choose a folder you can write to`);
    expect(filesUnder(out)).toEqual([]);
  });
});

/** Folders this test mounted, unmounted at the end. */
const mounts: string[] = [];

/** Mounts a tmpfs of `size` at a new folder, or returns undefined where that is not allowed (not root, no mount). */
function tinyTmpfs(name: string, options: string): string | undefined {
  const folder = join(dir, name);
  mkdirSync(folder);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  mounts.push(folder);
  return folder;
}

const isRoot = process.getuid?.() === 0;

describe('a real full disk and a read-only folder', () => {
  it('refuses a full disk (a 4 kB tmpfs, filled) before any work, for run and sweep', async (ctx) => {
    const disk = tinyTmpfs('full', 'size=4k');
    if (!disk) return ctx.skip(); // needs root and mount: the injected failure above covers the same path
    writeFileSync(join(disk, 'filler'), Buffer.alloc(4096));
    expect(() => writeFileSync(join(disk, 'more'), 'x')).toThrow(/ENOSPC/);
    const [run, sweep] = await Promise.all([
      goodhart(['run', 'scenarios/baseline.yaml', ...HUGE, '--out', join(disk, 'run')]),
      goodhart(['sweep', sweepFile, '--agents', '10000000', '--weeks', '5200', '--quiet', '--out', join(disk, 'sweep')]),
    ]);
    expect(run.status).toBe(2);
    expect(errorLine(run.stderr)).toBe(`goodhart: error: --out ${join(disk, 'run')}: cannot write there (the disk is full); choose a folder you can write to`);
    expect(sweep.status).toBe(2);
    expect(errorLine(sweep.stderr)).toBe(`goodhart: error: --out ${join(disk, 'sweep')}: cannot write there (the disk is full); choose a folder you can write to`);
    expect(readdirSync(join(disk, 'run'))).toEqual([]);
  }, 120_000);

  it('refuses a read-only folder before any work', async (ctx) => {
    // Root writes through file permissions, so for root the folder is a read-only mount.
    const folder = isRoot ? tinyTmpfs('read-only', 'size=64k,ro') : join(dir, 'read-only');
    if (!folder) return ctx.skip();
    if (!isRoot) {
      mkdirSync(folder);
      spawnSync('chmod', ['555', folder]);
    }
    const reason = isRoot ? 'the file system is read-only' : 'permission denied';
    expect(() => ensureWritableFolder(join(folder, 'out'))).toThrow(`--out ${join(folder, 'out')}: cannot write there (${reason}); choose a folder you can write to`);
    const result = await goodhart(['run', 'scenarios/baseline.yaml', ...HUGE, '--out', folder]);
    expect(result.status).toBe(2);
    expect(errorLine(result.stderr)).toBe(`goodhart: error: --out ${folder}: cannot write there (${reason}); choose a folder you can write to`);
  }, 120_000);
});

describe('every output goes through writeFileAtomic', () => {
  it('no module in src writes a file any other way, but the journal (whole lines) and the cache of bundled workers (renamed into place)', () => {
    const src = join(REPO, 'src');
    const writers = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !['cli/files.ts', 'cli/sweep-files.ts', 'experiment/worker-bundle.ts'].includes(f))
      .filter((f) => /\b(writeFileSync|appendFileSync|createWriteStream|writeSync|writeFile|appendFile)\b/.test(readFileSync(join(src, f), 'utf8')));
    expect(writers).toEqual([]);
    expect(readFileSync(join(src, 'cli/sweep-files.ts'), 'utf8')).not.toMatch(/\b(writeFileSync|appendFileSync|createWriteStream)\b/);
  });

  it('goodhart run writes every kind of output (CSV, JSON, Vega-Lite, SVG, PNG, HTML) and no temporary file', async () => {
    const out = join(dir, 'all-outputs');
    const result = await goodhart(['run', 'scenarios/baseline.yaml', '--agents', '60', '--weeks', '4', '--seeds', '2', '--charts', 'all', '--quiet', '--out', out]);
    expect(result.status).toBe(0);
    const files = filesUnder(out);
    const kinds = new Set(files.map((f) => f.replace(/^.*?(\.vl\.json|\.[a-z]+)$/, '$1')));
    expect([...kinds].sort()).toEqual(['.csv', '.html', '.json', '.png', '.svg', '.vl.json']);
    expect(files.filter((f) => /(^|\/)\.|\.tmp$/.test(f))).toEqual([]);
  }, 120_000);
});
