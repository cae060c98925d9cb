import { describe, expect, it } from 'vitest';
import corpus from '../fixtures/lint/corpus.json';
import { compileRules, defaultLintRules, lintSentences, lintText, type LintRule } from '@/lib/templates/lint';
import { lintRule } from '@/lib/templates/lint-schema';

// The lint against real agent sentences (test/fixtures/lint/corpus.json): ordinary sentences must
// pass untouched, and each bad one must hit the rule it breaks. A rule edit that adds a false
// positive or loses a miss fails here with the sentence named.

const compiled = compileRules(defaultLintRules());
const ruleIds = (text: string) => [...new Set(lintText(text, compiled, 'zh-CN').map((f) => f.ruleId))];
const shipped = new Set(defaultLintRules().map((r) => r.id));

describe('lint corpus', () => {
  it('is big enough: at least 100 clean and 60 flagged sentences, every rule named exists', () => {
    expect(corpus.clean.length).toBeGreaterThanOrEqual(100);
    expect(corpus.flagged.length).toBeGreaterThanOrEqual(60);
    for (const f of corpus.flagged) for (const id of [f.rule, ...(f.also ?? [])]) expect(shipped, `${f.text}: ${id}`).toContain(id);
    // Every shipped rule is exercised by at least one flagged sentence.
    const hit = new Set(corpus.flagged.map((f) => f.rule));
    expect([...shipped].filter((id) => !hit.has(id))).toEqual([]);
  });

  it('flags none of the ordinary sentences', () => {
    const flagged = corpus.clean.map((text) => ({ text, rules: ruleIds(text) })).filter((x) => x.rules.length);
    expect(flagged).toEqual([]);
  });

  it('flags each bad sentence with the rule it breaks (and every other rule listed)', () => {
    const missed = corpus.flagged
      .map((f) => ({ text: f.text, want: [f.rule, ...(f.also ?? [])], got: ruleIds(f.text) }))
      .filter((x) => x.want.some((id) => !x.got.includes(id)));
    expect(missed).toEqual([]);
  });

  it('shows every rule a sentence breaks, grouped by sentence, one entry per rule', () => {
    const text = '好的。这不是我们的问题，你加我微信。不是告诉你了，怎么还不明白？';
    const sentences = lintSentences(text, lintText(text, compiled, 'zh-CN'));
    expect(sentences.map((s) => s.text)).toEqual(['这不是我们的问题，你加我微信。', '不是告诉你了，怎么还不明白？']);
    expect(sentences[0]!.rules.map((r) => r.flag.ruleId)).toEqual(['dismissive.not-my-job', 'offplatform.wechat']);
    // Two phrases of one rule in one sentence: one entry that names both.
    expect(sentences[1]!.rules).toHaveLength(1);
    expect(sentences[1]!.rules[0]!.phrases).toEqual(['不是告诉你了', '怎么还不明白']);
  });

  it('keeps rules of different kinds on the same words, and the more specific rule of one kind', () => {
    expect(ruleIds('我们家绝对正品。')).toEqual(['absolute.authentic']);
    expect(ruleIds('这单不是我办的，我不清楚。')).toEqual(['forbidden.not-mine', 'dismissive.dont-know']);
  });

  it('a rule’s allow phrases (case-insensitive) let ordinary wording through, the same words elsewhere are still flagged', () => {
    const parsed = lintRule.parse({
      id: 'mine.qq',
      category: 'mine',
      severity: 'error',
      patterns: ['qq'],
      regex: null,
      allow: ['QQ邮箱'],
      message: 'm',
      suggestion: 's',
    });
    const mine = compileRules([parsed as LintRule]);
    expect(lintText('发到qq邮箱就行', mine, 'zh-CN')).toEqual([]);
    expect(lintText('发到qq邮箱，或者加我qq', mine, 'zh-CN').map((f) => f.start)).toEqual([11]);
    expect(lintRule.safeParse({ ...parsed, allow: [''] }).success).toBe(false);
  });
});
