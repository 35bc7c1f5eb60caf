import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of an installed package, found the way Node finds packages: up the folders from here,
 * in each node_modules. (The packages' exports do not list their builds and fonts.)
 */
export function packageFile(path: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', path);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot find ${path} in node_modules: run npm ci`);
  }
}
