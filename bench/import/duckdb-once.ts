import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { peakRssMiB } from '../lib.js';

// npx tsx bench/import/duckdb-once.ts --file bench/out/taobao-10m.utf8.csv [--describe]
// The reference for the order import (issue #3): DuckDB's bare read_csv of the UTF-8 export into
// an in-memory table, options left to its sniffer. Times the load only; prints one JSON line.
// The ="…" around 订单编号 stays part of a VARCHAR, which DuckDB reads without complaint.

const { values } = parseArgs({
  options: { file: { type: 'string' }, describe: { type: 'boolean', default: false } },
});
if (!values.file) {
  process.stderr.write('usage: duckdb-once.ts --file FILE.csv [--describe]\n');
  process.exit(2);
}
const file = resolve(values.file).replaceAll("'", "''");

// The bench machine has 2 cores and 24 GiB, shared with the importer measured beside it.
const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '16GiB' });
const connection = await instance.connect();

const started = performance.now();
const cpuBefore = process.cpuUsage();
await connection.run(
  `create table orders as select * from read_csv('${file}', header = true, all_varchar = false)`,
);
const seconds = (performance.now() - started) / 1000;
// CPU seconds over wall seconds near 2 means DuckDB had both cores; on a shared machine, less
// says someone else had one.
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const counted = await connection.runAndReadAll('select count(*) from orders');
const rows = Number(counted.getRows()[0]![0]);
if (values.describe) {
  const columns = await connection.runAndReadAll('describe orders');
  for (const [name, type] of columns.getRows()) process.stderr.write(`  ${String(name)}: ${String(type)}\n`);
}
connection.closeSync();
instance.closeSync();
console.log(
  JSON.stringify({
    seconds,
    rows,
    rowsPerSecond: Math.round(rows / seconds),
    cpuSeconds,
    peakRssMiB: peakRssMiB(),
  }),
);
