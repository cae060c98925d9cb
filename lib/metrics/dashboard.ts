import { afterSalesKpis, afterSalesWeek, type AfterSalesKpis, type AfterSalesWeek } from '@/lib/cases/report';
import type { DeskmateDB } from '@/lib/db/database';
import type { WaitRecord } from '@/lib/db/records';
import { countingFor, parseClock, type CountingSettings } from '@/lib/sites/counting';
import type { Schedule } from '@/lib/metrics/clock';
import {
  daily,
  heatmap,
  histogram,
  summarizeBySite,
  type DaySummary,
  type HistogramBucket,
  type Range,
  type SiteSummaries,
} from '@/lib/metrics/summary';
import { usageSince, type UsageSummary } from '@/lib/metrics/today';
import type { WorkSchedule } from '@/lib/settings';

// Everything the dashboard shows for one range, read from the extension's database (extension
// pages only; rule 1) and computed by the pure functions of ./summary.

export interface DashboardData {
  range: Range;
  summaries: SiteSummaries;
  /** Per-day figures of the selected site (or of all sites when they share one rule). */
  days: DaySummary[];
  histogram: HistogramBucket[];
  heatmap: number[][];
  settingsBySite: Record<string, CountingSettings>;
  usage: UsageSummary;
  lint: { shown: number; fixed: number };
  cases: {
    opened: number;
    closed: number;
    outcomes: Record<string, number>;
    byType: Record<string, number>;
    /** The case types' titles as stored on the cases (the UI prefers the current definitions' titles). */
    typeTitles: Record<string, string>;
    /** Mean hours from opening a case to its last required item done (cases completed in range). */
    avgHoursToComplete: number | null;
    /** Cases whose checklist was complete before the deadline ÷ cases whose deadline passed or that completed, in range. */
    deadlinesMet: number;
    deadlinesDue: number;
  };
  /** The after-sales playbook's tables and the methodology's KPIs for the range (lib/cases/report.ts). */
  afterSales: { week: AfterSalesWeek; kpis: AfterSalesKpis };
  /** The waits starting in range (what the exports hold). */
  waits: WaitRecord[];
}

/** Profiles whose rules need a conversation's waits from before the range (docs/counting.md). */
const NEEDS_HISTORY = new Set<string>(['jd', 'helpdesk']);

/**
 * The waits of the given conversations that start before `from`: what tells a JD session's start
 * and a help-desk conversation's first wait when the range cuts a conversation.
 */
async function historyOf(db: DeskmateDB, keys: readonly string[], from: number): Promise<WaitRecord[]> {
  if (!keys.length) return [];
  const rows = await db.rounds
    .where('conversationKey')
    .anyOf(keys as string[])
    .toArray();
  return rows.filter((r) => r.startedAt < from);
}

export function scheduleOf(w: WorkSchedule): Schedule {
  return { days: w.days, from: parseClock(w.from), to: parseClock(w.to) };
}

export async function loadDashboard(
  db: DeskmateDB,
  range: Range,
  options: { siteId?: string | null; now?: number; schedule?: Schedule; charsPerMinute?: number } = {},
): Promise<DashboardData> {
  const now = options.now ?? Date.now();
  const [inRange, configs, uses, lintEvents, cases] = await Promise.all([
    db.rounds.where('startedAt').between(range.from, range.to, true, false).toArray(),
    db.siteConfigs.toArray(),
    usageSince(db, range.from, options.charsPerMinute ?? 40, 5, range.to),
    db.lintEvents.where('at').between(range.from, range.to, true, false).toArray(),
    db.cases.where('updatedAt').aboveOrEqual(range.from).toArray(),
  ]);
  const settingsBySite: Record<string, CountingSettings> = {};
  for (const c of configs) settingsBySite[c.id] = countingFor(c.config);
  const inSite = options.siteId ? inRange.filter((r) => r.siteId === options.siteId) : inRange;
  // JD sessions and help-desk first waits are decided with the conversation's earlier waits.
  const keys = new Set<string>();
  for (const r of inSite) if (NEEDS_HISTORY.has(settingsBySite[r.siteId]?.profile ?? r.profile ?? 'helpdesk')) keys.add(r.conversationKey);
  const history = await historyOf(db, [...keys], range.from);
  const waits = history.length ? [...history, ...inSite] : inSite;
  const opts = options.schedule ? { schedule: options.schedule } : {};
  const summaries = summarizeBySite(waits, range, settingsBySite, now, opts);
  const siteIds = Object.keys(summaries.sites);
  const daySettings = siteIds.length === 1 ? settingsBySite[siteIds[0]!] : undefined;
  const days = daily(waits, range, daySettings ?? settingsBySite[options.siteId ?? ''] ?? countingFor({ profile: 'helpdesk' }), now, opts);
  const outcomes: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const typeTitles: Record<string, string> = {};
  let opened = 0;
  let closed = 0;
  let completeHours = 0;
  let completed = 0;
  let met = 0;
  let due = 0;
  for (const c of cases) {
    if (c.completedAt && c.completedAt >= range.from && c.completedAt < range.to) {
      completed++;
      completeHours += (c.completedAt - c.createdAt) / 3_600_000;
    }
    // A deadline is judged once it has passed or the evidence was complete, whichever is first.
    const judgedAt = c.completedAt && c.deadlineAt ? Math.min(c.completedAt, c.deadlineAt) : c.deadlineAt;
    if (c.deadlineAt && judgedAt >= range.from && judgedAt < range.to && (c.completedAt || c.deadlineAt <= now)) {
      due++;
      if (c.completedAt && c.completedAt <= c.deadlineAt) met++;
    }
    if (c.createdAt >= range.from && c.createdAt < range.to) {
      opened++;
      byType[c.disputeType] = (byType[c.disputeType] ?? 0) + 1;
      if (c.caseTypeTitle) typeTitles[c.disputeType] = c.caseTypeTitle;
    }
    if (c.status === 'closed' && c.closedAt >= range.from && c.closedAt < range.to) {
      closed++;
      if (c.outcome) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
    }
  }
  return {
    range,
    summaries,
    days,
    histogram: histogram(inSite, range),
    heatmap: heatmap(inSite, range),
    settingsBySite,
    usage: uses,
    lint: { shown: lintEvents.filter((e) => e.kind === 'shown').length, fixed: lintEvents.filter((e) => e.kind === 'fixed').length },
    cases: {
      opened,
      closed,
      outcomes,
      byType,
      typeTitles,
      avgHoursToComplete: completed ? completeHours / completed : null,
      deadlinesMet: met,
      deadlinesDue: due,
    },
    afterSales: { week: afterSalesWeek(cases, range), kpis: afterSalesKpis(cases, range, now) },
    waits: inSite,
  };
}
