import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { inList } from '../db/dialect/in-list.js';
import { dialectOf } from '../db/dialect/schema-ddl.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { Channel } from './outbox.store.js';
import type { MessageClass } from './rules.js';
import type { ChannelInput } from './schemas.js';
import { composeSms, type SmsEncoding, smsLength } from './sms-length.js';
import {
  parseTemplate,
  renderTemplate,
  type Template,
  TemplateError,
  type TemplateValues,
  type TemplateVariable,
} from './templates.js';

// From a template and a customer to a message's content: the text rendered with the customer's
// values, for SMS composed with the store's approved signature and its provider's opt-out line,
// with the provider's template code and parameters; for email a subject, text and HTML part.

export interface TemplateSource {
  readonly channel: Channel;
  readonly class: MessageClass;
  readonly subject: string | null;
  readonly body: string;
  readonly providerTemplate: string | null;
}

/** A customer as templates and channels see them. */
export interface Recipient {
  readonly customerId: CustomerId;
  readonly name: string | null;
  readonly nick: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly values: TemplateValues;
}

export interface SmsView {
  readonly provider: string;
  readonly composed: string;
  readonly encoding: SmsEncoding;
  readonly characters: number;
  readonly parts: number;
  readonly perPart: number;
}

export interface Composed {
  readonly subject: string | null;
  readonly text: string;
  /** Stored as the outbox row's content. */
  readonly content: Record<string, unknown>;
  readonly missing: readonly TemplateVariable[];
  readonly sms: SmsView | null;
}

// A campaign renders one template for each of 200,000 customers: parse it once. Templates are
// immutable values, and a store has a few dozen; the cache is emptied if it ever grows past that.
const parsed = new Map<string, Template>();
const PARSED_LIMIT = 500;

/** A template parsed, or template.invalid naming the field and the position. */
export function checkedTemplate(source: string, field: 'body' | 'subject'): Template {
  const known = parsed.get(source);
  if (known) return known;
  try {
    const template = parseTemplate(source);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(source, template);
    return template;
  } catch (error) {
    if (error instanceof TemplateError)
      throw new LaokeError('template.invalid', `${field}: ${error.message}`, {
        field,
        position: error.position,
      });
    throw error;
  }
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** Plain text as HTML paragraphs: blank lines part paragraphs, single breaks stay breaks. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
}

const empty = (value: unknown) => value === null || value === undefined || String(value).trim() === '';

/** One message's content from a template for a customer's values, under the channel's settings. */
export function composeMessage(
  source: TemplateSource,
  settings: ChannelInput | null,
  values: TemplateValues,
  options: { readonly taskKind?: 'wangwang' | 'phone' | 'wechat'; readonly assigneeId?: number | null } = {},
): Composed {
  const body = checkedTemplate(source.body, 'body');
  const subjectTemplate = source.subject ? checkedTemplate(source.subject, 'subject') : null;
  const text = renderTemplate(body, values);
  const subject = subjectTemplate ? renderTemplate(subjectTemplate, values) : null;
  const used = [...new Set([...body.variables, ...(subjectTemplate?.variables ?? [])])];
  const missing = used.filter((variable) => empty(values[variable]));
  // The provider's own template takes parameters by name (Aliyun ${name}) or in order (Tencent {1})
  const params: Record<string, string> = {};
  for (const piece of body.pieces)
    if (typeof piece !== 'string' && !(piece.variable in params))
      params[piece.variable] = empty(values[piece.variable])
        ? piece.fallback
        : String(values[piece.variable]);
  switch (source.channel) {
    case 'sms': {
      const provider = settings?.provider ?? 'none';
      const signature = (settings && 'signName' in settings ? settings.signName : '') ?? '';
      const optOut =
        source.class === 'marketing' && settings && 'optOutLine' in settings
          ? (settings.optOutLine ?? null)
          : null;
      const composed =
        provider === 'twilio'
          ? optOut
            ? `${text.trim()} ${optOut}`
            : text.trim()
          : composeSms(signature, text, optOut);
      const length = smsLength(composed, provider === 'twilio' ? 'gsm' : 'china');
      return {
        subject: null,
        text: composed,
        content: {
          text: composed,
          templateCode: source.providerTemplate,
          params,
          paramList: body.variables.map((v) => params[v]),
        },
        missing,
        sms: {
          provider,
          composed,
          encoding: length.encoding,
          characters: length.units,
          parts: length.parts,
          perPart: length.perPart,
        },
      };
    }
    case 'email':
      return {
        subject,
        text,
        content: { subject: subject ?? '', text, html: textToHtml(text) },
        missing,
        sms: null,
      };
    case 'wecom':
    case 'dingtalk':
      return { subject, text, content: { title: subject ?? '', markdown: text }, missing, sms: null };
    case 'task':
      return {
        subject,
        text,
        content: {
          kind: options.taskKind ?? 'wangwang',
          script: text,
          assigneeId: options.assigneeId ?? null,
        },
        missing,
        sms: null,
      };
    default:
      return { subject, text, content: { subject, text }, missing, sms: null };
  }
}

