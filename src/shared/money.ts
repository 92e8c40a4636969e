// Money is an integer number of minor units (fen for CNY, cents for USD): sums stay exact.
export type Fen = number & { readonly __brand: 'Fen' };

export const fen = (minorUnits: number): Fen => {
  if (!Number.isSafeInteger(minorUnits))
    throw new RangeError(`Money must be whole minor units, got ${minorUnits}`);
  return minorUnits as Fen;
};

export const ZERO_FEN = 0 as Fen;

/** Currencies a store may use, with their number of minor-unit digits (ISO 4217). */
export const currencies = {
  CNY: 2,
  USD: 2,
  HKD: 2,
  TWD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  KRW: 0,
  SGD: 2,
  AUD: 2,
  CAD: 2,
} as const;
export type Currency = keyof typeof currencies;
