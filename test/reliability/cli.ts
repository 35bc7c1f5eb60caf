/**
 * The goodhart command in a child process for the reliability tests, with what test/cli/goodhart.ts
 * does not offer: options for node itself (a module to load first), extra environment, a timeout.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Makes every write to a file fail as on a full disk after GOODHART_FAIL_AFTER_WRITES of them. */
export const FAIL_WRITES = fileURLToPath(new URL('./fail-writes.mjs', import.meta.url));

export interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function goodhart(args: readonly string[], options: { node?: string[]; env?: Record<string, string>; timeout?: number } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.node ?? []), 'bin/goodhart.js', ...args], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeout ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** The one `goodhart: error:` line of a failed command; fails on a stack trace or on more lines. */
export function errorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '');
  if (lines.some((line) => /^\s+at /.test(line))) throw new Error(`stack trace on stderr:\n${stderr}`);
  const errors = lines.filter((line) => line.startsWith('goodhart: error: '));
  if (errors.length !== 1) throw new Error(`expected one "goodhart: error:" line on stderr, got:\n${stderr}`);
  return errors[0];
}
