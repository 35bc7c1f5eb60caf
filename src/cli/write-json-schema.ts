/** Writes scenarios/scenario.schema.json (`npm run schema`); a test checks the committed file is current. */
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../sim/model.ts';
import { writeFileAtomic } from './files.ts';

const file = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));
writeFileAtomic(file, scenarioJsonSchemaText());
console.log(`wrote ${file}`);
