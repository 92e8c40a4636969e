import { z } from 'zod';

// What GET /api/stores/:storeId/overview answers. The dashboard imports the types below.

const money = z.number().int().describe('minor units (fen/cents) of the store currency');

export const overviewSchema = z.object({
  currency: z.string(),
  timeZone: z.string(),
  generatedAt: z.number().int(),
  customers: z.number().int(),
  buyers: z.number().int().describe('customers with at least one purchase'),
  repeatBuyers: z.number().int().describe('customers with two or more purchases'),
  repeatBuyerShare: z.number().min(0).max(1),
  orders: z.number().int(),
  revenue: money,
  averageOrderValue: money,
  months: z.array(
    z.object({
      month: z.string().describe('yyyy-MM in the store time zone'),
      newBuyers: z.number().int(),
      oldBuyers: z.number().int(),
      newRevenue: money,
      oldRevenue: money,
      orders: z.number().int(),
    }),
  ),
});

export type OverviewAnswer = z.infer<typeof overviewSchema>;
export type MonthFigures = OverviewAnswer['months'][number];
