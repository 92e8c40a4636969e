import { SingleBar } from 'cli-progress';
import type { Output } from './output.js';

export interface ProgressReporter {
  update(done: number): void;
  stop(): void;
}

/** A progress bar on stderr when a person watches; silent for --json and for pipes. */
export function cliProgress(output: Output, label: string, total: number): ProgressReporter {
  if (output.json || !process.stderr.isTTY) {
    return { update() {}, stop() {} };
  }
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
