import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  ApiTokenId,
  CustomerId,
  ImportRunId,
  JobId,
  OrderId,
  ProductId,
  StoreId,
  UserId,
} from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import type { Instant } from '../shared/time.js';

// The table types Kysely checks every query against. docs/data-model.md explains each table.
// Conventions: `store_id` leads every key; flags are 0/1 integers (the same on both databases);
// money is integer minor units (Fen); instants are epoch milliseconds (Instant); JSON is text.

export type Flag = 0 | 1;
export type Role = 'owner' | 'operator' | 'service';
export type Platform = 'taobao' | 'tmall' | 'jd' | 'douyin' | 'pinduoduo' | 'shopify' | 'other';
export type Gender = 'female' | 'male';
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type OrderStatus =
  | 'pending_payment' // 等待买家付款
  | 'paid' // 买家已付款，等待卖家发货
  | 'shipped' // 卖家已发货，等待买家确认
  | 'completed' // 交易成功
  | 'closed' // 交易关闭
  | 'refunded'; // fully refunded after payment

/** A column the database fills (an id or a default) on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface StoresTable {
  id: Generated<StoreId>;
  name: string;
  platform: Platform;
  currency: string;
  time_zone: string;
  settings: Defaulted<string>; // JSON, see src/stores/settings.ts
  is_demo: Defaulted<Flag>;
  created_at: Instant;
  updated_at: Instant;
}

export interface UsersTable {
  id: Generated<UserId>;
  login: string; // lower-cased
  display_name: string;
  password_hash: string;
  locale: string | null;
  created_at: Instant;
  updated_at: Instant;
  last_login_at: Instant | null;
  disabled_at: Instant | null;
}

export interface SessionsTable {
  id_hash: string; // sha256 of the cookie value; the value itself is never stored
  user_id: UserId;
  created_at: Instant;
  expires_at: Instant;
  last_seen_at: Instant;
  ip: string | null;
  user_agent: string | null;
}

export interface StoreMembersTable {
  store_id: StoreId;
  user_id: UserId;
  role: Role;
  created_at: Instant;
}

export interface ApiTokensTable {
  store_id: StoreId;
  id: ApiTokenId;
  user_id: UserId;
  name: string;
  token_hash: string;
  token_prefix: string;
  role: Role;
  created_at: Instant;
  last_used_at: Instant | null;
  expires_at: Instant | null;
  revoked_at: Instant | null;
}

export interface IdSequencesTable {
  store_id: StoreId;
  name: string;
  next_id: number;
}

export interface CustomersTable {
  store_id: StoreId;
  id: CustomerId;
  customer_key: string; // how orders find the customer: buyer nick, email or platform id
  nick: string | null; // 买家会员名
  name: string | null;
  gender: Gender | null;
  birth_year: number | null;
  birth_month: number | null;
  birth_day: number | null;
  phone: string | null; // as received; marketplaces often mask it (138****1234)
  phone_last4: string | null;
  phone_masked: Defaulted<Flag>;
  email: string | null;
  address: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  occupation: string | null;
  credit_level: string | null; // 信用等级, e.g. 3心, 1钻
  preferences: Defaulted<string>; // JSON object of free key/values (colour, style, hobbies…)
  notes: string | null;
  consent_sms: Flag | null; // 1 allowed, 0 refused/opted out, null unknown
  consent_email: Flag | null;
  consent_wechat: Flag | null;
  consent_call: Flag | null;
  source: string; // import, manual, demo
  first_order_at: Instant | null;
  last_order_at: Instant | null;
  order_count: Defaulted<number>;
  total_spent: Defaulted<Fen>;
  item_count: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
  erased_at: Instant | null;
  merged_into_id: CustomerId | null;
}

export interface CustomerTagsTable {
  store_id: StoreId;
  customer_id: CustomerId;
  tag: string;
  created_at: Instant;
}

export interface ProductsTable {
  store_id: StoreId;
  id: ProductId;
  product_key: string; // the seller's code (商家编码) or, lacking one, the normalised title
  sku: string | null;
  title: string;
  category: string | null;
  price: Fen | null;
  attributes: Defaulted<string>; // JSON
  created_at: Instant;
  updated_at: Instant;
}

export interface OrdersTable {
  store_id: StoreId;
  id: OrderId;
  external_id: string; // the platform's order number; a string, 19 digits overflow a double
  customer_id: CustomerId;
  status: OrderStatus;
  is_purchase: Flag; // counts in roll-ups and analysis (paid and not closed)
  ordered_at: Instant;
  paid_at: Instant | null;
  goods_amount: Fen;
  shipping_fee: Defaulted<Fen>;
  discount_amount: Defaulted<Fen>;
  paid_amount: Fen;
  refund_amount: Defaulted<Fen>;
  net_amount: Fen; // paid_amount - refund_amount
  item_count: number;
  discount_code: string | null;
  buyer_message: string | null;
  seller_note: string | null;
  receiver_name: string | null;
  receiver_phone: string | null;
  receiver_address: string | null;
  province: string | null;
  city: string | null;
  import_run_id: ImportRunId | null;
  /** Digest of the order as last imported (src/orders/order-hash.ts). */
  source_hash: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface OrderItemsTable {
  store_id: StoreId;
  order_id: OrderId;
  line_no: number;
  product_id: ProductId | null;
  sku: string | null;
  title: string;
  attributes: string | null; // 商品属性 as exported, e.g. 颜色分类:蓝色;尺码:L
  unit_price: Fen;
  quantity: number;
  amount: Fen;
  refund_amount: Defaulted<Fen>;
  import_run_id: ImportRunId | null;
}

