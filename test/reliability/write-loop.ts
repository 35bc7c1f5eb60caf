/**
 * For the atomic-output test: writes two large contents in turn to one file with writeFileAtomic,
 * forever, until it is killed. Each content is 8 MB of one repeated letter.
 */
import { writeFileAtomic } from '../../src/cli/files.ts';

const SIZE = 8 * 1024 * 1024;
const file = process.argv[2];
const contents = [Buffer.alloc(SIZE, 'a'), Buffer.alloc(SIZE, 'b')];
process.stdout.write('ready\n');
for (let k = 0; ; k++) writeFileAtomic(file, contents[k % 2]);
