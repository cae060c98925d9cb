import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import demo from '@/lib/sites/configs/deskmate-demo.json';
import { extractValue } from '@/lib/sites/extract';
import { compileSafeRegex, EXTRACT_REGEX, LINT_REGEX, MAX_EXTRACT_INPUT, MAX_LINT_INPUT } from '@/lib/sites/safe-regex';
import { domSelectorChecker, parseSiteConfig } from '@/lib/sites/schema';
import { compileRules, defaultLintRules, lintText, type LintRule } from '@/lib/templates/lint';
import { lintRule } from '@/lib/templates/lint-schema';
import { upgradeLegacyLintRegex } from '@/lib/templates/lint-legacy';

// A bound far above normal (a shared 2-core CI machine runs these): it proves these finish, where
// backtracking took seconds to hours; how fast they are is measured in `npm run bench`.
const TERMINATES_MS = 5000;

// docs/security.md S3 (round 2): regexes from site configs and lint rules run on text the buyer
// writes and on the draft as it is typed. Each pattern below passed the old hand-written check
// and took seconds to hours on a few hundred characters in a backtracking engine. Whatever a
// pattern is, what is accepted must run in time linear in a capped input.

const check = domSelectorChecker(document);

/** Patterns from the review (issue 15) and the older nested-group findings, with a hostile input each. */
const HOSTILE: [string, string][] = [
  ['.*.*.*.*.*=', 'a'.repeat(100_000)],
  ['\\d+\\d+\\d+\\d+!', '1'.repeat(100_000)],
  ['^(a|a){1,100}$', 'a'.repeat(200) + '!'],
  ['^(a{1,30}){1,30}$', 'a'.repeat(200) + '!'], // refused: 1,863 steps per character
  ['^(a{1,10}){1,30}$', 'a'.repeat(100_000) + '!'],
  ['(\\d|\\w){2,99}$', 'a'.repeat(100_000) + '!'],
  ['^((a+))+$', 'a'.repeat(100_000) + '!'],
  ['(a|aa)+$', 'a'.repeat(100_000) + '!'],
  ['((亲)+)+$', '亲'.repeat(100_000) + '!'],
];

/** A site config whose order number is read from the page with `regex`. */
function configWith(regex: string) {
  return { ...demo, selectors: { ...demo.selectors, orderNo: { selector: ['#order'], regex } } };
}

function lintRuleWith(regex: string): LintRule {
  return { id: 'custom.x', category: 'custom', severity: 'warning', patterns: [], regex, message: 'm', suggestion: 's', enabled: true };
}

