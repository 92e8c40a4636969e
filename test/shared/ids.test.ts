import { describe, expectTypeOf, it } from 'vitest';
import { asCustomerId, asStoreId, type CustomerId, type StoreId } from '../../src/shared/ids.js';
import type { Fen } from '../../src/shared/money.js';
import type { Instant } from '../../src/shared/time.js';

// Type tests: `npm run lint` (tsc) fails if a brand stops keeping one kind of id from another.
describe('branded types', () => {
  it('keeps a CustomerId from standing in for a StoreId', () => {
    const customer = asCustomerId(7);
    expectTypeOf(customer).toEqualTypeOf<CustomerId>();
    expectTypeOf(customer).not.toEqualTypeOf<StoreId>();
    const takesStore = (_id: StoreId) => undefined;
    // @ts-expect-error a customer id is not a store id
    takesStore(customer);
    takesStore(asStoreId(7));
  });

  it('keeps money and instants from plain numbers', () => {
    const takesFen = (_amount: Fen) => undefined;
    const takesInstant = (_at: Instant) => undefined;
    // @ts-expect-error a bare number is not money
    takesFen(100);
    // @ts-expect-error a bare number is not an instant
    takesInstant(Date.now());
    expectTypeOf<Fen>().toExtend<number>();
  });
});
