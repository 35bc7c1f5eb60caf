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
 * Node loads mathjs on first use, synchronously (src/scenario/mathjs.ts), which a browser cannot:
 * the page takes web/src/mathjs.ts in its place, which imports mathjs like any module.
 */
const MATHJS_NODE = fileURLToPath(new URL('../src/scenario/mathjs.ts', import.meta.url));
const MATHJS_PAGE = fileURLToPath(new URL('./src/mathjs.ts', import.meta.url));
const pageMathjs = {
  name: 'goodhart-page-mathjs',
  enforce: 'pre' as const,
  async resolveId(this: { resolve: (id: string, importer?: string, options?: { skipSelf: boolean }) => Promise<{ id: string } | null> }, id: string, importer?: string) {
    if (!id.endsWith('mathjs.ts') || !importer) return null;
    const resolved = await this.resolve(id, importer, { skipSelf: true });
    return resolved?.id === MATHJS_NODE ? MATHJS_PAGE : null;
  },
};

/**
 * The charts' libraries as scripts of their own (their packages' minified builds), loaded after the
 * page's script: the first numbers need only the page and the model (web/src/charts.ts waits for
 * these before drawing). Deferred, they run in the order of the document, after the page's script.
 */
const VEGA_SCRIPTS = ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js'];
const vegaScripts = {
  name: 'goodhart-vega-scripts',
  transformIndexHtml: () => VEGA_SCRIPTS.map((path) => ({ tag: 'script', attrs: { defer: true, src: `./vega/${path.split('/').pop()}` }, injectTo: 'head' as const })),
  generateBundle(this: { emitFile: (file: { type: 'asset'; fileName: string; source: string }) => void }) {
    for (const path of VEGA_SCRIPTS) this.emitFile({ type: 'asset', fileName: `vega/${path.split('/').pop()}`, source: readFileSync(packageFile(path), 'utf8') });
  },
};

export default defineConfig({
  root: here,
  plugins: [classicScript, pageMathjs, vegaScripts],
  // src/experiment/sweep.ts and explain.ts name their Node worker threads' file relative to
  // import.meta.url when they load. The page never starts those threads (it runs the jobs in its own
  // Web Workers), so any absolute address will do; a classic script has no import.meta of its own.
  define: { 'import.meta.url': JSON.stringify('file:///goodhart/web/') },
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web/', import.meta.url)),
    emptyOutDir: true,
    // One file holds the page and its worker inlined; the charts' libraries come after it (vegaScripts).
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    modulePreload: false,
    cssCodeSplit: false,
    rolldownOptions: { output: { format: 'iife' } },
  },
  worker: { format: 'iife', plugins: () => [pageMathjs] },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  logLevel: 'warn',
});
