/**
 * Compiles src/ (TypeScript) into lib/, in two forms:
 * - lib/, module for module (tsc): JavaScript and .d.ts files, the package's API (`import ... from 'goodhart'`);
 * - lib/bin/: the command and its worker threads bundled (esbuild), with their dependencies, into a
 *   few files, one per command that loads on its own (code splitting): Node starts much faster from
 *   a few files than from hundreds of small modules (docs/PERFORMANCE.md, Start-up).
 * Plain JavaScript, so that it runs on bare Node before anything is compiled.
 *
 *   node scripts/build.js           # compile if src/ changed since lib/ was built (what bin/goodhart.js does)
 *   node scripts/build.js --force   # compile anyway
 *
 * `npm ci` runs it (the `prepare` script); bin/goodhart.js and the test suite run it again when a
 * source file is newer than lib/, so that nobody ever runs stale JavaScript or needs a step of their own.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale, newestSource, STAMP } from './stale.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIB = join(ROOT, 'lib');
const LOCK = join(ROOT, 'lib.lock');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Holds lib.lock while compiling, so that two commands started at once after an edit do not write
 * lib/ together: the second waits for the first, then finds lib/ up to date. A lock left by a
 * process that died is taken over.
 */
async function withLock(work) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
      } catch {
        // Just made, pid not written yet: wait.
      }
      if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) rmSync(LOCK, { recursive: true, force: true });
      else sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Lets bundled CommonJS dependencies (seedrandom, stdlib) call require() inside an ES module. */
const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
/**
 * Left out of the command's bundle: a native binary (resvg), tools that only `serve` and the
 * sources' worker pool load, mathjs, which src/scenario/mathjs.ts requires on first use, and tsx,
 * which imports a TypeScript `--policy` module with loader files of its own (src/cli/options.ts).
 */
const NOT_BUNDLED = ['@resvg/resvg-js', 'vite', 'esbuild', 'typescript', 'mathjs', 'mathjs/*', 'tsx', 'tsx/*'];

/**
 * zod's translations of its messages into some forty languages, in place of the index that imports
 * them all: a third of the command's bundle, read at every start, for messages the command never
 * shows (zod imports its English ones, which it uses, on its own). `z.locales` holds English only.
 */
const ZOD_ENGLISH_ONLY = {
  name: 'zod-english-only',
  setup(build) {
    // Named from the package's folder, as esbuild names the files it bundles: no build machine's path in the bundle.
    build.onResolve({ filter: /^(\.\.\/)+locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: relative(ROOT, join(args.resolveDir, args.path)), namespace: 'zod-english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(ROOT, dirname(args.path), 'en.js'))};`,
      resolveDir: join(ROOT, dirname(args.path)),
    }));
  },
};

/**
 * string-width, which yargs and its help layout (cliui, wrap-ansi) import, builds an emoji
 * regular expression and a text segmenter as it loads: 11 ms of every command's start on Node 20,
 * 24 ms on Node 24, for help text that a run never lays out. Each copy is put behind a function
 * that loads it on the first width asked (esbuild evaluates a module reached by require() when
 * it is first required). Same widths, same help.
 */
const LAZY_STRING_WIDTH = {
  name: 'lazy-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      // ES modules' imports only: a CommonJS caller (cli-progress) requires an older copy, which builds nothing as it loads.
      if (args.pluginData === 'lazy-string-width' || args.kind !== 'import-statement') return undefined;
      const real = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'lazy-string-width' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: relative(ROOT, real.path), namespace: 'lazy-string-width' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let width;\nexport default function stringWidth(text, options) {\n  width ??= require(${JSON.stringify(join(ROOT, args.path))}).default;\n  return width(text, options);\n}\n`,
      resolveDir: join(ROOT, dirname(args.path)),
    }));
  },
};

/**
 * Compiles src/ into lib/ with the project's TypeScript and esbuild (dev dependencies); rejects with
 * their output if it fails. Asynchronous because esbuild runs plugins only so.
 */
export async function build() {
  const newest = newestSource(ROOT);
  const require = createRequire(import.meta.url);
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  // From empty, so that a deleted source leaves no module behind.
  rmSync(LIB, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`compiling src/ into lib/ failed:\n${result.stdout}${result.stderr}`);
  }
  // lib/bin/ sits two folders below the package, as src/cli/ does: the sources' relative addresses
  // (package.json, scenarios/, bin/) hold in the bundle too. Chunks stay in the same folder for that.
  await require('esbuild').build({
    entryPoints: { goodhart: join(ROOT, 'src/cli/main.ts'), worker: join(ROOT, 'src/experiment/worker.ts') },
    outdir: join(LIB, 'bin'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.js' },
    external: NOT_BUNDLED,
    banner: { js: REQUIRE_BANNER },
    plugins: [ZOD_ENGLISH_ONLY, LAZY_STRING_WIDTH],
    logLevel: 'error',
  });
  writeFileSync(join(LIB, STAMP), String(newest));
}

/** Compiles lib/ if it is missing or older than a source; resolves true if it did. */
export async function buildIfStale() {
  if (!isStale(ROOT)) return false;
  return withLock(async () => {
    // Another process may have built it while this one waited.
    if (!isStale(ROOT)) return false;
    await build();
    return true;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--force')) await withLock(build);
    else await buildIfStale();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
