// GET /api/stores/:storeId/overview. Money is integer minor units of `currency`.

export interface MonthFigures {
  /** 'yyyy-MM' in the store's time zone. */
  readonly month: string;
  readonly newBuyers: number;
  readonly oldBuyers: number;
  readonly newRevenue: number;
  readonly oldRevenue: number;
  readonly orders: number;
}

export interface Overview {
  readonly currency: string;
  readonly timeZone: string;
  readonly generatedAt: number;
  readonly customers: number;
  readonly buyers: number;
  readonly repeatBuyers: number;
  /** 0..1 */
  readonly repeatBuyerShare: number;
  readonly orders: number;
  readonly revenue: number;
  readonly averageOrderValue: number;
  /** Twelve calendar months, oldest first; the last is the current, unfinished one. */
  readonly months: readonly MonthFigures[];
}
