/** `goodhart list`: the bundled scenarios with their one-line descriptions. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { loadScenario } from '../../experiment/load.ts';
import { BUNDLED_SCENARIOS } from '../version.ts';

export function bundledScenarioFiles(): string[] {
  const folder = fileURLToPath(BUNDLED_SCENARIOS);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(folder, f));
}

export function listCommand(yargs: Argv) {
  return yargs.command(
    'list',
    'List the bundled scenarios',
    (y) => y.example('$0 list', 'Show the bundled scenarios and what each represents'),
    () => {
      const rows = bundledScenarioFiles().map((file) => {
        const s = loadScenario(file);
        return { name: s.name, file: `scenarios/${file.split('/').pop()}`, description: s.description };
      });
      const width = Math.max(...rows.map((r) => r.name.length));
      for (const r of rows) process.stdout.write(`${r.name.padEnd(width)}  ${r.description}\n${' '.repeat(width)}  ${r.file}\n`);
    },
  );
}
