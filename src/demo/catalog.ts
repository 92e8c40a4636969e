// The demo store's catalogue: a mother-and-baby shop (母婴店). Ages are the baby's age in months;
// a product fits a baby from `fromMonth` up to (not including) `toMonth`. Prices in fen.

export type ProductLine = 'formula' | 'diapers' | 'bottles' | 'toys' | 'books' | 'care';

export interface DemoProduct {
  readonly key: string; // 商家编码
  readonly title: string;
  readonly category: string;
  readonly line: ProductLine;
  readonly price: number;
  readonly fromMonth: number;
  readonly toMonth: number;
  readonly brand?: string;
  readonly stage?: 1 | 2 | 3;
  readonly size?: string;
}

const formula = (
  brand: string,
  series: string,
  code: string,
  prices: readonly [number, number, number],
): DemoProduct[] =>
  ([1, 2, 3] as const).map((stage) => ({
    key: `${code}-S${stage}-800`,
    title: `${brand}${series}${['', '1段', '2段', '3段'][stage]}婴幼儿配方奶粉 800g`,
    category: `奶粉/${stage}段`,
    line: 'formula',
    price: prices[stage - 1]!,
    fromMonth: [0, 0, 6, 12][stage]!,
    toMonth: [0, 6, 12, 36][stage]!,
    brand,
    stage,
  }));

const diaperSizes = [
  ['NB', 0, 1, '纸尿裤 NB码 84片'],
  ['S', 1, 3, '纸尿裤 S码 76片'],
  ['M', 3, 7, '纸尿裤 M码 64片'],
  ['L', 7, 14, '纸尿裤 L码 54片'],
  ['XL', 14, 24, '拉拉裤 XL码 44片'],
  ['XXL', 24, 36, '拉拉裤 XXL码 38片'],
] as const;

export const demoCatalog: readonly DemoProduct[] = [
  ...formula('飞鹤', '星飞帆', 'FH-XFF', [25_800, 24_800, 22_800]),
  ...formula('君乐宝', '至臻A2', 'JLB-ZZ', [19_800, 18_800, 17_800]),
  ...diaperSizes.map(([size, fromMonth, toMonth, name], index) => ({
    key: `HQ-XZ-${size}`,
    title: `好奇心钻装${name}`,
    category: '纸尿裤',
    line: 'diapers' as const,
    price: index < 4 ? 13_900 : 15_900,
    fromMonth,
    toMonth,
    size,
  })),
  {
    key: 'BQ-NP-160',
    title: '贝亲宽口径玻璃奶瓶 160ml',
    category: '奶瓶',
    line: 'bottles',
    price: 8_900,
    fromMonth: -2,
    toMonth: 6,
  },
  {
    key: 'BQ-NP-240',
    title: '贝亲PPSU宽口径奶瓶 240ml',
    category: '奶瓶',
    line: 'bottles',
    price: 12_900,
    fromMonth: 4,
    toMonth: 24,
  },
  {
    key: 'BQ-XGB-300',
    title: '贝亲婴儿吸管杯 300ml',
    category: '奶瓶',
    line: 'bottles',
    price: 7_900,
    fromMonth: 9,
    toMonth: 36,
  },
  {
    key: 'TOY-YL-01',
    title: '婴儿安抚摇铃牙胶套装',
    category: '玩具',
    line: 'toys',
    price: 5_900,
    fromMonth: 0,
    toMonth: 8,
  },
  {
    key: 'TOY-PX-02',
    title: '宝宝爬行学步早教玩具',
    category: '玩具',
    line: 'toys',
    price: 12_900,
    fromMonth: 6,
    toMonth: 18,
  },
  {
    key: 'TOY-JM-03',
    title: '大颗粒益智积木 100粒',
    category: '玩具',
    line: 'toys',
    price: 15_900,
    fromMonth: 12,
    toMonth: 36,
  },
  {
    key: 'BK-HBK-01',
    title: '婴儿黑白卡早教卡片',
    category: '图书',
    line: 'books',
    price: 2_990,
    fromMonth: -2,
    toMonth: 6,
  },
  {
    key: 'BK-BS-02',
    title: '宝宝撕不烂布书 6册',
    category: '图书',
    line: 'books',
    price: 4_900,
    fromMonth: 3,
    toMonth: 12,
  },
  {
    key: 'BK-FFS-03',
    title: '乐乐趣幼儿翻翻书 8册',
    category: '图书',
    line: 'books',
    price: 6_800,
    fromMonth: 12,
    toMonth: 36,
  },
  {
    key: 'CARE-SJ-80',
    title: '婴儿手口湿巾 80抽×6包',
    category: '洗护',
    line: 'care',
    price: 5_990,
    fromMonth: -2,
    toMonth: 36,
  },
  {
    key: 'CARE-XH-SET',
    title: '婴儿洗发沐浴二合一洗护套装',
    category: '洗护',
    line: 'care',
    price: 9_900,
    fromMonth: 0,
    toMonth: 36,
  },
];

/** The index of each product in demoCatalog; product ids are index + 1. */
export const catalogIndex = new Map(demoCatalog.map((product, index) => [product, index]));

export function formulaFor(brand: string, ageMonths: number): DemoProduct | undefined {
  return demoCatalog.find(
    (p) => p.line === 'formula' && p.brand === brand && ageMonths >= p.fromMonth && ageMonths < p.toMonth,
  );
}

export function diapersFor(ageMonths: number): DemoProduct | undefined {
  return demoCatalog.find((p) => p.line === 'diapers' && ageMonths >= p.fromMonth && ageMonths < p.toMonth);
}

export function extrasFor(ageMonths: number): DemoProduct[] {
  return demoCatalog.filter(
    (p) =>
      (p.line === 'bottles' || p.line === 'toys' || p.line === 'books' || p.line === 'care') &&
      ageMonths >= p.fromMonth &&
      ageMonths < p.toMonth,
  );
}
