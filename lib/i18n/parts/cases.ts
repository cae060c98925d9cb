// UI strings of the cases feature, kept in their own file and merged into the catalogs (en.ts, zh-CN.ts).
// Both objects must have exactly the same keys (checked by the type system and test/unit/i18n.test.ts).
export const casesEn = {
  'cases.title': 'Cases',
  'cases.kind.dispute': 'Dispute',
  'cases.kind.refundPath': 'Refund path',

  'cases.outcome.won': 'Won',
  'cases.outcome.lost': 'Lost',
  'cases.outcome.refunded': 'Refunded',
  'cases.outcome.withdrawn': 'Withdrawn by the buyer',
  'cases.open': 'Open',

  'cases.level.ok': 'On track',
  'cases.level.soon': 'Due soon',
  'cases.level.urgent': 'Urgent',
  'cases.level.overdue': 'Overdue',

  'cases.ruleKind.deadline': 'Deadline',
  'cases.ruleKind.window': 'Counts only until',
  'cases.ruleKind.wait': 'Actionable from',

  'cases.start.platformIntervened': 'Platform stepped in',
  'cases.start.platformAskedSeller': 'Platform asked you for evidence',
  'cases.start.refundRequested': 'Refund requested',
  'cases.start.returnRequested': 'Return requested',
  'cases.start.orderPaid': 'Order paid',
  'cases.start.buyerAsked': 'Buyer asked or complained',
  'cases.start.manual': 'Set by you',
  'cases.startAsk': 'When did this happen: {event}?',

  'cases.accepts.image': 'Photo',
  'cases.accepts.pdf': 'PDF',
  'cases.accepts.screenshot': 'Screenshot',
  'cases.accepts.text': 'Text',

  'cases.item.required': 'Required',
  'cases.item.optional': 'Optional',
  'cases.item.done': 'Done',
  'cases.item.skip': 'Not applicable',
  'cases.progress': '{done}/{total} done · required {requiredDone}/{requiredTotal}',
  'cases.complete': 'All required evidence gathered',

  'cases.duration.days': '{n} d',
  'cases.duration.hours': '{n} h',
  'cases.duration.minutes': '{n} min',
  'cases.duration.underMinute': '< 1 min',
  'cases.timeLeft': '{duration} left',
  'cases.overdueBy': 'Overdue by {duration}',
  'cases.deadlineAt': 'Due {time}',
  'cases.startUnknown': 'Set the start time to see the deadline',
  'cases.reminder': '{case}: {duration} left for “{rule}”',

  'cases.upload.limit': 'Up to {maxFiles} files, {maxFileMB} MB each',
  'cases.upload.files': 'Up to {maxFiles} files',
  'cases.upload.once': 'Only one submission: have everything ready first',

  'cases.import.title': 'Import checklists',
  'cases.import.invalid': 'The checklist file was not loaded. Nothing was changed:',
  'cases.import.done': 'Loaded {count} case types',
} as const;

export const casesZhCN: Record<keyof typeof casesEn, string> = {
  'cases.title': '维权与退款',
  'cases.kind.dispute': '纠纷维权',
  'cases.kind.refundPath': '退款路径',

  'cases.outcome.won': '胜诉',
  'cases.outcome.lost': '败诉',
  'cases.outcome.refunded': '已退款',
  'cases.outcome.withdrawn': '买家撤销',
  'cases.open': '处理中',

  'cases.level.ok': '时间充足',
  'cases.level.soon': '即将到期',
  'cases.level.urgent': '紧急',
  'cases.level.overdue': '已超时',

  'cases.ruleKind.deadline': '截止时间',
  'cases.ruleKind.window': '有效期至',
  'cases.ruleKind.wait': '可处理时间',

  'cases.start.platformIntervened': '平台介入',
  'cases.start.platformAskedSeller': '平台要求卖家举证',
  'cases.start.refundRequested': '买家申请退款',
  'cases.start.returnRequested': '买家申请退货',
  'cases.start.orderPaid': '买家付款',
  'cases.start.buyerAsked': '买家提出/投诉',
  'cases.start.manual': '手动设定',
  'cases.startAsk': '“{event}”是什么时候？',

  'cases.accepts.image': '图片',
  'cases.accepts.pdf': 'PDF',
  'cases.accepts.screenshot': '截图',
  'cases.accepts.text': '文字',

  'cases.item.required': '必需',
  'cases.item.optional': '可选',
  'cases.item.done': '已完成',
  'cases.item.skip': '不适用',
  'cases.progress': '已完成 {done}/{total} · 必需 {requiredDone}/{requiredTotal}',
  'cases.complete': '必需的凭证已备齐',

  'cases.duration.days': '{n}天',
  'cases.duration.hours': '{n}小时',
  'cases.duration.minutes': '{n}分钟',
  'cases.duration.underMinute': '不到1分钟',
  'cases.timeLeft': '剩余{duration}',
  'cases.overdueBy': '已超时{duration}',
  'cases.deadlineAt': '截止 {time}',
  'cases.startUnknown': '填写起始时间后显示截止时间',
  'cases.reminder': '{case}：“{rule}”还剩{duration}',

  'cases.upload.limit': '最多 {maxFiles} 个文件，每个不超过 {maxFileMB} MB',
  'cases.upload.files': '最多 {maxFiles} 个文件',
  'cases.upload.once': '只有一次提交机会：请先备齐',

  'cases.import.title': '导入凭证清单',
  'cases.import.invalid': '清单文件未载入，没有做任何更改：',
  'cases.import.done': '已载入 {count} 个类型',
};
