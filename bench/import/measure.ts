import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { machine, median, runChild } from '../lib.js';

// npx tsx bench/import/measure.ts [--orders 1000000,10000000] [--runs 3] [--generate no]
// The figures for bench/README.md (Order import): for each size, the GBK and UTF-8 exports are
// generated once each (kept in bench/out/ for the importer), then DuckDB loads the UTF-8 one
// `runs` times, each in its own process. Prints Markdown tables. `--generate no` reuses the files
// of an earlier run and measures DuckDB only.

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000,10000000' },
    runs: { type: 'string', default: '3' },
    generate: { type: 'string', default: 'yes' },
  },
});
const sizes = values.orders.split(',').map(Number);
const runs = Number(values.runs);

interface Generated {
  readonly size: number;
  readonly encoding: string;
  readonly bytes: number;
  readonly seconds: number;
  readonly ordersPerSecond: number;
  readonly peakRssMiB: number;
}
interface Loaded {
  readonly size: number;
  readonly fileMiB: number;
  readonly seconds: number;
  readonly runs: string;
  readonly rowsPerSecond: number;
  readonly coresUsed: string;
  readonly peakRssMiB: number;
}

const generated: Generated[] = [];
const loaded: Loaded[] = [];
for (const size of sizes) {
  const name = `bench/out/taobao-${label(size)}`;
  for (const encoding of values.generate === 'no' ? [] : ['gbk', 'utf8']) {
    process.stderr.write(`${label(size)} ${encoding}:\n`);
    const result = await runChild('bench/import/make-taobao-export.ts', [
      ...['--orders', String(size), '--out', `${name}.${encoding}.csv`, '--encoding', encoding],
    ]);
    generated.push({
      size,
      encoding,
      bytes: Number(result.bytes),
      seconds: result.seconds,
      ordersPerSecond: Number(result.ordersPerSecond),
      peakRssMiB: result.peakRssMiB,
    });
  }
  const times: number[] = [];
  const cores: string[] = [];
  let peak = 0;
  for (let run = 1; run <= runs; run++) {
    const result = await runChild('bench/import/duckdb-once.ts', ['--file', `${name}.utf8.csv`]);
    if (Number(result.rows) !== size) throw new Error(`DuckDB read ${String(result.rows)} rows, not ${size}`);
    process.stderr.write(
      `  DuckDB run ${run}/${runs}: ${result.seconds.toFixed(2)} s, ${result.peakRssMiB} MiB\n`,
    );
    times.push(result.seconds);
    cores.push((Number(result.cpuSeconds) / result.seconds).toFixed(1));
    peak = Math.max(peak, result.peakRssMiB);
  }
  const seconds = median(times);
  loaded.push({
    size,
    fileMiB: (await stat(`${name}.utf8.csv`)).size / 2 ** 20,
    seconds,
    runs: times.map((t) => t.toFixed(2)).join(', '),
    rowsPerSecond: Math.round(size / seconds),
    coresUsed: cores.join(', '),
    peakRssMiB: peak,
  });
}

console.log(`\nMachine: ${machine()}\n`);
console.log('| orders | encoding | file MiB | bytes/order | generation s | orders/s | peak RSS MiB |');
console.log('|---|---|---|---|---|---|---|');
for (const g of generated) {
  console.log(
    `| ${count(g.size)} | ${g.encoding === 'gbk' ? 'GBK' : 'UTF-8'} | ${(g.bytes / 2 ** 20).toFixed(0)} | ${(g.bytes / g.size).toFixed(0)} | ${g.seconds.toFixed(1)} | ${count(g.ordersPerSecond)} | ${g.peakRssMiB} |`,
  );
}
console.log(
  `\n| orders | UTF-8 file MiB | DuckDB median s | runs (s) | rows/s | MiB/s | CPU s / s | peak RSS MiB |`,
);
console.log('|---|---|---|---|---|---|---|---|');
for (const l of loaded) {
  console.log(
    `| ${count(l.size)} | ${l.fileMiB.toFixed(0)} | ${l.seconds.toFixed(2)} | ${l.runs} | ${count(l.rowsPerSecond)} | ${(l.fileMiB / l.seconds).toFixed(0)} | ${l.coresUsed} | ${l.peakRssMiB} |`,
  );
}

function label(size: number): string {
  return size % 1_000_000 === 0
    ? `${size / 1_000_000}m`
    : size % 1000 === 0
      ? `${size / 1000}k`
      : String(size);
}

function count(value: number): string {
  return value.toLocaleString('en');
}
