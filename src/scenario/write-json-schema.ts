/** Writes scenarios/scenario.schema.json (`npm run schema`); a test checks the committed file is current. */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from './json-schema.ts';

const file = new URL('../../scenarios/scenario.schema.json', import.meta.url);
writeFileSync(file, scenarioJsonSchemaText());
console.log(`wrote ${file.pathname}`);
