import { describe, expect, it } from 'vitest';
import { localizeError } from '@/lib/i18n/errors';

describe('validation messages in the agent’s language', () => {
  it.each([
    ['row 3, title: is empty', '第 3 行，标题：为空'],
    ['row 2: has 3 cells, the header has 4', '第 2 行：有 3 个单元格，表头有 4 个'],
    ['row 1 (header): expected the columns folder,shortcode,title,body; missing shortcode; unknown "code"', '第 1 行（表头）：应为这些列 folder,shortcode,title,body；缺少 shortcode；无法识别 "code"'],
    ['templates[2] (“长文”).body: is longer than 20000 characters', '第 3 条 (“长文”).内容：超过 20000 个字符'],
    ['format: must be "deskmate/templates"', 'format: 必须是 "deskmate/templates"'],
    ['regex: uses a lookahead "(?=" or "(?!", which Deskmate cannot run in linear time (invalid or unsupported Perl syntax: `(?=`)', '正则表达式：使用了前瞻断言 "(?=" 或 "(?!"，Deskmate 无法在线性时间内执行 (invalid or unsupported Perl syntax: `(?=`)'],
    ['regex: is too complex (1802 steps per character, at most 1000; use smaller counted repetitions such as {1,50})', '正则表达式：过于复杂（每个字符 1802 步，最多 1000 步；请改用较小的计数重复，如 {1,50}）'],
    ['file: is not valid UTF-8 text (save it as “CSV UTF-8” or JSON in UTF-8)', '文件：不是 UTF-8 文本（请另存为“CSV UTF-8”或 UTF-8 编码的 JSON）'],
  ])('%s', (en, zh) => {
    expect(localizeError(en, 'zh-CN')).toBe(zh);
    expect(localizeError(en, 'en')).toBe(en);
  });
});
