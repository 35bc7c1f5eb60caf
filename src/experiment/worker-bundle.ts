/**
 * The worker's code as one JavaScript file, for when the pool runs from the TypeScript sources
 * (tests, tsx, notebooks); compiled code (lib/) starts its threads from the worker compiled beside
 * it and never comes here. Worker threads do not inherit the main thread's TypeScript loader, and
 * loading a worker's hundreds of modules through tsx's hooks takes about a second per thread.
 * esbuild bundles the worker in about 0.2 s, once per pool; a thread then starts in about 0.2 s.
 *
 * mathjs and zod stay outside the bundle (each is already one file or few, quick to load), so the
 * bundle is written where Node finds the package's dependencies: node_modules/.cache/goodhart.
 * Anything that goes wrong (no esbuild, a read-only folder) leaves the jobs in the calling thread:
 * slower, same results.
 */

/** Lets bundled CommonJS dependencies (seedrandom, stdlib) call require() inside an ES module. */
const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
const EXTERNAL = ['mathjs', 'mathjs/*', 'zod'];
const CACHE_PATH = '../../node_modules/.cache/goodhart/';
const HASH_LENGTH = 16;

type Builtin = <T>(name: string) => T;

/** The bundled worker for the TypeScript module `source`, or undefined if it cannot be made here. */
export async function bundleWorker(source: URL): Promise<URL | undefined> {
  const builtin = (globalThis as { process?: { getBuiltinModule?: Builtin } }).process?.getBuiltinModule;
  if (!builtin || source.protocol !== 'file:') return undefined;
  try {
    const { fileURLToPath } = builtin<typeof import('node:url')>('node:url');
    const fs = builtin<typeof import('node:fs')>('node:fs');
    const { createHash } = builtin<typeof import('node:crypto')>('node:crypto');
    const { basename } = builtin<typeof import('node:path')>('node:path');
    // A computed name, so that the web page's bundler does not try to bundle esbuild.
    const esbuildName = 'esbuild';
    const esbuild = (await import(/* @vite-ignore */ esbuildName)) as typeof import('esbuild');
    const result = await esbuild.build({
      entryPoints: [fileURLToPath(source)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: EXTERNAL,
      banner: { js: REQUIRE_BANNER },
      write: false,
      logLevel: 'silent',
    });
    const folder = new URL(/* @vite-ignore */ CACHE_PATH, import.meta.url);
    const code = result.outputFiles[0].contents;
    const name = basename(fileURLToPath(source), '.ts');
    const hash = createHash('sha256').update(code).digest('hex').slice(0, HASH_LENGTH);
    const file = new URL(`${name}-${hash}.mjs`, folder);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(folder, { recursive: true });
      // Written aside and renamed, so that a pool starting at the same time never loads half a file.
      const partial = new URL(`${name}-${hash}.${process.pid}.partial`, folder);
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, file);
      // Bundles of this worker's earlier code are no longer wanted.
      for (const old of fs.readdirSync(folder)) {
        if (old.startsWith(`${name}-`) && old.endsWith('.mjs') && old !== `${name}-${hash}.mjs`) fs.rmSync(new URL(old, folder), { force: true });
      }
    }
    return file;
  } catch {
    return undefined;
  }
}
