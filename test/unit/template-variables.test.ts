import { describe, expect, it } from 'vitest';
import { fieldsToAsk, render, tokenize, type RenderContext } from '@/lib/templates/variables';

const now = new Date(2026, 10, 24, 14, 30).getTime(); // 24 Nov 2026 14:30 local
const zh: RenderContext = {
  now,
  locale: 'zh-CN',
  buyer: '林晓雨',
  agent: '小林',
  agentId: '8023',
  shop: '悦衣坊',
  order: '3859201746682',
  tracking: null,
};

describe('template variables', () => {
  it('fills built-ins in both spellings', () => {
    expect(render('您好{{买家}}，{{客服}}（工号{{工号}}）为您服务，{{shop}}', zh).text).toBe(
      '您好林晓雨，小林（工号8023）为您服务，悦衣坊',
    );
    expect(render('Order {{order}} / {{订单号}}', zh).text).toBe('Order 3859201746682 / 3859201746682');
  });

  it('uses the fallback when the page has no value', () => {
    expect(render('{{buyer|亲}}您好', { ...zh, buyer: null }).text).toBe('亲您好');
    expect(render('{{buyer|亲}}您好', zh).text).toBe('林晓雨您好');
  });

  it('never leaves a silent blank: a value-less variable becomes a question', () => {
    const r = render('物流单号：{{物流单号}}', zh);
    expect(r.missing).toEqual([{ key: '物流单号', label: '物流单号' }]);
    expect(fieldsToAsk('物流单号：{{物流单号}}', zh)).toEqual([{ key: '物流单号', label: '物流单号' }]);
    expect(render('物流单号：{{物流单号}}', zh, { 物流单号: 'SF123' })).toMatchObject({ text: '物流单号：SF123', missing: [] });
  });

  it('asks for fill-in fields once each, in order', () => {
    const body = '补偿{{?金额}}元，{{?原因}}，共{{?金额}}元';
    expect(fieldsToAsk(body, zh).map((f) => f.key)).toEqual(['?金额', '?原因']);
    expect(render(body, zh, { '?金额': '10', '?原因': '运费' }).text).toBe('补偿10元，运费，共10元');
  });

  it('shifts dates by calendar days and formats per language', () => {
    expect(render('{{date}} {{日期+3d}} {{time}} {{时间+2h}}', zh).text).toBe('11月24日 11月27日 14:30 16:30');
    expect(render('{{date+7d}}', { ...zh, locale: 'en' }).text).toBe('Dec 1');
    expect(render('{{date-1d}}', { ...zh, now: new Date(2026, 0, 1, 9).getTime(), locale: 'en' }).text).toBe('Dec 31');
  });

  it('places the caret at {{cursor}}, else at the end', () => {
    expect(render('亲，{{cursor}}，谢谢', zh)).toMatchObject({ text: '亲，，谢谢', caret: 2 });
    expect(render('abc', zh).caret).toBe(3);
  });

  it('renders markup as text and leaves unknown braces alone', () => {
    expect(render('<img src=x onerror=alert(1)>{{买家}}', zh).text).toBe('<img src=x onerror=alert(1)>林晓雨');
    expect(tokenize('{{ }} {{a b}}')).toEqual([{ kind: 'text', text: '{{ }} {{a b}}' }]);
  });
});
