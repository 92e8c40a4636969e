// The kinds and states of an after-sales case; pure data, shared by the routes, audience
// definitions and the dashboard.

export const caseKinds = ['refund', 'return', 'exchange', 'complaint'] as const;
export const caseStatuses = ['open', 'resolved'] as const;
export type CaseKind = (typeof caseKinds)[number];
export type CaseStatus = (typeof caseStatuses)[number];
