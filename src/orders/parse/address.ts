// Splits a Chinese shipping address into province and city (地域). Taobao separates the parts with
// spaces (浙江省 杭州市 西湖区 文三路123号(310012)); other exports run them together
// (浙江省杭州市西湖区…). The four municipalities (北京, 上海, 天津, 重庆) are both province and city.

export interface Region {
  readonly province: string | null;
  readonly city: string | null;
  readonly district: string | null;
}

const MUNICIPALITIES = ['北京', '上海', '天津', '重庆'] as const;
const PROVINCE = /^(.{2,8}?(?:省|自治区|特别行政区))/;
const CITY = /^(.{1,10}?(?:市|自治州|地区|盟))/;
const DISTRICT = /^(.{1,10}?(?:区|县|市|旗))/;

export function parseRegion(address: string | null): Region {
  const text = address?.trim();
  if (!text) return { province: null, city: null, district: null };
  const municipality = MUNICIPALITIES.find((name) => text.startsWith(name));
  if (municipality) {
    const rest = text
      .slice(municipality.length)
      .replace(/^市?\s*/, '')
      .replace(new RegExp(`^${municipality}市\\s*`), '');
    return { province: municipality, city: `${municipality}市`, district: firstMatch(DISTRICT, rest) };
  }
  const parts = text.split(/\s+/);
  if (parts.length >= 3 && PROVINCE.test(parts[0]!)) {
    return { province: parts[0]!, city: parts[1] ?? null, district: parts[2] ?? null };
  }
  const province = firstMatch(PROVINCE, text);
  if (!province) return { province: null, city: null, district: null };
  const afterProvince = text.slice(province.length).trimStart();
  const city = firstMatch(CITY, afterProvince);
  const district = city ? firstMatch(DISTRICT, afterProvince.slice(city.length).trimStart()) : null;
  return { province, city, district };
}

function firstMatch(pattern: RegExp, text: string): string | null {
  return pattern.exec(text)?.[1] ?? null;
}
