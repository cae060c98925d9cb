import { describe, expect, it } from 'vitest';
import { afterSalesKpis, afterSalesTables, afterSalesWeek } from '@/lib/cases/report';
import type { CaseDetails } from '@/lib/cases/details';
import type { CaseRecord } from '@/lib/db/records';
import { translator } from '@/lib/i18n';

// Two hand-worked weeks (local time, so the same in every time zone): this week is Monday
// 2026-11-30 to Monday 2026-12-07, last week the seven days before.
const at = (d: number, h: number, m = 0) => new Date(2026, 10, d, h, m).getTime(); // day of November (31 = Dec 1…)
const W = { from: at(30, 0), to: at(37, 0) };
const P = { from: at(23, 0), to: at(30, 0) };
const NOW = at(36, 12); // Sunday 12:00

let n = 0;
function kase(over: Partial<CaseRecord> & { details?: CaseDetails }): CaseRecord {
  n++;
  return {
    id: `case-${n}`,
    orderNo: `38600000000${n}`,
    disputeType: 'quality',
    platform: 'taobao',
    siteId: 'deskmate-demo',
    status: 'open',
    startedAt: 0,
    deadlineAt: 0,
    items: [],
    createdAt: at(30, 9),
    updatedAt: at(30, 9),
    closedAt: 0,
    ...over,
  };
}

const A = kase({
  orderNo: 'A1',
  createdAt: at(31, 10),
  startedAt: at(30, 9),
  startEvent: 'platformIntervened',
  status: 'closed',
  outcome: 'refunded',
  closedAt: at(33, 9), // 72 h after the start
  details: { items: '羽绒服 YR-2388', cause: 'quality', refundCents: 45900, refundPath: 4 },
});
const B = kase({
  orderNo: 'B2',
  createdAt: at(32, 9),
  startedAt: at(32, 10),
  startEvent: 'platformIntervened',
  status: 'closed',
  outcome: 'won',
  closedAt: at(32, 22), // 12 h
  details: { items: '羽绒服 YR-2388', cause: 'quality', refundCents: 20050, refundPath: 3 },
});
const C = kase({
  orderNo: 'C3',
  disputeType: 'short-missing',
  createdAt: at(31, 15),
  startedAt: at(31, 14),
  startEvent: 'refundRequested',
  status: 'closed',
  outcome: 'withdrawn',
  closedAt: at(34, 18),
  details: {
    items: '连衣裙 LY-01',
    cause: 'short-missing',
    reshipCourier: '顺丰',
    reshipTrackingNo: 'SF1',
    reshipAmountCents: 12900,
    reshipFeeCents: 1200,
    reshippedAt: at(34, 11),
  },
});
const D = kase({
  orderNo: 'D4',
  createdAt: at(24, 9),
  startedAt: at(24, 8),
  startEvent: 'platformIntervened',
  status: 'closed',
  outcome: 'refunded',
  closedAt: at(26, 8),
  details: {
    items: '羽绒服 YR-2388',
    cause: 'quality',
    refundCents: 45900,
    refundPath: 4,
    reshipCourier: '中通',
    reshipTrackingNo: 'ZT9',
    reshipAmountCents: 45900,
    reshipFeeCents: 800,
    reshippedAt: at(25, 16),
    visits: [{ at: at(31, 15), finding: '拉链批次问题，换货后满意' }],
    reviews: [{ at: at(32, 11), cause: 'batch', text: '已解释：该批次拉链已换供应商' }],
    complaintAt: at(30, 10),
    complaintAnsweredAt: at(32, 12), // 50 h: late
  },
});
const E = kase({ orderNo: 'E5', createdAt: at(35, 10), details: { complaintAt: at(35, 10) } }); // 26 h before NOW, unanswered: pending
const F = kase({ orderNo: 'F6', createdAt: at(30, 9), details: { complaintAt: at(30, 9), complaintAnsweredAt: at(30, 20) } }); // 11 h: in time
const cases = [A, B, C, D, E, F];

