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

export interface TopTemplate {
  templateId: string;
  title: string;
  uses: number;
}

export interface UsageSummary {
  uses: number;
  chars: number;
  /** Minutes of typing saved: characters inserted ÷ the agent's typing speed. */
  minutesSaved: number;
  top: TopTemplate[];
}

/** Template usage since a moment: count, characters, estimated time saved, most used. */
export async function usageSince(db: DeskmateDB, since: number, charsPerMinute: number, topN = 5, until = Infinity): Promise<UsageSummary> {
  const uses = await db.templateUses.where('at').between(since, until, true, false).toArray();
  const counts = new Map<string, number>();
  let chars = 0;
  for (const u of uses) {
    counts.set(u.templateId, (counts.get(u.templateId) ?? 0) + 1);
    chars += u.chars ?? 0;
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, topN);
  const templates = await db.templates.bulkGet(ranked.map(([id]) => id));
  return {
    uses: uses.length,
    chars,
    minutesSaved: charsPerMinute > 0 ? chars / charsPerMinute : 0,
    top: ranked.map(([templateId, n], i) => ({ templateId, uses: n, title: templates[i]?.title ?? '—' })),
  };
}
