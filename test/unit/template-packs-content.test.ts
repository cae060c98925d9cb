import { describe, expect, it } from 'vitest';
import { compileRules, defaultLintRules, lintText } from '@/lib/templates/lint';
import { packTemplates } from '@/lib/templates/packs';
import { render } from '@/lib/templates/variables';

// What the built-in packs say, checked against the service standard and the after-sales
// playbooks (issue 17, item 6). Every template, old or new, passes the lint (test/unit/lint.test.ts
// checks all of them; the new ones are named here too).

const zh = new Map(packTemplates('zh-CN').map((t) => [t.id, t]));
const en = new Map(packTemplates('en').map((t) => [t.id, t]));
const compiled = compileRules(defaultLintRules());
const NEW = [
  'builtin.aftersale.stock.out_of_stock',
  'builtin.aftersale.stock.extra_item',
  'builtin.aftersale.stock.missing_item',
  'builtin.aftersale.stock.wrong_courier',
  'builtin.common.report_back',
  'builtin.common.correct_answer',
];

describe('template packs: content', () => {
  it('a request above the agent’s authority promises the 12 h supervisor answer, and the reply time says so', () => {
    const t = zh.get('builtin.aftersale.comp.approval')!;
    expect(t.body).toContain('12小时内');
    expect(t.body).not.toContain('4小时');
    expect(en.get('builtin.aftersale.comp.approval')!.body).toContain('12 hours');
    // 2026-11-24 15:30 local → the answer is promised by 03:30 the next day.
    const out = render(t.body, { now: new Date(2026, 10, 24, 15, 30).getTime(), locale: 'zh-CN' });
    expect(out.text).toContain('03:30');
  });

  it('the colour-difference script does not lead with “our photos are real”', () => {
    expect(zh.get('builtin.aftersale.size.color_diff')!.body).not.toMatch(/实物拍摄/);
    expect(en.get('builtin.aftersale.size.color_diff')!.body).not.toMatch(/photos are of the real product/i);
  });

  it('the 工号 greeting names the shop, not the agent, in the company slot', () => {
    expect(zh.get('builtin.common.greeting')!.body).toMatch(/^您好，\{\{店铺\}\}，工号\{\{工号\}\}为您服务/);
    expect(en.get('builtin.common.greeting')!.body).toContain('{{shop}}');
  });

  it('covers out of stock, extra and missing items, the wrong courier, reporting back and correcting an answer, in both languages', () => {
    for (const id of NEW) {
      expect(zh.get(id), id).toBeTruthy();
      expect(en.get(id), id).toBeTruthy();
      expect((zh.get(id)!.folder ?? '').split('/').length).toBe((en.get(id)!.folder ?? '').split('/').length);
      expect(lintText(zh.get(id)!.body, compiled, 'zh-CN')).toEqual([]);
      expect(lintText(en.get(id)!.body, compiled, 'en')).toEqual([]);
    }
    // Reporting back on a checked complaint, as the standard words it: 您在X月X日反映的……问题，经核实……
    expect(zh.get('builtin.common.report_back')!.body).toMatch(/您在\{\{\?反映日期\}\}反映的\{\{\?问题\}\}，经核实/);
  });
});
