import { formatClock, PROFILE_DEFAULTS, type CountedHours, type CountingSettings } from '@/lib/metrics/counting';

// How each platform counts reply speed (docs/counting.md). Every number comes from the site's
// CountingSettings (lib/metrics/counting.ts; PROFILE_DEFAULTS are what the sources report). Pure
// functions over stored waits, tested with hand-worked timelines; lib/metrics/summary.ts computes
// the same figures in one pass for the dashboard and is cross-checked against these.
//
// Local time (the browser's time zone) decides days and counted hours.

export type { CountedHours, CountingSettings };

const DAY_MS = 86_400_000;

/**
 * A wait as stored (RoundRecord: endedAt 0 while open) or as derived from messages (Wait: endedAt
 * null while open). Only a human reply ends a wait: bot and system messages never do, so an auto
 * reply shows up as a longer wait, never as an answer.
 */
export interface WaitLike {
  startedAt: number;
  endedAt: number | null;
  /** 1 or true when a bot replied while the wait was open (stored rounds: RoundRecord.bot). */
  bot?: 1 | boolean;
  /** Stored rounds carry it; Taobao needs it to tell bot-only conversations. */
  conversationKey?: string;
}

export interface ConversationWait extends WaitLike {
  conversationKey: string;
}

/** When the human reply came, or null while the wait is open (endedAt 0 or null). */
export function endOf(w: WaitLike): number | null {
  return w.endedAt ? w.endedAt : null;
}

/** Reply time in seconds (calendar time), Infinity when not answered by `until`. */
export function replySec(w: WaitLike, until = Infinity): number {
  const end = endOf(w);
  return end === null || end > until ? Infinity : (end - w.startedAt) / 1000;
}

/** Whether a wall-clock minute/ms of the day is inside the hours (to exclusive; from > to wraps midnight; from = to is all day). */
export function inWindow(msOfDay: number, hours: CountedHours): boolean {
  const from = hours.from * 60_000;
  const to = hours.to * 60_000;
  if (from < to) return msOfDay >= from && msOfDay < to;
  if (from > to) return msOfDay >= from || msOfDay < to;
  return true;
}

