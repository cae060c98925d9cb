import { translator, type Locale } from '@/lib/i18n';
import type { ChecklistItem, DeadlineRule } from './schema';

// Pure deadline arithmetic. Instants are epoch milliseconds (numbers), never Date objects, so
// they store and compare plainly; every function that depends on "now" takes it as an argument.
//
// Two kinds of rule (see deadlineRuleSchema):
// - `hours` rules are elapsed time: start + N × 3,600,000 ms. This is what platform countdowns
//   do ("剩余 1天23小时"), so it is what the shipped rules use. Across a DST change the local
//   clock time of the deadline moves by an hour; the amount of time the agent has does not.
// - `days` rules are calendar days: the same local wall-clock time N days later, in the
//   machine's time zone. Across a DST change the elapsed time is N × 24 h ± 1 h. When that local
//   time does not exist (it falls in the spring-forward gap), the JS Date rule applies: the clock
//   moves forward by the gap (02:30 → 03:30 in America/New_York).
// China (Asia/Shanghai) has no DST, so for the agents this is built for both agree.

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

export type Instant = number;
type TimeInput = number | Date;
const ms = (t: TimeInput): number => (typeof t === 'number' ? t : t.getTime());

/** The amount a rule gives on a platform: its per-platform entry, else its default, in the rule's unit. */
export function ruleAmount(
  rule: Pick<DeadlineRule, 'hours' | 'days' | 'perPlatform'>,
  platformId?: string,
): { unit: 'hours' | 'days'; amount: number } {
  const unit = rule.days === undefined ? 'hours' : 'days';
  const own =
    platformId !== undefined && rule.perPlatform && Object.hasOwn(rule.perPlatform, platformId) ? rule.perPlatform[platformId] : undefined;
  return { unit, amount: own ?? (unit === 'days' ? rule.days! : rule.hours!) };
}

/** start + hours, as an absolute instant. */
export function addHours(startAt: TimeInput, hours: number): Instant {
  return ms(startAt) + Math.round(hours * HOUR);
}

/** The same local clock time `days` calendar days later (machine time zone). */
export function addCalendarDays(startAt: TimeInput, days: number): Instant {
  const d = new Date(ms(startAt));
  d.setDate(d.getDate() + days);
  return d.getTime();
}

/** When a rule's time is up on a platform, for a clock that started at `startAt`. */
export function deadlineFor(
  rule: Pick<DeadlineRule, 'hours' | 'days' | 'perPlatform'>,
  platformId: string | undefined,
  startAt: TimeInput,
): Instant {
  const { unit, amount } = ruleAmount(rule, platformId);
  return unit === 'days' ? addCalendarDays(startAt, amount) : addHours(startAt, amount);
}

export type Level = 'ok' | 'soon' | 'urgent' | 'overdue';
export const levels: readonly Level[] = ['ok', 'soon', 'urgent', 'overdue'];

/**
 * soon: under 12 h left (Douyin starts warning below 12 h); urgent: under 2 h left. Fixed
 * durations rather than fractions of the rule, because what matters is whether the agent can
 * still gather evidence in a shift.
 */
export const LEVEL_THRESHOLDS = { soonMs: 12 * HOUR, urgentMs: 2 * HOUR } as const;

export interface TimeLeft {
  /** Milliseconds until the deadline; negative once it has passed. */
  ms: number;
  /** True from the deadline instant on (nothing can be done "with 0 ms left"). */
  overdue: boolean;
  level: Level;
}

export function timeLeft(deadlineAt: Instant, now: Instant, thresholds: { soonMs: number; urgentMs: number } = LEVEL_THRESHOLDS): TimeLeft {
  const left = deadlineAt - now;
  const overdue = left <= 0;
  const level: Level = overdue ? 'overdue' : left < thresholds.urgentMs ? 'urgent' : left < thresholds.soonMs ? 'soon' : 'ok';
  return { ms: left, overdue, level };
}

/** Reminder leads used when a rule gives none: 12 h, 2 h and 30 min before. */
export const DEFAULT_REMINDER_MINUTES: readonly number[] = [720, 120, 30];

