import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { jobHandlers } from '../../src/jobs/registry.js';
import { startWorker } from '../../src/jobs/worker.js';
import type { StoreId } from '../../src/shared/ids.js';
import { addStore, addUser, expectError, signIn, testApp, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { multipart } from '../helpers/multipart.js';

const fixtures = 'test/fixtures/import';
const gbk = (name: string) => iconv.encode(readFileSync(join(fixtures, name), 'utf8'), 'gb18030');

for (const testDatabase of testDatabases()) {
  describe(`the import API on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    const uploads = mkdtempSync(join(tmpdir(), 'laoke-uploads-'));
    afterAll(() => rmSync(uploads, { recursive: true, force: true }));
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let owner: string;
    let service: string;

    beforeAll(async () => {
      ctx = testContext(handle.get(), { env: { LAOKE_UPLOAD_DIR: uploads, LAOKE_UPLOAD_MAX_MB: '1' } });
      app = await testApp(ctx);
      await addUser(ctx, 'service');
      storeId = await addStore(ctx, '上传店', await addUser(ctx, 'owner'), { service: 'service' });
      owner = await signIn(app, 'owner');
      service = await signIn(app, 'service');
    });

    const upload = (cookie: string, parts: Parameters<typeof multipart>[0]) => {
      const body = multipart(parts);
      return app.inject({
        method: 'POST',
        url: `/api/stores/${storeId}/imports`,
        headers: { cookie, ...body.headers },
        payload: body.payload,
      });
    };

    it('takes an upload, imports order report before item report in a job, and keeps the history', async () => {
      const response = await upload(owner, [
        {
          field: 'file',
          filename: '宝贝报表.csv',
          content: readFileSync(join(fixtures, 'taobao-items.csv')),
        },
        { field: 'file', filename: '订单报表.csv', content: gbk('taobao-basic.csv') },
      ]);
      expect(response.statusCode, response.body).toBe(202);
      const { jobId, files } = response.json() as { jobId: number; files: string[] };
      expect(files).toEqual(['订单报表.csv', '宝贝报表.csv']);

      const queued = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/jobs/${jobId}`,
          headers: { cookie: owner },
        })
      ).json();
      expect(queued).toMatchObject({ state: 'queued', progress: 0 });
      // The import, then the analytics refresh it queues for the new orders.
      expect(await startWorker(ctx, { handlers: jobHandlers }, false).drain()).toBe(2);
      const rfm = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/rfm`,
          headers: { cookie: owner },
        })
      ).json();
      expect(rfm.snapshot.buyers).toBeGreaterThan(0);

      const done = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/jobs/${jobId}`,
          headers: { cookie: owner },
        })
      ).json();
      expect(done).toMatchObject({ state: 'succeeded', progress: 1, error: null });
      expect(
        done.result.files.map((f: { fileName: string; inserted: number }) => [f.fileName, f.inserted]),
      ).toEqual([
        ['订单报表.csv', 6],
        ['宝贝报表.csv', 0],
      ]);
      expect(readdirSync(join(uploads, String(storeId)))).toEqual([]); // uploads are removed once imported

      const history = (
        await app.inject({ method: 'GET', url: `/api/stores/${storeId}/imports`, headers: { cookie: owner } })
      ).json();
      expect(
        history.runs.map((r: { fileName: string; status: string; items: number }) => [
          r.fileName,
          r.status,
          r.items,
        ]),
      ).toEqual([
        ['宝贝报表.csv', 'succeeded', 3],
        ['订单报表.csv', 'succeeded', 0],
      ]);
      const orderRun = history.runs[1];
      const detail = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/imports/${orderRun.id}`,
          headers: { cookie: owner },
        })
      ).json();
      expect(detail).toMatchObject({
        read: 10,
        inserted: 6,
        rejected: 4,
        encoding: 'gb18030',
        rejectionsByCode: { bad_amount: 1, duplicate_order: 1, unknown_status: 1, bad_time: 1 },
      });
      expect(detail.rejections[0]).toMatchObject({ line: 8, code: 'bad_amount' });
    });

    it('downloads the rejected rows as CSV with formula cells defused, and audits the export', async () => {
      const runs = (
        await app.inject({ method: 'GET', url: `/api/stores/${storeId}/imports`, headers: { cookie: owner } })
      ).json().runs;
      const response = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/imports/${runs[1].id}/rejections.csv`,
        headers: { cookie: owner },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toContain('attachment');
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('line,code,reason,original');
      expect(lines).toHaveLength(5);
      expect(lines[1]).toMatch(/^8,bad_amount,"Line 8: /);
      expect(lines[1]).toContain(`"'=""3000000000000001007""`); // a cell starting with = no longer runs as a formula
      const audit = (
        await app.inject({ method: 'GET', url: `/api/stores/${storeId}/audit`, headers: { cookie: owner } })
      ).json();
      expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['import.upload', 'import.orders', 'import.rejections_export']),
      );
    });

    it('saves, lists and deletes column maps, refusing a map that is not valid', async () => {
      const map = {
        columns: { orderId: '单号', customerKey: '会员', orderedAt: '下单时间', amount: '实付' },
      };
      const saved = await app.inject({
        method: 'PUT',
        url: `/api/stores/${storeId}/import-maps/${encodeURIComponent('商城')}`,
        headers: { cookie: owner },
        payload: map,
      });
      expect(saved.statusCode, saved.body).toBe(204);
      const list = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/import-maps`,
          headers: { cookie: owner },
        })
      ).json();
      expect(list.maps).toEqual([expect.objectContaining({ name: '商城', map })]);
      const bad = await app.inject({
        method: 'PUT',
        url: `/api/stores/${storeId}/import-maps/x`,
        headers: { cookie: owner },
        payload: { columns: { orderId: '单号' } },
      });
      expectError(bad, 400, 'request.invalid');
      expect(
        (
          await app.inject({
            method: 'DELETE',
            url: `/api/stores/${storeId}/import-maps/${encodeURIComponent('商城')}`,
            headers: { cookie: owner },
          })
        ).statusCode,
      ).toBe(204);
      expectError(
        await app.inject({
          method: 'DELETE',
          url: `/api/stores/${storeId}/import-maps/x`,
          headers: { cookie: owner },
        }),
        404,
        'import.map_not_found',
      );
    });

    it('refuses uploads from service staff, without a file, with an unknown format, or over the size limit', async () => {
      expectError(
        await upload(service, [{ field: 'file', filename: 'a.csv', content: 'x' }]),
        403,
        'auth.forbidden',
      );
      expectError(await upload(owner, [{ field: 'format', value: 'taobao' }]), 400, 'request.invalid');
      expectError(
        await upload(owner, [
          { field: 'format', value: 'ebay' },
          { field: 'file', filename: 'a.csv', content: 'x' },
        ]),
        400,
        'request.invalid',
      );
      expectError(
        await upload(owner, [{ field: 'file', filename: 'big.csv', content: Buffer.alloc(1_100_000, 0x41) }]),
        413,
        'import.file_too_large',
      );
      expectError(
        await app.inject({
          method: 'POST',
          url: `/api/stores/${storeId}/imports`,
          headers: { cookie: owner },
          payload: { file: 'x' },
        }),
        415,
        'request.unsupported_media_type',
      );
      expect(readdirSync(join(uploads, String(storeId)))).toEqual([]); // nothing left behind
    });

    it('reports a file it cannot read as a failure in the job result, without retrying', async () => {
      const { jobId } = (
        await upload(owner, [{ field: 'file', filename: 'unknown.csv', content: 'foo,bar\n1,2\n' }])
      ).json() as { jobId: number };
      await startWorker(ctx, { handlers: jobHandlers }, false).drain();
      const job = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/jobs/${jobId}`,
          headers: { cookie: owner },
        })
      ).json();
      expect(job).toMatchObject({
        state: 'succeeded',
        attempts: 1,
        result: { files: [], failures: [{ file: 'unknown.csv', code: 'import.unknown_format' }] },
      });
    });
  });
}
