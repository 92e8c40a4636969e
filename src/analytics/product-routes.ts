import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { discardUploads, receiveUploads } from '../orders/uploads.js';
import { actorOf, exportLanguageOf, sendDownload, storeAccessOf } from '../server/request-context.js';
import { storeParams } from '../server/schemas.js';
import { LaokeError } from '../shared/errors.js';
import { lowConversionProducts, lowConversionQuery, lowConversionSchema } from './low-conversion.js';
import { exportProductTable, productTables } from './product-export.js';
import { latestProductsSnapshot, productsSnapshotSchema } from './products.js';
import { importProductTraffic } from './traffic.js';

// Traffic files are a day or a month of per-product rows: small, so they are read while the
// request waits, with a lower limit than order exports.
const TRAFFIC_MAX_BYTES = 20 * 1024 ** 2;

/** Products analytics: repurchase, gateway and next products, traffic import, low conversion. */
export function productRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['analytics'];
    await app.register(fastifyMultipart);

    app.get(
      '/api/stores/:storeId/analytics/products',
      {
        config: { permission: 'overview.read' },
        schema: {
          tags,
          summary:
            'The latest products analysis: per product repurchase rate (and within N days), old customers’ share, gateway return rate, next products',
          params: storeParams,
          response: { 200: z.object({ snapshot: productsSnapshotSchema.nullable() }) },
        },
      },
      async (request) => ({ snapshot: await latestProductsSnapshot(ctx, storeAccessOf(request).storeId) }),
    );

    app.get(
      '/api/stores/:storeId/analytics/products/export',
      {
        config: { permission: 'data.export' },
        schema: {
          tags,
          summary:
            'A table of the latest products analysis (products, gateway or next), or the low-conversion list of from..to, as CSV or XLSX; audited',
          params: storeParams,
          querystring: z.object({
            format: z.enum(['csv', 'xlsx']).default('csv'),
            table: z.enum(productTables).default('products'),
            from: lowConversionQuery.shape.from.optional(),
            to: lowConversionQuery.shape.to.optional(),
          }),
        },
      },
      async (request, reply) => {
        const access = storeAccessOf(request);
        const file = await exportProductTable(
          ctx,
          { storeId: access.storeId, timeZone: access.store.time_zone },
          actorOf(request),
          {
            format: request.query.format,
            table: request.query.table,
            language: exportLanguageOf(request),
            range:
              request.query.from && request.query.to
                ? { from: request.query.from, to: request.query.to }
                : undefined,
          },
        );
        return sendDownload(reply, file);
      },
    );

    app.get(
      '/api/stores/:storeId/analytics/products/low-conversion',
      {
        config: { permission: 'overview.read' },
        schema: {
          tags,
          summary:
            'Products with imported traffic between two days: views, visitors, add-to-cart, orders, buyers, conversion; under the median first, most visited first',
          params: storeParams,
          querystring: lowConversionQuery,
          response: { 200: lowConversionSchema },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        return lowConversionProducts(ctx, access.storeId, access.store.time_zone, request.query);
      },
    );

    app.post(
      '/api/stores/:storeId/analytics/products/traffic',
      {
        config: { permission: 'analytics.refresh' },
        schema: {
          tags,
          summary:
            'Import product traffic (multipart: one CSV/XLSX "file", at most 20 MiB; 日期, 商家编码/商品ID, 浏览量, 访客数, 加购件数): one row per product and day, replaced on re-import; audited',
          consumes: ['multipart/form-data'],
          params: storeParams,
          response: {
            200: z.object({
              read: z.number().int(),
              upserted: z.number().int(),
              rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        const form = await receiveUploads(ctx, request, access.storeId, TRAFFIC_MAX_BYTES);
        try {
          if (form.files.length !== 1)
            throw new LaokeError('request.invalid', `Upload exactly one file; got ${form.files.length}.`);
          const file = form.files[0]!;
          return await importProductTraffic(ctx, access.storeId, actorOf(request), file.path, {
            fileName: file.name,
          });
        } finally {
          await discardUploads(form.files);
        }
      },
    );
  };
}
