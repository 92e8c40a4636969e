import type { Db } from '../../src/db/database.js';
import type { Flag, Gender } from '../../src/db/schema.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import type { Fen } from '../../src/shared/money.js';
import type { Instant } from '../../src/shared/time.js';

// A seeded crowd of customers with every attribute the list filters on, written straight into
// the table (roll-ups included), and the same crowd as plain objects for a brute-force reference.

export interface CrowdMember {
  readonly id: number;
  readonly nick: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly phoneLast4: string | null;
  readonly email: string | null;
  readonly province: string;
  readonly city: string;
  readonly tags: readonly string[];
  readonly orderCount: number;
  readonly totalSpent: number;
  readonly firstOrderAt: number | null;
  readonly lastOrderAt: number | null;
  readonly createdAt: number;
  readonly consentSms: Flag | null;
}

export const crowdTags = ['VIP', '老客', '母婴', '复购', '差评'] as const;
const places = [
  ['浙江省', '杭州市'],
  ['浙江省', '宁波市'],
  ['上海市', '上海市'],
  ['广东省', '深圳市'],
] as const;
const surnames = ['王', '李', '张', '刘', '陈'];

/** Mulberry32: small, seeded, good enough to spread test data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function insertCrowd(db: Db, storeId: StoreId, size: number, seed = 11): Promise<CrowdMember[]> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const start = Date.UTC(2024, 0, 1);
  const crowd: CrowdMember[] = [];
  for (let i = 1; i <= size; i++) {
    const orderCount = next() < 0.15 ? 0 : 1 + Math.floor(next() * 6);
    const first =
      orderCount === 0
        ? null
        : start + Math.floor(next() * 600) * 86_400_000 + Math.floor(next() * 86_400_000);
    const last = first === null ? null : first + Math.floor(next() * 300) * 86_400_000;
    // A few identical spends and last-purchase instants, so ties have to be broken by id.
    const spent = orderCount === 0 ? 0 : next() < 0.2 ? 10_000 : Math.floor(next() * 500_000);
    const [province, city] = pick(places);
    const digits = `1${3 + Math.floor(next() * 6)}${String(Math.floor(next() * 1e9)).padStart(9, '0')}`;
    const phone = next() < 0.2 ? null : digits;
    const tags = crowdTags.filter(() => next() < 0.3);
    const member: CrowdMember = {
      id: i,
      nick: `${pick(['tb', 'shop', '买家', 'a_b%'])}${i}`,
      name: next() < 0.1 ? null : `${pick(surnames)}${pick(['芳', '伟', '静', '强'])}${i % 7}`,
      phone,
      phoneLast4: phone?.slice(-4) ?? null,
      email: next() < 0.3 ? `user${i}@example.com` : null,
      province,
      city,
      tags,
      orderCount,
      totalSpent: spent,
      firstOrderAt: first,
      lastOrderAt: next() < 0.05 && crowd.length > 0 ? (crowd[crowd.length - 1]!.lastOrderAt ?? last) : last,
      createdAt: start + i * 1000,
      consentSms: pick([null, 0, 1] as const),
    };
    crowd.push(member);
  }
  for (const member of crowd) {
    await db
      .insertInto('customers')
      .values({
        store_id: storeId,
        id: member.id as CustomerId,
        customer_key: member.nick,
        nick: member.nick,
        name: member.name,
        gender: (member.id % 2 === 0 ? 'female' : 'male') as Gender,
        phone: member.phone,
        phone_last4: member.phoneLast4,
        email: member.email,
        province: member.province,
        city: member.city,
        address: `${member.province}${member.city}文三路${member.id}号`,
        consent_sms: member.consentSms,
        source: 'test',
        first_order_at: member.firstOrderAt as Instant | null,
        last_order_at: member.lastOrderAt as Instant | null,
        order_count: member.orderCount,
        total_spent: member.totalSpent as Fen,
        created_at: member.createdAt as Instant,
        updated_at: member.createdAt as Instant,
      })
      .execute();
    if (member.tags.length > 0)
      await db
        .insertInto('customer_tags')
        .values(
          member.tags.map((tag) => ({
            store_id: storeId,
            customer_id: member.id as CustomerId,
            tag,
            created_at: member.createdAt as Instant,
          })),
        )
        .execute();
  }
  await db
    .insertInto('id_sequences')
    .values({ store_id: storeId, name: 'customers', next_id: size + 1 })
    .onConflict((conflict) => conflict.columns(['store_id', 'name']).doUpdateSet({ next_id: size + 1 }))
    .execute();
  return crowd;
}
