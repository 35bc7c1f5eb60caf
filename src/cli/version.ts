import { readFileSync } from 'node:fs';

/** The package's version, from package.json. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
/** The folder of the bundled scenarios. */
export const BUNDLED_SCENARIOS = new URL('../../scenarios/', import.meta.url);