describe('the weekly after-sales tables', () => {
  const week = afterSalesWeek(cases, W);
  const prev = afterSalesWeek(cases, P);

  it('counts returns by item and cause, with the refunds summed exactly', () => {
    expect(week.returns).toEqual([
      { item: '羽绒服 YR-2388', cause: 'quality', count: 2, refundCents: 65950 },
      { item: '连衣裙 LY-01', cause: 'short-missing', count: 1, refundCents: 0 },
    ]);
    expect(prev.returns).toEqual([{ item: '羽绒服 YR-2388', cause: 'quality', count: 1, refundCents: 45900 }]);
  });

  it('lists re-shipments by the week they were recorded, with amount and courier fee sums', () => {
    expect(week.reshipments).toEqual({
      rows: [{ at: at(34, 11), orderNo: 'C3', courier: '顺丰', trackingNo: 'SF1', amountCents: 12900, feeCents: 1200 }],
      amountCents: 12900,
      feeCents: 1200,
    });
    expect(prev.reshipments.feeCents).toBe(800);
    expect(prev.reshipments.amountCents).toBe(45900);
  });

  it('puts visits and review explanations in the week they were made, not the week the case was opened', () => {
    expect(week.visits).toEqual([{ at: at(31, 15), orderNo: 'D4', finding: '拉链批次问题，换货后满意' }]);
    expect(prev.visits).toEqual([]);
    expect(week.reviews).toEqual([
      { cause: 'batch', count: 1, explanations: [{ at: at(32, 11), orderNo: 'D4', text: '已解释：该批次拉链已换供应商' }] },
    ]);
  });

  it('renders the four tables, this week beside last, in the agent’s language', () => {
    const tables = afterSalesTables(week, prev, translator('zh-CN'));
    expect(tables.map((x) => x.id)).toEqual(['returns', 'visits', 'reshipments', 'reviews']);
    const [returns, visits, reship, reviews] = tables;
    expect(returns!.columns).toEqual(['商品', '原因', '本周', '上周', '本周退款（元）']);
    expect(returns!.rows).toEqual([
      ['羽绒服 YR-2388', '质量问题', 2, 1, '659.50'],
      ['连衣裙 LY-01', '缺货/少货', 1, 0, '0.00'],
    ]);
    expect(visits!.title).toBe('老客户回访（本周 1 次，上周 0 次）');
    expect(reship!.rows).toEqual([
      ['2026-12-04', 'C3', '顺丰', 'SF1', '129.00', '12.00'],
      ['本周合计 1 件', '', '', '', '129.00', '12.00'],
      ['上周合计 1 件', '', '', '', '459.00', '8.00'],
    ]);
    expect(reviews!.rows).toEqual([['商品：批次', 1, 0, 'D4: 已解释：该批次拉链已换供应商']]);
    expect(afterSalesTables(week, prev, translator('en'))[0]!.rows[1]).toEqual(['连衣裙 LY-01', 'Short or missing items', 1, 0, '0.00']);
  });
});

describe('the after-sales KPIs', () => {
  it('refund completion time by path, self-completion and dispute rates from the cases closed in range', () => {
    const k = afterSalesKpis(cases, W, NOW);
    expect(k.completionByPath).toEqual({
      1: { count: 0, meanHours: null },
      2: { count: 0, meanHours: null },
      3: { count: 1, meanHours: 12 },
      4: { count: 1, meanHours: 72 },
    });
    expect(k.closed).toBe(3);
    expect(k.selfCompleted).toBe(2); // A refunded, C withdrawn; B was ruled by the platform
    expect(k.selfCompletionRate).toBeCloseTo(2 / 3);
    expect(k.disputes).toBe(2); // A (the platform stepped in) and B (ruled); C was the shop's own refund
    expect(k.disputeRate).toBeCloseTo(2 / 3);
    expect(afterSalesKpis(cases, P, NOW).completionByPath[4]).toEqual({ count: 1, meanHours: 48 });
  });

  it('complaints answered within 48 h: late and unanswered-past-48-h count against, those still inside 48 h wait', () => {
    expect(afterSalesKpis(cases, W, NOW).complaints).toEqual({ received: 3, inTime: 1, late: 1, pending: 1, rate: 0.5 });
    // A day later E's 48 h are over unanswered: late too.
    expect(afterSalesKpis(cases, W, NOW + 24 * 3600_000).complaints).toEqual({ received: 3, inTime: 1, late: 2, pending: 0, rate: 1 / 3 });
  });

  it('has no rate without closed cases', () => {
    const k = afterSalesKpis([E], W, NOW);
    expect(k.selfCompletionRate).toBeNull();
    expect(k.disputeRate).toBeNull();
  });
});
