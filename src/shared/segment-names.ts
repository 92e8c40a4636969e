// The Chinese names of the eleven English RFM segments (src/analytics/rfm.ts), one table for the
// dashboard's messages (web/src/i18n/analytics.zh-CN.ts) and the server's exports (the review).

export const englishSegmentNamesZh = {
  Champions: '冠军客户',
  'Loyal Customers': '忠诚客户',
  'Potential Loyalists': '潜在忠诚客户',
  'New Customers': '新客户',
  Promising: '有潜力客户',
  'Need Attention': '需要关注',
  'About To Sleep': '即将沉睡',
  'At Risk': '有流失风险',
  "Can't Lose Them": '不能失去的客户',
  Hibernating: '休眠客户',
  Lost: '已流失',
} as const;
