import type { WaitRecord } from '@/lib/db/records';
import { PROFILE_DEFAULTS, type CountingSettings } from '@/lib/sites/counting';
import type { Schedule } from '@/lib/metrics/clock';
import { quantile, type Stats } from '@/lib/metrics/stats';
import { dayTable, HOUR_MS, type Analysis } from './analysis';
import { byDay, fold, headlineOf, merge, ratio } from './fold';
import { analyze } from './passes';

export { ruleOf } from './fold';
import type { CountingProfileKind } from '@/lib/sites/schema';

// The dashboard's reply-speed figures over stored waits (WaitRecord), counted the way the site's
// platform counts them (docs/counting.md; the tests cross-check these figures against the reference
// models in test/reference/profiles.ts). Pure functions over arrays: the caller reads the waits.
//
// Speed: one pass over the waits for everything a wait decides alone, a counting sort by
// conversation for what needs a conversation's waits in order (first waits, sessions, buyer-days),
// local days from a table of midnights (no Date per wait, DST-safe), one sort per percentile set.
//
// Which waits count where:
// - consultations, byHour, repliesByHour, longestWaitSec, outsideHours: every wait starting in range.
// - waits, answered, timely, open, rates, averages, firstResponse, headline: waits starting in
//   range and in the profile's counted hours (help desk on the business clock: all waits; its
//   hours are the schedule and reply times are measured in business time).
// - A wait is answered only by a human reply (endedAt > 0): open waits are unanswered, and bots
//   never end a wait, so an auto reply only makes the wait longer.
// - Taobao leaves out bot-only conversations (a conversation's counted rounds of one day with a
//   bot reply and no human reply) from its rounds, 3-minute rate and 平响; they stay in waits.
// - A wait starting outside the counted hours is in none of the rates (the platforms judge a wait
//   by when it starts); one still unanswered when the counted hours open is counted as carried
//   over, so the dashboard names it (docs/counting.md, "Waits before the counted hours").

