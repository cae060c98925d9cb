import type { Wait } from '@/lib/timers/waits';

// How each platform counts reply speed (domain.md §5). Every number is a setting; these are the
// defaults the sources report. Pure functions over stored waits, so they are tested with
// hand-worked timelines.

export interface CountedHours {
  /** Minutes after local midnight, inclusive. */
  from: number;
  /** Minutes after local midnight, exclusive. */
  to: number;
}

export interface TaobaoProfile {
  kind: 'taobao';
  targetSec: number;
  capSec: number;
  hours: CountedHours;
}

export interface DouyinProfile {
  kind: 'douyin';
  targetSec: number;
  hours: CountedHours;
}

export interface JdProfile {
  kind: 'jd';
  targetSec: number;
  sessionGapSec: number;
  hours: CountedHours;
}

export const DEFAULTS = {
  taobao: { kind: 'taobao', targetSec: 180, capSec: 600, hours: { from: 8 * 60, to: 23 * 60 } } satisfies TaobaoProfile,
  douyin: { kind: 'douyin', targetSec: 180, hours: { from: 8 * 60, to: 23 * 60 } } satisfies DouyinProfile,
  jd: { kind: 'jd', targetSec: 30, sessionGapSec: 600, hours: { from: 9 * 60, to: 23 * 60 } } satisfies JdProfile,
};

export function inCountedHours(at: number, hours: CountedHours): boolean {
  const d = new Date(at);
  const minute = d.getHours() * 60 + d.getMinutes();
  return minute >= hours.from && minute < hours.to;
}

export interface TaobaoFigures {
  rounds: number;
  /** Rounds answered within the target ÷ rounds. */
  targetRate: number;
  /** Mean per-round reply time, each capped; unanswered rounds count as the cap (平响). */
  averageSec: number;
}

/**
 * Taobao/Tmall: unit = round. Rounds starting outside the counted hours are not counted; a
 * round still unanswered at `until` (the end of its day) counts as the cap.
 */
export function taobaoFigures(waits: readonly Wait[], until: number, p: TaobaoProfile = DEFAULTS.taobao): TaobaoFigures {
  const rounds = waits.filter((w) => inCountedHours(w.startedAt, p.hours) && w.startedAt < until);
  if (!rounds.length) return { rounds: 0, targetRate: 1, averageSec: 0 };
  let within = 0;
  let total = 0;
  for (const r of rounds) {
    const sec = r.endedAt === null || r.endedAt > until ? Infinity : (r.endedAt - r.startedAt) / 1000;
    if (sec <= p.targetSec) within++;
    total += Math.min(sec, p.capSec);
  }
  return { rounds: rounds.length, targetRate: within / rounds.length, averageSec: total / rounds.length };
}

export interface SessionFigures {
  sessions: number;
  /** Sessions whose every wait was answered within the target ÷ sessions. */
  targetRate: number;
  /** Mean of the first reply per session (answered sessions only). */
  firstResponseSec: number;
  /** Mean of all answered waits. */
  averageSec: number;
}

/** Douyin: unit = session; a session scores 0 if any wait exceeds the target. */
export function douyinFigures(sessions: readonly (readonly Wait[])[], p: DouyinProfile = DEFAULTS.douyin): SessionFigures {
  const counted = sessions.filter((s) => s.length && inCountedHours(s[0]!.startedAt, p.hours));
  const ok = counted.filter((s) => s.every((w) => w.endedAt !== null && (w.endedAt - w.startedAt) / 1000 <= p.targetSec));
  const answered = counted.flatMap((s) => s.filter((w) => w.endedAt !== null));
  const firsts = counted.flatMap((s) => (s[0]!.endedAt !== null ? [(s[0]!.endedAt - s[0]!.startedAt) / 1000] : []));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    sessions: counted.length,
    targetRate: counted.length ? ok.length / counted.length : 1,
    firstResponseSec: mean(firsts),
    averageSec: mean(answered.map((w) => (w.endedAt! - w.startedAt) / 1000)),
  };
}

/** JD: waits closer than the session gap belong to one session; judged by session start. */
export function jdSessions(waits: readonly Wait[], p: JdProfile = DEFAULTS.jd): Wait[][] {
  const sessions: Wait[][] = [];
  let lastEnd = -Infinity;
  for (const w of [...waits].sort((a, b) => a.startedAt - b.startedAt)) {
    const current = sessions.at(-1);
    if (current && w.startedAt - lastEnd <= p.sessionGapSec * 1000) current.push(w);
    else sessions.push([w]);
    lastEnd = w.endedAt ?? w.startedAt;
  }
  return sessions.filter((s) => inCountedHours(s[0]!.startedAt, p.hours));
}

/** JD's headline: share of sessions whose first wait was answered within the target (30 s). */
export function jdFirstAnswerRate(waits: readonly Wait[], p: JdProfile = DEFAULTS.jd): number {
  const sessions = jdSessions(waits, p);
  if (!sessions.length) return 1;
  const ok = sessions.filter((s) => s[0]!.endedAt !== null && (s[0]!.endedAt - s[0]!.startedAt) / 1000 <= p.targetSec);
  return ok.length / sessions.length;
}
