import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { type Command, Option } from 'commander';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { cliActor } from '../../audit/actor.js';
import type { AppContext } from '../../context.js';
import { exportCustomers } from '../../customers/export.js';
import { customerListQuery, customerSorts, exportQuery } from '../../customers/schemas.js';
import { customerListPage, customerProfile } from '../../customers/service.js';
import { customerTimeline } from '../../customers/timeline.js';
import { LaokeError } from '../../shared/errors.js';
import { asCustomerId, type StoreId } from '../../shared/ids.js';
import type { StoreAccess } from '../../stores/access.js';
import { parseStoreSettings } from '../../stores/settings.js';
import { findStoreById } from '../../stores/stores.store.js';
import { createRuntime, requireStore } from '../runtime.js';

// laoke customers list|show|export: the customer archive from a terminal. The CLI is run by
// whoever administers the server, so it acts as the store's owner; phone numbers are still
// masked in list and show, as on the dashboard, and exports are audited as "cli".

interface FilterOptions {
  q?: string;
  province?: string;
  city?: string;
  tags?: string;
  lastFrom?: string;
  lastTo?: string;
  spentMin?: string;
  ordersMin?: string;
}

function addFilterOptions(command: Command): Command {
  return command
    .option('--q <text>', 'last 4 phone digits, an email, the start of a nick or name, or a tag')
    .option('--province <name>')
    .option('--city <name>')
    .option('--tags <list>', 'comma separated; every one must match')
    .option('--last-from <yyyy-MM-dd>', 'last purchase on or after')
    .option('--last-to <yyyy-MM-dd>', 'last purchase on or before')
    .option('--spent-min <yuan>', 'total spent at least, in yuan')
    .option('--orders-min <n>', 'at least n purchases');
}

/** The options as the API's query, validated by the same schema; a bad value names the option. */
function parseQuery<T extends z.ZodType>(schema: T, options: FilterOptions, extra: Record<string, unknown>) {
  const parsed = schema.safeParse({
    q: options.q,
    province: options.province,
    city: options.city,
    tags: options.tags,
    lastOrderFrom: options.lastFrom,
    lastOrderTo: options.lastTo,
    spentMin: options.spentMin === undefined ? undefined : Math.round(Number(options.spentMin) * 100),
    ordersMin: options.ordersMin,
    ...extra,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LaokeError('cli.invalid_argument', `${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data as z.infer<T>;
}

async function cliAccess(ctx: AppContext, storeId: StoreId): Promise<StoreAccess> {
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  return { store, storeId, role: 'owner', settings: parseStoreSettings(store.settings) };
}

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 });

export function registerCustomers(program: Command): void {
  const customers = program.command('customers').description('The customer archive / 客户档案');

  addFilterOptions(
    customers
      .command('list')
      .description('List customers of --store, filtered and sorted / 客户列表')
      .addOption(new Option('--sort <field>').choices([...customerSorts]).default('lastOrderAt'))
      .addOption(new Option('--order <order>').choices(['asc', 'desc']).default('desc'))
      .option('--page <n>', 'page number', '1')
      .option('--page-size <n>', 'rows per page (at most 200)', '20'),
  ).action(async (options: FilterOptions & Record<string, string>, command: Command) => {
    const runtime = createRuntime(command);
    await runtime.withContext(async (ctx) => {
      const storeId = await requireStore(ctx, runtime.options.store);
      const access = await cliAccess(ctx, storeId);
      const query = parseQuery(customerListQuery, options, {
        sort: options.sort,
        order: options.order,
        page: options.page,
        pageSize: options.pageSize,
      });
      const page = await customerListPage(ctx, access, query);
      runtime.output.result(page, () => {
        const zone = access.store.time_zone;
        const lines = page.customers.map((c) =>
          [
            String(c.id).padStart(7),
            (c.nick ?? '—').padEnd(16),
            (c.name ?? '').padEnd(6),
            (c.phone ?? '').padEnd(12),
            `${c.province ?? ''}${c.city ?? ''}`.padEnd(10),
            String(c.orderCount).padStart(4),
            yuan(c.totalSpent).padStart(12),
            c.lastOrderAt === null ? '' : DateTime.fromMillis(c.lastOrderAt, { zone }).toISODate(),
            c.tags.join(','),
          ].join('  '),
        );
        const total = page.totalCapped ? `${page.total}+` : String(page.total);
        return [...lines, `${total} customers · page ${page.page}`].join('\n');
      });
    });
  });

  customers
    .command('show')
    .description('A customer’s profile and latest history / 客户详情')
    .argument('<id>', 'customer id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const runtime = createRuntime(command);
      if (!/^\d+$/.test(id))
        throw new LaokeError('cli.invalid_argument', `Customer id "${id}" is not a number.`);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const access = await cliAccess(ctx, storeId);
        const customerId = asCustomerId(Number(id));
        const profile = await customerProfile(ctx, access, customerId);
        const timeline = await customerTimeline(ctx, access, customerId, { limit: 10 });
        runtime.output.result({ profile, timeline: timeline.events }, () => {
          const zone = access.store.time_zone;
          const when = (at: number) => DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm');
          const preferences = Object.entries(profile.preferences)
            .map(([key, value]) => `${key}=${value}`)
            .join(', ');
          const events = timeline.events.map((event) => {
            if (event.order)
              return `  ${when(event.at)}  order ${event.order.externalId}  ${event.order.status}  ¥${yuan(event.order.netAmount)}`;
            if (event.contact) return `  ${when(event.at)}  ${event.contact.channel}  ${event.contact.note}`;
            return `  ${when(event.at)}  ${event.kind}  ${event.change?.fields.join(', ') ?? ''} (${event.change?.by ?? ''})`;
          });
          return [
            `#${profile.id} ${profile.nick ?? '—'} ${profile.name ?? ''}${profile.erased ? ' [erased]' : ''}`,
            `phone ${profile.phone ?? '—'} · ${profile.province ?? ''}${profile.city ?? ''} · ${profile.address ?? ''}`,
            `orders ${profile.orderCount} · spent ¥${yuan(profile.totalSpent)} · tags ${profile.tags.join(',') || '—'}`,
            `preferences ${preferences || '—'}`,
            'history:',
            ...events,
          ].join('\n');
        });
      });
    });

  addFilterOptions(
    customers
      .command('export')
      .description('Export customers of --store to CSV or XLSX (audited) / 导出客户')
      .requiredOption('--out <file>', 'the file to write')
      .addOption(new Option('--format <format>').choices(['csv', 'xlsx']))
      .option('--ids <list>', 'comma separated customer ids instead of the filter'),
  ).action(
    async (options: FilterOptions & { out: string; format?: string; ids?: string }, command: Command) => {
      const runtime = createRuntime(command);
      const format = options.format ?? (options.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const access = await cliAccess(ctx, storeId);
        const {
          ids,
          format: _format,
          ...filter
        } = parseQuery(exportQuery, options, { format, ids: options.ids });
        const file = await exportCustomers(ctx, access, cliActor(), {
          format: format as 'csv' | 'xlsx',
          ids,
          filter,
          language: 'zh-CN',
        });
        await pipeline(file.stream, createWriteStream(options.out));
        runtime.output.result({ file: options.out, format }, () => `Wrote ${options.out} (${format}).`);
      });
    },
  );
}
