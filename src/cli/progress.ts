/**
 * Progress on stderr: a bar with ETA on a terminal, a line per tenth of the work otherwise (logs).
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, label: string): void;
  stop(): void;
}

export function createProgress(total: number, quiet: boolean): Progress {
  if (quiet || total === 0) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: '{bar} {percentage}% | {value}/{total} runs | ETA {eta_formatted} | {label}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
    });
    bar.start(total, 0, { label: '' });
    return { update: (done, label) => bar.update(done, { label }), stop: () => bar.stop() };
  }
  let lastTenth = 0;
  const started = Date.now();
  return {
    update(done, label) {
      const tenth = Math.floor((10 * done) / total);
      if (tenth > lastTenth || done === total) {
        lastTenth = tenth;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stderr.write(`${done}/${total} runs (${Math.round((100 * done) / total)}%) ${label} ${seconds}s\n`);
      }
    },
    stop() {},
  };
}
