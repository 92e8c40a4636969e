import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

// Shared by the benchmarks: each measured run is its own process, so its peak RSS is its own.

export interface Measurement {
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly [key: string]: unknown;
}

/** Runs a bench script in a child process; it prints one JSON line with its figures last. */
export function runChild(
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Measurement);
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
