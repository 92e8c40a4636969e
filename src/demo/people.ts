import { type Random, WeightedChoice } from './random.js';

// Names, places and habits for demo customers. Weights are rough shares of online shoppers,
// enough for regional charts to look like a real store's.

const surnames = new WeightedChoice<string>(
  (
    [
      ['王', 7.1],
      ['李', 7.0],
      ['张', 6.8],
      ['刘', 5.4],
      ['陈', 4.5],
      ['杨', 3.1],
      ['黄', 2.2],
      ['赵', 2.2],
      ['吴', 2.0],
      ['周', 1.9],
      ['徐', 1.3],
      ['孙', 1.2],
      ['马', 1.2],
      ['朱', 1.1],
      ['胡', 1.0],
      ['郭', 1.0],
      ['何', 0.9],
      ['林', 0.9],
      ['高', 0.9],
      ['罗', 0.9],
      ['郑', 0.8],
      ['梁', 0.7],
      ['谢', 0.6],
      ['宋', 0.6],
      ['唐', 0.6],
      ['许', 0.5],
      ['韩', 0.5],
      ['冯', 0.5],
      ['邓', 0.5],
      ['曹', 0.5],
      ['彭', 0.4],
      ['曾', 0.4],
      ['肖', 0.4],
      ['田', 0.4],
      ['董', 0.4],
      ['潘', 0.3],
      ['袁', 0.3],
      ['蔡', 0.3],
      ['蒋', 0.3],
      ['余', 0.3],
    ] as const
  ).map(([name, weight]) => [name, weight] as const),
);

const femaleGiven = [
  '静',
  '丽',
  '婷',
  '敏',
  '燕',
  '艳',
  '娟',
  '霞',
  '芳',
  '娜',
  '雪',
  '琳',
  '欣怡',
  '雨婷',
  '佳怡',
  '思琪',
  '梦瑶',
  '晓燕',
  '慧敏',
  '丹丹',
  '倩',
  '颖',
  '璐',
  '悦',
  '蕾',
  '晨曦',
  '嘉欣',
  '子涵',
  '雅琪',
  '诗雨',
];
const maleGiven = [
  '伟',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '杰',
  '涛',
  '斌',
  '超',
  '浩然',
  '子轩',
  '俊杰',
  '志强',
  '建华',
  '晓东',
  '鹏',
  '宇',
  '昊',
  '博',
];

export function personName(random: Random, gender: 'female' | 'male'): string {
  return surnames.draw(random) + random.pick(gender === 'female' ? femaleGiven : maleGiven);
}

const nickWords = [
  '小鱼',
  '甜甜',
  '糖糖',
  '暖暖',
  '果果',
  '朵朵',
  '乐乐',
  '安安',
  '豆豆',
  '米粒',
  '橙子',
  '团团',
  '多多',
  '可乐',
  '小满',
  '七七',
  '皮皮',
  '悠悠',
  '布丁',
  '阳阳',
];
const nickSuffixes = ['妈妈', '麻麻', '的妈', '家', '宝贝', '爸爸', ''];

/** A Taobao-style buyer nick, unique per customer index. */
export function buyerNick(random: Random, index: number): string {
  const unique = (index + 46_656).toString(36); // ≥ 4 base-36 digits, one per index
  if (random.chance(0.25)) return `tb${unique}${random.int(10, 99)}`;
  return `${random.pick(nickWords)}${random.pick(nickSuffixes)}_${unique}`;
}

/** A phone number as marketplaces export it: the middle four digits masked. */
export function maskedPhone(random: Random): { phone: string; last4: string } {
  const last4 = String(random.int(0, 9999)).padStart(4, '0');
  return { phone: `1${random.pick(['3', '5', '7', '8', '9'])}${random.int(0, 9)}****${last4}`, last4 };
}

interface Province {
  readonly name: string;
  readonly cities: readonly (readonly [city: string, districts: readonly string[]])[];
}

