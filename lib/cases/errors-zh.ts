import { localizeError } from '@/lib/i18n/errors';
import type { Locale } from '@/lib/i18n';

// Chinese for the phrases only the checklist parser (schema.ts) uses; the shared ones ("is empty",
// "must be "x"", "file: is not valid JSON (…)", "file: is larger than N MB", …) come from
// lib/i18n/errors.ts. The field path is kept as it is, as elsewhere. These rules could move into
// errors.ts's table (placed before its generic `must be N` rule); until then use localizeCasesError.

type Rule = [RegExp, string | ((...m: string[]) => string)];

export const casesErrorRulesZh: Rule[] = [
  [/\bunknown rule "([^"]*)"/g, (_m, id) => `未知的期限规则 "${id}"`],
  [/\bunknown platform "([^"]*)"/g, (_m, id) => `未知的平台 "${id}"`],
  [/\bunknown fields? ((?:"[^"]*"(?:, )?)+)/g, (_m, keys) => `无法识别的字段 ${keys}`],
  [/: "([^"]*)" is also used by ([\w.]+)/g, (_m, id, where) => `: "${id}" 与 ${where} 重复`],
  [/\bis missing\b/g, '缺失'],
  [/\bneeds either "hours" or "days" \(exactly one\)/g, '需要 "hours" 或 "days"（只能有其中一个）'],
  [/\bmust be 1–64 lowercase letters, digits, "_" or "-", starting with a letter or digit/g, '须为 1–64 个小写字母、数字、“_”或“-”，以字母或数字开头'],
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
];

/** A checklist validation message in the agent's language (path kept, words translated). */
export function localizeCasesError(message: string, locale: Locale): string {
  if (locale !== 'zh-CN') return message;
  const mine = casesErrorRulesZh.reduce((text, [re, to]) => text.replace(re, to as never), message);
  return localizeError(mine, locale);
}