export interface Range {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export type HeadlineKind =
  'taobao.threeMinuteRate' | 'pinduoduo.threeMinuteRate' | 'douyin.sessionRate' | 'jd.firstAnswerRate' | 'helpdesk.firstReply';

/** The numbers a headline was computed with (so the UI can say which rules produced it). */
export interface RuleParams {
  profile: CountingProfileKind;
  targetSec: number;
  /** Taobao: cap per round for the average; unanswered by the end of its day = cap. */
  capSec?: number;
  /** JD (and Douyin when set): a wait within this gap of the last reply = same session. */
  sessionGapSec?: number;
  /** Counted hours (local minutes, to exclusive); on the help desk's business clock, the schedule's hours. */
  hours: { from: number; to: number };
  clock: 'calendar' | 'business';
  /** Business clock: working weekdays (0 = Sunday). */
  days?: number[];
}

export interface Headline {
  kind: HeadlineKind;
  /** Ratio 0..1, or seconds for helpdesk.firstReply; null without data. */
  value: number | null;
  unit: 'ratio' | 'sec';
  /** Units that met the rule (ratio) / answered first waits (help desk). */
  numerator: number;
  /** Units counted: rounds, buyer-days, sessions, or conversations whose first wait is in range. */
  denominator: number;
  /** Machine key of the rule and its numbers, e.g. "taobao.threeMinuteRate;unit=round;target=180;cap=600;hours=08:00-23:00;unansweredAtDayEnd=cap;botOnly=excluded". */
  rule: string;
  params: RuleParams;
  /** Further numbers of the rule (Taobao bot-only rounds left out, Douyin unserved sessions, help-desk next-reply figures…). */
  details: Record<string, number | null>;
}

export interface Summary {
  range: Range;
  profile: CountingProfileKind | 'mixed';
  /** Distinct conversations with a wait starting in range. */
  consultations: number;
  /** Consultations per local day added up: a conversation counts once on each day it has a wait starting in range. */
  consultationsTotal: number;
  /** 接待量 as the methodology defines it for a period: consultationsTotal ÷ days of the range (null for an empty range). */
  consultationsPerDay: number | null;
  /** Waits starting in range and in the counted hours. */
  waits: number;
  /** Of those, answered by a human (at any later time). */
  answered: number;
  /** Of those, answered within the target. */
  timely: number;
  /** Of those, still open. */
  open: number;
  /** Waits starting in range outside the counted hours (in none of the figures above). */
  outsideHours: number;
  /** Of those, still unanswered when the counted hours opened (by now): buyers left waiting into the counted hours. */
  carriedOver: number;
  /** First counted wait of each conversation per local day → its reply, answered ones, seconds. */
  firstResponse: Stats;
  /** Mean reply time of answered waits, seconds; Taobao: every round capped, unanswered by its day's end = cap (平响). */
  averageResponseSec: number | null;
  /** 响应率 counted per wait: answered ÷ waits (null without waits). */
  responseRate: number | null;
  /** timely ÷ waits (null without waits). */
  timelyRate: number | null;
  /** The platform's own figure; null for a combined summary of differently counted sites. */
  headline: Headline | null;
  /** Longest wait starting in range, seconds; open waits count up to min(now, range.to). */
  longestWaitSec: number;
  /** Waits started per local hour of day (0–23), all waits in range. */
  byHour: number[];
  /** Human replies per local hour of day, replies falling in range. */
  repliesByHour: number[];
}

export interface DaySummary {
  /** Local day 'YYYY-MM-DD'. */
  date: string;
  /** Local midnight starting the day (epoch ms). */
  dayStart: number;
  consultations: number;
  waits: number;
  medianFirstResponse: number | null;
  averageResponseSec: number | null;
  timelyRate: number | null;
  /** The headline's value for that day (ratio, or help-desk median first reply in seconds). */
  headline: number | null;
}

export interface SiteSummaries {
  sites: Record<string, Summary>;
  combined: Summary;
}

export interface SummaryOptions {
  /** Help desk on the business clock: the agent's schedule (default: the profile's hours, Mon–Fri). */
  schedule?: Schedule;
}

// ---- public API ----

/**
 * The dashboard's figures for one site's waits over `range`, counted by `settings` (whatever
 * profile the waits were stored with). `now` bounds open waits. Waits before the range only tell
 * a JD session's or a help-desk conversation's first wait; waits after it are ignored.
 */
export function summarize(
  waits: readonly WaitRecord[],
  range: Range,
  settings: CountingSettings,
  now: number,
  options: SummaryOptions = {},
): Summary {
  const a = analyze(waits, range, settings, now, options);
  return fold(a, headlineOf(a), settings.profile);
}

/** One line per local day of the range (days cut by the range count only their part in it), for trend charts. */
export function daily(
  waits: readonly WaitRecord[],
  range: Range,
  settings: CountingSettings,
  now: number,
  options: SummaryOptions = {},
): DaySummary[] {
  const a = analyze(waits, range, settings, now, options);
  const firsts = byDay(a.first, a.nDays);
  const hdFirsts = settings.profile === 'helpdesk' ? byDay(a.hdFirst, a.nDays) : null;
  const out: DaySummary[] = [];
  for (let r = 0; r < a.nDays; r++) {
    const waits = a.dWaits[r]!;
    out.push({
      date: a.table.date(r + 1),
      dayStart: a.table.starts[r + 1]!,
      consultations: a.dConsult[r]!,
      waits,
      medianFirstResponse: quantile(firsts.vals.subarray(firsts.offset[r]!, firsts.offset[r + 1]!), 0.5),
      averageResponseSec: a.dAvgN[r]! ? a.dAvgSum[r]! / a.dAvgN[r]! : null,
      timelyRate: ratio(a.dTimely[r]!, waits),
      headline: hdFirsts
        ? quantile(hdFirsts.vals.subarray(hdFirsts.offset[r]!, hdFirsts.offset[r + 1]!), 0.5)
        : ratio(a.dHeadNum[r]!, a.dHeadDen[r]!),
    });
  }
  return out;
}

export interface HistogramBucket {
  /** Exclusive lower bound (the first bucket starts at 0 inclusive). */
  fromSec: number;
  /** Inclusive upper bound; Infinity for the last (null in JSON). */
  toSec: number;
  count: number;
}

export const DEFAULT_BUCKETS_SEC: readonly number[] = [10, 30, 60, 120, 180, 300, 600, 1800, Infinity];

/** Reply times (calendar seconds) of the answered waits starting in range, by bucket upper bound; an Infinity bucket is added when missing. */
export function histogram(
  waits: readonly WaitRecord[],
  range: Range,
  bucketsSec: readonly number[] = DEFAULT_BUCKETS_SEC,
): HistogramBucket[] {
  const bounds = [...new Set(bucketsSec)].sort((x, y) => x - y);
  if (bounds.at(-1) !== Infinity) bounds.push(Infinity);
  const counts = new Array<number>(bounds.length).fill(0);
  for (const r of waits) {
    if (!(r.startedAt >= range.from && r.startedAt < range.to && r.endedAt > 0)) continue;
    const sec = (r.endedAt - r.startedAt) / 1000;
    let b = 0;
    while (sec > bounds[b]!) b++;
    counts[b]!++;
  }
  return bounds.map((toSec, i) => ({ fromSec: i ? bounds[i - 1]! : 0, toSec, count: counts[i]! }));
}

/** Waits starting in range by local weekday (row 0 = Sunday … 6 = Saturday) × hour of day (24 columns). */
export function heatmap(waits: readonly WaitRecord[], range: Range): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const { table } = dayTable(range);
  for (const r of waits) {
    const s = r.startedAt;
    if (!(s >= range.from && s < range.to)) continue;
    const ti = table.index(s);
    grid[table.weekday(ti)]![Math.floor(table.msOfDay(s, ti) / HOUR_MS)]!++;
  }
  return grid;
}

