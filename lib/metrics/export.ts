import type { WaitRecord } from '@/lib/db/records';
import { PROFILE_DEFAULTS, type CountingSettings } from '@/lib/sites/counting';
import { BusinessClock, inCountedHours, LocalDays, scheduleFor, type Schedule } from '@/lib/metrics/clock';
import type { DaySummary, Range, SiteSummaries, Summary } from '@/lib/metrics/summary';
import type { CountingProfileKind } from '@/lib/sites/schema';
import { csvText, type Cell } from '@/lib/csv';
import { isoLocalMs } from '@/lib/time';

// Export of the agent's own reply-speed record: JSON (events + the summary + what every field
// means) and CSV (events, summary, daily lines). Privacy: only ids, times, site, profile and
// outcome; never message text or buyer names. Conversation ids can be page-derived (a buyer's nick
// on some consoles), so by default they are replaced by per-export pseudonyms.

export type Outcome = 'answered' | 'late' | 'unanswered';

export interface MetricEvent {
  /** `${siteId}:c${n}` (pseudonym, numbered per export) unless the raw keys were asked for. */
  conversationKey: string;
  siteId: string;
  profile: CountingProfileKind;
  startedAt: number;
  /** null while unanswered. */
  endedAt: number | null;
  /** Reply time on the site's clock (business seconds for a help desk on the business clock); null while unanswered. */
  responseSec: number | null;
  outcome: Outcome;
  /** Whether the wait starts in the site's counted hours (only those are in the rates). */
  counted: boolean;
}

export interface EventOptions {
  /** Keep the stored conversation keys instead of per-export pseudonyms. */
  keepConversationIds?: boolean;
  /** Help desk on the business clock: the agent's schedule (default: the profile's hours, Mon–Fri). */
  schedule?: Schedule;
  scheduleBySite?: Record<string, Schedule>;
}

function isSettings(x: CountingSettings | Record<string, CountingSettings>): x is CountingSettings {
  return typeof (x as CountingSettings).profile === 'string' && typeof (x as CountingSettings).targetSec === 'number';
}

/** The waits starting in range as export events, oldest first, judged by each site's settings. */
export function toEvents(
  waits: readonly WaitRecord[],
  range: Range,
  settings: CountingSettings | Record<string, CountingSettings>,
  options: EventOptions = {},
): MetricEvent[] {
  const inRange = waits.filter((r) => r.startedAt >= range.from && r.startedAt < range.to).sort((a, b) => a.startedAt - b.startedAt);
  const days = new LocalDays(range.from, Math.max(range.from, range.to - 1), 1);
  const clocks = new Map<string, BusinessClock | null>();
  const names = new Map<string, string>();
  return inRange.map((r) => {
    const s = isSettings(settings) ? settings : (settings[r.siteId] ?? PROFILE_DEFAULTS[r.profile ?? 'helpdesk']);
    let clock = clocks.get(r.siteId);
    if (clock === undefined) {
      const business = s.profile === 'helpdesk' && s.clock === 'business';
      clock = business ? new BusinessClock(days, options.scheduleBySite?.[r.siteId] ?? options.schedule ?? scheduleFor(s)) : null;
      clocks.set(r.siteId, clock);
    }
    const answered = r.endedAt > 0;
    const responseSec = answered ? (clock ? clock.seconds(r.startedAt, r.endedAt) : (r.endedAt - r.startedAt) / 1000) : null;
    let key = r.conversationKey;
    if (!options.keepConversationIds) {
      let alias = names.get(key);
      if (alias === undefined) names.set(key, (alias = `${r.siteId}:c${names.size + 1}`));
      key = alias;
    }
    return {
      conversationKey: key,
      siteId: r.siteId,
      profile: s.profile,
      startedAt: r.startedAt,
      endedAt: answered ? r.endedAt : null,
      responseSec,
      outcome: responseSec === null ? 'unanswered' : responseSec <= s.targetSec ? 'answered' : 'late',
      counted: clock !== null || inCountedHours(r.startedAt, s.hours),
    };
  });
}

