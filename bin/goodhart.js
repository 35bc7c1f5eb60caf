#!/usr/bin/env node
// The command runs the compiled JavaScript in lib/bin/. In a checkout (src/ beside it), lib/ is
// compiled by `npm ci` (the `prepare` script) and compiled again here when a source is newer, so that
// `npm ci && npm start` needs no other step and an edited source is never run stale. An installed
// package ships lib/ and no src/: nothing to check.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22 and later keep the compiled code of the command's files between runs (in the system's
// temporary folder): a command starts faster from the second run on. Node 20 has no such cache.
module.enableCompileCache?.();

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(new URL('../src/', import.meta.url)) && existsSync(new URL('../scripts/build.js', import.meta.url))) {
  try {
    // The check costs a few milliseconds at every start; the compiler's side (scripts/build.js) loads only when lib/ is stale.
    const { isStale } = await import('../scripts/stale.js');
    if (isStale(root)) {
      const { buildIfStale } = await import('../scripts/build.js');
      await buildIfStale();
    }
  } catch (error) {
    process.stderr.write(`goodhart: error: ${error.message}\n`);
    process.exit(1);
  }
}
await import('../lib/bin/goodhart.js');