/**
 * Summaries per site, each counted by its own settings (a site missing from `settingsBySite` uses
 * the defaults of its waits' stored profile), and a combined one: counts and hours added, rates
 * and averages over all counted waits (each measured by its own site's rules), percentiles over
 * all samples, longest wait the maximum. The combined headline exists only when every site uses
 * the same rule (same profile and numbers); otherwise it is null.
 */
export function summarizeBySite(
  waits: readonly WaitRecord[],
  range: Range,
  settingsBySite: Record<string, CountingSettings>,
  now: number,
  options: SummaryOptions & { scheduleBySite?: Record<string, Schedule> } = {},
): SiteSummaries {
  // Each wait's site as a small number (few sites: comparing with the last one beats hashing
  // every wait's fresh siteId string), then one analysis per site over the same array.
  const siteIds: string[] = [];
  const firstOf: number[] = [];
  const ids = new Int32Array(waits.length);
  const counts: number[] = [];
  let last = -1;
  for (let i = 0; i < waits.length; i++) {
    const siteId = waits[i]!.siteId;
    if (last < 0 || siteIds[last] !== siteId) {
      last = siteIds.indexOf(siteId);
      if (last < 0) {
        last = siteIds.push(siteId) - 1;
        firstOf.push(i);
        counts.push(0);
      }
    }
    ids[i] = last;
    counts[last]!++;
  }
  const sites: Record<string, Summary> = {};
  const analyses: Analysis[] = [];
  const rules = new Set<string>();
  const profiles = new Set<CountingProfileKind>();
  const bySiteId = siteIds.map((siteId, id) => ({ siteId, id })).sort((x, y) => (x.siteId < y.siteId ? -1 : x.siteId > y.siteId ? 1 : 0));
  for (const { siteId, id } of bySiteId) {
    const settings = settingsBySite[siteId] ?? PROFILE_DEFAULTS[waits[firstOf[id]!]!.profile ?? 'helpdesk'];
    const a = analyze(
      waits,
      range,
      settings,
      now,
      { schedule: options.scheduleBySite?.[siteId] ?? options.schedule },
      { ids, id, count: counts[id]! },
    );
    const headline = headlineOf(a);
    analyses.push(a);
    rules.add(headline.rule);
    profiles.add(settings.profile);
    sites[siteId] = fold(a, headline, settings.profile);
  }
  const combined = merge(analyses, range);
  return {
    sites,
    combined: fold(combined, rules.size === 1 ? headlineOf(combined) : null, profiles.size === 1 ? [...profiles][0]! : 'mixed'),
  };
}
