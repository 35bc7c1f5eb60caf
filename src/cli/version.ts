import { readFileSync } from 'node:fs';

/**
 * The package's folder. This module is two folders below it wherever it runs: src/cli/, lib/cli/,
 * or bundled into lib/bin/ (scripts/build.js keeps it so).
 */
export const PACKAGE_ROOT = new URL('../../', import.meta.url);
/** The package's version, from package.json. */
export const VERSION: string = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')).version;
/** The folder of the bundled scenarios. */
export const BUNDLED_SCENARIOS = new URL('scenarios/', PACKAGE_ROOT);
