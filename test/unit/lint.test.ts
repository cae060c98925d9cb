import { describe, expect, it } from 'vitest';
import defaults from '@/lib/templates/packs/lint-rules.json';
import { compileRules, defaultLintRules, lintText, sentenceAround } from '@/lib/templates/lint';
import { lintRule, lintRuleSet, regexProblem } from '@/lib/templates/lint-schema';
import { packTemplates } from '@/lib/templates/packs';

// A bound far above normal (a shared 2-core CI machine runs these): it proves these finish, where
// backtracking took seconds to hours; how fast they are is measured in `npm run bench`.
const TERMINATES_MS = 5000;

const compiled = compileRules(defaultLintRules());
const ids = (text: string) => lintText(text, compiled, 'zh-CN').map((f) => f.ruleId);

describe('service-language lint', () => {
  it('flags forbidden phrases from the service standard, with reason and standard phrase', () => {
    const [flag] = lintText('不是告诉你了，怎么还不明白？', compiled, 'zh-CN');
    expect(flag).toMatchObject({ ruleId: 'forbidden.already-told', phrase: '不是告诉你了', start: 0 });
    expect(flag!.replacement).toBeTruthy();
    expect(ids('这是规定，我有什么办法')).toContain('forbidden.rules-excuse');
  });

  it('flags off-platform contact, review bait, rights denial and absolute promises', () => {
    expect(ids('加我微信吧')).toEqual(['offplatform.wechat']);
    expect(ids('打给我 138 1234 5678')).toEqual(['offplatform.phone']);
    expect(ids('好评返现5元')).toContain('reviewbait.cashback');
    expect(ids('本店不支持七天无理由')).toContain('rights.seven-day');
    expect(ids('绝对正品')).toContain('absolute.authentic');
  });

  it('leaves the polite standard phrases and every default template alone', () => {
    expect(ids('不知道我刚才是否将您的问题解释清楚了？')).toEqual([]);
    for (const language of ['zh-CN', 'en'] as const)
      for (const t of packTemplates(language)) expect(lintText(t.body, compiled, language), `${t.id}: ${t.body}`).toEqual([]);
  });

  it('ships rules that pass their own validation', () => {
    expect(lintRuleSet.safeParse(defaults).success).toBe(true);
    expect(regexProblem('(?<!\\d)1[3-9]\\d(?:[\\s-]?\\d{4}){2}\\b')).toBeNull();
  });

  it('refuses user regexes the linear-time engine cannot run, with a clear error', () => {
    expect(regexProblem('([a-z]+)+$')).toBeNull(); // harmless on RE2 (test/unit/regex-engine.test.ts)
    expect(regexProblem('微信(?!号)')).toMatch(/uses a lookahead/);
    expect(regexProblem('[abc')).toMatch(/is not a regular expression Deskmate can run \(missing closing \]/);
    const r = lintRule.safeParse({
      id: 'x',
      category: 'mine',
      severity: 'warning',
      patterns: [],
      regex: '(',
      message: 'm',
      suggestion: 's',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['regex']);
  });

  it('finds the sentence a one-click fix replaces', () => {
    const text = '好的。你不是说要红色吗？我帮您看';
    const flag = lintText(text, compiled, 'zh-CN')[0]!;
    expect(text.slice(...(Object.values(sentenceAround(text, flag.start, flag.end)) as [number, number]))).toBe('你不是说要红色吗？');
  });

  it('runs over a long message quickly enough to never block typing', () => {
    const long = '亲，您好，'.repeat(2000) + '加我微信';
    const t0 = performance.now();
    expect(ids(long)).toEqual(['offplatform.wechat']);
    expect(performance.now() - t0).toBeLessThan(TERMINATES_MS);
  });
});
