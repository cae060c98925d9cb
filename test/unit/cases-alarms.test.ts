import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { DeskmateDB } from '@/lib/db/database';
import type { CaseRecord } from '@/lib/db/records';
import { CASE_ALARM, CASE_ALARM_PREFIX, onCaseAlarm, syncCaseAlarms } from '@/lib/cases/background';
import { caseReminderLeads } from '@/lib/settings';

// docs/security.md S17: case deadlines made one alarm per case and reminder (`case:<id>:<lead>`),
// so a shop with more than ~125 open cases went past Chrome's 500-alarm cap — create() then fails
// silently and those deadlines are never reminded — and the names put case ids into the browser's
// alarm storage. Now one rolling alarm; these tests fail with the per-case version.

const H = 3_600_000;
const T0 = 1_700_000_000_000;
let db: DeskmateDB;
beforeEach(async () => {
  db = new DeskmateDB(`case-alarms-${crypto.randomUUID()}`);
  await browser.alarms.clearAll();
  await caseReminderLeads.setValue([720, 120, 30]);
});
afterEach(() => db.delete());

function aCase(i: number, deadlineAt: number, extra: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: `case-${i}`,
    orderNo: `O${1000 + i}`,
    disputeType: 'quality-problem',
    caseTypeTitle: '质量问题',
    platform: 'taobao',
    siteId: 'deskmate-demo',
    status: 'open',
    startedAt: deadlineAt - 48 * H,
    deadlineAt,
    items: [],
    createdAt: T0 - 24 * H,
    updatedAt: T0,
    closedAt: 0,
    ...extra,
  };
}

async function run<T>(fn: (create: ReturnType<typeof vi.spyOn>) => Promise<T>): Promise<T> {
  const create = vi.spyOn(browser.notifications, 'create');
  const ui = vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
  try {
    return await fn(create);
  } finally {
    create.mockRestore();
    ui.mockRestore();
  }
}

describe('case deadline alarms', () => {
  it('300 open cases: one alarm at the earliest moment, named without a case id; per-case alarms of earlier versions are cleared', async () => {
    await db.cases.bulkPut(Array.from({ length: 300 }, (_, i) => aCase(i, T0 + 24 * H + i * 60_000)));
    await browser.alarms.create(`${CASE_ALARM_PREFIX}case-old:30`, { when: T0 + H });
    await syncCaseAlarms(db, T0);
    const alarms = await browser.alarms.getAll();
    expect(alarms.map((a) => [a.name, a.scheduledTime])).toEqual([[CASE_ALARM, T0 + 12 * H]]); // case-0's 12 h reminder
    expect(JSON.stringify(alarms)).not.toMatch(/case-\d|O10/);
  });

  it('each reminder and the deadline notify once, with an opaque name; the alarm rolls on and stops after the deadline', async () => {
    await db.cases.put(aCase(1, T0 + 3 * H));
    await syncCaseAlarms(db, T0);
    expect((await browser.alarms.getAll()).map((a) => a.scheduledTime)).toEqual([T0 + H]); // 2 h before: reminder and due
    await run(async (create) => {
      await onCaseAlarm(db, CASE_ALARM, T0 + H);
      expect(create).toHaveBeenCalledTimes(1);
      const [name, opts] = create.mock.calls[0] as [string, { title: string; message: string }];
      expect(name).not.toContain('case-1');
      expect(opts.title).toContain('2小时');
      expect(opts.message).toContain('O1001');
      await onCaseAlarm(db, CASE_ALARM, T0 + H + 500); // delivered twice: nothing new
      expect(create).toHaveBeenCalledTimes(1);
      expect((await browser.alarms.getAll()).map((a) => a.scheduledTime)).toEqual([T0 + 2.5 * H]); // 30 min before
      await onCaseAlarm(db, CASE_ALARM, T0 + 2.5 * H);
      expect(create).toHaveBeenCalledTimes(2);
      await onCaseAlarm(db, CASE_ALARM, T0 + 3 * H);
      expect(create).toHaveBeenCalledTimes(3);
      expect((create.mock.calls[2] as [string, { title: string }])[1].title).toBe('案件已超过截止时间');
      expect(await browser.alarms.getAll()).toEqual([]);
    });
  });

  it('a machine that slept through several reminders of a case gets one notification for it; closed cases none', async () => {
    await db.cases.bulkPut([aCase(1, T0 + 3 * H), aCase(2, T0 + 3 * H, { status: 'closed' })]);
    await syncCaseAlarms(db, T0);
    await run(async (create) => {
      await onCaseAlarm(db, CASE_ALARM, T0 + H); // baseline
      create.mockClear();
      await onCaseAlarm(db, CASE_ALARM, T0 + 3 * H + 60_000); // slept past the 30 min reminder and the deadline
      expect(create).toHaveBeenCalledTimes(1);
    });
  });

  it('a case opened with less time left than a lead is not reminded of that lead', async () => {
    await db.cases.put(aCase(1, T0 + 3 * H, { createdAt: T0 + 2 * H })); // opened 1 h before its deadline
    await run(async (create) => {
      await onCaseAlarm(db, CASE_ALARM, T0 + 2 * H); // baseline at its creation
      create.mockClear();
      await onCaseAlarm(db, CASE_ALARM, T0 + 2.5 * H);
      expect(create).toHaveBeenCalledTimes(1); // the 30 min reminder; not the 12 h or 2 h ones
      await onCaseAlarm(db, CASE_ALARM, T0 + 2.6 * H);
      expect(create).toHaveBeenCalledTimes(1);
    });
  });
});
