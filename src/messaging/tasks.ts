import type { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { addContact } from '../customers/contacts.js';
import { maskPhone } from '../customers/mask.js';
import type { Database, Db } from '../db/database.js';
import { allocateIds } from '../db/sequences.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId, UserId } from '../shared/ids.js';
import { type SpreadsheetFormat, safeCells, spreadsheetStream } from '../shared/spreadsheet.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import type { ChannelAdapter } from './dispatcher.js';
import type { taskQuerySchema, taskSchema, taskUpdateSchema } from './schemas.js';

// Staff tasks: the channel for what has no API — a Wangwang (旺旺) chat, a phone call, a WeChat
// private message. The dispatcher "sends" such a message by writing a task for a staff member with
// the script to say; the staff member marks it done with an outcome, which also goes into the
// customer's contact history. One task per message (a unique key), so a retried or resumed
// dispatch never makes two.

type Task = z.infer<typeof taskSchema>;

/** The task channel's adapter: the message becomes a task, exactly once. */
export function taskAdapter(database: Database, defaultAssigneeId: number | null): ChannelAdapter {
  const findTask = (storeId: StoreId, messageId: number) =>
    database.db
      .selectFrom('staff_tasks')
      .select('id')
      .where('store_id', '=', storeId)
      .where('message_id', '=', messageId)
      .executeTakeFirst();
  return {
    async send(message) {
      const content = message.content as { kind?: string; script?: string; assigneeId?: number | null };
      const kind = ['wangwang', 'phone', 'wechat'].includes(content.kind ?? '') ? content.kind! : 'wangwang';
      await database.db.transaction().execute(async (trx) => {
        const id = await allocateIds(trx, message.storeId, 'staff_tasks');
        await trx
          .insertInto('staff_tasks')
          .values({
            store_id: message.storeId,
            id,
            message_id: message.id,
            assignee_id: (content.assigneeId ?? defaultAssigneeId) as UserId | null,
            customer_id: message.customerId,
            kind,
            script: String(content.script ?? ''),
            created_at: Date.now() as Instant,
          })
          .onConflict((conflict) => conflict.columns(['store_id', 'message_id']).doNothing())
          .execute();
      });
      const task = await findTask(message.storeId, message.id);
      return { status: 'sent', providerId: `task-${task?.id ?? '?'}` };
    },
    async lookup(message) {
      return (await findTask(message.storeId, message.id)) ? 'sent' : 'unknown';
    },
  };
}

function taskQuery(db: Db, storeId: StoreId) {
  return db
    .selectFrom('staff_tasks as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .leftJoin('customers as c', (join) =>
      join.onRef('c.store_id', '=', 't.store_id').onRef('c.id', '=', 't.customer_id'),
    )
    .select([
      't.id',
      't.message_id',
      't.assignee_id',
      'u.login',
      't.customer_id',
      'c.name',
      'c.nick',
      'c.phone',
      't.kind',
      't.script',
      't.status',
      't.outcome',
      't.note',
      't.created_at',
      't.done_at',
    ])
    .where('t.store_id', '=', storeId);
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

const toTask = (row: TaskRow, seesPersonalData: boolean): Task => ({
  id: row.id,
  messageId: row.message_id,
  assignee: row.assignee_id === null ? null : { id: row.assignee_id, login: row.login ?? '?' },
  customer: row.customer_id === null ? null : { id: row.customer_id, name: row.name, nick: row.nick },
  contact: seesPersonalData ? row.phone : maskPhone(row.phone),
  kind: row.kind as Task['kind'],
  script: row.script,
  status: row.status as Task['status'],
  outcome: row.outcome as Task['outcome'],
  note: row.note,
  createdAt: Number(row.created_at),
  doneAt: row.done_at === null ? null : Number(row.done_at),
});

const isMine = (mine: string | undefined) => mine === '1' || mine === 'true';

export async function listTasks(
  db: Db,
  access: StoreAccess,
  userId: UserId | null,
  query: z.infer<typeof taskQuerySchema>,
  seesPersonalData: boolean,
): Promise<{ items: Task[]; next: number | null }> {
  let q = taskQuery(db, access.storeId);
  if (isMine(query.mine))
    q = q.where((eb) => eb.or([eb('t.assignee_id', '=', userId), eb('t.assignee_id', 'is', null)]));
  if (query.status) q = q.where('t.status', '=', query.status);
  if (query.before) q = q.where('t.id', '<', query.before);
  const rows = await q
    .orderBy('t.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map((row) => toTask(row, seesPersonalData));
  return { items, next: rows.length > query.limit ? items.at(-1)!.id : null };
}

/**
 * Marks a task done (with its outcome, which is logged as a contact with the customer), skipped or
 * open again. Service staff may close their own tasks and unassigned ones; staff any.
 */
export async function updateTask(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  taskId: number,
  update: z.infer<typeof taskUpdateSchema>,
  seesPersonalData: boolean,
): Promise<Task> {
  const db = ctx.database.db;
  const row = await taskQuery(db, access.storeId).where('t.id', '=', taskId).executeTakeFirst();
  if (!row) throw new LaokeError('messaging.task_not_found', `No task ${taskId} in this store.`);
  if (access.role === 'service' && row.assignee_id !== null && row.assignee_id !== actor.userId)
    throw new LaokeError(
      'auth.forbidden',
      `Task ${taskId} is assigned to ${row.login}; only they or a manager may close it.`,
    );
  const now = ctx.clock.now();
  const done = update.status !== 'open';
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff_tasks')
      .set({
        status: update.status,
        outcome: update.status === 'done' ? (update.outcome ?? null) : null,
        note: update.note ?? row.note,
        done_at: done ? now : null,
        done_by: done ? actor.userId : null,
      })
      .where('store_id', '=', access.storeId)
      .where('id', '=', taskId)
      .execute();
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      {
        action: `messaging.task_${update.status}`,
        subjectType: 'task',
        subjectId: taskId,
        details: { outcome: update.outcome ?? null },
      },
      now,
    );
  });
  if (update.status === 'done' && row.customer_id !== null && row.status !== 'done')
    await addContact(ctx, access, actor, row.customer_id, {
      channel: row.kind as 'wangwang' | 'phone' | 'wechat',
      outcome: update.outcome!,
      note: update.note ?? row.script.slice(0, 200),
    } as never);
  const fresh = await taskQuery(db, access.storeId).where('t.id', '=', taskId).executeTakeFirstOrThrow();
  return toTask(fresh, seesPersonalData);
}

