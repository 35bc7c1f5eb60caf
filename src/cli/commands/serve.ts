/**
 * `goodhart serve`: serves the workshop page (built by `npm run build:web`, or built here the first
 * time) on 127.0.0.1 and prints its address. The simulations run in the visitors' browsers; the
 * server hands out files and the limits the page keeps to.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { PAGE_LIMITS, type PageLimits } from '../../serve/limits.ts';
import { DEFAULT_HOST, DEFAULT_PORT, serve } from '../../serve/server.ts';
import { UserError } from '../errors.ts';
import { checkCount } from '../options.ts';
import { PACKAGE_ROOT } from '../version.ts';

/** Where `npm run build:web` writes the page. */
export const BUILT_PAGE = fileURLToPath(new URL('dist/web/', PACKAGE_ROOT));
const VITE_CONFIG = fileURLToPath(new URL('web/vite.config.ts', PACKAGE_ROOT));
/** What the page is built from: a build older than any of these is stale. */
const PAGE_SOURCES = ['web/', 'src/', 'scenarios/'].map((p) => fileURLToPath(new URL(p, PACKAGE_ROOT)));
const HIGHEST_PORT = 65_535;

interface ServeArgs {
  port: number;
  host: string;
  dir?: string;
  build: boolean;
  maxAgents: number;
  maxWeeks: number;
  maxSeeds: number;
}

/** The time of the newest file in a folder tree (0 for a tree that is not there). */
function newestIn(folder: string): number {
  if (!existsSync(folder)) return 0;
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether the built page is older than its sources (after an update, say). */
export function pageIsStale(root: string): boolean {
  const built = statSync(join(root, 'index.html')).mtimeMs;
  return PAGE_SOURCES.some((folder) => newestIn(folder) > built);
}

/** Builds the page with Vite into dist/web/, or says how to when Vite is not installed. */
export async function buildPage(): Promise<void> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new UserError('the workshop page is not built and Vite is not installed here: run `npm install` then `npm run build:web` in the goodhart folder');
  }
  process.stderr.write('building the workshop page (once; `npm run build:web` rebuilds it)...\n');
  await vite.build({ configFile: VITE_CONFIG, logLevel: 'error' });
}

export function serveCommand(yargs: Argv) {
  return yargs.command<ServeArgs>(
    'serve',
    'Serve the workshop page: live what-if runs of two scenarios in a browser, for a projector',
    (y) =>
      y
        .option('port', { type: 'number', default: DEFAULT_PORT, describe: 'Port to listen on (0: any free port)', requiresArg: true })
        .option('host', { type: 'string', default: DEFAULT_HOST, describe: 'Address to listen on; 0.0.0.0 opens the page to the whole network', requiresArg: true })
        .option('dir', { type: 'string', describe: 'Serve this built copy of the page instead of dist/web', requiresArg: true })
        .option('build', { type: 'boolean', default: false, describe: 'Build the page again before serving' })
        .option('max-agents', { type: 'number', default: PAGE_LIMITS.maxAgents, describe: `Most engineers the page may run (at most ${PAGE_LIMITS.maxAgents})`, requiresArg: true })
        .option('max-weeks', { type: 'number', default: PAGE_LIMITS.maxWeeks, describe: `Most weeks the page may run (at most ${PAGE_LIMITS.maxWeeks})`, requiresArg: true })
        .option('max-seeds', { type: 'number', default: PAGE_LIMITS.maxSeeds, describe: `Most seeds per scenario (at most ${PAGE_LIMITS.maxSeeds})`, requiresArg: true })
        .example('$0 serve', 'Serve on http://127.0.0.1:8080/')
        .example('$0 serve --port 9000 --max-agents 2000', 'Another port; smaller organisations for slow laptops')
        .example('$0 serve --host 0.0.0.0', 'Let others on the network open the page') as unknown as Argv<ServeArgs>,
    async (args) => {
      const { url } = await startServing(args);
      process.stdout.write(`Workshop page: ${url}\n`);
      process.stderr.write('Ctrl-C to stop.\n');
    },
  );
}

export async function startServing(args: ServeArgs) {
  checkCount('port', args.port, 0, HIGHEST_PORT);
  checkCount('max-agents', args.maxAgents, 1, PAGE_LIMITS.maxAgents);
  checkCount('max-weeks', args.maxWeeks, 1, PAGE_LIMITS.maxWeeks);
  checkCount('max-seeds', args.maxSeeds, 1, PAGE_LIMITS.maxSeeds);
  const limits: PageLimits = { maxAgents: args.maxAgents, maxWeeks: args.maxWeeks, maxSeeds: args.maxSeeds };
  const root = args.dir ? resolve(args.dir) : BUILT_PAGE;
  if (args.dir && !existsSync(join(root, 'index.html'))) throw new UserError(`--dir ${args.dir} holds no index.html: point it at a built page (npm run build:web writes dist/web)`);
  if (!args.dir && (args.build || !existsSync(join(root, 'index.html')))) await buildPage();
  else if (!args.dir && pageIsStale(root)) {
    process.stderr.write('note: the built page is older than its sources; `goodhart serve --build` (or `npm run build:web`) rebuilds it\n');
  }
  try {
    return await serve({ root, limits, host: args.host, port: args.port });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${args.port} on ${args.host} is in use: pick another with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`--host ${args.host} is not an address of this machine`);
    if (code === 'EACCES') throw new UserError(`not allowed to listen on port ${args.port}: pick one above 1023 with --port`);
    throw error;
  }
}
