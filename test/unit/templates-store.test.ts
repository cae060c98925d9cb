import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskmateDB } from '@/lib/db/database';
import { todayStats } from '@/lib/metrics/today';
import { saveTemplate } from '@/lib/templates/store';

let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`tpl-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const draft = { title: '请稍等', body: '请您稍等，我帮您查一下~', folder: '通用/服务用语', tags: [], sites: [], language: 'zh-CN' };

describe('template store', () => {
  it('updates in place, keeping creation time and usage', async () => {
    const a = await saveTemplate(db, draft, 1000);
    await db.templates.update(a.id, { useCount: 5 });
    const b = await saveTemplate(db, { ...draft, id: a.id, title: '请稍等（查询）' }, 2000);
    expect(b).toMatchObject({ id: a.id, createdAt: 1000, updatedAt: 2000, useCount: 5, title: '请稍等（查询）' });
    expect(await db.templates.count()).toBe(1);
  });

  it('counts today at a glance', async () => {
    const now = new Date(2026, 10, 24, 15, 0).getTime();
    const a = await saveTemplate(db, draft, now);
    await db.templateUses.bulkAdd([
      { templateId: a.id, at: now - 60_000, siteId: 'x' },
      { templateId: a.id, at: new Date(2026, 10, 23, 23, 59).getTime(), siteId: 'x' },
    ]);
    expect(await todayStats(db, now)).toEqual({ templates: 1, usesToday: 1, openCases: 0 });
  });
});

describe('usage summary', () => {
  it('counts uses, characters, time saved and the most used templates since a moment', async () => {
    const { usageSince } = await import('@/lib/metrics/today');
    const a = await saveTemplate(db, draft, 1);
    const b = await saveTemplate(db, { ...draft, title: '欢迎语' }, 1);
    await db.templateUses.bulkAdd([
      { templateId: a.id, at: 100, siteId: 'x', chars: 40 },
      { templateId: b.id, at: 200, siteId: 'x', chars: 20 },
      { templateId: b.id, at: 300, siteId: 'x', chars: 20 },
      { templateId: a.id, at: 5, siteId: 'x', chars: 999 },
    ]);
    expect(await usageSince(db, 50, 40)).toEqual({
      uses: 3,
      chars: 80,
      minutesSaved: 2,
      top: [
        { templateId: b.id, title: '欢迎语', uses: 2 },
        { templateId: a.id, title: '请稍等', uses: 1 },
      ],
    });
  });
});
