/** Writes scenarios/scenario.schema.json (`npm run schema`); a test checks the committed file is current. */
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../cli/files.ts';
import { scenarioJsonSchemaText } from './json-schema.ts';

const file = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));
writeFileAtomic(file, scenarioJsonSchemaText());
console.log(`wrote ${file}`);
