import type { Selectable } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/dialect/errors.js';
import type { MessageTemplatesTable } from '../db/schema.js';
import { allocateIds } from '../db/sequences.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { checkedTemplate } from './compose.js';
import type { Channel } from './outbox.store.js';
import type { MessageTemplate, TemplateInput } from './schemas.js';

// A store's message templates. Each is checked when saved (unknown variables, unclosed braces are
// refused with their position), so a campaign never finds out at send time.

const toTemplate = (row: Selectable<MessageTemplatesTable>): MessageTemplate => ({
  id: row.id,
  name: row.name,
  channel: row.channel as Channel,
  class: row.class,
  subject: row.subject,
  body: row.body,
  providerTemplate: row.provider_template,
  variables: [
    ...checkedTemplate(row.body, 'body').variables,
    ...(row.subject ? checkedTemplate(row.subject, 'subject').variables : []),
  ].filter((v, i, all) => all.indexOf(v) === i),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

function check(input: TemplateInput) {
  checkedTemplate(input.body, 'body');
  if (input.subject) checkedTemplate(input.subject, 'subject');
  if (input.channel === 'email' && !input.subject)
    throw new LaokeError('request.invalid', 'subject: an email template needs a subject.');
}

export async function listTemplates(db: Db, storeId: StoreId): Promise<MessageTemplate[]> {
  const rows = await db
    .selectFrom('message_templates')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('name')
    .execute();
  return rows.map(toTemplate);
}

export async function getTemplate(db: Db, storeId: StoreId, id: number): Promise<MessageTemplate> {
  const row = await db
    .selectFrom('message_templates')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new LaokeError('messaging.template_not_found', `No message template ${id} in this store.`);
  return toTemplate(row);
}

const nameTaken = (name: string) =>
  new LaokeError('messaging.template_name_taken', `A template named "${name}" exists in this store.`);

/** Creates (id undefined) or replaces a template; audited. */
export async function saveTemplate(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  id: number | undefined,
  input: TemplateInput,
): Promise<MessageTemplate> {
  check(input);
  const now = ctx.clock.now();
  const values = {
    name: input.name,
    channel: input.channel,
    class: input.class,
    subject: input.subject,
    body: input.body,
    provider_template: input.providerTemplate,
    updated_at: now,
  };
  try {
    return await ctx.database.db.transaction().execute(async (trx) => {
      let row: Selectable<MessageTemplatesTable> | undefined;
      if (id === undefined) {
        const fresh = await allocateIds(trx, storeId, 'message_templates');
        row = await trx
          .insertInto('message_templates')
          .values({ store_id: storeId, id: fresh, created_at: now, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
      } else {
        row = await trx
          .updateTable('message_templates')
          .set(values)
          .where('store_id', '=', storeId)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!row)
          throw new LaokeError('messaging.template_not_found', `No message template ${id} in this store.`);
      }
      await insertAuditEntry(
        trx,
        storeId,
        actor,
        {
          action: id === undefined ? 'messaging.template_created' : 'messaging.template_changed',
          subjectType: 'template',
          subjectId: row.id,
          details: { name: input.name, channel: input.channel, class: input.class },
        },
        now,
      );
      return toTemplate(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export async function deleteTemplate(ctx: AppContext, storeId: StoreId, actor: Actor, id: number) {
  await ctx.database.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('message_templates')
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0)
      throw new LaokeError('messaging.template_not_found', `No message template ${id} in this store.`);
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      { action: 'messaging.template_deleted', subjectType: 'template', subjectId: id },
      ctx.clock.now(),
    );
  });
}
