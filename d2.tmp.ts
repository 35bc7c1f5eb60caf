import { writeSync } from 'node:fs';
import { parseYamlValue } from './src/scenario/yaml.ts';
writeSync(2, 'a\n');
try { const v = parseYamlValue('&a [*a]', 'x', 'y'); writeSync(2, 'b ' + Array.isArray(v) + '\n'); } catch (e) { writeSync(2, 'err ' + (e as Error).message + '\n'); }
