// UI strings of the evidence package and attachments, merged into the catalogs (en.ts, zh-CN.ts).
// Both objects must have exactly the same keys (checked by the type system and test/unit/i18n.test.ts).
export const packageEn = {
  // The evidence package (lib/cases/package.ts): buttons and results.
  'package.export': 'Export evidence package',
  'package.exporting': 'Building the package…',
  'package.exported': 'Saved {name}',
  'package.exportFailed': 'The package could not be built: {message}',

  // Attachments (lib/cases/attachments.ts).
  'package.attach': 'Add files',
  'package.attachHint': 'PNG, JPEG, GIF, WebP or PDF, up to {maxMB} MB each',
  'package.refused': 'Not added:',
  'package.warnings': 'Before you upload:',

  // Platform upload limits, per post (item) or per submission (case).
  'package.warn.tooManyFiles': '{max} images is the most one post takes on {platform} (this item has {count})',
  'package.warn.tooManyFilesAny': '{max} images is the most one post takes (this item has {count})',
  'package.warn.tooManyInSubmission': '{platform} takes {max} images in its one submission (this case has {count})',
  'package.warn.tooManyInSubmissionAny': 'The platform takes {max} images in its one submission (this case has {count})',
  'package.warn.fileTooLarge': 'File over {max} MB ({size}): {platform} will refuse it',
  'package.warn.fileTooLargeAny': 'File over {max} MB ({size}): the platform will refuse it',

  // summary.txt inside the package.
  'package.summary.title': 'Evidence package',
  'package.summary.orderNo': 'Order number: {value}',
  'package.summary.caseType': 'Case type: {value}',
  'package.summary.platform': 'Platform: {value}',
  'package.summary.startedAt': 'Started: {value}',
  'package.summary.deadlineAt': 'Deadline: {value}',
  'package.summary.status': 'Status: {value}',
  'package.summary.closed': 'Closed {time}',
  'package.summary.outcome': 'Outcome: {value}',
  'package.summary.progress': 'Progress: {value}',
  'package.summary.items': 'Evidence checklist',
  'package.summary.legend': '✔ done   ✘ required, not done   — optional, not done',
  'package.summary.note': 'Note: {value}',
  'package.summary.doneAt': 'Done: {value}',
  'package.summary.files': 'Files: {value}',
  'package.summary.noFiles': 'Files: none',
  'package.summary.notInChecklist': '(no longer in the checklist: {id})',
  'package.summary.notSet': 'not set',
  'package.summary.exportedAt': 'Exported: {value}',
  'package.summary.originals': 'The files are the originals as attached, not re-encoded; case.json lists each with its SHA-256.',
} as const;

export const packageZhCN: Record<keyof typeof packageEn, string> = {
  'package.export': '导出凭证包',
  'package.exporting': '正在打包……',
  'package.exported': '已保存 {name}',
  'package.exportFailed': '凭证包没有生成：{message}',

  'package.attach': '添加文件',
  'package.attachHint': 'PNG、JPEG、GIF、WebP 图片或 PDF，每个不超过 {maxMB} MB',
  'package.refused': '未添加：',
  'package.warnings': '上传前请注意：',

  'package.warn.tooManyFiles': '{platform}每次留言最多 {max} 张图片（这一项有 {count} 个文件）',
  'package.warn.tooManyFilesAny': '每次留言最多 {max} 张图片（这一项有 {count} 个文件）',
  'package.warn.tooManyInSubmission': '{platform}只有一次举证机会，最多 {max} 张图片（这个案件有 {count} 个文件）',
  'package.warn.tooManyInSubmissionAny': '平台只有一次举证机会，最多 {max} 张图片（这个案件有 {count} 个文件）',
  'package.warn.fileTooLarge': '文件超过 {max} MB（{size}）：{platform}不会接收',
  'package.warn.fileTooLargeAny': '文件超过 {max} MB（{size}）：平台不会接收',

  'package.summary.title': '凭证包',
  'package.summary.orderNo': '订单号：{value}',
  'package.summary.caseType': '类型：{value}',
  'package.summary.platform': '平台：{value}',
  'package.summary.startedAt': '开始时间：{value}',
  'package.summary.deadlineAt': '截止时间：{value}',
  'package.summary.status': '状态：{value}',
  'package.summary.closed': '已结束 {time}',
  'package.summary.outcome': '结果：{value}',
  'package.summary.progress': '进度：{value}',
  'package.summary.items': '凭证清单',
  'package.summary.legend': '✔ 已完成   ✘ 必需，未完成   — 可选，未完成',
  'package.summary.note': '备注：{value}',
  'package.summary.doneAt': '完成时间：{value}',
  'package.summary.files': '文件：{value}',
  'package.summary.noFiles': '文件：无',
  'package.summary.notInChecklist': '（已不在清单中：{id}）',
  'package.summary.notSet': '未设置',
  'package.summary.exportedAt': '导出时间：{value}',
  'package.summary.originals': '文件均为添加时的原件，未经压缩或重新编码；case.json 中列出了每个文件的 SHA-256。',
};