export interface ImportRunsTable {
  store_id: StoreId;
  id: ImportRunId;
  format: string;
  file_name: string | null;
  file_sha256: string | null;
  status: 'running' | 'succeeded' | 'failed';
  rows_read: Defaulted<number>;
  rows_imported: Defaulted<number>;
  rows_rejected: Defaulted<number>;
  orders_created: Defaulted<number>;
  orders_updated: Defaulted<number>;
  orders_unchanged: Defaulted<number>;
  items_written: Defaulted<number>;
  customers_created: Defaulted<number>;
  /** Every source line before this one is imported (or rejected): where a resumed run continues. */
  checkpoint_line: Defaulted<number>;
  bytes_total: Defaulted<number>;
  encoding: string | null;
  map_name: string | null;
  /** While a process works on the run; an expired lease means it died and the run may resume. */
  lease_expires_at: Instant | null;
  job_id: JobId | null;
  error: string | null;
  created_by: UserId | null;
  started_at: Instant;
  finished_at: Instant | null;
}

export interface ImportRejectionsTable {
  store_id: StoreId;
  import_run_id: ImportRunId;
  line: number;
  code: string;
  message: string;
  raw: string | null;
}

export type ContactChannel = 'phone' | 'wechat' | 'wangwang' | 'sms' | 'email' | 'visit' | 'other';
export type ContactOutcome =
  | 'reached'
  | 'no_answer'
  | 'interested'
  | 'not_interested'
  | 'complaint'
  | 'other';

/** A call, chat or visit with a customer (客户联系记录), with an optional day to follow up. */
export interface CustomerContactsTable {
  store_id: StoreId;
  id: number;
  customer_id: CustomerId;
  user_id: UserId | null;
  staff_label: string; // who, readable after the user is gone
  channel: ContactChannel;
  outcome: ContactOutcome;
  note: string;
  contacted_at: Instant;
  follow_up_on: string | null; // yyyy-MM-dd in the store time zone
  follow_up_done_at: Instant | null;
  created_at: Instant;
}