/** What every exported field means (shipped inside the JSON export). */
export const FIELD_DOCS = {
  events: {
    conversationKey:
      'Conversation id: "<siteId>:c<n>", a pseudonym numbered per export (or the stored "<siteId>:<conversationId>" when raw ids were kept). No buyer names, no message text.',
    siteId: 'Site config id the wait was seen on.',
    profile: 'Counting profile (taobao, pinduoduo, douyin, jd, helpdesk) the wait was judged by.',
    startedAt: "Epoch ms of the customer's first unanswered message (the wait's start).",
    endedAt: "Epoch ms of the agent's first human reply; null while unanswered. Bot and automatic replies never end a wait.",
    responseSec: 'endedAt − startedAt in seconds (business seconds for a help desk on the business clock); null while unanswered.',
    outcome: '"answered" = human reply within the target; "late" = human reply after the target; "unanswered" = no human reply yet.',
    counted: "Whether the wait starts inside the site's counted hours; only counted waits enter the rates.",
  },
  summary: {
    range: 'from (inclusive) and to (exclusive), epoch ms.',
    consultations: 'Distinct conversations with a wait starting in range (all hours).',
    consultationsTotal: 'Consultations per local day added up (a conversation counts once on each day it has a wait starting in range).',
    consultationsPerDay: '接待量 as the methodology defines it for a period: consultationsTotal ÷ days of the range.',
    waits: 'Waits starting in range inside the counted hours.',
    answered: 'Of those, answered by a human reply.',
    timely: 'Of those, answered within the target.',
    open: 'Of those, still unanswered.',
    outsideHours: 'Waits starting in range outside the counted hours (not in the rates).',
    carriedOver:
      'Of those, still unanswered when the counted hours opened (buyers left waiting into the counted hours; not in the rates, docs/counting.md).',
    firstResponse:
      'Reply time of the first counted wait of each conversation per local day (answered ones): count, mean, median, p90 (linear interpolation), seconds.',
    averageResponseSec:
      'Mean reply time of answered waits, seconds; Taobao: every round capped at capSec and a round unanswered by the end of its day counts as capSec (平响).',
    responseRate: 'answered ÷ waits (响应率 counted per wait, human replies only).',
    timelyRate: 'timely ÷ waits (回复及时率).',
    headline:
      "The platform's own figure: kind, value (ratio 0..1, or seconds for helpdesk.firstReply), numerator, denominator, rule (a key naming the rule and its numbers: target, cap, counted hours, session gap, clock), params and details.",
    longestWaitSec: 'Longest wait starting in range, seconds; unanswered waits count up to min(export time, range end).',
    byHour: 'Waits started per local hour of day, 0–23.',
    repliesByHour: 'Human replies per local hour of day, 0–23.',
  },
} as const;

export interface ExportMeta {
  range: Range;
  /** Epoch ms (default: now). */
  exportedAt?: number;
  /** The counting settings the figures were made with (per site). */
  settings?: Record<string, CountingSettings>;
}

export interface MetricsExport {
  format: 'deskmate/metrics';
  version: 1;
  exportedAt: string;
  range: { from: number; to: number; fromLocal: string; toLocal: string };
  fields: typeof FIELD_DOCS;
  settings?: Record<string, CountingSettings>;
  events: MetricEvent[];
  summary: Summary | SiteSummaries;
}

/** The JSON export object (JSON.stringify it; Infinity never occurs in it). */
export function toJson(events: readonly MetricEvent[], summary: Summary | SiteSummaries, meta: ExportMeta): MetricsExport {
  return {
    format: 'deskmate/metrics',
    version: 1,
    exportedAt: isoLocalMs(meta.exportedAt ?? Date.now()),
    range: { from: meta.range.from, to: meta.range.to, fromLocal: isoLocalMs(meta.range.from), toLocal: isoLocalMs(meta.range.to) },
    fields: FIELD_DOCS,
    ...(meta.settings ? { settings: meta.settings } : {}),
    events: events.map((e) => ({
      conversationKey: e.conversationKey,
      siteId: e.siteId,
      profile: e.profile,
      startedAt: e.startedAt,
      endedAt: e.endedAt,
      responseSec: e.responseSec,
      outcome: e.outcome,
      counted: e.counted,
    })),
    summary,
  };
}

