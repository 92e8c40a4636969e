import type { Occasion, RecipientStatus } from './types';

export const occasionKeys: readonly Occasion[] = [
  'spring_festival',
  'lantern',
  'dragon_boat',
  'qixi',
  'mid_autumn',
  'national_day',
  'new_year',
  'birthday',
  'other',
];

export const recipientStatusColours: Record<RecipientStatus, string> = {
  planned: 'default',
  packed: 'blue',
  shipped: 'green',
};
