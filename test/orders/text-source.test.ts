import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openTextSource } from '../../src/orders/source/text.js';
import type { Rejection, SourceRecord } from '../../src/orders/source/types.js';

const dir = mkdtempSync(join(tmpdir(), 'laoke-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function readAll(path: string, layout: 'csv' | 'whitespace' = 'csv') {
  const source = openTextSource(path, { layout });
  const out: (SourceRecord | Rejection)[] = [];
  for await (const entry of source.records) out.push(entry);
  return { out, stats: source.stats() };
}

const records = (out: readonly (SourceRecord | Rejection)[]) =>
  out.filter((e): e is SourceRecord => e.kind === 'record');
const rejections = (out: readonly (SourceRecord | Rejection)[]) =>
  out.filter((e): e is Rejection => e.kind === 'rejected');

describe('the text source', () => {
  it('reads a GBK (GB18030) file with CRLF line ends', async () => {
    const path = file(
      'gbk.csv',
      iconv.encode('订单编号,买家会员名\r\n1001,小鱼妈妈\r\n1002,甜甜\r\n', 'gb18030'),
    );
    const { out, stats } = await readAll(path);
    expect(records(out).map((r) => [r.line, ...r.fields])).toEqual([
      [1, '订单编号', '买家会员名'],
      [2, '1001', '小鱼妈妈'],
      [3, '1002', '甜甜'],
    ]);
    expect(stats.encoding).toBe('gb18030');
  });

  it('reads UTF-8 with a BOM, and quoted fields over several lines with their first line', async () => {
    const path = file(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,"多\n行"\n2,x\n')]),
    );
    const { out, stats } = await readAll(path);
    expect(records(out).map((r) => [r.line, ...r.fields])).toEqual([
      [1, 'a', 'b'],
      [2, '1', '多\n行'],
      [4, '2', 'x'],
    ]);
    expect(stats.encoding).toBe('utf-8');
  });

  it('reads each line of a file that mixes UTF-8 and GBK in its own encoding', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n1,小鱼\n'),
      iconv.encode('2,甜甜妈妈\n', 'gb18030'),
      Buffer.from('3,果果\n'),
    ]);
    const { out, stats } = await readAll(file('mixed.csv', bytes));
    expect(records(out).map((r) => r.fields[1])).toEqual(['b', '小鱼', '甜甜妈妈', '果果']);
    expect(stats).toMatchObject({ encoding: 'mixed utf-8 and gb18030', utf8Lines: 2, gb18030Lines: 1 });
  });

  it('reads a GBK line that is also valid UTF-8 as GBK when the file is GBK', async () => {
    // 女 is C5 AE in GBK, which is also UTF-8 for Ů; 女士 is C5 AE CA BF, which is not UTF-8.
    const bytes = iconv.encode('买家会员名,性别\r\n小鱼,女士\r\nnobody,女\r\n', 'gb18030');
    expect(Buffer.from('nobody,女').equals(iconv.encode('nobody,女', 'gb18030'))).toBe(false);
    const { out, stats } = await readAll(file('gbk-ambiguous.csv', bytes));
    expect(records(out).map((r) => r.fields[1])).toEqual(['性别', '女士', '女']);
    expect(stats.encoding).toBe('gb18030');
  });

  it('rejects a line of bytes that are neither UTF-8 nor GB18030, keeping the others', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n1,ok\n2,'),
      Buffer.from([0x80, 0xff, 0x80]),
      Buffer.from('\n3,ok\n'),
    ]);
    const { out } = await readAll(file('bad.csv', bytes));
    expect(records(out).map((r) => r.fields[0])).toEqual(['a', '1', '3']);
    expect(rejections(out)).toEqual([expect.objectContaining({ line: 3, code: 'bad_encoding' })]);
  });

  it('reports an unclosed quote with the line it opened on, after the good rows', async () => {
    const { out } = await readAll(file('quote.csv', 'a,b\n1,x\n2,"never closed\n3,y\n'));
    expect(records(out).map((r) => r.fields[0])).toEqual(['a', '1']);
    expect(rejections(out)).toEqual([expect.objectContaining({ line: 3, code: 'unclosed_quote' })]);
    expect(rejections(out)[0]!.message).toContain('line 3');
  });

  it('reads UTF-16 tab-separated "Unicode text" exports', async () => {
    const text = 'a\tb\r\n1\t小鱼\r\n';
    const path = file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { out, stats } = await readAll(path);
    expect(records(out).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '小鱼'],
    ]);
    expect(stats.encoding).toBe('utf-16le');
  });

  it('keeps a leading tab inside a comma-separated field', async () => {
    const { out } = await readAll(file('tab.csv', 'id,name\n\t3000000000000001000,x\n'));
    expect(records(out)[1]!.fields[0]).toBe('\t3000000000000001000');
  });

  it('splits whitespace-separated files and numbers their lines', async () => {
    const { out } = await readAll(
      file('cdnow.txt', ' 00001 19970101  1   11.77\r\n\r\n 00002 19970112  1   12.00\r\n'),
      'whitespace',
    );
    expect(records(out).map((r) => [r.line, ...r.fields])).toEqual([
      [1, '00001', '19970101', '1', '11.77'],
      [3, '00002', '19970112', '1', '12.00'],
    ]);
  });

  it('reads nothing from an empty file', async () => {
    const { out } = await readAll(file('empty.csv', ''));
    expect(out).toEqual([]);
  });
});
