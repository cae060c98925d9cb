import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shippedChecklists } from '@/lib/cases/definitions';
import { formatYuan, parseYuan } from '@/lib/cases/details';
import { caseDetailsPatchSchema } from '@/lib/cases/details-schema';
import { closeCase, openCase, updateCase } from '@/lib/cases/store';
import { DeskmateDB } from '@/lib/db/database';
import { loadDashboard } from '@/lib/metrics/dashboard';
import { requests } from '@/lib/messaging/protocol';

let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`details-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const defs = shippedChecklists('zh-CN');
const H = 3600_000;
const T0 = Date.UTC(2026, 11, 2, 2, 0);
const base = { orderNo: '3861129904457', platform: 'taobao', siteId: 'deskmate-demo' };

describe('case start and deadline', () => {
  it('a case opened without a start has no deadline (never "now") until the agent gives one', async () => {
    const c = await openCase(db, { ...base, caseTypeId: 'quality' }, defs, T0);
    expect(c.startedAt).toBe(0);
    expect(c.deadlineAt).toBe(0);
    expect(c.startEvent).toBe('platformIntervened');
    const next = await updateCase(db, { id: c.id, startedAt: T0 - 30 * H }, defs, T0);
    expect(next.startSource).toBe('agent');
    // 48 h after the intervention, which was 30 h ago: 18 h left.
    expect(next.deadlineAt - T0).toBe(18 * H);
  });

  it('keeps where a page-read start came from', async () => {
    const c = await openCase(db, { ...base, caseTypeId: 'quality', startedAt: T0 - 30 * H, startSource: 'page' }, defs, T0);
    expect(c.startSource).toBe('page');
    expect(c.deadlineAt).toBe(T0 + 18 * H);
    const pdd = await updateCase(db, { id: c.id, platform: 'douyin' }, defs, T0);
    expect(pdd.deadlineAt).toBe(T0 - 6 * H); // Douyin: 24 h
    expect(pdd.startSource).toBe('page');
  });

  it('the message protocol refuses a start of 0 (unknown is "absent", not the epoch)', () => {
    expect(requests['cases.open'].input.safeParse({ ...base, caseTypeId: 'quality', startedAt: 0 }).success).toBe(false);
  });
});

describe('case details', () => {
  it('starts with the cause and refund path the case type implies', async () => {
    expect((await openCase(db, { ...base, caseTypeId: 'quality' }, defs, T0)).details).toEqual({ cause: 'quality' });
    expect((await openCase(db, { ...base, caseTypeId: 'refund-with-return' }, defs, T0)).details).toEqual({ refundPath: 4 });
  });

  it('a patch sets and removes fields; a re-shipment is dated when first recorded', async () => {
    const c = await openCase(db, { ...base, caseTypeId: 'quality' }, defs, T0);
    const a = await updateCase(
      db,
      { id: c.id, details: { items: '羽绒服 YR-2388', refundCents: 45900, reshipCourier: '顺丰', reshipTrackingNo: 'SF1402938475620' } },
      defs,
      T0 + H,
    );
    expect(a.details).toMatchObject({ cause: 'quality', items: '羽绒服 YR-2388', refundCents: 45900, reshippedAt: T0 + H });
    const b = await updateCase(db, { id: c.id, details: { reshipFeeCents: 1200, cause: null } }, defs, T0 + 2 * H);
    expect(b.details?.cause).toBeUndefined();
    expect(b.details?.reshippedAt).toBe(T0 + H);
    const cleared = await updateCase(
      db,
      { id: c.id, details: { reshipCourier: null, reshipTrackingNo: null, reshipFeeCents: null } },
      defs,
      T0 + 3 * H,
    );
    expect(cleared.details?.reshippedAt).toBeUndefined();
  });

  it('refuses a bad patch whole, naming the field', () => {
    const r = caseDetailsPatchSchema.safeParse({ items: '外套', reshipTrackingNo: 'SF 12<script>', refundCents: -5 });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['reshipTrackingNo', 'refundCents']));
    expect(caseDetailsPatchSchema.safeParse({ refundPath: 5 }).success).toBe(false);
    expect(caseDetailsPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('reads amounts in yuan as exact cents', () => {
    expect(parseYuan('459')).toBe(45900);
    expect(parseYuan('¥1,299.5')).toBe(129950);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('')).toBeNull();
    expect(parseYuan('12.345')).toBeUndefined();
    expect(parseYuan('-3')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
    expect(formatYuan(129950)).toBe('1299.50');
  });

  it('closing needs a real outcome', async () => {
    const c = await openCase(db, { ...base, caseTypeId: 'quality' }, defs, T0);
    await expect(closeCase(db, c.id, '' as never, T0)).rejects.toThrow(/outcome/);
    expect(requests['cases.close'].input.safeParse({ id: c.id }).success).toBe(false);
    expect((await closeCase(db, c.id, 'refunded', T0 + H)).closedAt).toBe(T0 + H);
  });
});

describe('the dashboard reads the after-sales record from the database', () => {
  it('a refunded dispute on path ④ closed 30 h after the intervention', async () => {
    const c = await openCase(db, { ...base, caseTypeId: 'quality', startedAt: T0 - 10 * H, startSource: 'page' }, defs, T0);
    await updateCase(
      db,
      { id: c.id, details: { refundPath: 4, items: '羽绒服', refundCents: 45900, reshipCourier: '顺丰', reshipFeeCents: 1200 } },
      defs,
      T0 + H,
    );
    await closeCase(db, c.id, 'refunded', T0 + 20 * H);
    const data = await loadDashboard(db, { from: T0 - 24 * H, to: T0 + 48 * H }, { now: T0 + 21 * H });
    expect(data.cases.typeTitles).toEqual({ quality: '质量问题' });
    expect(data.afterSales.kpis.completionByPath[4]).toEqual({ count: 1, meanHours: 30 });
    expect(data.afterSales.kpis).toMatchObject({ closed: 1, selfCompleted: 1, disputes: 1 });
    expect(data.afterSales.week.returns).toEqual([{ item: '羽绒服', cause: 'quality', count: 1, refundCents: 45900 }]);
    expect(data.afterSales.week.reshipments).toMatchObject({
      feeCents: 1200,
      rows: [{ orderNo: base.orderNo, courier: '顺丰', at: T0 + H }],
    });
  });
});
