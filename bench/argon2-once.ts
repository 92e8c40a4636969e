import { parseArgs } from 'node:util';
import { hashPassword } from '../src/auth/passwords.js';
import { median, peakRssMiB } from './lib.js';

// Hash time of argon2id at one parameter set: the median of `runs` hashes, one at a time and
// two at once (two sign-ins arriving together on two cores).
const { values } = parseArgs({
  options: { memory: { type: 'string' }, time: { type: 'string' }, runs: { type: 'string', default: '15' } },
});
const params = { memoryKib: Number(values.memory), timeCost: Number(values.time), parallelism: 1 };
const runs = Number(values.runs);
await hashPassword('warm-up', params);
const single: number[] = [];
const paired: number[] = [];
for (let i = 0; i < runs; i++) {
  let start = performance.now();
  await hashPassword(`password-${i}`, params);
  single.push(performance.now() - start);
  start = performance.now();
  await Promise.all([hashPassword(`a-${i}`, params), hashPassword(`b-${i}`, params)]);
  paired.push(performance.now() - start);
}
console.log(
  JSON.stringify({
    seconds: median(single) / 1000,
    pairSeconds: median(paired) / 1000,
    peakRssMiB: peakRssMiB(),
  }),
);
