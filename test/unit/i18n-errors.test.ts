import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChecklistsText } from '@/lib/cases/schema';
import { parseBackup } from '@/lib/backup/backup';
import { localizeError } from '@/lib/i18n/errors';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import { domSelectorChecker } from '@/lib/sites/schema';
import { MAX_CONFIG_FILE, parseSiteConfigFile } from '@/lib/sites/store';
import { parseImport } from '@/lib/templates/io';
import type { ParseResult } from '@/lib/validate';

describe('validation messages in the agent’s language', () => {
  it.each([
    ['row 3, title: is empty', '第 3 行，标题：为空'],
    ['row 2: has 3 cells, the header has 4', '第 2 行：有 3 个单元格，表头有 4 个'],
    [
      'row 1 (header): expected the columns folder,shortcode,title,body; missing shortcode; unknown "code"',
      '第 1 行（表头）：应为这些列 folder,shortcode,title,body；缺少 shortcode；无法识别 "code"',
    ],
    ['templates[2] (“长文”).body: is longer than 20000 characters', '第 3 条 (“长文”).内容：超过 20000 个字符'],
    ['format: must be "deskmate/templates"', 'format: 必须是 "deskmate/templates"'],
    [
      'regex: uses a lookahead "(?=" or "(?!", which Deskmate cannot run in linear time (invalid or unsupported Perl syntax: `(?=`)',
      '正则表达式：使用了前瞻断言 "(?=" 或 "(?!"，Deskmate 无法在线性时间内执行 (invalid or unsupported Perl syntax: `(?=`)',
    ],
    [
      'regex: is too complex (1802 steps per character, at most 1000; use smaller counted repetitions such as {1,50})',
      '正则表达式：过于复杂（每个字符 1802 步，最多 1000 步；请改用较小的计数重复，如 {1,50}）',
    ],
    [
      'file: is not valid UTF-8 text (save it as “CSV UTF-8” or JSON in UTF-8)',
      '文件：不是 UTF-8 文本（请另存为“CSV UTF-8”或 UTF-8 编码的 JSON）',
    ],
  ])('%s', (en, zh) => {
    expect(localizeError(en, 'zh-CN')).toBe(zh);
    expect(localizeError(en, 'en')).toBe(en);
  });
});

// One wording for every importer (lib/validate.ts), so one table translates them all: a zh-CN
// agent importing a bad file reads Chinese, whichever importer refused it.
describe('import errors reach a zh-CN agent in Chinese', () => {
  const dir = join(__dirname, '../fixtures/bad');
  const text = (file: string) => readFileSync(join(dir, file), 'utf8');
  const bytes = (file: string) => new Uint8Array(readFileSync(join(dir, file)));
  /** Words left in English once field paths, quoted values and technical names are set aside. */
  const english = (message: string) =>
    message
      .replace(/^[^\s:：]+(?=[:：])/, '') // the field path stays as it is
      .replace(/[\w$]+(\.[\w$[\]]+)+/g, '') // so does a path the message points at
      .replace(/"[^"]*"|“[^”]*”|`[^`]*`/g, '') // quoted values (a selector, an id, a pattern)
      .replace(/\([^()]*\)|（[\x20-\x7e]*）/g, '') // the parser's own detail (JSON.parse, the regex engine), a file type
      .replace(/\b(folder|shortcode|title|body)\b/g, '') // CSV column names, as the file must spell them
      .match(/[A-Za-z]{3,}/g)
      ?.filter(
        (w) =>
          !['JSON', 'UTF', 'CSV', 'CSS', 'Deskmate', 'PDF', 'true', 'false', 'base64', 'http', 'https', 'file', 'hours', 'days'].includes(
            w,
          ),
      ) ?? [];

  const refusals: [string, () => ParseResult<unknown>][] = [
    ...readdirSync(dir)
      .filter((f) => f.startsWith('site-'))
      .map((f): [string, () => ParseResult<unknown>] => [f, () => parseSiteConfigFile(text(f), domSelectorChecker(document))]),
    ['site: not JSON', () => parseSiteConfigFile('{"format":')],
    ['site: empty list', () => parseSiteConfigFile('[]')],
    [
      'site: wrong types',
      () =>
        parseSiteConfigFile(
          JSON.stringify({
            format: 'deskmate/site-config',
            version: 2,
            id: 'X',
            name: 3,
            matches: [],
            profile: 'nope',
            selectors: { composer: 'div' },
          }),
        ),
    ],
    ['site: same id twice', () => parseSiteConfigFile(JSON.stringify([builtinSiteConfigs()[0], builtinSiteConfigs()[0]]))],
    ['site: too large', () => parseSiteConfigFile(' '.repeat(MAX_CONFIG_FILE + 1))],
    ...['checklists-duplicate-item.json', 'checklists-truncated.json', 'checklists-unknown-rule.json', 'checklists-wrong-format.json'].map(
      (f): [string, () => ParseResult<unknown>] => [f, () => parseChecklistsText(text(f))],
    ),
    ...[
      'templates-gbk.csv',
      'templates-item-without-title.json',
      'templates-truncated.json',
      'templates-unterminated-quote.csv',
      'templates-wrong-columns.csv',
      'templates-wrong-format.json',
    ].map((f): [string, () => ParseResult<unknown>] => [f, () => parseImport(bytes(f), f)]),
    ...[
      'backup-disabled-hosts-object.json',
      'backup-null-row.json',
      'backup-png-named-hta.json',
      'backup-retention-never.json',
      'backup-template-object-title.json',
    ].map((f): [string, () => ParseResult<unknown>] => [f, () => parseBackup(text(f))]),
    ['backup: not a backup', () => parseBackup('[1]')],
    [
      'backup: wrong head',
      () =>
        parseBackup(
          JSON.stringify({ format: 'x', version: 2, schemaVersion: 999, tables: { secrets: [], templates: {} }, settings: { evil: 1 } }),
        ),
    ],
  ];

  it.each(refusals)('%s', (_name, parse) => {
    const r = parse();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const message of r.errors)
      expect(english(localizeError(message, 'zh-CN')), `${message} → ${localizeError(message, 'zh-CN')}`).toEqual([]);
  });
});
