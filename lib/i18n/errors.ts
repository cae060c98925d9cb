import { isQuotaError } from '@/lib/quota';
import type { Locale, Translate } from './index';

// Validation messages are built in English by the parsers, in one wording (lib/validate.ts; they
// name the row/item and field). This renders them in the agent's language: the structure ("row 3, title: …") is kept, the
// words are translated. Unknown phrases stay as they are rather than disappear.

const ZH: [RegExp, string | ((...m: string[]) => string)][] = [
  [/^row (\d+) \(header\): expected the columns ([^;]+)/, (_m, _r, cols) => `第 1 行（表头）：应为这些列 ${cols}`],
  [/; missing /g, '；缺少 '],
  [/; unknown /g, '；无法识别 '],
  [/^row (\d+): has (\d+) cells, the header has (\d+)/, (_m, r, a, b) => `第 ${r} 行：有 ${a} 个单元格，表头有 ${b} 个`],
  [/, title: /, '，标题：'],
  [/, body: /, '，内容：'],
  [/, shortcode: /, '，快捷码：'],
  [/^row (\d+)，/, (_m, r) => `第 ${r} 行，`],
  [/^line (\d+): a quoted field is never closed/, (_m, l) => `第 ${l} 行：引号内的内容没有结束`],
  [/^templates\[(\d+)\]/, (_m, i) => `第 ${Number(i) + 1} 条`],
  [/is also used by templates\[(\d+)\]/g, (_m, i) => `与第 ${Number(i) + 1} 条重复`],
  [/is also used by row (\d+)/g, (_m, r) => `与第 ${r} 行重复`],
  [/^file: is not valid UTF-8 text.*$/, '文件：不是 UTF-8 文本（请另存为“CSV UTF-8”或 UTF-8 编码的 JSON）'],
  [/^file: is not valid JSON \((.*)\)$/, (_m, why) => `文件：不是有效的 JSON（${why}）`],
  [/^file: is empty$/, '文件：是空的'],
  [/^file: is larger than (\d+) MB$/, (_m, n) => `文件：超过 ${n} MB`],
  [/^… and (\d+) more errors$/, (_m, n) => `……另有 ${n} 处错误`],
  // Phrases of the shared zod wording (lib/validate.ts errorMap) and of the importers' own checks.
  [/^file: holds no site config$/, '文件：不含任何站点配置'],
  [/^file: is not a Deskmate backup$/, '文件：不是 Deskmate 备份'],
  [/\bis not a database version this Deskmate knows \((\d+)–(\d+)\)/g, (_m, a, b) => `不是本版 Deskmate 认识的数据库版本（${a}–${b}）`],
  [/\bunknown table\b/g, '无法识别的数据表'],
  [/ appears twice$/, ' 出现了两次'],
  [/\bmust be a list of records\b/g, '必须是记录列表'],
  [/\bmust be a record\b/g, '必须是一条记录'],
  [/\bis not a Deskmate setting\b/g, '不是 Deskmate 的设置'],
  [/\bis not base64\b/g, '不是 base64 编码'],
  [/\bis not the file's (\d+) bytes/g, (_m, n) => `与文件的实际大小 ${n} 字节不符`],
  [/\bis not the file's type \(([^)]+)\)/g, (_m, type) => `与文件的实际类型（${type}）不符`],
  [/\bmust end in (\.\w+) \(the file is ([^)]+)\)/g, (_m, ext, type) => `扩展名必须是 ${ext}（文件是 ${type}）`],
  [/\bunknown rule "([^"]*)"/g, (_m, id) => `未知的期限规则 "${id}"`],
  [/\bunknown platform "([^"]*)"/g, (_m, id) => `未知的平台 "${id}"`],
  [/\bunknown fields? ((?:"[^"]*"(?:, )?)+)/g, (_m, keys) => `无法识别的字段 ${keys}`],
  [/: "([^"]*)" is also used by ([\w.]+)/g, (_m, id, where) => `: "${id}" 与 ${where} 重复`],
  [/\bis missing\b/g, '缺失'],
  [/\bneeds either "hours" or "days" \(exactly one\)/g, '需要 "hours" 或 "days"（只能有其中一个）'],
  [/\bneeds "selector" or "fromUrl"/g, '需要 "selector" 或 "fromUrl"'],
  [
    /\bmust be 1–64 lowercase letters, digits, "_" or "-", starting with a letter or digit/g,
    '须为 1–64 个小写字母、数字、“_”或“-”，以字母或数字开头',
  ],
  [/\bmust be 2–64 lowercase letters, digits, "\.", "_" or "-"/g, '须为 2–64 个小写字母、数字、“.”、“_”或“-”'],
  [/\bmust be a time "HH:MM" \(00:00–24:00\)/g, '必须是 "HH:MM" 格式的时间（00:00–24:00）'],
  [/\bis not a match pattern like "([^"]+)"/g, (_m, example) => `不是匹配模式（例如 "${example}"）`],
  [/: scheme must be http, https, file or \*/g, '：协议必须是 http、https、file 或 *'],
  [/: host "([^"]*)" may only start with "\*\."/g, (_m, host) => `：主机 "${host}" 只能以 "*." 开头`],
  [/\bmust be one of (.+)$/g, (_m, list) => `必须是以下之一：${list}`],
  [/\bmust be a whole number/g, '必须是整数'],
  [/\bmust be a number/g, '必须是数字'],
  [/\bmust be a string/g, '必须是文字'],
  [/\bmust be a boolean/g, '必须是 true 或 false'],
  [/\bmust be an array/g, '必须是列表'],
  [/\bmust be an object/g, '必须是对象'],
  [/\bmust be more than (\d+)/g, (_m, n) => `必须大于 ${n}`],
  [/\bmust be at least (\d+)/g, (_m, n) => `不能小于 ${n}`],
  [/\bmust be at most (\d+)/g, (_m, n) => `不能大于 ${n}`],
  [/\bholds more than (\d+) [\w ]+$/g, (_m, n) => `超过 ${n} 个`],
  [/\bholds fewer than (\d+) [\w ]+$/g, (_m, n) => `少于 ${n} 个`],
  [/\bis shorter than (\d+) characters/g, (_m, n) => `少于 ${n} 个字符`],
  [/\bis not in the expected format$/g, '格式不正确'],
  [/\bis not valid$/g, '无效'],
  [/\bmust be "([^"]+)"/g, (_m, v) => `必须是 "${v}"`],
  [/\bmust be (\d+)/g, (_m, v) => `必须是 ${v}`],
  [/\btitle: title is empty/g, '标题：为空'],
  [/\bis empty\b/g, '为空'],
  [/\bis longer than (\d+) characters/g, (_m, n) => `超过 ${n} 个字符`],
  [/\bmay only hold letters, digits, "_" and "-"/g, '只能包含字母、数字、“_”和“-”'],
  [/\bshortcode "([^"]+)" is already used by “([^”]+)”/g, (_m, c, t) => `快捷码 "${c}" 已被“${t}”使用`],
  [/\bis already used\b/g, '已被使用'],
  [
    /\buses a lookahead "\(\?=" or "\(\?!", which Deskmate cannot run in linear time/g,
    '使用了前瞻断言 "(?=" 或 "(?!"，Deskmate 无法在线性时间内执行',
  ],
  [/\buses a backreference, which Deskmate cannot run in linear time/g, '使用了反向引用（如 \\1），Deskmate 无法在线性时间内执行'],
  [/\bis not a regular expression Deskmate can run/g, '不是 Deskmate 能执行的正则表达式'],
  [
    /\bis too complex \((\d+) steps per character, at most (\d+); use smaller counted repetitions such as \{1,50\}\)/g,
    (_m, n, max) => `过于复杂（每个字符 ${n} 步，最多 ${max} 步；请改用较小的计数重复，如 {1,50}）`,
  ],
  [/\bneeds at least one phrase or a regular expression/g, '至少需要一个短语或一个正则表达式'],
  [/\bis not a valid CSS selector/g, '不是有效的 CSS 选择器'],
  [/^title: /, '标题：'],
  [/^body: /, '内容：'],
  [/\.title: /, '.标题：'],
  [/\.body: /, '.内容：'],
  [/\.shortcode: /, '.快捷码：'],
  [/^shortcode: /, '快捷码：'],
  [/^regex: /, '正则表达式：'],
  [/^id: /, 'id：'],
];

export function localizeError(message: string, locale: Locale): string {
  if (locale !== 'zh-CN') return message;
  return ZH.reduce((text, [re, to]) => text.replace(re, to as never), message);
}

/**
 * What an agent reads when a write failed: the storage-full message, else the error's own text,
 * put in context by `wrap` when given (e.g. "nothing was saved: {message}").
 */
export function errorText(error: unknown, t: Translate, wrap?: (message: string) => string): string {
  if (isQuotaError(error)) return t('common.storageFull');
  const message = error instanceof Error ? error.message || error.name : String(error);
  return wrap ? wrap(message) : message;
}
