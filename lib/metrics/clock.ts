import { formatClock, type CountedHours, type CountingSettings } from '@/lib/sites/counting';

// Local time for the reply-speed figures (docs/counting.md): counted hours, local days (DST-safe,
// without a Date per lookup) and the help desk's business clock. Local time (the browser's time
// zone) decides days and counted hours.

export const DAY_MS = 86_400_000;

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

/** Short label of counted hours, e.g. "08:00-23:00". */
export function hoursLabel(hours: CountedHours): string {
  return `${formatClock(hours.from)}-${formatClock(hours.to)}`;
}
