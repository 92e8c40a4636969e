import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { promoDaysBetween } from '../../src/demo/calendar.js';
import { type DemoWindow, generateCustomer } from '../../src/demo/generator.js';
import { DAY_MS } from '../../src/shared/time.js';
import { peakRssMiB } from '../lib.js';
import { LINE_END, TAOBAO_HEADER, taobaoRows } from './taobao-rows.js';

// npx tsx bench/import/make-taobao-export.ts --orders 10000000 --out bench/out/taobao-10m.gbk.csv
//   [--encoding gbk|utf8] [--seed 1]
// Streams a Taobao 订单报表 of exactly N demo orders (customers 0, 1, 2, … until N) to a file, in
// bounded memory. Progress goes to stderr; one JSON line with the figures ends stdout.

const { values } = parseArgs({
  options: {
    orders: { type: 'string' },
    out: { type: 'string' },
    encoding: { type: 'string', default: 'gbk' },
    seed: { type: 'string', default: '1' },
  },
});
const target = Number(values.orders);
const seed = Number(values.seed);
const encoding = values.encoding;
if (!Number.isSafeInteger(target) || target < 1) usage('--orders must be a positive whole number');
if (!values.out) usage('--out is required');
if (encoding !== 'gbk' && encoding !== 'utf8') usage('--encoding must be gbk or utf8');
if (!Number.isSafeInteger(seed)) usage('--seed must be a whole number');

// The same window as the demo store built on 2026-11-24 (bench/demo-once.ts): three years back.
const until = Date.UTC(2026, 10, 24);
const from = until - 3 * 365 * DAY_MS;
const window: DemoWindow = { from, until, promoDays: promoDaysBetween(from, until, 'Asia/Shanghai') };

// GB18030 is a superset of GBK: identical bytes for every GBK character, and it can encode the
// rest instead of writing '?'. Real GBK exports have no BOM; UTF-8 here has none either.
const encode =
  encoding === 'gbk'
    ? (text: string) => iconv.encode(text, 'gb18030')
    : (text: string) => Buffer.from(text, 'utf8');

// About 1 MiB of text per write: large enough that encoding and write calls cost little per row.
const CHUNK_CHARS = 1 << 18;

await mkdir(dirname(values.out!), { recursive: true });
const out = createWriteStream(values.out!);
const started = performance.now();
let bytes = 0;
let written = 0;
let customers = 0;
let lastReport = started;

async function write(text: string) {
  const buffer = encode(text);
  bytes += buffer.length;
  if (!out.write(buffer)) await once(out, 'drain');
}

let chunk = TAOBAO_HEADER.join(',') + LINE_END;
while (written < target) {
  const customer = generateCustomer(seed, customers, window);
  const take = Math.min(customer.orders.length, target - written);
  chunk += taobaoRows(customer, customers, seed, take);
  written += take;
  customers += 1;
  if (chunk.length < CHUNK_CHARS) continue;
  await write(chunk);
  chunk = '';
  reportProgress();
}
await write(chunk);
out.end();
await finished(out);

const seconds = (performance.now() - started) / 1000;
process.stderr.write(`\r${progressLine(seconds)}\n`);
console.log(
  JSON.stringify({
    orders: written,
    customers,
    bytes,
    seconds,
    ordersPerSecond: Math.round(written / seconds),
    peakRssMiB: peakRssMiB(),
  }),
);

function reportProgress() {
  const now = performance.now();
  if (now - lastReport < 1000) return;
  lastReport = now;
  process.stderr.write(`\r${progressLine((now - started) / 1000)}`);
}

function progressLine(seconds: number): string {
  const share = ((100 * written) / target).toFixed(1);
  const rate = Math.round(written / seconds).toLocaleString('en');
  return `  ${written.toLocaleString('en')} / ${target.toLocaleString('en')} orders (${share} %), ${rate} orders/s, ${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\nusage: make-taobao-export.ts --orders N --out FILE [--encoding gbk|utf8] [--seed 1]\n`,
  );
  process.exit(2);
}
