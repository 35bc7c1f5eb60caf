/**
 * Runs the goodhart command as a user would: `node bin/goodhart.js ...` in a child process from the
 * repository root. Asynchronous, so that tests marked concurrent can overlap the ~2 s start-up of
 * each process on a machine with two cores.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A command that takes longer than this hangs: a few seconds on an idle machine, a minute on a loaded one. */
const CHILD_TIMEOUT_MS = 240_000;

export interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function goodhart(args: readonly string[]): Promise<Outcome> {
  return runProcess(process.execPath, ['bin/goodhart.js', ...args], { cwd: REPO, env: { NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: CHILD_TIMEOUT_MS });
}

/** Runs a command to its end, with `env` added to this process's environment, and collects its output. */
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string>; timeout?: number }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeout,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Lines of a text, without the empty one after the final newline. */
export function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

/** Checks the shape of a user mistake on stderr (one `goodhart: error:` line, no stack trace) and returns that line. */
export function oneErrorLine(stderr: string): string {
  const all = lines(stderr);
  const errors = all.filter((line) => line.startsWith('goodhart: error: '));
  if (errors.length !== 1) throw new Error(`expected one "goodhart: error:" line on stderr, got:\n${stderr}`);
  if (all.some((line) => /^\s+at /.test(line))) throw new Error(`stack trace on stderr:\n${stderr}`);
  return errors[0];
}
