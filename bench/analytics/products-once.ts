import { parseArgs } from 'node:util';
import { analyzeProducts } from '../../src/analytics/product-stats.js';
import { arrangePurchases } from '../../src/analytics/purchases.js';
import { median, peakRssMiB } from '../lib.js';

// The products analysis in memory (issue 5, products): synthetic purchases of 3M customers over
// 1,000 days, 1 or 2 lines each from a skewed catalogue, analysed three times. The purchases and
// items are built first and not timed; reading them from the database is the numeric scan's cost.

const { values } = parseArgs({
  options: {
    purchases: { type: 'string', default: '10000000' },
    items: { type: 'string', default: '15000000' },
    products: { type: 'string', default: '5000' },
  },
});
const n = Number(values.purchases);
const itemCount = Number(values.items);
const catalogue = Number(values.products);
let seed = 1;
const random = () => {
  seed = (seed * 16_807) % 2_147_483_647;
  return seed / 2_147_483_647;
};
const raw = {
  orderId: Int32Array.from({ length: n }, (_, i) => i + 1),
  customerId: Int32Array.from({ length: n }, () => 1 + Math.floor(random() * (n * 0.3))),
  at: Float64Array.from(
    { length: n },
    () => Date.UTC(2023, 0, 1, 3) + Math.floor(random() * 1_000) * 86_400_000,
  ),
  amount: new Float64Array(n),
  items: new Int32Array(n),
  count: n,
  lines: {
    count: 0,
    orderId: new Int32Array(0),
    product: new Int32Array(0),
    quantity: new Int32Array(0),
    amount: new Float64Array(0),
  },
};
const purchases = arrangePurchases(raw, 'Asia/Shanghai');
const start = new Int32Array(n + 1);
const productId = new Int32Array(itemCount);
let j = 0;
for (let i = 0; i < n; i++) {
  start[i] = j;
  const lines = random() < 0.5 ? 1 : 2;
  for (let l = 0; l < lines && j < itemCount; l++) productId[j++] = 1 + Math.floor(random() ** 2 * catalogue);
}
start[n] = j;
const items = {
  count: j,
  start,
  productId,
  quantity: new Int32Array(itemCount).fill(1),
  revenue: new Int32Array(itemCount).fill(1_000),
};
const runs: number[] = [];
let products = 0;
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  products = analyzeProducts(purchases, items, { repurchaseWindowDays: 90 }).products.length;
  runs.push((performance.now() - started) / 1000);
}
console.log(
  JSON.stringify({ seconds: median(runs), runs, purchases: n, items: j, products, peakRssMiB: peakRssMiB() }),
);
