// GET /api/stores/:storeId/overview, typed from the server's own response schema.
export type { MonthFigures, OverviewAnswer as Overview } from '../../../../src/overview/schemas';
