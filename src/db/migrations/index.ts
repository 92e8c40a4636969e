import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as orderImport from './0002-import.js';
import * as fillFactor from './0003-fill-factor.js';
import * as customerArchive from './0004-customer-archive.js';
import * as analytics from './0005-analytics.js';
import * as lifecycleProducts from './0006-lifecycle-products.js';
import * as predictions from './0007-predictions.js';
import * as messaging from './0008-messaging.js';
import * as messagingChannels from './0009-messaging-channels.js';
import * as audiences from './0010-audiences.js';
import * as campaigns from './0011-campaigns.js';
import * as loyaltyTiers from './0012-loyalty-tiers.js';
import * as couponsGifts from './0013-coupons-gifts.js';
import * as afterSales from './0014-after-sales.js';
import * as storeChangeNotices from './0015-store-change-notices.js';
import * as promotions from './0016-promotions.js';
import * as promotionPhaseAudiences from './0017-promotion-phase-audiences.js';
import * as promotionTaskGifts from './0018-promotion-task-gifts.js';

// Every migration, in order. Names sort; never rename or edit one that has shipped: add another.
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-import': orderImport,
  '0003-fill-factor': fillFactor,
  '0004-customer-archive': customerArchive,
  '0005-analytics': analytics,
  '0006-lifecycle-products': lifecycleProducts,
  '0007-predictions': predictions,
  '0008-messaging': messaging,
  '0009-messaging-channels': messagingChannels,
  '0010-audiences': audiences,
  '0011-campaigns': campaigns,
  '0012-loyalty-tiers': loyaltyTiers,
  '0013-coupons-gifts': couponsGifts,
  '0014-after-sales': afterSales,
  '0015-store-change-notices': storeChangeNotices,
  '0016-promotions': promotions,
  '0017-promotion-phase-audiences': promotionPhaseAudiences,
  '0018-promotion-task-gifts': promotionTaskGifts,
};
