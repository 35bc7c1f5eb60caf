/**
 * The `goodhart` command's entry. A bare `--version` is answered here, as yargs would answer it,
 * without loading yargs (about half of the command's start-up) or any command; everything else goes
 * to the parser (src/cli/program.ts).
 */
import { VERSION } from './version.ts';

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') process.stdout.write(`${VERSION}\n`);
else await (await import('./program.ts')).start();
