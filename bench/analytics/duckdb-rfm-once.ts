import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { median, peakRssMiB } from '../lib.js';

// The reference for the RFM refresh (issue 5): DuckDB computing the RFM roll-up (last purchase,
// purchases, spend per customer) and NTILE(5) quintiles over the same purchases, in memory.
// Loading the CSV is not timed; the query is, three times.

const { values } = parseArgs({ options: { file: { type: 'string' } } });
const file = resolve(values.file ?? '').replaceAll("'", "''");
const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '16GiB' });
const connection = await instance.connect();
await connection.run(`create table orders as select * from read_csv('${file}', header = true)`);
const runs: number[] = [];
for (let run = 0; run < 3; run++) {
  await connection.run('drop table if exists rfm');
  const started = performance.now();
  await connection.run(`
    create table rfm as
    with c as (
      select customer_id, max(ordered_at) as last_at, count(*) as f, sum(net_amount) as m
      from orders group by customer_id
    )
    select customer_id,
           ntile(5) over (order by last_at) as r,
           ntile(5) over (order by f) as fq,
           ntile(5) over (order by m) as mq
    from c`);
  runs.push((performance.now() - started) / 1000);
}
const counted = await connection.runAndReadAll('select count(*) from rfm');
const customers = Number(counted.getRows()[0]![0]);
connection.closeSync();
instance.closeSync();
console.log(JSON.stringify({ seconds: median(runs), runs, customers, peakRssMiB: peakRssMiB() }));
