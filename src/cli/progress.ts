import { SingleBar } from 'cli-progress';
import type { Output } from './output.js';

export interface ProgressReporter {
  update(done: number, extra?: { rows: number }): void;
  stop(): void;
}

/**
 * A progress bar on stderr when a person watches; silent for --json and for pipes. With a
 * `rowsLabel`, the bar counts percent and shows rows, rows per second and the time left.
 */
export function cliProgress(
  output: Output,
  label: string,
  total: number,
  rowsLabel?: string,
): ProgressReporter {
  if (output.json || !process.stderr.isTTY) {
    return { update() {}, stop() {} };
  }
  const started = Date.now();
  const format = rowsLabel
    ? `${label} [{bar}] {percentage}% | {rows} ${rowsLabel} | {rate}/s | ETA {eta_formatted}`
    : `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`;
  const bar = new SingleBar({ format, stream: process.stderr, hideCursor: true, etaBuffer: 20 });
  bar.start(total, 0, { rows: 0, rate: 0 });
  return {
    update: (done, extra) => {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(
        done,
        extra
          ? {
              rows: extra.rows.toLocaleString('en'),
              rate: Math.round(extra.rows / seconds).toLocaleString('en'),
            }
          : {},
      );
    },
    stop: () => bar.stop(),
  };
}
