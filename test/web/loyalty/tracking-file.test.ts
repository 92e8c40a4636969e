import { describe, expect, it } from 'vitest';
import { readTrackingFile } from '../../../web/src/pages/loyalty/gifts/tracking-file.js';

describe('readTrackingFile', () => {
  it('takes the rows of the filled-in shipping list that have a tracking number', () => {
    const text =
      '\uFEFF客户ID,昵称,收件人,手机,省份,城市,区县,收货地址,礼品编码,礼品,状态,快递单号\r\n' +
      '3,,王芳,13800138001,浙江,杭州,,文三路1号,MOON-88,中秋月饼礼盒,待打包,SF1234567890\r\n' +
      '5,,李娜,13800138003,,,,,MOON-88,中秋月饼礼盒,待打包,\r\n' +
      ',,赵强,,,,,,MOON-88,中秋月饼礼盒,待打包,YT998877\r\n';
    expect(readTrackingFile(text)).toEqual({
      updates: [{ customerId: 3, status: 'shipped', trackingNo: 'SF1234567890' }],
      badLines: [4],
    });
  });

  it('reads the English file too', () => {
    expect(readTrackingFile('Customer ID,Tracking no.\n7, JD0001 \n')?.updates).toEqual([
      { customerId: 7, status: 'shipped', trackingNo: 'JD0001' },
    ]);
  });

  it('refuses a file without the two columns', () => {
    expect(readTrackingFile('订单编号,快递单号\n1,SF1\n')).toBeNull();
    expect(readTrackingFile('')).toBeNull();
  });
});
