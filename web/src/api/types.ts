// Shapes the API answers with that several pages share. Instants are epoch milliseconds (UTC);
// money is integer minor units of the store currency.

export type Role = 'owner' | 'operator' | 'service';
export const roles: readonly Role[] = ['owner', 'operator', 'service'];

export type Platform = 'taobao' | 'tmall' | 'jd' | 'douyin' | 'pinduoduo' | 'shopify' | 'other';
export const platforms: readonly Platform[] = [
  'taobao',
  'tmall',
  'jd',
  'douyin',
  'pinduoduo',
  'shopify',
  'other',
];

export interface User {
  readonly id: number;
  readonly login: string;
  readonly displayName: string;
  readonly locale: string | null;
}

export interface StoreSummary {
  readonly id: number;
  readonly name: string;
  readonly platform: Platform;
  readonly currency: string;
  readonly timeZone: string;
  readonly isDemo: boolean;
  /** Your role in this store. */
  readonly role: Role;
}