export function inCountedHours(at: number, hours: CountedHours): boolean {
  const d = new Date(at);
  return inWindow(((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds(), hours);
}

/** 'YYYY-MM-DD' of the local day. */
export function localDate(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// ---- local days without a Date per lookup ----

/**
 * The local days from the day of `from` (minus `daysBefore`) through the day of `to`, as a sorted
 * array of local midnights built with `new Date(y, m, d + i)`, so days of 23 or 25 hours (DST) are
 * right. `index(t)` finds a moment's day by arithmetic plus at most a step or two; `msOfDay` is the
 * wall-clock time of day, exact on every day (falls back to a Date on days that are not 24 h long).
 */
export class LocalDays {
  /** starts[i] = local midnight of day i; starts[length] = the midnight that ends the last day. */
  readonly starts: number[] = [];
  private readonly y: number;
  private readonly m: number;
  private readonly d: number;
  private weekdays: number[] = [];

  constructor(from: number, to: number, daysBefore = 0) {
    const first = new Date(from);
    this.y = first.getFullYear();
    this.m = first.getMonth();
    this.d = first.getDate() - daysBefore;
    this.push();
    this.push();
    this.ensure(to);
  }

  /** Number of whole days covered. */
  get length(): number {
    return this.starts.length - 1;
  }

  private push(): void {
    this.starts.push(new Date(this.y, this.m, this.d + this.starts.length).getTime());
  }

  /** Extends the table so that it covers the day of `t`. */
  ensure(t: number): void {
    if (!Number.isFinite(t)) return;
    while (this.starts[this.starts.length - 1]! <= t) this.push();
  }

  /** Day index of `t`: −1 before the first day, `length` at or after the end. */
  index(t: number): number {
    const s = this.starts;
    const n = s.length - 1;
    if (t < s[0]!) return -1;
    if (t >= s[n]!) return n;
    let i = Math.floor((t - s[0]!) / DAY_MS);
    if (i > n - 1) i = n - 1;
    while (s[i]! > t) i--;
    while (s[i + 1]! <= t) i++;
    return i;
  }

  /** Wall-clock milliseconds after local midnight of `t`, which lies in day `i`. */
  msOfDay(t: number, i: number): number {
    const start = this.starts[i]!;
    if (this.starts[i + 1]! - start === DAY_MS) return t - start;
    const d = new Date(t);
    return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
  }

  /** 0 = Sunday … 6 = Saturday. */
  weekday(i: number): number {
    let w = this.weekdays[i];
    if (w === undefined) w = this.weekdays[i] = new Date(this.starts[i]!).getDay();
    return w;
  }

  /** The moment `minutes` after local midnight of day `i` (minutes ≥ 1440 run into the next day). */
  at(i: number, minutes: number): number {
    if (minutes === 0) return this.starts[i]!;
    if (minutes === 1440) return this.starts[i + 1] ?? new Date(this.y, this.m, this.d + i + 1).getTime();
    return new Date(this.y, this.m, this.d + i, 0, minutes).getTime();
  }

  /** 'YYYY-MM-DD' of day `i`. */
  date(i: number): string {
    return localDate(this.starts[i]!);
  }
}

// ---- business hours ----

/** An agent's working schedule: weekdays (0 = Sunday … 6 = Saturday) and local minutes (to exclusive; to ≤ from runs past midnight). */
export interface Schedule {
  days: number[];
  from: number;
  to: number;
}

export const DEFAULT_WORK_DAYS = [1, 2, 3, 4, 5];

/** The schedule a help-desk profile's business clock uses: its hours on the given weekdays. */
export function scheduleFor(s: Pick<CountingSettings, 'hours'>, days: number[] = DEFAULT_WORK_DAYS): Schedule {
  return { days, from: s.hours.from, to: s.hours.to };
}

/** Business-time seconds between moments, reusing one table of local days (for many spans). */
export class BusinessClock {
  private readonly open: number[] = [];
  private readonly close: number[] = [];
  private readonly workday: boolean[];

  /** `days` must start at least one day before any span's start (for windows running past midnight). */
  constructor(
    private readonly days: LocalDays,
    private readonly schedule: Schedule,
  ) {
    this.workday = Array.from({ length: 7 }, (_, w) => schedule.days.includes(w));
  }

  private window(i: number): void {
    const { from, to } = this.schedule;
    if (!this.workday[this.days.weekday(i)]) {
      this.open[i] = this.close[i] = 0;
    } else if (from < to) {
      this.open[i] = this.days.at(i, from);
      this.close[i] = this.days.at(i, to);
    } else if (from > to) {
      this.open[i] = this.days.at(i, from);
      this.close[i] = this.days.at(i, 1440 + to);
    } else {
      this.open[i] = this.days.starts[i]!;
      this.close[i] = this.days.at(i, 1440);
    }
  }

  seconds(start: number, end: number): number {
    if (!(end > start)) return 0;
    this.days.ensure(end);
    const first = Math.max(0, this.days.index(start) - 1);
    const last = this.days.index(end);
    let ms = 0;
    for (let i = first; i <= last && i < this.days.length; i++) {
      if (this.open[i] === undefined) this.window(i);
      const lo = Math.max(this.open[i]!, start);
      const hi = Math.min(this.close[i]!, end);
      if (hi > lo) ms += hi - lo;
    }
    return ms / 1000;
  }
}

/**
 * Seconds of [start, end) that fall inside the schedule's hours on its weekdays, in local time:
 * a span over a night or a weekend counts only the working time in it (days of 23 or 25 hours too).
 */
export function businessSeconds(start: number, end: number, schedule: Schedule): number {
  if (!(end > start)) return 0;
  return new BusinessClock(new LocalDays(start, end, 1), schedule).seconds(start, end);
}

// ---- percentiles ----

export interface Stats {
  /** Values the figures are over. */
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/**
 * Reorders a[left..right] so that a[k] holds the k-th smallest value, smaller ones before it and
 * larger ones after it (quickselect, Hoare partition with a median-of-three pivot): O(n), no sort.
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three as the pivot, so sorted or equal input stays O(n).
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Quantile by linear interpolation between closest ranks (Excel PERCENTILE.INC, numpy's default):
 * position (n − 1)·q. Reorders `a` (a scratch copy); `left` = how many smallest values are already
 * in place (each ≤ everything after it), to chain quantiles in ascending q.
 */
export function quantile(a: Float64Array, q: number, left = 0): number | null {
  const n = a.length;
  if (!n) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  if (lo >= left) select(a, lo, left, n - 1);
  const v = a[lo]!;
  if (pos === lo) return v;
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i]! < next) next = a[i]!;
  return v + (next - v) * (pos - lo);
}

/** Quantile of values already in ascending order. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (!n) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  return a + (sorted[hi]! - a) * (pos - lo);
}

/** Count, mean, median and 90th percentile (by selection, no sort); reorders `values` when it is a Float64Array. */
export function stats(values: Float64Array | readonly number[]): Stats {
  const a = values instanceof Float64Array ? values : Float64Array.from(values);
  const n = a.length;
  if (!n) return { count: 0, mean: null, median: null, p90: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]!;
  const median = quantile(a, 0.5);
  const p90 = quantile(a, 0.9, Math.floor((n - 1) * 0.5) + 1);
  return { count: n, mean: sum / n, median, p90 };
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function byConversation<W extends ConversationWait>(waits: readonly W[]): W[][] {
  const groups = new Map<string, W[]>();
  for (const w of waits) {
    const g = groups.get(w.conversationKey);
    if (g) g.push(w);
    else groups.set(w.conversationKey, [w]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => a.startedAt - b.startedAt));
}

// ---- Taobao/Tmall ----

export interface TaobaoFigures {
  rounds: number;
  /** Rounds left out because their conversation was answered by the bot alone (no human reply). */
  botOnly: number;
  /** Rounds answered within the target ÷ rounds. */
  targetRate: number;
  /** Mean per-round reply time, each capped; unanswered rounds count as the cap (平响). */
  averageSec: number;
}

/**
 * Taobao/Tmall: unit = round, over one day's waits. Rounds starting outside the counted hours are
 * not counted; a round still unanswered at `until` (the end of its day) counts as the cap and
 * misses the target. A conversation whose counted rounds got a bot reply and no human reply at
 * all is fully automatic and left out (docs/counting.md, "Taobao/Tmall").
 */
export function taobaoFigures(waits: readonly WaitLike[], until: number, s: CountingSettings = PROFILE_DEFAULTS.taobao): TaobaoFigures {
  const counted = waits.filter((w) => inCountedHours(w.startedAt, s.hours) && w.startedAt < until);
  const human = new Set<string | undefined>();
  const bot = new Set<string | undefined>();
  for (const w of counted) {
    if (endOf(w) !== null) human.add(w.conversationKey);
    if (w.bot) bot.add(w.conversationKey);
  }
  const botOnly = (w: WaitLike) => bot.has(w.conversationKey) && !human.has(w.conversationKey);
  const rounds = counted.filter((w) => !botOnly(w));
  const left = counted.length - rounds.length;
  if (!rounds.length) return { rounds: 0, botOnly: left, targetRate: 1, averageSec: 0 };
  let within = 0;
  let total = 0;
  for (const r of rounds) {
    const sec = replySec(r, until);
    if (sec <= s.targetSec) within++;
    total += Math.min(sec, s.capSec);
  }
  return { rounds: rounds.length, botOnly: left, targetRate: within / rounds.length, averageSec: total / rounds.length };
}

// ---- Pinduoduo ----

export interface PinduoduoFigures {
  /** Buyer-days: a buyer (conversation) with at least one counted wait on a local day. */
  buyers: number;
  /** Buyer-days with any wait not answered by a human within the target. */
  failed: number;
  /** (buyers − failed) ÷ buyers (1 when there are no buyers). */
  targetRate: number;
  /** Mean reply time of the answered counted waits. */
  averageSec: number;
}

/** Pinduoduo: unit = buyer per local day; one wait missing the target fails that buyer's day. */
export function pinduoduoFigures(waits: readonly ConversationWait[], s: CountingSettings = PROFILE_DEFAULTS.pinduoduo): PinduoduoFigures {
  const days = new Map<string, boolean>();
  const answered: number[] = [];
  for (const w of waits) {
    if (!inCountedHours(w.startedAt, s.hours)) continue;
    const key = `${w.conversationKey}\n${localDate(w.startedAt)}`;
    const sec = replySec(w);
    if (sec !== Infinity) answered.push(sec);
    days.set(key, (days.get(key) ?? false) || !(sec <= s.targetSec));
  }
  const failed = [...days.values()].filter(Boolean).length;
  return { buyers: days.size, failed, targetRate: days.size ? (days.size - failed) / days.size : 1, averageSec: mean(answered) };
}

// ---- Douyin ----

export interface SessionFigures {
  /** Sessions with at least one wait in the counted hours. */
  sessions: number;
  /** Sessions whose every counted wait was answered within the target ÷ sessions. */
  targetRate: number;
  /** Mean of the first reply per session (sessions whose first counted wait was answered). */
  firstResponseSec: number;
  /** Mean of all answered counted waits. */
  averageSec: number;
  /** Sessions no human answered at all (the automatic welcome does not count). */
  unserved: number;
}

/**
 * Douyin sessions of one conversation: with `sessionGapSec` > 0 (600 s by default), a wait
 * starting within the gap of the previous reply belongs to the same session; with 0, one session
 * per local day (docs/counting.md, "Douyin").
 */
export function douyinSessions<W extends WaitLike>(waits: readonly W[], s: CountingSettings = PROFILE_DEFAULTS.douyin): W[][] {
  const sorted = [...waits].sort((a, b) => a.startedAt - b.startedAt);
  if (s.sessionGapSec > 0) return gapSessions(sorted, s.sessionGapSec);
  const sessions: W[][] = [];
  let day = '';
  for (const w of sorted) {
    const d = localDate(w.startedAt);
    if (d === day) sessions.at(-1)!.push(w);
    else sessions.push([w]);
    day = d;
  }
  return sessions;
}

function gapSessions<W extends WaitLike>(sorted: readonly W[], gapSec: number): W[][] {
  const sessions: W[][] = [];
  let lastEnd = -Infinity;
  for (const w of sorted) {
    const current = sessions.at(-1);
    if (current && w.startedAt - lastEnd <= gapSec * 1000) current.push(w);
    else sessions.push([w]);
    lastEnd = endOf(w) ?? w.startedAt;
  }
  return sessions;
}

/**
 * Douyin: unit = session; only waits starting in the counted hours (8:00–22:59:59) are judged,
 * and a session scores 0 if any of them waits longer than the target or is never answered.
 */
export function douyinFigures(sessions: readonly (readonly WaitLike[])[], s: CountingSettings = PROFILE_DEFAULTS.douyin): SessionFigures {
  const counted = sessions.map((x) => x.filter((w) => inCountedHours(w.startedAt, s.hours))).filter((x) => x.length);
  const ok = counted.filter((x) => x.every((w) => replySec(w) <= s.targetSec));
  const answered = counted.flatMap((x) => x.map((w) => replySec(w)).filter((sec) => sec !== Infinity));
  const firsts = counted.map((x) => replySec(x[0]!)).filter((sec) => sec !== Infinity);
  return {
    sessions: counted.length,
    targetRate: counted.length ? ok.length / counted.length : 1,
    firstResponseSec: mean(firsts),
    averageSec: mean(answered),
    unserved: counted.filter((x) => x.every((w) => endOf(w) === null)).length,
  };
}

// ---- JD ----

/**
 * JD sessions of one conversation: a wait starting within the session gap (10 min) of the previous
 * reply is a re-ask in the same session. Sessions are judged by their start: only those starting
 * in the counted hours are returned.
 */
export function jdSessions<W extends WaitLike>(waits: readonly W[], s: CountingSettings = PROFILE_DEFAULTS.jd): W[][] {
  const sorted = [...waits].sort((a, b) => a.startedAt - b.startedAt);
  return gapSessions(sorted, s.sessionGapSec).filter((x) => inCountedHours(x[0]!.startedAt, s.hours));
}

/** JD's headline: share of sessions whose first wait was answered within the target (30 s); 1 without sessions. */
export function jdFirstAnswerRate(waits: readonly WaitLike[], s: CountingSettings = PROFILE_DEFAULTS.jd): number {
  const sessions = jdSessions(waits, s);
  if (!sessions.length) return 1;
  const ok = sessions.filter((x) => replySec(x[0]!) <= s.targetSec);
  return ok.length / sessions.length;
}

// ---- help desk ----

export interface HelpdeskFigures {
  conversations: number;
  /** Each conversation's first wait → the first human reply (answered ones). */
  firstReply: Stats;
  /** Every later wait → the next human reply (answered ones). */
  nextReply: Stats;
  unansweredFirst: number;
  unansweredNext: number;
}

/** Reply time of a wait on the profile's clock: calendar, or business time on the schedule. */
export function helpdeskReplySec(w: WaitLike, s: CountingSettings, schedule: Schedule = scheduleFor(s)): number {
  const end = endOf(w);
  if (end === null) return Infinity;
  return s.clock === 'business' ? businessSeconds(w.startedAt, end, schedule) : (end - w.startedAt) / 1000;
}

/**
 * Help desk (Zendesk, Intercom, Chatwoot): first reply time = the conversation's first wait → the
 * first human reply; next reply time = each later wait → the next human reply. On the business
 * clock the profile's hours are the schedule (on `schedule.days`, Mon–Fri by default) and every
 * wait counts, measured in business time; on the calendar clock the counted hours filter waits.
 * The first wait is the earliest of the waits given, so pass a conversation's earlier waits too.
 */
export function helpdeskFigures(
  waits: readonly ConversationWait[],
  s: CountingSettings = PROFILE_DEFAULTS.helpdesk,
  schedule: Schedule = scheduleFor(s),
): HelpdeskFigures {
  const first: number[] = [];
  const next: number[] = [];
  let unansweredFirst = 0;
  let unansweredNext = 0;
  let conversations = 0;
  for (const group of byConversation(waits)) {
    let counted = false;
    group.forEach((w, i) => {
      if (s.clock !== 'business' && !inCountedHours(w.startedAt, s.hours)) return;
      counted = true;
      const sec = helpdeskReplySec(w, s, schedule);
      if (i === 0) {
        if (sec === Infinity) unansweredFirst++;
        else first.push(sec);
      } else if (sec === Infinity) unansweredNext++;
      else next.push(sec);
    });
    if (counted) conversations++;
  }
  return { conversations, firstReply: stats(first), nextReply: stats(next), unansweredFirst, unansweredNext };
}

/** Short label of counted hours, e.g. "08:00-23:00". */
export function hoursLabel(hours: CountedHours): string {
  return `${formatClock(hours.from)}-${formatClock(hours.to)}`;
}