const provinces: readonly (readonly [Province, number])[] = [
  [
    {
      name: '广东省',
      cities: [
        ['广州市', ['天河区', '海珠区', '白云区', '番禺区']],
        ['深圳市', ['南山区', '福田区', '宝安区', '龙岗区']],
        ['东莞市', ['南城街道', '东城街道']],
        ['佛山市', ['禅城区', '顺德区']],
      ],
    },
    14,
  ],
  [
    {
      name: '浙江省',
      cities: [
        ['杭州市', ['西湖区', '余杭区', '滨江区', '萧山区']],
        ['宁波市', ['鄞州区', '海曙区']],
        ['温州市', ['鹿城区', '瓯海区']],
      ],
    },
    9,
  ],
  [
    {
      name: '江苏省',
      cities: [
        ['南京市', ['鼓楼区', '江宁区', '秦淮区']],
        ['苏州市', ['姑苏区', '工业园区', '吴中区']],
        ['无锡市', ['梁溪区', '滨湖区']],
      ],
    },
    9,
  ],
  [
    {
      name: '山东省',
      cities: [
        ['济南市', ['历下区', '市中区']],
        ['青岛市', ['市南区', '崂山区', '黄岛区']],
        ['烟台市', ['芝罘区', '莱山区']],
      ],
    },
    7,
  ],
  [
    {
      name: '河南省',
      cities: [
        ['郑州市', ['金水区', '二七区', '中原区']],
        ['洛阳市', ['西工区', '洛龙区']],
      ],
    },
    6,
  ],
  [
    {
      name: '四川省',
      cities: [
        ['成都市', ['武侯区', '锦江区', '高新区', '双流区']],
        ['绵阳市', ['涪城区']],
      ],
    },
    6,
  ],
  [{ name: '上海', cities: [['上海市', ['浦东新区', '闵行区', '徐汇区', '宝山区']]] }, 5],
  [{ name: '北京', cities: [['北京市', ['朝阳区', '海淀区', '丰台区', '昌平区']]] }, 5],
  [
    {
      name: '湖北省',
      cities: [
        ['武汉市', ['武昌区', '洪山区', '江汉区']],
        ['宜昌市', ['西陵区']],
      ],
    },
    4.5,
  ],
  [
    {
      name: '福建省',
      cities: [
        ['福州市', ['鼓楼区', '仓山区']],
        ['厦门市', ['思明区', '湖里区']],
        ['泉州市', ['丰泽区']],
      ],
    },
    4.5,
  ],
  [{ name: '湖南省', cities: [['长沙市', ['岳麓区', '雨花区', '开福区']]] }, 4],
  [
    {
      name: '河北省',
      cities: [
        ['石家庄市', ['长安区', '桥西区']],
        ['保定市', ['竞秀区']],
      ],
    },
    4,
  ],
  [{ name: '安徽省', cities: [['合肥市', ['蜀山区', '包河区']]] }, 3.5],
  [{ name: '陕西省', cities: [['西安市', ['雁塔区', '未央区']]] }, 3],
  [{ name: '重庆', cities: [['重庆市', ['渝北区', '江北区', '南岸区']]] }, 3],
  [
    {
      name: '辽宁省',
      cities: [
        ['沈阳市', ['和平区', '浑南区']],
        ['大连市', ['沙河口区']],
      ],
    },
    2.5,
  ],
  [{ name: '江西省', cities: [['南昌市', ['红谷滩区', '东湖区']]] }, 2.5],
  [{ name: '广西壮族自治区', cities: [['南宁市', ['青秀区', '西乡塘区']]] }, 2],
  [{ name: '云南省', cities: [['昆明市', ['五华区', '官渡区']]] }, 2],
  [{ name: '天津', cities: [['天津市', ['南开区', '河西区']]] }, 2],
  [{ name: '山西省', cities: [['太原市', ['小店区']]] }, 1.5],
  [{ name: '黑龙江省', cities: [['哈尔滨市', ['南岗区', '道里区']]] }, 1.5],
  [{ name: '吉林省', cities: [['长春市', ['朝阳区']]] }, 1],
  [{ name: '贵州省', cities: [['贵阳市', ['观山湖区']]] }, 1],
  [{ name: '新疆维吾尔自治区', cities: [['乌鲁木齐市', ['天山区']]] }, 0.6],
];
const provinceChoice = new WeightedChoice(provinces);
const streets = [
  '人民路',
  '建设路',
  '中山路',
  '解放路',
  '新华路',
  '文化路',
  '和平路',
  '幸福路',
  '长江路',
  '滨江大道',
  '科技路',
  '花园路',
];
const estates = [
  '阳光花园',
  '金色家园',
  '翠湖苑',
  '锦绣华庭',
  '万科城',
  '碧桂园',
  '保利花园',
  '绿地小区',
  '世纪城',
  '东方明珠苑',
];

export interface Place {
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly address: string;
}

export function place(random: Random): Place {
  const province = provinceChoice.draw(random);
  const [city, districts] = random.pick(province.cities);
  const district = random.pick(districts);
  const address = `${province.name}${city}${district}${random.pick(streets)}${random.int(1, 999)}号${random.pick(estates)}${random.int(1, 30)}栋${random.int(1, 32)}0${random.int(1, 6)}室`;
  return { province: province.name, city, district, address };
}

export const occupations = [
  '教师',
  '医生',
  '护士',
  '公务员',
  '公司职员',
  '销售',
  '财务',
  '设计师',
  '工程师',
  '自由职业',
  '个体经营',
  '全职妈妈',
];

const creditLevels = new WeightedChoice<string>([
  ['1心', 4],
  ['2心', 6],
  ['3心', 9],
  ['4心', 10],
  ['5心', 10],
  ['1钻', 14],
  ['2钻', 13],
  ['3钻', 11],
  ['4钻', 8],
  ['5钻', 6],
  ['1皇冠', 6],
  ['2皇冠', 3],
]);

export function creditLevel(random: Random): string {
  return creditLevels.draw(random);
}

export const sellerNotes = [
  '要求发顺丰',
  '宝宝乳糖不耐受，推荐低敏配方',
  '老客户，优先发货',
  '地址常改，发货前电话确认',
  '喜欢赠品小样',
];
export const buyerMessages = [
  '请尽快发货，谢谢',
  '生产日期要新的',
  '麻烦包装严实一点',
  '送人的，不要放发票',
  '能多送几包湿巾吗',
];