// ---- CSV ----

const time = (ms: number | null): [string, number | null] => (ms === null ? ['', null] : [isoLocalMs(ms), ms]);

export const EVENT_COLUMNS = [
  'conversationKey',
  'siteId',
  'profile',
  'startedAt',
  'startedAtMs',
  'endedAt',
  'endedAtMs',
  'responseSec',
  'outcome',
  'counted',
] as const;

export function eventsToCsv(events: readonly MetricEvent[]): string {
  return csvText([
    EVENT_COLUMNS,
    ...events.map((e) => [
      e.conversationKey,
      e.siteId,
      e.profile,
      ...time(e.startedAt),
      ...time(e.endedAt),
      e.responseSec,
      e.outcome,
      e.counted,
    ]),
  ]);
}

function summaryRows(s: Summary, detailKeys: readonly string[]): [string, Cell][] {
  const h = s.headline;
  return [
    ['rangeFrom', isoLocalMs(s.range.from)],
    ['rangeFromMs', s.range.from],
    ['rangeTo', isoLocalMs(s.range.to)],
    ['rangeToMs', s.range.to],
    ['profile', s.profile],
    ['consultations', s.consultations],
    ['consultationsTotal', s.consultationsTotal],
    ['consultationsPerDay', s.consultationsPerDay],
    ['waits', s.waits],
    ['answered', s.answered],
    ['timely', s.timely],
    ['open', s.open],
    ['outsideHours', s.outsideHours],
    ['carriedOver', s.carriedOver],
    ['responseRate', s.responseRate],
    ['timelyRate', s.timelyRate],
    ['averageResponseSec', s.averageResponseSec],
    ['firstResponse.count', s.firstResponse.count],
    ['firstResponse.mean', s.firstResponse.mean],
    ['firstResponse.median', s.firstResponse.median],
    ['firstResponse.p90', s.firstResponse.p90],
    ['longestWaitSec', s.longestWaitSec],
    ['headline.kind', h?.kind],
    ['headline.value', h?.value],
    ['headline.unit', h?.unit],
    ['headline.numerator', h?.numerator],
    ['headline.denominator', h?.denominator],
    ['headline.rule', h?.rule],
    ...detailKeys.map((k): [string, Cell] => [`headline.details.${k}`, h?.details[k]]),
    ...s.byHour.map((n, i): [string, Cell] => [`byHour.${String(i).padStart(2, '0')}`, n]),
    ...s.repliesByHour.map((n, i): [string, Cell] => [`repliesByHour.${String(i).padStart(2, '0')}`, n]),
  ];
}

function isSiteSummaries(s: Summary | SiteSummaries): s is SiteSummaries {
  return 'combined' in s && 'sites' in s;
}

/** The summary as "metric,value" rows; per-site summaries as "metric,combined,<site>…" columns. */
export function summaryToCsv(summary: Summary | SiteSummaries): string {
  const columns: [string, Summary][] = isSiteSummaries(summary)
    ? [['combined', summary.combined], ...Object.entries(summary.sites)]
    : [['value', summary]];
  const detailKeys = [...new Set(columns.flatMap(([, s]) => Object.keys(s.headline?.details ?? {})))];
  const tables = columns.map(([, s]) => summaryRows(s, detailKeys));
  const rows: Cell[][] = [['metric', ...columns.map(([name]) => name)]];
  tables[0]!.forEach(([metric], i) => rows.push([metric, ...tables.map((t) => t[i]![1])]));
  return csvText(rows);
}

export const DAILY_COLUMNS = [
  'date',
  'dayStart',
  'dayStartMs',
  'consultations',
  'waits',
  'medianFirstResponse',
  'averageResponseSec',
  'timelyRate',
  'headline',
] as const;

export function dailyToCsv(days: readonly DaySummary[]): string {
  return csvText([
    DAILY_COLUMNS,
    ...days.map((d) => [
      d.date,
      ...time(d.dayStart),
      d.consultations,
      d.waits,
      d.medianFirstResponse,
      d.averageResponseSec,
      d.timelyRate,
      d.headline,
    ]),
  ]);
}
