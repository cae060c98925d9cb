import { isQuotaError } from '@/lib/db/quota';
import type { Locale, Translate } from './index';

// Validation messages are built in English by the parsers (they name the row/item and field).
// This renders them in the agent's language: the structure ("row 3, title: …") is kept, the
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
  [/\bmust be "([^"]+)"/g, (_m, v) => `必须是 "${v}"`],
  [/\bmust be (\d+)/g, (_m, v) => `必须是 ${v}`],
  [/\btitle: title is empty/g, '标题：为空'],
  [/\bis empty\b/g, '为空'],
  [/\bis longer than (\d+) characters/g, (_m, n) => `超过 ${n} 个字符`],
  [/\bmay only hold letters, digits, "_" and "-"/g, '只能包含字母、数字、“_”和“-”'],
  [/\bshortcode "([^"]+)" is already used by “([^”]+)”/g, (_m, c, t) => `快捷码 "${c}" 已被“${t}”使用`],
  [/\bis already used\b/g, '已被使用'],
  [/\buses a lookahead "\(\?=" or "\(\?!", which Deskmate cannot run in linear time/g, '使用了前瞻断言 "(?=" 或 "(?!"，Deskmate 无法在线性时间内执行'],
  [/\buses a backreference, which Deskmate cannot run in linear time/g, '使用了反向引用（如 \\1），Deskmate 无法在线性时间内执行'],
  [/\bis not a regular expression Deskmate can run/g, '不是 Deskmate 能执行的正则表达式'],
  [/\bis too complex \((\d+) steps per character, at most (\d+); use smaller counted repetitions such as \{1,50\}\)/g, (_m, n, max) => `过于复杂（每个字符 ${n} 步，最多 ${max} 步；请改用较小的计数重复，如 {1,50}）`],
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