/** A customer's latest analysis scores (src/analytics), replaced by each refresh. */
export interface CustomerScoresTable {
  store_id: StoreId;
  customer_id: CustomerId;
  rfm_r: number; // 1–5
  rfm_f: number;
  rfm_m: number;
  segment_cn: string; // 重要价值 … 一般挽留
  segment_en: string; // Champions … Lost
  computed_at: Instant;
  lifecycle: string | null; // new, active, silent, churned, won_back (src/analytics/lifecycle.ts)
  is_core: Defaulted<Flag>; // among the top 20% by spend (the 80/20 core list)
}

/** The outbox: one row per message, from queued to sent or failed (src/messaging). */
export interface MessagesTable {
  store_id: StoreId;
  id: number;
  customer_id: CustomerId | null;
  channel: string;
  class: 'marketing' | 'transactional';
  source: string;
  idempotency_key: string;
  recipient: string;
  content: string; // JSON
  status: Defaulted<string>; // queued, sending, sent, delivered, failed, suppressed, deferred
  attempts: Defaulted<number>;
  next_attempt_at: Instant;
  lease_until: Instant | null;
  provider_id: string | null;
  reason: string | null;
  created_at: Instant;
  updated_at: Instant;
  sent_at: Instant | null;
  delivered_at: Instant | null; // from the provider's delivery receipt
}

/** A saved audience (人群): a named definition, src/audiences/definition.ts. */
export interface AudiencesTable {
  store_id: StoreId;
  id: number;
  name: string;
  description: Defaulted<string>;
  definition: string; // JSON
  created_at: Instant;
  created_by: string;
  updated_at: Instant;
  updated_by: string;
}

/** A campaign: audience, channel and template, schedule, control group (src/campaigns). */
export interface CampaignsTable {
  store_id: StoreId;
  id: number;
  name: string;
  audience_id: number | null;
  definition: string; // JSON
  template_id: number;
  channel: string;
  class: 'marketing' | 'transactional';
  schedule: 'now' | 'at' | 'window';
  starts_at: Instant | null;
  ends_at: Instant | null;
  control_share: number;
  seed: number;
  attribution_days: number;
  status: string; // draft, awaiting_approval, scheduled, paused, cancelled
  estimated_members: number | null;
  members: number | null;
  control: number | null;
  queued: number | null;
  unreachable: number | null;
  sms_parts: number | null;
  sms_price_fen: number;
  approved_by: string | null;
  approved_at: Instant | null;
  frozen_at: Instant | null;
  created_at: Instant;
  created_by: string;
  updated_at: Instant;
  coupon_batch_id: number | null; // each target gets a code of this batch at send (src/loyalty/coupons)
}

/** A coupon batch (优惠券): what it gives, when, to how many (src/loyalty/coupons). */
export interface CouponBatchesTable {
  store_id: StoreId;
  id: number;
  name: string;
  kind: 'amount' | 'percent';
  amount_off: Fen | null;
  percent_off: number | null;
  threshold: Fen;
  valid_from: string; // store-local day
  valid_to: string; // store-local day, inclusive
  starts_at: Instant;
  ends_at: Instant; // exclusive
  per_customer_limit: number;
  total_count: number;
  issued: number;
  created_at: Instant;
  created_by: string;
  updated_at: Instant;
}

/** One unique coupon code, issued to a customer, redeemed at most once. */
export interface CouponCodesTable {
  store_id: StoreId;
  code: string;
  batch_id: number;
  customer_id: CustomerId | null;
  campaign_id: number | null;
  issued_at: Instant;
  redeemed_at: Instant | null;
  order_id: OrderId | null;
}

/** A code seen on an order (import) or entered by staff: redeemed, or rejected with a reason. */
export interface CouponRedemptionsTable {
  store_id: StoreId;
  id: number;
  code: string;
  batch_id: number;
  order_id: OrderId;
  customer_id: CustomerId;
  source: 'import' | 'staff';
  accepted: Flag;
  reason: string | null;
  ordered_at: Instant;
  goods_amount: Fen;
  revenue: Fen;
  discount: Fen;
  recorded_at: Instant;
  recorded_by: string;
}

