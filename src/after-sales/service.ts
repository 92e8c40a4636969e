import type { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { getCustomer } from '../customers/archive.store.js';
import { assertEditable } from '../customers/service.js';
import { allocateIds } from '../db/sequences.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, OrderId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { type CaseRow, countOpen, findCase, listCases, orderCustomer } from './after-sales.store.js';
import type {
  AfterSalesCase,
  CaseList,
  CaseListQuery,
  openCaseSchema,
  resolveCaseSchema,
} from './schemas.js';

// After-sales cases (售后): opened by whoever takes the call (service staff too), resolved or
// reopened later; every change is audited. A case handled well keeps a customer (DOMAIN §7).

export function toCase(row: CaseRow): AfterSalesCase {
  return {
    id: row.id,
    customerId: row.customer_id,
    orderId: row.order_id,
    order: row.order_external_id === null ? null : { externalId: row.order_external_id },
    kind: row.kind,
    status: row.status,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    note: row.note,
    resolution: row.resolution,
  };
}

/** Opens a case for a customer, about one of their orders or none. */
export async function openCase(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  customerId: CustomerId,
  input: z.infer<typeof openCaseSchema>,
): Promise<AfterSalesCase> {
  const { storeId } = access;
  const now = ctx.clock.now();
  if (input.openedAt !== undefined && input.openedAt > now + 60_000)
    throw new LaokeError('request.invalid', 'openedAt: a case cannot be opened in the future.');
  return ctx.database.db.transaction().execute(async (trx) => {
    assertEditable(await getCustomer(trx, storeId, customerId));
    if (input.orderId !== undefined) {
      const order = await orderCustomer(trx, storeId, input.orderId as OrderId);
      if (order === undefined)
        throw new LaokeError('after_sales.order_invalid', `No order ${input.orderId} in this store.`, {
          orderId: input.orderId,
        });
      if (order.customerId !== customerId)
        throw new LaokeError(
          'after_sales.order_invalid',
          `Order ${input.orderId} is not customer ${customerId}'s; pick one of their orders or none.`,
          { orderId: input.orderId },
        );
    }
    const id = await allocateIds(trx, storeId, 'after_sales_cases');
    await trx
      .insertInto('after_sales_cases')
      .values({
        store_id: storeId,
        id,
        customer_id: customerId,
        order_id: (input.orderId ?? null) as OrderId | null,
        kind: input.kind,
        status: 'open',
        opened_at: (input.openedAt ?? now) as Instant,
        resolved_at: null,
        note: input.note,
        resolution: null,
        opened_by: actor.label,
        resolved_by: null,
        updated_at: now,
      })
      .execute();
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'after_sales.open',
        subjectType: 'customer',
        subjectId: customerId,
        details: { caseId: id, kind: input.kind, orderId: input.orderId ?? null },
      },
      now,
    );
    return toCase((await findCase(trx, storeId, id))!);
  });
}

/** Resolves an open case, or reopens a resolved one; asking for the state it is in changes nothing. */
export async function setCaseStatus(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  caseId: number,
  change: { status: 'resolved'; input: z.infer<typeof resolveCaseSchema> } | { status: 'open' },
): Promise<AfterSalesCase> {
  const { storeId } = access;
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await findCase(trx, storeId, caseId);
    if (!row) throw new LaokeError('after_sales.not_found', `No after-sales case ${caseId} in this store.`);
    if (row.status === change.status) return toCase(row);
    const resolved = change.status === 'resolved';
    await trx
      .updateTable('after_sales_cases')
      .set({
        status: change.status,
        resolved_at: resolved ? now : null,
        resolved_by: resolved ? actor.label : null,
        resolution: resolved ? change.input.resolution : row.resolution,
        updated_at: now,
      })
      .where('store_id', '=', storeId)
      .where('id', '=', caseId)
      .execute();
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: resolved ? 'after_sales.resolve' : 'after_sales.reopen',
        subjectType: 'customer',
        subjectId: row.customer_id,
        details: { caseId },
      },
      now,
    );
    return toCase((await findCase(trx, storeId, caseId))!);
  });
}

/** A page of the store's cases (or one customer's), newest first, and how many are open. */
export async function caseList(
  ctx: AppContext,
  access: StoreAccess,
  query: CaseListQuery,
): Promise<CaseList> {
  const { db } = ctx.database;
  const customerId = query.customerId as CustomerId | undefined;
  if (customerId !== undefined) await getCustomer(db, access.storeId, customerId);
  const rows = await listCases(db, access.storeId, query);
  return {
    cases: rows.map((row) => ({
      ...toCase(row),
      customer: { id: row.customer_id, nick: row.nick, name: row.name },
    })),
    open: await countOpen(db, access.storeId, customerId),
    nextBeforeId: rows.length === query.limit ? rows[rows.length - 1]!.id : null,
  };
}
