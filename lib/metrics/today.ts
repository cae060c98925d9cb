import type { DeskmateDB } from '@/lib/db/database';

export function startOfLocalDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export interface TodayStats {
  templates: number;
  usesToday: number;
  openCases: number;
}

/** The popup's and dashboard's "today at a glance" figures. */
export async function todayStats(db: DeskmateDB, now = Date.now()): Promise<TodayStats> {
  const [templates, usesToday, openCases] = await Promise.all([
    db.templates.count(),
    db.templateUses.where('at').aboveOrEqual(startOfLocalDay(now)).count(),
    db.cases.where('status').equals('open').count(),
  ]);
  return { templates, usesToday, openCases };
}
