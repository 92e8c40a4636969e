import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import { saveColumnMap } from '../../src/orders/column-maps.store.js';
import { importOrderFile } from '../../src/orders/importer.js';
import { assertSafeZip } from '../../src/orders/source/xlsx.js';
import type { StoreId } from '../../src/shared/ids.js';
import { createStore } from '../../src/stores/service.js';
import { addUser, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

const work = mkdtempSync(join(tmpdir(), 'laoke-xlsx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A spreadsheet as an operator saves it: dates as date cells, amounts as numbers. */
async function spreadsheet(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('订单');
  sheet.addRow(['单号', '会员', '下单时间', '实付', '件数']);
  sheet.addRow(['X-1', 'm1', new Date(Date.UTC(2026, 10, 1, 2, 0)), 120.5, 2]);
  sheet.addRow(['X-2', 'm1', '2026/11/5 9:03', '¥1,299.00', 1]);
  sheet.addRow([3_000_000_000_000_001_000, 'm2', new Date(Date.UTC(2026, 10, 6)), 10, 1]); // a 19-digit number: digits lost
  sheet.addRow(['X-4', 'm3', 46_000.5, 99.9, 1]); // an Excel serial typed as a number
  sheet.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm';
  const path = join(work, 'orders.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

/** A zip whose one entry inflates ~1,000-fold: the shape of a zip bomb, small enough for a test. */
function zipBomb(): string {
  const data = Buffer.alloc(100 * 1024 * 1024); // 100 MiB of zeros in ~100 KiB
  const compressed = deflateRawSync(data, { level: 9 });
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // crc (not checked before inflating)
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const directoryOffset = local.length + name.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  const path = join(work, 'bomb.xlsx');
  writeFileSync(path, Buffer.concat([local, name, compressed, central, name, end]));
  return path;
}

for (const testDatabase of testDatabases()) {
  describe(`XLSX import on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let store: StoreId;

    beforeAll(async () => {
      ctx = testContext(handle.get());
      const owner = await addUser(ctx, 'xlsx');
      store = await createStore(ctx, cliActor(owner), owner, { name: '表格店', platform: 'other' });
      await saveColumnMap(
        handle.get().db,
        store,
        '表格',
        {
          columns: {
            orderId: '单号',
            customerKey: '会员',
            orderedAt: '下单时间',
            amount: '实付',
            quantity: '件数',
          },
        },
        ctx.clock.now(),
      );
    });

    it('reads date cells, Excel serials and numbers, and refuses an order number that lost its digits', async () => {
      const summary = await importOrderFile(ctx, store, cliActor(), await spreadsheet());
      expect(summary).toMatchObject({
        format: 'generic',
        encoding: 'xlsx',
        read: 4,
        inserted: 3,
        rejected: 1,
      });
      const orders = await handle
        .get()
        .db.selectFrom('orders')
        .select(['external_id', 'ordered_at', 'paid_amount'])
        .where('store_id', '=', store)
        .orderBy('external_id')
        .execute();
      expect(orders).toEqual([
        // a date cell is wall-clock time: 2026-11-01 02:00 in Asia/Shanghai
        { external_id: 'X-1', ordered_at: Date.UTC(2026, 9, 31, 18, 0), paid_amount: 12_050 },
        { external_id: 'X-2', ordered_at: Date.UTC(2026, 10, 5, 1, 3), paid_amount: 129_900 },
        // serial 46000.5 is 2025-12-09 12:00 on the wall clock, read in Asia/Shanghai
        { external_id: 'X-4', ordered_at: Date.UTC(2025, 11, 9, 4, 0), paid_amount: 9_990 },
      ]);
      const rejected = await handle
        .get()
        .db.selectFrom('import_rejections')
        .select(['line', 'code'])
        .where('store_id', '=', store)
        .execute();
      expect(rejected).toEqual([{ line: 4, code: 'order_id_precision' }]);
    });
  });
}

describe('the zip check before reading an .xlsx', () => {
  it('refuses a file that would inflate far beyond its size, before inflating it', async () => {
    await expect(assertSafeZip(zipBomb())).rejects.toMatchObject({ code: 'import.file_too_large' });
  });

  it('refuses a file that is no zip at all', async () => {
    const path = join(work, 'fake.xlsx');
    writeFileSync(path, 'PK\u0003\u0004 not really a zip');
    await expect(assertSafeZip(path)).rejects.toMatchObject({ code: 'import.unreadable' });
  });
});