describe('site-config and lint regexes run in linear time (S3)', () => {
  it('extraction: every pattern the schema accepts runs on hostile page text in bounded time', () => {
    const el = document.createElement('div');
    for (const [regex, text] of HOSTILE) {
      const parsed = parseSiteConfig(configWith(regex), check);
      if (!parsed.ok) {
        // Refused only for its size (a bound on the cost per character), never for its shape.
        expect(parsed.errors, regex).toEqual([expect.stringMatching(/^selectors\.orderNo\.regex: is too complex/)]);
        continue;
      }
      const order = document.createElement('span');
      order.id = 'order';
      order.textContent = text;
      el.replaceChildren(order);
      const t0 = performance.now();
      extractValue(parsed.value.selectors.orderNo, el);
      expect(performance.now() - t0, regex).toBeLessThan(TERMINATES_MS);
    }
  });

  it('lint: every pattern the rule schema accepts runs on a hostile draft in bounded time', () => {
    for (const [regex, text] of HOSTILE) {
      const parsed = lintRule.safeParse(lintRuleWith(regex));
      if (!parsed.success) {
        expect(
          parsed.error.issues.map((i) => [i.path, i.message]),
          regex,
        ).toEqual([[['regex'], expect.stringMatching(/^is too complex/)]]);
        continue;
      }
      const compiled = compileRules([lintRuleWith(regex)]);
      expect(compiled, regex).toHaveLength(1);
      const t0 = performance.now();
      lintText(text, compiled, 'en');
      expect(performance.now() - t0, regex).toBeLessThan(TERMINATES_MS);
    }
  });

  it('looks at a capped length of text: a URL, a time or an order number, never a whole page', () => {
    const el = document.createElement('div');
    el.textContent = 'x'.repeat(MAX_EXTRACT_INPUT) + '订单号 1234567890';
    expect(extractValue({ selector: [':scope'], regex: '订单号 (\\d+)' }, el)).toBeNull();
    el.textContent = 'x'.repeat(MAX_EXTRACT_INPUT - 20) + '订单号 1234567890';
    expect(extractValue({ selector: [':scope'], regex: '订单号 (\\d+)' }, el)).toBe('1234567890');
    const compiled = compileRules([lintRuleWith('微信')]);
    expect(lintText('好'.repeat(MAX_LINT_INPUT) + '加我微信', compiled, 'en')).toEqual([]);
    expect(lintText('好'.repeat(MAX_LINT_INPUT - 10) + '加我微信', compiled, 'en')).toHaveLength(1);
  });

  it('checks with the flags it runs with: extraction is case-sensitive, lint is not', () => {
    const el = document.createElement('div');
    el.textContent = 'ORDER 42';
    expect(extractValue({ selector: [':scope'], regex: 'order (\\d+)' }, el)).toBeNull();
    expect(extractValue({ selector: [':scope'], regex: 'ORDER (\\d+)' }, el)).toBe('42');
    expect(lintText('Add me on WECHAT', compileRules([lintRuleWith('wechat')]), 'en')).toHaveLength(1);
    // What the check accepts compiles at run time, with the same options.
    for (const regex of ['\\p{Han}+', '[\\u4e00-\\u9fa5]{2,4}', '(?<name>\\d+)', '(?<!\\d)\\d{3}'])
      for (const options of [EXTRACT_REGEX, LINT_REGEX]) expect(typeof compileSafeRegex(regex, options), regex).toBe('object');
    // Positions are String indices (UTF-16), also after characters outside the BMP.
    expect(lintText('😀加我微信', compileRules([lintRuleWith('微信')]), 'en')[0]).toMatchObject({ start: 4, end: 6, phrase: '微信' });
    el.textContent = '😀单号 A12';
    expect(extractValue({ selector: [':scope'], regex: '单号 (\\w+)' }, el)).toBe('A12');
  });

  it('refuses at import what the engine cannot run, naming the field', () => {
    const cases: [string, RegExp][] = [
      ['(\\d+)(?=元)', /^selectors\.orderNo\.regex: uses a lookahead/],
      ['(\\d+)(?!元)', /^selectors\.orderNo\.regex: uses a lookahead/],
      ['(\\d)\\1', /^selectors\.orderNo\.regex: uses a backreference/],
      ['[\\s\\S]{1,999}x', /^selectors\.orderNo\.regex: is too complex/],
      ['(a{1,1000}){1,1000}', /^selectors\.orderNo\.regex: is not a regular expression Deskmate can run/],
      ['[abc', /^selectors\.orderNo\.regex: is not a regular expression Deskmate can run/],
    ];
    for (const [regex, error] of cases) {
      const r = parseSiteConfig(configWith(regex), check);
      expect(r.ok, regex).toBe(false);
      if (!r.ok) expect(r.errors, regex).toEqual([expect.stringMatching(error)]);
      const l = lintRule.safeParse(lintRuleWith(regex));
      expect(l.success, regex).toBe(false);
      expect(l.error?.issues[0]?.path, regex).toEqual(['regex']);
    }
  });

  it('the shipped lint rules compile on the engine; stored copies of the old lookahead regexes are upgraded', () => {
    const rules = defaultLintRules();
    expect(compileRules(rules)).toHaveLength(rules.length);
    const compiled = compileRules(rules);
    const ids = (text: string) => lintText(text, compiled, 'zh-CN').map((f) => f.ruleId);
    expect(ids('打给我 138 1234 5678')).toEqual(['offplatform.phone']);
    expect(ids('打给我 138123456789')).toEqual([]); // 12 digits: not a mobile number
    expect(ids('我也不知道。')).toEqual(['dismissive.dont-know']);
    expect(ids('不知道')).toEqual(['dismissive.dont-know']);
    expect(ids('不知道您是否方便')).toEqual([]);
    expect(ids('不知道是否可以')).toEqual([]);
    for (const old of ['(?<!\\d)1[3-9]\\d(?:[\\s-]?\\d{4}){2}(?!\\d)', '不知道(?!我刚才|您|是否)']) {
      const upgraded = upgradeLegacyLintRegex(lintRuleWith(old));
      expect(upgraded.regex).not.toBe(old);
      expect(lintRule.safeParse(upgraded).success).toBe(true);
    }
  });
});

describe('the regex corpus that the old hand-written check refused is now harmless', () => {
  const dir = join(__dirname, '../fixtures/regex');
  it.each(['site-nested-quantifier.json', 'site-nested-group.json'])('%s: accepted, and its URL rule is linear', (file) => {
    const r = parseSiteConfig(JSON.parse(readFileSync(join(dir, file), 'utf8')), check);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t0 = performance.now();
    extractValue(r.value.selectors.orderNo, document.body, 'https://shop.example/x?order=' + '1'.repeat(5000) + '!');
    expect(performance.now() - t0).toBeLessThan(TERMINATES_MS);
  });
  it.each(['lint-nested-quantifier.json', 'lint-nested-group.json'])('%s: accepted, and linear on 亲亲…!', (file) => {
    const rules = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { rules: LintRule[] }).rules.map((r) => ({ ...r, enabled: true }));
    const t0 = performance.now();
    lintText('亲'.repeat(MAX_LINT_INPUT) + '!', compileRules(rules), 'en');
    expect(performance.now() - t0).toBeLessThan(TERMINATES_MS);
  });
});
