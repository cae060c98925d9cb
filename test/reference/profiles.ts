import { PROFILE_DEFAULTS, type CountedHours, type CountingSettings } from '@/lib/sites/counting';
import { businessSeconds, inCountedHours, localDate, scheduleFor, type Schedule } from '@/lib/metrics/clock';
import { stats, type Stats } from '@/lib/metrics/stats';

// Reference models of how each platform counts reply speed (docs/counting.md), one plain function
// a platform, written to be read, not to be fast. Every number comes from the site's
// CountingSettings (lib/sites/counting.ts; PROFILE_DEFAULTS are what the sources report). The
// tests check them with hand-worked timelines, and cross-check lib/metrics/summary.ts (which
// computes the same figures in one pass for the dashboard) against them. Not shipped.

export type { CountedHours, CountingSettings };

/**
 * A wait as stored (WaitRecord: endedAt 0 while open) or as derived from messages (Wait: endedAt
 * null while open). Only a human reply ends a wait: bot and system messages never do, so an auto
 * reply shows up as a longer wait, never as an answer.
 */
export interface WaitLike {
  startedAt: number;
  endedAt: number | null;
  /** 1 or true when a bot replied while the wait was open (stored rounds: WaitRecord.bot). */
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
