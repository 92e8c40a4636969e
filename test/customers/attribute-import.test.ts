import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import { importCustomerAttributes, parseBirthday } from '../../src/customers/attribute-import.js';
import { jobHandlers } from '../../src/jobs/registry.js';
import { startWorker } from '../../src/jobs/worker.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import { addStore, addUser, expectError, signIn, testApp, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';
import { multipart } from '../helpers/multipart.js';

// Profile fields from a file, matched by nick or email, with rejected rows reported like the
// order import's; importing the same file again changes nothing.

const CSV = [
  '买家会员名,性别,生日,职业,信用等级,标签,偏好,偏好:尺码',
  'alice_tb,女,1990-03-08,教师,3钻,VIP、老客,颜色:藏青; 风格:简约,M',
  'bob_tb,男,12月24日,,,复购,,XL',
  'nobody,女,1990-01-01,,,,,',
  'alice_tb,未知,1990-01-01,,,,,',
  'bob_tb,男,1990-02-30,,,,,',
  ',女,1990-01-01,,,,,',
  'bob_tb,,,,,,"颜色藏青",',
  '"=cmd|\' /C calc\'!A0",女,,,,,,',
].join('\r\n');

describe('birthdays in a file', () => {
  it('reads the usual ways of writing them and refuses the rest', () => {
    expect(parseBirthday('1990-03-08')).toEqual({ year: 1990, month: 3, day: 8 });
    expect(parseBirthday('1990/3/8')).toEqual({ year: 1990, month: 3, day: 8 });
    expect(parseBirthday('1990年3月8日')).toEqual({ year: 1990, month: 3, day: 8 });
    expect(parseBirthday('03-08')).toEqual({ year: null, month: 3, day: 8 });
    expect(parseBirthday('2月29日')).toEqual({ year: null, month: 2, day: 29 });
    expect(parseBirthday(new Date(Date.UTC(1985, 6, 1)))).toEqual({ year: 1985, month: 7, day: 1 });
    for (const bad of ['1990-02-30', '13-01', 'yesterday', '1850-01-01', '1990-3'])
      expect(typeof parseBirthday(bad), bad).toBe('string');
  });
});

