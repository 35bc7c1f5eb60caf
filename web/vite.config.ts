/**
 * The workshop page's build: web/ → dist/web/, a static folder with every script bundled (no
 * network, no CDN) and relative paths, so that it works from any web server or folder.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { packageFile } from '../src/report/package-file.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Browsers refuse module scripts from file://, so the page's script is a classic one (one file,
 * loaded with defer): a copy of dist/web/ opened straight from a folder or a USB stick works too.
 */
const classicScript = {
  name: 'goodhart-classic-script',
  // crossorigin would make file:// loads CORS requests, which browsers refuse.
  transformIndexHtml: (html: string) => html.replace(/<script type="module" crossorigin/g, '<script defer').replace(/ crossorigin/g, ''),
};

/**
 * Node loads mathjs on first use, synchronously (src/scenario/mathjs.ts), which a page's thread
 * cannot: the page and its worker take web/src/mathjs.ts in its place, which loads mathjs's
 * single-file build, copied here to mathjs/math.js, the first time an expression needs it.
 */
const MATHJS_NODE = fileURLToPath(new URL('../src/scenario/mathjs.ts', import.meta.url));
const MATHJS_PAGE = fileURLToPath(new URL('./src/mathjs.ts', import.meta.url));
const MATHJS_BUILD = 'mathjs/lib/browser/math.js';
const pageMathjs = {
  name: 'goodhart-page-mathjs',
  enforce: 'pre' as const,
  async resolveId(this: { resolve: (id: string, importer?: string, options?: { skipSelf: boolean }) => Promise<{ id: string } | null> }, id: string, importer?: string) {
    if (!id.endsWith('mathjs.ts') || !importer) return null;
    const resolved = await this.resolve(id, importer, { skipSelf: true });
    return resolved?.id === MATHJS_NODE ? MATHJS_PAGE : null;
  },
};

interface Emitter {
  emitFile: (file: { type: 'asset'; fileName: string; source: string }) => void;
}
type Bundle = Record<string, { type: string; fileName: string; source?: string | Uint8Array }>;

/**
 * The worker is a file of its own (assets/worker-<hash>.js). Served over HTTP, the page's first
 * script, assets/start-workers.js (a few lines, before the page's script), starts the first worker
 * (A's, which runs B's first run too: web/src/runner.ts) from it: the browser starts fetching and
 * compiling a worker only once the page's thread is free, which the page's script, when it starts
 * the worker itself, is not until it has run (web/src/spawn.ts takes it over). Opened from a folder,
 * a page may not start a worker from a file: address: for that case only, assets/worker-source.js
 * sets the worker's source as a string (mathjs in it as a function, run only if an expression needs
 * it), for a blob: URL.
 */
const workerFiles = {
  name: 'goodhart-worker-files',
  apply: 'build' as const,
  transformIndexHtml: () => [{ tag: 'script', attrs: { src: './assets/start-workers.js' }, injectTo: 'head-prepend' as const }],
  generateBundle(this: Emitter, _options: unknown, bundle: Bundle) {
    const workers = Object.values(bundle).filter((file) => /^assets\/worker-[\w-]+\.js$/.test(file.fileName));
    if (workers.length !== 1) throw new Error(`expected one worker file in the page's build, found ${workers.length}`);
    const start = `if (location.protocol !== 'file:') self.goodhartWorker = new Worker(new URL(${JSON.stringify(workers[0].fileName.slice('assets/'.length))}, document.currentScript.src));\n`;
    this.emitFile({ type: 'asset', fileName: 'assets/start-workers.js', source: start });
    const code = String(workers[0].source);
    const mathjs = readFileSync(packageFile(MATHJS_BUILD), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
    const source = `self.goodhartMathjs = function () {\n${mathjs}\n};\n${code}`;
    this.emitFile({ type: 'asset', fileName: 'assets/worker-source.js', source: `var goodhartWorkerSource = ${JSON.stringify(source)};\n` });
    this.emitFile({ type: 'asset', fileName: 'mathjs/math.js', source: mathjs });
  },
};

/**
 * The charts' libraries as scripts of their own (their packages' minified builds) in vega/, which
 * the page loads when it draws its first chart, after the first numbers (web/src/charts.ts): the
 * first numbers need only the page and the model.
 */
const VEGA_SCRIPTS = ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js'];
const vegaScripts = {
  name: 'goodhart-vega-scripts',
  generateBundle(this: Emitter) {
    for (const path of VEGA_SCRIPTS) this.emitFile({ type: 'asset', fileName: `vega/${path.split('/').pop()}`, source: readFileSync(packageFile(path), 'utf8') });
  },
};

export default defineConfig({
  root: here,
  plugins: [classicScript, pageMathjs, vegaScripts, workerFiles],
  // src/experiment/sweep.ts and explain.ts name their Node worker threads' file relative to
  // import.meta.url when they load. The page never starts those threads (it runs the jobs in its own
  // Web Workers), so any absolute address will do; a classic script has no import.meta of its own.
  define: { 'import.meta.url': JSON.stringify('file:///goodhart/web/') },
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web/', import.meta.url)),
    emptyOutDir: true,
    // The page's script, its worker's and the charts' libraries (vegaScripts) are files of their own.
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    modulePreload: false,
    cssCodeSplit: false,
    rolldownOptions: { output: { format: 'iife' } },
  },
  // Licence comments dropped as in the page's script (Vite keeps them in a worker's by default: a
  // third of its size).
  worker: { format: 'iife', plugins: () => [pageMathjs], rolldownOptions: { output: { comments: false } } },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  logLevel: 'warn',
});