/** A holiday or birthday gift plan: a saved audience, a gift, a budget, a greeting (src/loyalty/gifts). */
export interface GiftPlansTable {
  store_id: StoreId;
  id: number;
  name: string;
  occasion: string;
  audience_id: number;
  gift_sku: string;
  gift_title: string;
  unit_cost: Fen;
  budget: Fen;
  template_id: number | null;
  status: 'draft' | 'confirmed';
  recipients: number | null;
  greetings_queued: number | null;
  confirmed_at: Instant | null;
  confirmed_by: string | null;
  created_at: Instant;
  created_by: string;
  updated_at: Instant;
}

/** A gift plan's recipient, with the address as confirmed, tracked to shipped. */
export interface GiftRecipientsTable {
  store_id: StoreId;
  plan_id: number;
  customer_id: CustomerId;
  name: string | null;
  phone: string | null;
  address: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  status: 'planned' | 'packed' | 'shipped';
  tracking_no: string | null;
  shipped_at: Instant | null;
  updated_at: Instant;
}

/** A campaign's members, frozen at send time, with their group and segment then. */
export interface CampaignMembersTable {
  store_id: StoreId;
  campaign_id: number;
  customer_id: CustomerId;
  is_control: Flag;
  segment: string | null;
}

/** An after-sales case (售后): a refund, return, exchange or complaint (src/after-sales). */
export interface AfterSalesCasesTable {
  store_id: StoreId;
  id: number;
  customer_id: CustomerId;
  order_id: OrderId | null;
  kind: 'refund' | 'return' | 'exchange' | 'complaint';
  status: 'open' | 'resolved';
  opened_at: Instant;
  resolved_at: Instant | null;
  note: string;
  resolution: string | null;
  opened_by: string;
  resolved_by: string | null;
  updated_at: Instant;
}

/** A store's tier scheme: what tiers are measured by, over which period (src/loyalty). */
export interface TierSchemesTable {
  store_id: StoreId;
  basis: 'spend' | 'orders' | 'both';
  period: 'all' | '12m';
  applied_at: Instant | null;
  version: Defaulted<number>; // bumped by every save and refresh (optimistic concurrency)
  updated_at: Instant;
  updated_by: string;
}

/** A membership tier (会员等级) with its thresholds, discount and benefits. */
export interface TiersTable {
  store_id: StoreId;
  id: number;
  rank: number; // 0 the lowest
  name: string;
  min_spent: Fen;
  min_orders: number;
  price_percent: number; // pays this share of the price: 95 is 九五折
  benefits: string;
}

/** Each member's current tier. */
export interface CustomerTiersTable {
  store_id: StoreId;
  customer_id: CustomerId;
  tier_id: number;
  since: Instant;
}

/** A customer's move between tiers: the "tier changed" event. */
export interface TierChangesTable {
  store_id: StoreId;
  id: number;
  customer_id: CustomerId;
  from_tier_id: number | null;
  to_tier_id: number | null;
  from_name: string | null;
  to_name: string | null;
  direction: 'up' | 'down';
  reason: string; // refresh, apply, scheme
  at: Instant;
}

/** A member day (会员日): days of the month, eligible tiers, discount, reminder. */
export interface MemberDaysTable {
  store_id: StoreId;
  id: number;
  name: string;
  days: string; // JSON number[]
  tier_ids: string; // JSON number[]; [] every tier
  price_percent: number;
  new_products: string;
  reminder_days: number | null;
  reminder_template_id: number | null;
  created_at: Instant;
  updated_at: Instant;
  updated_by: string;
}

/** A store's settings for one channel (src/messaging/channel-settings.ts). */
export interface MessageChannelsTable {
  store_id: StoreId;
  channel: string;
  provider: string;
  settings: string; // JSON, no secrets
  secrets: string | null; // sealed JSON
  hook_token: string;
  enabled: Defaulted<Flag>;
  updated_at: Instant;
  updated_by: string;
}