for (const testDatabase of testDatabases()) {
  describe(`customer attribute import on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    const dir = mkdtempSync(join(tmpdir(), 'laoke-attributes-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let owner: string;
    let alice: CustomerId;
    let bob: CustomerId;

    beforeAll(async () => {
      ctx = testContext(handle.get(), { env: { LAOKE_UPLOAD_DIR: join(dir, 'uploads') } });
      app = await testApp(ctx);
      storeId = await addStore(ctx, '属性店', await addUser(ctx, 'owner'));
      owner = await signIn(app, 'owner');
      alice = await insertCustomerWithOrders(handle.get().db, storeId, 'alice_tb', [
        { at: '2026-05-01T04:00:00Z', net: 1_000 },
      ]);
      bob = await insertCustomerWithOrders(handle.get().db, storeId, 'bob_tb', [
        { at: '2026-05-01T04:00:00Z', net: 1_000 },
      ]);
      await handle
        .get()
        .db.updateTable('customers')
        .set({ email: 'bob@example.com', preferences: '{"口味":"甜"}' })
        .where('store_id', '=', storeId)
        .where('id', '=', bob)
        .execute();
    });

    const profile = async (id: CustomerId) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/customers/${id}`,
          headers: { cookie: owner },
        })
      ).json();

    it('updates matched customers from a GBK CSV and rejects the rest with line and reason', async () => {
      const path = join(dir, 'attributes.csv');
      writeFileSync(path, iconv.encode(CSV, 'gb18030'));
      const summary = await importCustomerAttributes(ctx, storeId, cliActor(), path, { matchBy: 'nick' });
      expect(summary).toMatchObject({ read: 8, updated: 2, unchanged: 0, rejected: 6 });
      expect(await profile(alice)).toMatchObject({
        gender: 'female',
        birthday: { year: 1990, month: 3, day: 8 },
        occupation: '教师',
        creditLevel: '3钻',
        tags: ['VIP', '老客'],
        preferences: { 尺码: 'M', 颜色: '藏青', 风格: '简约' },
      });
      expect(await profile(bob)).toMatchObject({
        gender: 'male',
        birthday: { year: null, month: 12, day: 24 },
        tags: ['复购'],
        preferences: { 口味: '甜', 尺码: 'XL' }, // merged with what was there
      });
      const rejections = await handle
        .get()
        .db.selectFrom('import_rejections')
        .select(['line', 'code', 'message'])
        .where('store_id', '=', storeId)
        .where('import_run_id', '=', summary.runId)
        .orderBy('line')
        .execute();
      expect(
        rejections.map((r) => [r.line, r.code]),
        JSON.stringify(rejections),
      ).toEqual([
        [4, 'customer_not_found'],
        [5, 'bad_value'],
        [6, 'bad_value'],
        [7, 'missing_value'],
        [8, 'bad_value'],
        [9, 'customer_not_found'],
      ]);
      expect(rejections[1]!.message).toContain('expected 男/女');
      expect(rejections[3]!.message).toContain('买家会员名 is empty');
    });

    it('changes nothing when the same file comes again', async () => {
      const before = [await profile(alice), await profile(bob)];
      const summary = await importCustomerAttributes(ctx, storeId, cliActor(), join(dir, 'attributes.csv'), {
        matchBy: 'nick',
      });
      expect(summary).toMatchObject({ read: 8, updated: 0, unchanged: 2, rejected: 6 });
      expect([await profile(alice), await profile(bob)]).toEqual(before);
    });

    it('matches by email in an XLSX with a date cell', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('客户');
      sheet.addRow(['email', 'occupation', 'birthday', 'tags']);
      sheet.addRow(['BOB@example.com', '程序员', new Date(Date.UTC(1988, 10, 5)), 'VIP']);
      const path = join(dir, 'attributes.xlsx');
      await workbook.xlsx.writeFile(path);
      const summary = await importCustomerAttributes(ctx, storeId, cliActor(), path, { matchBy: 'email' });
      expect(summary).toMatchObject({ read: 1, updated: 1, rejected: 0 });
      expect(await profile(bob)).toMatchObject({
        occupation: '程序员',
        birthday: { year: 1988, month: 11, day: 5 },
        tags: ['VIP', '复购'],
      });
    });

    it('refuses a file without the key column or without any profile column, saying what it expected', async () => {
      const noKey = join(dir, 'no-key.csv');
      writeFileSync(noKey, '姓名,性别\r\n王芳,女\r\n');
      await expect(
        importCustomerAttributes(ctx, storeId, cliActor(), noKey, { matchBy: 'nick' }),
      ).rejects.toThrow(/expected one of 买家会员名/);
      const noProfile = join(dir, 'no-profile.csv');
      writeFileSync(noProfile, '买家会员名,金额\r\nalice_tb,1\r\n');
      await expect(
        importCustomerAttributes(ctx, storeId, cliActor(), noProfile, { matchBy: 'nick' }),
      ).rejects.toThrow(/no profile column/);
      const empty = join(dir, 'empty.csv');
      writeFileSync(empty, '');
      await expect(
        importCustomerAttributes(ctx, storeId, cliActor(), empty, { matchBy: 'nick' }),
      ).rejects.toThrow(/no header row/);
    });

    it('takes an upload through the API, imports it in a job and lists the run with its rejections', async () => {
      const upload = (parts: Parameters<typeof multipart>[0]) => {
        const body = multipart(parts);
        return app.inject({
          method: 'POST',
          url: `/api/stores/${storeId}/customers/attribute-imports`,
          headers: { cookie: owner, ...body.headers },
          payload: body.payload,
        });
      };
      const csv = Papa.unparse([
        ['买家会员名', '职业'],
        ['alice_tb', '医生'],
        ['ghost', '医生'],
      ]);
      const response = await upload([
        { field: 'matchBy', value: 'nick' },
        { field: 'file', filename: '客户属性.csv', content: csv },
      ]);
      expect(response.statusCode, response.body).toBe(202);
      expect(await startWorker(ctx, { handlers: jobHandlers }, false).drain()).toBe(1);
      const job = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/jobs/${response.json().jobId}`,
          headers: { cookie: owner },
        })
      ).json();
      expect(job).toMatchObject({
        state: 'succeeded',
        result: { file: { read: 2, updated: 1, rejected: 1 } },
      });
      expect((await profile(alice)).occupation).toBe('医生');
      const runs = (
        await app.inject({ method: 'GET', url: `/api/stores/${storeId}/imports`, headers: { cookie: owner } })
      ).json().runs;
      expect(runs[0]).toMatchObject({
        format: 'customer-attributes',
        fileName: '客户属性.csv',
        read: 2,
        imported: 1,
        rejected: 1,
        status: 'succeeded',
      });
      expectError(
        await upload([
          { field: 'matchBy', value: 'phone' },
          { field: 'file', filename: 'x.csv', content: csv },
        ]),
        400,
        'request.invalid',
      );
    });
  });
}
