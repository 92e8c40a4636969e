// The dashboard's languages. Pure (no browser APIs), so formatting code the tests import can name them.

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
