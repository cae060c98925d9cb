import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { DeskmateDB } from '@/lib/db/database';
import { LATE_ALARM_PREFIX } from '@/lib/timers/alerts';
import { LATE_ALARM, onAlarm, syncWaitAlerts } from '@/lib/timers/background';

// docs/security.md S17 (round 2): one alarm per open wait went past Chrome's 500-alarm cap
// (create() then fails silently: no notice for those waits), and each alarm's name carried
// "<site>:<conversation id>" — the buyer's nickname on several consoles — into browser storage.

let db: DeskmateDB;
beforeEach(async () => {
  db = new DeskmateDB(`alarms-${crypto.randomUUID()}`);
  await browser.alarms.clearAll();
});
afterEach(() => db.delete());

const T0 = 1_700_000_000_000;
async function waits(n: number, since: (i: number) => number) {
  await db.conversations.bulkPut(
    Array.from({ length: n }, (_, i) => ({
      id: `deskmate-demo:买家小美${i}`,
      siteId: 'deskmate-demo',
      conversationId: `买家小美${i}`,
      waitingSince: since(i),
      lastCustomerAt: since(i),
      lastAgentAt: 0,
      updatedAt: since(i),
    })),
  );
}

describe('late-wait alarms', () => {
  it('600 open waits: one rolling alarm at the next target, named without any conversation id', async () => {
    await waits(600, (i) => T0 + i * 1000);
    await browser.alarms.create(`${LATE_ALARM_PREFIX}deskmate-demo:买家旧`, { when: T0 + 5000 }); // an earlier version's
    await syncWaitAlerts(db, T0 + 500);
    const alarms = await browser.alarms.getAll();
    expect(alarms.map((a) => a.name)).toEqual([LATE_ALARM]);
    expect(alarms[0]!.scheduledTime).toBe(T0 + 180_000); // the first wait's 3-minute target
    expect(JSON.stringify(alarms)).not.toContain('买家');
  });

  it('each wait is noticed once when it crosses its target, with an opaque notification name, and the alarm rolls on', async () => {
    await waits(3, (i) => T0 + i * 60_000);
    await syncWaitAlerts(db, T0);
    const create = vi.spyOn(browser.notifications, 'create');
    const ui = vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
    try {
      await onAlarm(db, LATE_ALARM, T0 + 180_000);
      expect(create).toHaveBeenCalledTimes(1);
      expect(String(create.mock.calls[0]![0])).not.toContain('买家');
      expect((await browser.alarms.getAll()).map((a) => [a.name, a.scheduledTime])).toEqual([[LATE_ALARM, T0 + 240_000]]);
      await onAlarm(db, LATE_ALARM, T0 + 180_500); // a repeat: nothing new
      expect(create).toHaveBeenCalledTimes(1);
      await onAlarm(db, LATE_ALARM, T0 + 300_000); // slept past two targets: both noticed
      expect(create).toHaveBeenCalledTimes(3);
      expect(await browser.alarms.getAll()).toEqual([]);
    } finally {
      create.mockRestore();
      ui.mockRestore();
    }
  });
});