/** A rule's reminder leads in minutes (from reminderHoursBefore), else the defaults. */
export function reminderLeadMinutes(rule: Pick<DeadlineRule, 'reminderHoursBefore'>): number[] {
  return rule.reminderHoursBefore?.length ? rule.reminderHoursBefore.map((h) => Math.round(h * 60)) : [...DEFAULT_REMINDER_MINUTES];
}

/**
 * The reminder instants still ahead: deadline − lead for each lead, kept only when strictly after
 * `now` and before the deadline; ascending, without duplicates. A lead longer than the whole
 * rule simply yields nothing, so a 2 h rule with the default leads reminds at 30 min only.
 */
export function reminderTimes(
  deadlineAt: Instant,
  leadMinutes: readonly number[] = DEFAULT_REMINDER_MINUTES,
  now: Instant = Date.now(),
): Instant[] {
  const times = new Set<number>();
  for (const lead of leadMinutes) {
    if (!(lead > 0)) continue;
    const at = deadlineAt - Math.round(lead * MINUTE);
    if (at > now && at < deadlineAt) times.add(at);
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * A duration for people: the two largest units, rounded down (so time left is never overstated):
 * "1天3小时" / "1 d 3 h", "3小时5分钟" / "3 h 5 min", "12分钟" / "12 min", under a minute
 * "不到1分钟" / "< 1 min". The sign is dropped; say "left" or "overdue" around it.
 */
export function formatDuration(durationMs: number, locale: Locale): string {
  const t = translator(locale);
  const total = Math.abs(durationMs);
  const join = (parts: string[]) => parts.join(locale === 'zh-CN' ? '' : ' ');
  if (total < MINUTE) return t('cases.duration.underMinute');
  const d = Math.floor(total / DAY);
  const h = Math.floor((total % DAY) / HOUR);
  const m = Math.floor((total % HOUR) / MINUTE);
  if (d > 0) return join([t('cases.duration.days', { n: d }), ...(h > 0 ? [t('cases.duration.hours', { n: h })] : [])]);
  if (h > 0) return join([t('cases.duration.hours', { n: h }), ...(m > 0 ? [t('cases.duration.minutes', { n: m })] : [])]);
  return t('cases.duration.minutes', { n: m });
}

/** "剩余 3小时5分钟" / "3 h 5 min left", or "已超时 20分钟" / "Overdue by 20 min". */
export function formatTimeLeft(left: TimeLeft, locale: Locale): string {
  const duration = formatDuration(left.ms, locale);
  return translator(locale)(left.overdue ? 'cases.overdueBy' : 'cases.timeLeft', { duration });
}

/** An item is done, or (optional items only) skipped as not applicable to this case. */
export type ItemState = 'done' | 'skipped';
export type ChecklistState = Readonly<Record<string, ItemState | boolean | undefined>> | ReadonlySet<string>;

export interface Progress {
  requiredDone: number;
  requiredTotal: number;
  done: number;
  total: number;
  /** Every required item done; a list without required items is complete when every counted item is done. */
  complete: boolean;
}

/**
 * Counts a case's checklist. `state` holds item ids: a Set of done ids, or a record of
 * id → 'done' | 'skipped' | true | false. Skipped optional items leave the totals (not applicable,
 * e.g. "overseas purchase documents" for goods bought at home); a required item cannot be skipped
 * and counts as not done. Ids not in `items` (an item since removed) are ignored.
 */
export function progress(items: readonly Pick<ChecklistItem, 'id' | 'required'>[], state: ChecklistState): Progress {
  const stateOf = (id: string): ItemState | undefined => {
    if (state instanceof Set) return state.has(id) ? 'done' : undefined;
    const v = (state as Readonly<Record<string, ItemState | boolean | undefined>>)[id];
    return v === true ? 'done' : v === 'done' || v === 'skipped' ? v : undefined;
  };
  let requiredDone = 0;
  let requiredTotal = 0;
  let done = 0;
  let total = 0;
  for (const item of items) {
    const s = stateOf(item.id);
    if (s === 'skipped' && !item.required) continue;
    total++;
    if (item.required) requiredTotal++;
    if (s === 'done') {
      done++;
      if (item.required) requiredDone++;
    }
  }
  const complete = requiredTotal > 0 ? requiredDone === requiredTotal : done === total;
  return { requiredDone, requiredTotal, done, total, complete };
}