/** A store's message templates (src/messaging/templates.ts renders them). */
export interface MessageTemplatesTable {
  store_id: StoreId;
  id: number;
  name: string;
  channel: string;
  class: 'marketing' | 'transactional';
  subject: string | null;
  body: string;
  provider_template: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** A message for a channel without an API (旺旺, phone, WeChat): a task for a staff member. */
export interface StaffTasksTable {
  store_id: StoreId;
  id: number;
  message_id: number;
  assignee_id: UserId | null;
  customer_id: CustomerId | null;
  kind: string;
  script: string;
  status: Defaulted<string>; // open, done, skipped
  outcome: string | null;
  note: string | null;
  created_at: Instant;
  done_at: Instant | null;
  done_by: UserId | null;
}

/** Addresses a store may no longer message on a channel (opt-outs, bounces). */
export interface SuppressionsTable {
  store_id: StoreId;
  channel: string;
  address: string;
  reason: string;
  source: string | null;
  created_at: Instant;
}

/** A buyer's predictions from the latest refresh (src/predict). */
export interface CustomerPredictionsTable {
  store_id: StoreId;
  customer_id: CustomerId;
  p_alive: number;
  expected_30: number;
  expected_90: number;
  expected_365: number;
  average_value: number; // fen per purchase
  clv: number; // fen, over the store's horizon, discounted
  clv_percentile: number; // 1–100, 100 the most valuable
  potential_value: number; // fen: the CLV if still active
  potential_percentile: number; // 1–100
  next_order_date: string | null; // yyyy-MM-dd
  computed_at: Instant;
}

/** A buyer's purchases and order lines packed for the analytics refresh (src/analytics/purchase-log.ts). */
export interface PurchaseLogsTable {
  store_id: StoreId;
  customer_id: CustomerId;
  fingerprint: number;
  built_at: Instant;
  log: Buffer;
}

/** Imported product traffic per day (生意参谋 / Shopify analytics exports). */
export interface ProductTrafficTable {
  store_id: StoreId;
  product_id: ProductId;
  day: string; // yyyy-MM-dd
  views: number;
  visitors: number;
  add_to_cart: number;
  updated_at: Instant;
}

/** One refresh's results for a store, kept to show change over time. */
export interface AnalysisSnapshotsTable {
  store_id: StoreId;
  id: number;
  kind: string; // rfm, lifecycle, new_old, pareto, cohorts, products
  computed_at: Instant;
  result: string; // JSON
}

export interface ImportColumnMapsTable {
  store_id: StoreId;
  name: string;
  definition: string; // JSON, src/orders/formats/generic-map.ts
  created_at: Instant;
  updated_at: Instant;
}

export interface JobsTable {
  store_id: StoreId;
  id: JobId;
  kind: string;
  payload: string; // JSON
  state: JobState;
  attempts: Defaulted<number>;
  max_attempts: Defaulted<number>;
  run_after: Instant;
  lease_owner: string | null;
  lease_expires_at: Instant | null;
  progress: Defaulted<number>; // 0..1
  progress_note: string | null;
  result: string | null; // JSON
  error: string | null;
  created_by: UserId | null;
  created_at: Instant;
  updated_at: Instant;
  finished_at: Instant | null;
}

export interface AuditLogTable {
  store_id: StoreId;
  id: number;
  at: Instant;
  actor_user_id: UserId | null;
  actor_token_id: ApiTokenId | null;
  actor_label: string; // login, token name or "cli"/"system": readable after a user is gone
  action: string; // domain.verb, e.g. member.add, store.update, customer.export
  subject_type: string | null;
  subject_id: string | null;
  details: Defaulted<string>; // JSON
  request_id: string | null;
  ip: string | null;
}

/** Indexes dropped for a bulk load into empty tables, to be created again (src/db/deferred-indexes.ts). */
export interface DeferredIndexesTable {
  name: string;
  table_name: string;
  definition: string;
}

/** A store's own promotion event, on the same month and day every year (src/promotions). */
export interface PromotionEventsTable {
  store_id: StoreId;
  id: number;
  name: string;
  month_day: string;
  created_at: Instant;
  created_by: string;
}

/** A big-promotion plan for an event and year (src/promotions). */
export interface PromotionPlansTable {
  store_id: StoreId;
  id: number;
  event: string;
  year: number;
  target_old_revenue: Fen | null;
  target_new_revenue: Fen | null;
  target_old_buyers: number | null;
  target_new_buyers: number | null;
  response_rates: string; // JSON {segment: rate}
  /** What the review taught, for the next events (复盘总结); null until written. */
  lessons: Defaulted<string | null>;
  created_at: Instant;
  created_by: string;
  updated_at: Instant;
}

/** One of a plan's four phases: its window (store-local days) and goal. */
export interface PromotionPhasesTable {
  store_id: StoreId;
  plan_id: number;
  phase: string;
  position: number;
  from_date: string;
  to_date: string;
  goal: string;
}

/** A saved audience a phase of a plan aims at, in the planner's order. */
export interface PromotionPhaseAudiencesTable {
  store_id: StoreId;
  plan_id: number;
  phase: string;
  audience_id: number;
  position: number;
}

/** An action of a plan, as a task with an owner, a date and a status. */
export interface PromotionTasksTable {
  store_id: StoreId;
  id: number;
  plan_id: number;
  phase: string;
  kind: string;
  title: string;
  owner_user_id: number | null;
  due_date: string;
  status: string;
  campaign_id: number | null;
  coupon_batch_id: number | null;
  gift_plan_id: number | null;
  updated_at: Instant;
}

export interface Schema {
  stores: StoresTable;
  users: UsersTable;
  sessions: SessionsTable;
  store_members: StoreMembersTable;
  api_tokens: ApiTokensTable;
  id_sequences: IdSequencesTable;
  customers: CustomersTable;
  customer_tags: CustomerTagsTable;
  customer_contacts: CustomerContactsTable;
  customer_scores: CustomerScoresTable;
  customer_predictions: CustomerPredictionsTable;
  messages: MessagesTable;
  audiences: AudiencesTable;
  campaigns: CampaignsTable;
  campaign_members: CampaignMembersTable;
  after_sales_cases: AfterSalesCasesTable;
  promotion_events: PromotionEventsTable;
  promotion_plans: PromotionPlansTable;
  promotion_phases: PromotionPhasesTable;
  promotion_phase_audiences: PromotionPhaseAudiencesTable;
  promotion_tasks: PromotionTasksTable;
  coupon_batches: CouponBatchesTable;
  coupon_codes: CouponCodesTable;
  coupon_redemptions: CouponRedemptionsTable;
  gift_plans: GiftPlansTable;
  gift_recipients: GiftRecipientsTable;
  tier_schemes: TierSchemesTable;
  tiers: TiersTable;
  customer_tiers: CustomerTiersTable;
  tier_changes: TierChangesTable;
  member_days: MemberDaysTable;
  suppressions: SuppressionsTable;
  message_channels: MessageChannelsTable;
  message_templates: MessageTemplatesTable;
  staff_tasks: StaffTasksTable;
  analysis_snapshots: AnalysisSnapshotsTable;
  products: ProductsTable;
  product_traffic: ProductTrafficTable;
  purchase_logs: PurchaseLogsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  import_runs: ImportRunsTable;
  import_rejections: ImportRejectionsTable;
  import_column_maps: ImportColumnMapsTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  deferred_indexes: DeferredIndexesTable;
}

export type StoreRow = Selectable<StoresTable>;
export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type OrderRow = Selectable<OrdersTable>;
export type NewOrder = Insertable<OrdersTable>;
export type NewOrderItem = Insertable<OrderItemsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type JobRow = Selectable<JobsTable>;