const headers = {
  'zh-CN': [
    '任务',
    '负责人',
    '客户',
    '姓名',
    '昵称',
    '联系方式',
    '方式',
    '话术',
    '状态',
    '结果',
    '备注',
    '创建时间',
    '完成时间',
  ],
  en: [
    'Task',
    'Assignee',
    'Customer',
    'Name',
    'Nick',
    'Contact',
    'Kind',
    'Script',
    'Status',
    'Outcome',
    'Note',
    'Created',
    'Done',
  ],
};

/** The task list as a spreadsheet (each staff member's list, or all), audited by the caller. */
export function exportTasks(
  db: Db,
  access: StoreAccess,
  userId: UserId | null,
  query: z.infer<typeof taskQuerySchema>,
  seesPersonalData: boolean,
  format: SpreadsheetFormat,
  language: 'zh-CN' | 'en',
) {
  const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString());
  async function* chunks() {
    let before: number | undefined;
    for (;;) {
      const page = await listTasks(
        db,
        access,
        userId,
        { ...query, limit: 200, ...(before ? { before } : {}) },
        seesPersonalData,
      );
      yield page.items.map((t) =>
        safeCells([
          t.id,
          t.assignee?.login ?? '',
          t.customer?.id ?? '',
          t.customer?.name ?? '',
          t.customer?.nick ?? '',
          t.contact ?? '',
          t.kind,
          t.script,
          t.status,
          t.outcome ?? '',
          t.note ?? '',
          iso(t.createdAt),
          iso(t.doneAt),
        ]),
      );
      if (page.next === null) return;
      before = page.next;
    }
  }
  return spreadsheetStream(format, language === 'en' ? 'Tasks' : '任务', headers[language], chunks());
}
