import type { ChineseSegment, EnglishSegment, SegmentSummary } from '../../../../src/analytics/rfm.js';
import type {
  CohortsSnapshot,
  LifecycleSnapshot,
  LifecycleState,
  NewOldRow,
  NewOldSnapshot,
  ParetoSnapshot,
} from '../../../../src/analytics/schemas.js';

// The analytics page's API shapes (src/analytics/). Money in fen, shares 0..1, instants in epoch
// milliseconds (UTC), days as yyyy-MM-dd in the store's time zone.

export { chineseSegments, englishSegments } from '../../../../src/analytics/rfm.js';
export type {
  ChineseSegment,
  CohortsSnapshot,
  EnglishSegment,
  LifecycleSnapshot,
  LifecycleState,
  NewOldRow,
  NewOldSnapshot,
  ParetoSnapshot,
};

// Funnel order: a customer moves down the list. Not imported: schemas.ts would bundle zod.
export const lifecycleStates = [
  'new',
  'active',
  'silent',
  'churned',
  'won_back',
] as const satisfies readonly LifecycleState[];

/** A segment's size, revenue share and average scores. */
export type SegmentFigures<S extends string> = SegmentSummary<S>;

// Written out rather than imported: rfm-refresh.ts, where the schema lives, pulls in the database.
export interface RfmSnapshot {
  readonly computedAt: number;
  readonly buyers: number;
  readonly method: 'quintiles' | 'thresholds';
  readonly cuts: {
    readonly recencyDays: readonly number[];
    readonly orders: readonly number[];
    /** Fen. */
    readonly spent: readonly number[];
  };
  readonly reference: { readonly r: number; readonly f: number; readonly m: number };
  readonly chinese: readonly SegmentFigures<ChineseSegment>[];
  readonly english: readonly SegmentFigures<EnglishSegment>[];
}

export interface RfmHistoryEntry {
  readonly computedAt: number;
  readonly chinese: readonly { readonly segment: ChineseSegment; readonly customers: number }[];
  readonly english: readonly { readonly segment: EnglishSegment; readonly customers: number }[];
}

export interface Snapshot<T> {
  readonly snapshot: T | null;
}

export interface CoreCustomer {
  readonly customerId: number;
  readonly displayName: string;
  readonly valueRank: number;
  readonly totalSpent: number;
  readonly orderCount: number;
  readonly lastOrderAt: number | null;
  readonly segmentCn: ChineseSegment;
  readonly segmentEn: EnglishSegment;
  readonly lifecycle: LifecycleState | null;
}

export interface CoreCustomersPage {
  readonly total: number;
  readonly items: readonly CoreCustomer[];
}

export type PromotionRow = NewOldSnapshot['promotions'][number];

/** The tables the analytics export writes (GET /analytics/export?table=…). */
export type ExportTable =
  | 'rfm-segments'
  | 'rfm-segments-en'
  | 'lifecycle'
  | 'new-old-days'
  | 'new-old-weeks'
  | 'new-old-months'
  | 'promotions'
  | 'pareto'
  | 'cohorts'
  | 'core-customers';

export interface NextProduct {
  readonly productId: number;
  readonly title: string;
  readonly customers: number;
  readonly share: number;
}

// Products (src/analytics/products.ts and low-conversion.ts): written out for the same reason, those
// files reach the database too. Rates are null when there is nothing to divide by.
export interface ProductFigures {
  readonly productId: number;
  readonly key: string;
  readonly title: string;
  readonly category: string | null;
  readonly buyers: number;
  readonly orders: number;
  readonly units: number;
  readonly revenue: number;
  readonly repeatBuyers: number;
  readonly repurchaseRate: number | null;
  readonly withinWindow: number;
  readonly withinWindowRate: number | null;
  readonly oldRevenueShare: number | null;
  readonly oldUnitShare: number | null;
  readonly firstBuyers: number;
  readonly gatewayReturnRate: number | null;
  readonly sameAgainShare: number | null;
  readonly next: readonly NextProduct[];
}

export interface ProductsSnapshot {
  readonly computedAt: number;
  readonly windowDays: number;
  readonly customers: number;
  /** Gateway products need this many first buyers to be ranked. */
  readonly gatewayMinFirstBuyers: number;
  /** Most buyers first. */
  readonly products: readonly ProductFigures[];
  /** Ids of the products with enough first buyers, the highest return rate first. */
  readonly gateway: readonly number[];
}

export interface LowConversionRow {
  readonly productId: number;
  readonly key: string;
  readonly title: string;
  readonly views: number;
  readonly visitors: number;
  readonly addToCart: number;
  readonly orders: number;
  readonly buyers: number;
  /** Buyers / visitors; null without visitors. */
  readonly conversion: number | null;
  readonly belowMedian: boolean;
}

export interface LowConversion {
  readonly from: string;
  readonly to: string;
  readonly medianConversion: number | null;
  readonly products: readonly LowConversionRow[];
}

export type ProductsExportTable = 'products' | 'gateway' | 'next' | 'low-conversion';
