import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { promoDaysBetween } from '../../src/demo/calendar.js';
import { type DemoWindow, generateCustomer } from '../../src/demo/generator.js';
import { Random } from '../../src/demo/random.js';
import { peakRssMiB } from '../lib.js';

// The input of the predicted-value benchmark: one line per buyer with the summary the models fit,
// in days, as lifetimes' summary_data_from_transaction_data builds it with freq 'D':
//   frequency  repeat purchase days (distinct calendar days with a purchase, minus the first),
//   recency    days from the first purchase day to the last,
//   T          days from the first purchase day to the last day of history,
//   monetary_value  mean spend (yuan) of the repeat purchase days, 0 without repeats.
// --source demo (default): the demo store's customers (src/demo/generator.ts, the same seed and
//   three-year window as `laoke demo`), their paid orders grouped by Shanghai calendar day.
// --source bgnbd: drawn from the two models themselves (r 0.45, α 70 days, a 0.75, b 2.8; spend
//   p 6, q 3.8, γ 90 yuan), first purchases uniform over three years: parameters to recover.

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    out: { type: 'string' },
    source: { type: 'string', default: 'demo' },
    seed: { type: 'string', default: '1' },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const HISTORY_DAYS = 3 * 365;
// Midnight in Shanghai at the end of 2026-11-23: the last day of history is the 23rd.
const UNTIL = Date.UTC(2026, 10, 24) - SHANGHAI_OFFSET_MS;
const lastDay = Math.floor((UNTIL - 1 + SHANGHAI_OFFSET_MS) / DAY_MS);

const started = performance.now();
const fd = openSync(values.out ?? 'bench/out/clv-summary.csv', 'w');
let chunk = 'id,frequency,recency,T,monetary_value\n';
let buyers = 0;
let purchaseDays = 0;

// One buyer's purchases as (Shanghai day, amount) in time order → a CSV line.
const days: number[] = [];
const amounts: number[] = [];
function writeBuyer(): void {
  if (days.length === 0) return;
  let distinct = 0;
  let repeatSpend = 0;
  for (let k = 0; k < days.length; k++) {
    if (k > 0 && days[k] === days[k - 1]) {
      if (distinct > 1) repeatSpend += amounts[k]!;
      continue;
    }
    distinct += 1;
    if (distinct > 1) repeatSpend += amounts[k]!;
  }
  const frequency = distinct - 1;
  const first = days[0]!;
  const monetary = frequency > 0 ? repeatSpend / frequency : 0;
  chunk += `${buyers},${frequency},${days.at(-1)! - first},${lastDay - first},${Number(monetary.toFixed(4))}\n`;
  buyers += 1;
  purchaseDays += distinct;
  if (chunk.length > 1 << 20) {
    writeSync(fd, chunk);
    chunk = '';
  }
}

function fromDemo(): void {
  const from = UNTIL - HISTORY_DAYS * DAY_MS;
  const window: DemoWindow = {
    from,
    until: UNTIL,
    promoDays: promoDaysBetween(from, UNTIL, 'Asia/Shanghai'),
  };
  for (let index = 0; buyers < customers; index++) {
    days.length = 0;
    amounts.length = 0;
    for (const order of generateCustomer(seed, index, window).orders) {
      if (!order.isPurchase) continue;
      days.push(Math.floor((order.orderedAt + SHANGHAI_OFFSET_MS) / DAY_MS));
      amounts.push(order.netAmount / 100);
    }
    writeBuyer();
  }
}

function fromModels(): void {
  const random = new Random(seed, 0xc1f);
  for (let index = 0; index < customers; index++) {
    days.length = 0;
    amounts.length = 0;
    const first = lastDay - Math.floor(random.next() * HISTORY_DAYS);
    const rate = random.gamma(0.45, 1 / 70);
    const dropOut = random.beta(0.75, 2.8);
    const nu = random.gamma(3.8, 1 / 90);
    // Continuous time from the first purchase; a purchase lands on its calendar day.
    const horizon = lastDay + 1 - first;
    days.push(first);
    amounts.push(random.gamma(6, 1 / nu));
    let at = 0;
    for (;;) {
      at += random.exponential(1 / rate);
      if (at >= horizon) break;
      days.push(first + Math.floor(at));
      amounts.push(random.gamma(6, 1 / nu));
      if (random.chance(dropOut)) break;
    }
    writeBuyer();
  }
}

if (values.source === 'bgnbd') fromModels();
else fromDemo();
writeSync(fd, chunk);
closeSync(fd);
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    peakRssMiB: peakRssMiB(),
    customers: buyers,
    purchaseDays,
    source: values.source,
  }),
);
