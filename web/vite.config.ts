/**
 * The workshop page's build: web/ → dist/web/, a static folder with every script bundled (no
 * network, no CDN) and relative paths, so that it works from any web server or folder.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

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

export default defineConfig({
  root: here,
  plugins: [classicScript],
  // src/experiment/sweep.ts and explain.ts name their Node worker threads' file relative to
  // import.meta.url when they load. The page never starts those threads (it runs the jobs in its own
  // Web Workers), so any absolute address will do; a classic script has no import.meta of its own.
  define: { 'import.meta.url': JSON.stringify('file:///goodhart/web/') },
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web/', import.meta.url)),
    emptyOutDir: true,
    // One file holds the page, the charts' library and both workers inlined (about 5 MB): it is
    // loaded once, from the page's own folder.
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    modulePreload: false,
    cssCodeSplit: false,
    rolldownOptions: { output: { format: 'iife' } },
  },
  worker: { format: 'iife' },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  logLevel: 'warn',
});