/** Where a message for this customer goes on a channel; null when the customer cannot be reached. */
export function addressFor(channel: Channel, recipient: Recipient): string | null {
  switch (channel) {
    case 'sms':
      // A number the marketplace masked (138****1234) reaches nobody
      return recipient.phone && /^\+?\d[\d\s-]{5,}$/.test(recipient.phone) ? recipient.phone : null;
    case 'email':
      return recipient.email && /^[^@\s]+@[^@\s]+$/.test(recipient.email) ? recipient.email : null;
    case 'task':
      return recipient.phone ?? recipient.nick ?? `customer:${recipient.customerId}`;
    default:
      return channel;
  }
}

/** The customers with what templates need of them: name, nick, contacts, last product bought. */
export async function recipientsFor(
  db: Db,
  storeId: StoreId,
  storeName: string,
  customerIds: readonly CustomerId[],
  /** Whether {上次购买} is needed: finding each customer's latest purchase is the dear part. */
  options: { readonly lastProduct?: boolean } = {},
): Promise<Map<CustomerId, Recipient>> {
  const result = new Map<CustomerId, Recipient>();
  const dialect = dialectOf(db as never);
  // The ids travel as one parameter (in-list.ts): 5,000 a query, one statement text.
  for (let start = 0; start < customerIds.length; start += 5_000) {
    const ids = inList[dialect](customerIds.slice(start, start + 5_000), 'int4') as never;
    const customers = await db
      .selectFrom('customers')
      .select(['id', 'name', 'nick', 'phone', 'email'])
      .where('store_id', '=', storeId)
      .where('id', 'in', ids)
      .where('erased_at', 'is', null)
      .execute();
    // The first line of each customer's latest purchase
    const lastProducts = !(options.lastProduct ?? true)
      ? []
      : await db
          .selectFrom('orders as o')
          .innerJoin('order_items as i', (join) =>
            join.onRef('i.store_id', '=', 'o.store_id').onRef('i.order_id', '=', 'o.id'),
          )
          .select(['o.customer_id', 'i.title', 'o.ordered_at', 'i.line_no'])
          .where('o.store_id', '=', storeId)
          .where('o.customer_id', 'in', ids)
          .where('o.is_purchase', '=', 1)
          .where(
            'o.ordered_at',
            '=',
            sql<Instant>`(select max(o2.ordered_at) from orders o2 where o2.store_id = o.store_id and o2.customer_id = o.customer_id and o2.is_purchase = 1)`,
          )
          .orderBy('i.line_no')
          .execute();
    const last = new Map<number, string>();
    for (const line of lastProducts) if (!last.has(line.customer_id)) last.set(line.customer_id, line.title);
    for (const customer of customers)
      result.set(customer.id, {
        customerId: customer.id,
        name: customer.name,
        nick: customer.nick,
        phone: customer.phone,
        email: customer.email,
        values: {
          name: customer.name,
          nick: customer.nick,
          store: storeName,
          lastProduct: last.get(customer.id) ?? null,
        },
      });
  }
  return result;
}
