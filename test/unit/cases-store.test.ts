import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shippedChecklists } from '@/lib/cases/definitions';
import { casesDueSoon } from '@/lib/cases/background';
import { attachmentsOf, casesForOrder, closeCase, openCase, openCases, updateCase } from '@/lib/cases/store';
import { storeAttachment } from '@/lib/cases/capture';
import { DeskmateDB } from '@/lib/db/database';
import { loadDashboard } from '@/lib/metrics/dashboard';

let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`cases-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const defs = shippedChecklists('zh-CN');
const H = 3600_000;
const T0 = new Date(2026, 11, 2, 10, 0).getTime();
const quality = defs.caseTypes.find((c) => c.id === 'quality')!;

describe('case store', () => {
  it('keeps one case per order and type: opening again returns the same case', async () => {
    const a = await openCase(
      db,
      { orderNo: '3859201746682', caseTypeId: quality.id, platform: 'taobao', siteId: 'demo', startedAt: T0 },
      defs,
      T0,
    );
    const b = await openCase(db, { orderNo: '3859201746682', caseTypeId: quality.id, platform: 'pinduoduo', siteId: 'demo' }, defs, T0 + H);
    expect(b.id).toBe(a.id);
    expect(await db.cases.count()).toBe(1);
    expect(a.items.map((i) => i.itemId)).toEqual(quality.items.map((i) => i.id));
    expect(a.caseTypeTitle).toBe(quality.title);
    const other = defs.caseTypes.find((c) => c.id !== quality.id)!;
    await openCase(db, { orderNo: '3859201746682', caseTypeId: other.id, platform: 'taobao', siteId: 'demo' }, defs, T0);
    expect((await casesForOrder(db, '3859201746682')).length).toBe(2);
  });

  it('computes the deadline from the case type rule and the platform, and moves it with the start', async () => {
    const rule = defs.deadlineRules.find((r) => r.id === quality.deadlineRule)!;
    const c = await openCase(db, { orderNo: '1', caseTypeId: quality.id, platform: 'douyin', siteId: 'demo', startedAt: T0 }, defs, T0);
    const hours = rule.perPlatform?.douyin ?? rule.hours!;
    expect(c.deadlineAt).toBe(T0 + hours * H);
    const moved = await updateCase(db, { id: c.id, startedAt: T0 + 2 * H }, defs, T0 + 3 * H);
    expect(moved.deadlineAt).toBe(T0 + 2 * H + hours * H);
  });

  it('records when the required items were all done, and forgets it when one is unticked', async () => {
    const c = await openCase(db, { orderNo: '2', caseTypeId: quality.id, platform: 'taobao', siteId: 'demo', startedAt: T0 }, defs, T0);
    const required = quality.items.filter((i) => i.required).map((i) => i.id);
    const done = await updateCase(db, { id: c.id, items: required.map((itemId) => ({ itemId, done: true })) }, defs, T0 + H);
    expect(done.completedAt).toBe(T0 + H);
    expect(done.items.filter((i) => i.done).every((i) => i.doneAt === T0 + H)).toBe(true);
    const undone = await updateCase(db, { id: c.id, items: [{ itemId: required[0]!, done: false, note: '发票待补' }] }, defs, T0 + 2 * H);
    expect(undone.completedAt).toBe(0);
    expect(undone.items.find((i) => i.itemId === required[0])).toMatchObject({ done: 0, doneAt: 0, note: '发票待补' });
    await expect(updateCase(db, { id: c.id, items: [{ itemId: 'nope', done: true }] }, defs)).rejects.toThrow(
      'the case has no item "nope"',
    );
  });

  it('lists open cases by time left, counts those due within 2 h, and closes with an outcome', async () => {
    const late = await openCase(
      db,
      { orderNo: 'a', caseTypeId: quality.id, platform: 'taobao', siteId: 'demo', startedAt: T0 - 47 * H },
      defs,
      T0,
    );
    const early = await openCase(db, { orderNo: 'b', caseTypeId: quality.id, platform: 'taobao', siteId: 'demo', startedAt: T0 }, defs, T0);
    expect((await openCases(db)).map((c) => c.id)).toEqual([late.id, early.id]);
    expect(await casesDueSoon(db, T0)).toBe(1);
    await closeCase(db, late.id, 'won', T0 + H);
    expect(await casesDueSoon(db, T0 + H)).toBe(0);
    expect((await openCases(db)).map((c) => c.id)).toEqual([early.id]);
  });

  it('stores attachments only for an item the case has', async () => {
    const c = await openCase(db, { orderNo: 'x', caseTypeId: quality.id, platform: 'taobao', siteId: 'demo' }, defs, T0);
    const blob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    await storeAttachment(db, {
      caseId: c.id,
      itemId: quality.items[0]!.id,
      name: 'a.png',
      blob,
      sourceUrl: 'http://127.0.0.1/refund.html',
      now: T0,
    });
    await expect(storeAttachment(db, { caseId: c.id, itemId: 'nope', name: 'b.png', blob, sourceUrl: '' })).rejects.toThrow('itemId');
    const list = await attachmentsOf(db, c.id);
    expect(list).toHaveLength(1);
    expect(list[0]).not.toHaveProperty('blob');
  });

  it('feeds the dashboard: opened, closed, outcomes, time to complete, deadlines met', async () => {
    const c = await openCase(db, { orderNo: 'm', caseTypeId: quality.id, platform: 'taobao', siteId: 'demo', startedAt: T0 }, defs, T0);
    const required = quality.items.filter((i) => i.required).map((i) => ({ itemId: i.id, done: true }));
    await updateCase(db, { id: c.id, items: required }, defs, T0 + 5 * H);
    await closeCase(db, c.id, 'won', T0 + 6 * H);
    const data = await loadDashboard(db, { from: T0 - H, to: T0 + 24 * H }, { now: T0 + 7 * H });
    expect(data.cases).toMatchObject({
      opened: 1,
      closed: 1,
      outcomes: { won: 1 },
      avgHoursToComplete: 5,
      deadlinesMet: 1,
      deadlinesDue: 1,
    });
  });
});
