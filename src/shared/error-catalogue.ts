// The one list of error codes: HTTP status plus a short title in each language. The server answers
// `{ error: { code, message, details } }`; the dashboard and the CLI show the title for the code and
// the message for the specifics. Pure data: the dashboard imports this file too.

export interface ErrorEntry {
  readonly status: number;
  readonly en: string;
  readonly zh: string;
}

export const errorCatalogue = {
  'request.invalid': { status: 400, en: 'The request is not valid', zh: '请求内容不正确' },
  'request.not_found': { status: 404, en: 'No such page or API route', zh: '找不到该页面或接口' },
  'request.too_large': { status: 413, en: 'The request is too large', zh: '请求内容过大' },
  'request.unsupported_media_type': { status: 415, en: 'Send JSON', zh: '请以 JSON 格式提交' },
  'auth.required': { status: 401, en: 'Please sign in', zh: '请先登录' },
  'auth.invalid_credentials': { status: 401, en: 'Wrong login or password', zh: '账号或密码错误' },
  'auth.token_invalid': {
    status: 401,
    en: 'The API token is invalid or revoked',
    zh: 'API 令牌无效或已撤销',
  },
  'auth.forbidden': { status: 403, en: 'Your role may not do this', zh: '您的角色无权执行此操作' },
  'auth.session_only': { status: 403, en: 'Sign in as a person to do this', zh: '此操作需要以员工身份登录' },
  'auth.rate_limited': {
    status: 429,
    en: 'Too many attempts; wait and try again',
    zh: '尝试次数过多，请稍后再试',
  },
  'store.not_found': {
    status: 404,
    en: 'No such store, or you are not a member',
    zh: '店铺不存在或您不是该店铺成员',
  },
  'store.name_taken': { status: 409, en: 'A store with this name exists', zh: '店铺名称已存在' },
  'user.not_found': { status: 404, en: 'No such user', zh: '用户不存在' },
  'user.login_taken': { status: 409, en: 'This login is taken', zh: '该登录名已被使用' },
  'user.weak_password': { status: 400, en: 'The password is too weak', zh: '密码强度不够' },
  'member.not_found': { status: 404, en: 'This user is not a member of the store', zh: '该用户不是店铺成员' },
  'member.exists': { status: 409, en: 'This user is already a member', zh: '该用户已是店铺成员' },
  'member.last_owner': { status: 409, en: 'A store keeps at least one owner', zh: '店铺至少要保留一名店主' },
  'token.not_found': { status: 404, en: 'No such API token', zh: 'API 令牌不存在' },
  'token.role_too_high': {
    status: 403,
    en: 'A token cannot have more rights than you',
    zh: '令牌权限不能高于您自己的角色',
  },
  'import.unknown_format': {
    status: 400,
    en: 'The file is in no known export format',
    zh: '无法识别文件格式',
  },
  'import.unreadable': { status: 400, en: 'The file cannot be read', zh: '文件无法读取' },
  'import.empty_file': { status: 400, en: 'The file has no orders', zh: '文件中没有订单' },
  'import.file_too_large': { status: 413, en: 'The file is too large', zh: '文件过大' },
  'import.in_progress': { status: 409, en: 'This file is being imported already', zh: '该文件正在导入中' },
  'import.map_not_found': { status: 404, en: 'No such column map', zh: '列映射不存在' },
  'import.map_invalid': { status: 400, en: 'The column map is not valid', zh: '列映射不正确' },
  'import.run_not_found': { status: 404, en: 'No such import', zh: '导入记录不存在' },
  'import.currency_mismatch': {
    status: 400,
    en: 'The file’s currency is not the store’s',
    zh: '文件币种与店铺币种不一致',
  },
  'analytics.not_computed': {
    status: 409,
    en: 'The analysis has not been computed yet: refresh it first',
    zh: '还没有分析结果，请先刷新分析',
  },
  'predict.invalid_summary': {
    status: 400,
    en: 'The customer summary file is not valid',
    zh: '客户汇总文件不正确',
  },
  'predict.not_enough_data': {
    status: 409,
    en: 'Too little purchase history to fit the models',
    zh: '购买记录太少，无法拟合预测模型',
  },
  'traffic.empty_file': { status: 400, en: 'The traffic file has no rows', zh: '流量文件中没有数据' },
  'traffic.unknown_columns': {
    status: 400,
    en: 'The traffic file lacks a required column',
    zh: '流量文件缺少必需的列',
  },
  'job.not_found': { status: 404, en: 'No such job', zh: '任务不存在' },
  'customer.not_found': { status: 404, en: 'No such customer', zh: '客户不存在' },
  'customer.erased': {
    status: 409,
    en: 'This customer’s personal data was erased',
    zh: '该客户的个人信息已删除',
  },
  'customer.merged': {
    status: 409,
    en: 'This customer was merged into another record',
    zh: '该客户已合并到另一条记录',
  },
  'customer.merge_invalid': { status: 400, en: 'These records cannot be merged', zh: '这两条记录不能合并' },
  'contact.not_found': { status: 404, en: 'No such contact record', zh: '联系记录不存在' },
  'promotion.not_found': { status: 404, en: 'No such promotion plan or task', zh: '大促计划或任务不存在' },
  'promotion.invalid': { status: 400, en: 'The promotion plan is not valid', zh: '大促计划内容不正确' },
  'promotion.exists': {
    status: 409,
    en: 'That event already has a plan this year',
    zh: '该活动今年已有计划',
  },
  'promotion.event_in_use': {
    status: 409,
    en: 'This event has plans; delete is refused',
    zh: '该活动已有计划，不能删除',
  },
  'promotion.not_started': {
    status: 409,
    en: 'The promotion has not started: nothing to review yet',
    zh: '大促尚未开始，暂无复盘数据',
  },
  'promotion.pdf_font_missing': {
    status: 500,
    en: 'No Chinese font for the PDF: install fonts-wqy-microhei or set LAOKE_PDF_FONT',
    zh: 'PDF 缺少中文字体：请安装 fonts-wqy-microhei 或设置 LAOKE_PDF_FONT',
  },
  'after_sales.not_found': { status: 404, en: 'No such after-sales case', zh: '售后记录不存在' },
  'after_sales.order_invalid': {
    status: 400,
    en: 'That order is not this customer’s',
    zh: '该订单不属于此客户',
  },
  'campaign.not_found': { status: 404, en: 'No such campaign', zh: '营销活动不存在' },
  'campaign.name_taken': { status: 409, en: 'A campaign with this name exists', zh: '活动名称已存在' },
  'campaign.wrong_state': {
    status: 409,
    en: 'The campaign cannot do this in its current state',
    zh: '活动当前状态不允许此操作',
  },
  'coupon.batch_not_found': { status: 404, en: 'No such coupon batch', zh: '优惠券批次不存在' },
  'coupon.name_taken': {
    status: 409,
    en: 'A coupon batch with this name exists',
    zh: '优惠券批次名称已存在',
  },
  'coupon.batch_expired': { status: 409, en: 'This coupon batch has expired', zh: '该批优惠券已过期' },
  'coupon.invalid_code': { status: 400, en: 'This is not a coupon code', zh: '券码格式不正确' },
  'coupon.code_not_found': { status: 404, en: 'No such coupon code', zh: '券码不存在' },
  'coupon.order_not_found': { status: 404, en: 'No order with this number', zh: '找不到该订单' },
  'coupon.not_redeemable': {
    status: 409,
    en: 'This code cannot be redeemed on this order',
    zh: '该券码不能用于此订单',
  },
  'gift.plan_not_found': { status: 404, en: 'No such gift plan', zh: '礼品计划不存在' },
  'gift.name_taken': { status: 409, en: 'A gift plan with this name exists', zh: '礼品计划名称已存在' },
  'gift.wrong_state': {
    status: 409,
    en: 'The gift plan cannot do this in its current state',
    zh: '礼品计划当前状态不允许此操作',
  },
  'gift.over_budget': { status: 409, en: 'The gifts cost more than the budget', zh: '礼品成本超出预算' },
  'gift.recipient_not_found': {
    status: 404,
    en: 'Not a recipient of this gift plan',
    zh: '该客户不在礼品名单中',
  },
  'audience.invalid': { status: 400, en: 'This audience definition is not valid', zh: '人群条件不正确' },
  'audience.not_found': { status: 404, en: 'No such saved audience', zh: '人群不存在' },
  'audience.name_taken': { status: 409, en: 'An audience with this name exists', zh: '人群名称已存在' },
  'audience.cycle': {
    status: 400,
    en: 'These audiences refer to each other in a circle',
    zh: '人群之间出现循环引用',
  },
  'audience.in_use': {
    status: 409,
    en: 'Another saved audience refers to this one',
    zh: '该人群被其他人群引用，不能删除',
  },
  'audience.unknown_ready_made': { status: 404, en: 'No such ready-made audience', zh: '没有这个预设人群' },
  'loyalty.invalid_scheme': { status: 400, en: 'These tiers are not valid', zh: '会员等级设置不正确' },
  'loyalty.no_tiers': {
    status: 409,
    en: 'The store has no membership tiers yet',
    zh: '店铺尚未设置会员等级',
  },
  'loyalty.refresh_conflict': {
    status: 409,
    en: 'The tiers changed while they were being refreshed',
    zh: '会员等级在刷新时被修改，请重试',
  },
  'loyalty.tier_not_found': { status: 404, en: 'No such membership tier', zh: '会员等级不存在' },
  'loyalty.member_day_not_found': { status: 404, en: 'No such member day', zh: '会员日不存在' },
  'loyalty.member_day_name_taken': {
    status: 409,
    en: 'A member day with this name exists',
    zh: '会员日名称已存在',
  },
  'loyalty.no_reminder': { status: 409, en: 'This member day has no reminder set', zh: '该会员日未设置提醒' },
  'messaging.secret_key_missing': {
    status: 409,
    en: 'Provider keys cannot be stored: the server has no LAOKE_SECRET_KEY',
    zh: '服务器未设置 LAOKE_SECRET_KEY，无法保存服务商密钥',
  },
  'messaging.channel_not_found': { status: 404, en: 'This channel is not set up', zh: '该消息渠道尚未设置' },
  'messaging.template_not_found': { status: 404, en: 'No such message template', zh: '消息模板不存在' },
  'messaging.template_name_taken': {
    status: 409,
    en: 'A template with this name exists',
    zh: '模板名称已存在',
  },
  'template.invalid': { status: 400, en: 'The template is not valid', zh: '模板内容不正确' },
  'messaging.unsafe_url': {
    status: 400,
    en: 'This webhook address is not allowed',
    zh: '不允许使用该 Webhook 地址',
  },
  'messaging.task_not_found': { status: 404, en: 'No such task', zh: '任务不存在' },
  'messaging.hook_refused': {
    status: 403,
    en: 'The callback is not from the provider',
    zh: '回调请求未通过验证',
  },
  'messaging.unsubscribe_invalid': {
    status: 400,
    en: 'This unsubscribe link is not valid',
    zh: '退订链接无效',
  },
  'config.invalid': { status: 500, en: 'The configuration is not valid', zh: '配置不正确' },
  'db.unsupported_url': { status: 500, en: 'Unsupported database URL', zh: '不支持的数据库地址' },
  'db.migration_failed': { status: 500, en: 'Database migration failed', zh: '数据库迁移失败' },
  'cli.invalid_argument': { status: 400, en: 'Invalid command-line argument', zh: '命令行参数不正确' },
  internal: { status: 500, en: 'Something went wrong on our side', zh: '服务器内部错误' },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}
