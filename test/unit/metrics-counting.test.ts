import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskmateDB } from '@/lib/db/database';
import type { WaitRecord } from '@/lib/db/records';
import { PROFILE_DEFAULTS } from '@/lib/sites/counting';
import { loadDashboard } from '@/lib/metrics/dashboard';
import { douyinFigures, douyinSessions, taobaoFigures } from '../reference/profiles';
import { summarize, type Range } from '@/lib/metrics/summary';
import { recordObserved } from '@/lib/timers/record';
import type { CountingProfileKind } from '@/lib/sites/schema';

// The hand-worked timelines of issue 17 (docs/counting.md), through the project's own summary
// code and, where it matters, through the database the dashboard reads. Local time throughout:
// every expectation holds in any time zone. November 2026: the 24th is a Tuesday.
const nov = (d: number, h: number, m = 0, s = 0) => new Date(2026, 10, d, h, m, s).getTime();
const day = (d: number): Range => ({ from: nov(d, 0), to: nov(d + 1, 0) });

type Row = [conv: string, startedAt: number, endedAt: number | null, bot?: 1];
function rounds(siteId: string, profile: CountingProfileKind, rows: Row[]): WaitRecord[] {
  return rows.map(([conv, startedAt, endedAt, bot]) => ({
    conversationKey: `${siteId}:${conv}`,
    siteId,
    profile,
    startedAt,
    endedAt: endedAt ?? 0,
    ...(bot ? { bot } : {}),
  }));
}

let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`counting-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

describe('1. rules that need waits from before the range', () => {
  it('help desk: a conversation opened yesterday and answered today after 3 h is a next reply, not a first reply', async () => {
    await db.rounds.bulkAdd(
      rounds('hd', 'helpdesk', [
        ['t1', nov(23, 16), nov(23, 16, 5)], // opened yesterday, first reply 300 s
        ['t1', nov(24, 9), nov(24, 12)], // today: answered after 3 h = a next reply of 10,800 s
        ['t2', nov(24, 10), nov(24, 10, 2)], // opened today: first reply 120 s
      ]),
    );
    const data = await loadDashboard(db, day(24), { now: nov(25, 9) });
    const h = data.summaries.sites.hd!.headline!;
    expect(h).toMatchObject({ kind: 'helpdesk.firstReply', value: 120, numerator: 1, denominator: 1 });
    expect(h.details).toMatchObject({ nextReplies: 1, nextReplyMedian: 10_800 });
    // The exports and the charts hold the range's waits only.
    expect(data.waits.map((r) => r.startedAt).sort()).toEqual([nov(24, 9), nov(24, 10)]);
    expect(data.histogram.reduce((n, b) => n + b.count, 0)).toBe(2);
  });

  it('JD: a re-ask within 10 min of a session that began before the range belongs to that session', async () => {
    await db.rounds.bulkAdd(
      rounds('jd', 'jd', [
        ['j1', nov(24, 9, 58), nov(24, 9, 58, 50)], // session start, 50 s: misses 30 s
        ['j1', nov(24, 10, 3), nov(24, 10, 3, 5)], // re-ask 4 min later: same session
        ['j2', nov(24, 11), nov(24, 11, 0, 10)], // a session of its own, 10 s
      ]),
    );
    const range = { from: nov(24, 10), to: nov(24, 12) };
    const h = (await loadDashboard(db, range, { now: nov(24, 12) })).summaries.sites.jd!.headline!;
    // Only j2's session starts in the range; j1's re-ask is not a session start (it was: 2 / 2).
    expect(h).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
  });
});

describe('2. Taobao leaves out conversations the bot handled alone', () => {
  // Five rounds on one day; conversation e had only bot replies.
  const tb = rounds('tb', 'taobao', [
    ['a', nov(24, 9), nov(24, 9, 1)], // 60 s: within 3 min
    ['b', nov(24, 10), nov(24, 10, 2, 30)], // 150 s: within 3 min
    ['c', nov(24, 11), nov(24, 11, 11, 40)], // 700 s: capped at 600
    ['d', nov(24, 22, 50), null], // unanswered at day end: 600
    ['e', nov(24, 12), null, 1], // the shop bot answered, no human ever did: not a round
  ]);

  it('expected 4 rounds, 50 %, 平响 352.5 s (it was 5, 40 %, 402 s)', () => {
    const s = summarize(tb, day(24), PROFILE_DEFAULTS.taobao, nov(25, 9));
    expect(s.headline).toMatchObject({ value: 0.5, numerator: 2, denominator: 4, details: { botOnlyRounds: 1 } });
    expect(s.averageResponseSec).toBe(352.5);
    // The wait itself is still a wait nobody human answered (响应率 counts human replies only).
    expect(s).toMatchObject({ waits: 5, answered: 3, responseRate: 3 / 5 });
    expect(taobaoFigures(tb, nov(25, 0))).toEqual({ rounds: 4, botOnly: 1, targetRate: 0.5, averageSec: 352.5 });
  });

  it('a conversation where a human also replied that day is not bot-only (assist mode counts)', () => {
    const assisted = [...tb, ...rounds('tb', 'taobao', [['e', nov(24, 15), nov(24, 15, 1)]])];
    const s = summarize(assisted, day(24), PROFILE_DEFAULTS.taobao, nov(25, 9));
    expect(s.headline).toMatchObject({ numerator: 3, denominator: 6, details: { botOnlyRounds: 0 } });
    expect(s.averageResponseSec).toBe((60 + 150 + 600 + 600 + 600 + 60) / 6);
  });

  it('the bot mark is written by the timers on the hot path and read back by the dashboard', async () => {
    const b = (conversationId: string, messages: [string, 'customer' | 'agent' | 'bot', number][]) =>
      recordObserved(
        db,
        {
          siteId: 'tb',
          conversationId,
          profile: 'taobao',
          attachedAt: nov(24, 8),
          messages: messages.map(([id, sender, at]) => ({ id, sender, at, live: true })),
        },
        messages.at(-1)![2],
      );
    await b('human', [
      ['1', 'customer', nov(24, 9)],
      ['2', 'bot', nov(24, 9, 0, 2)],
      ['3', 'agent', nov(24, 9, 1)],
    ]);
    await b('botonly', [
      ['1', 'customer', nov(24, 10)],
      ['2', 'bot', nov(24, 10, 0, 2)],
    ]);
    const s = (await loadDashboard(db, day(24), { now: nov(24, 12) })).summaries.sites.tb!;
    expect(s.headline).toMatchObject({ value: 1, numerator: 1, denominator: 1, details: { botOnlyRounds: 1 } });
    expect(s.averageResponseSec).toBe(60);
  });
});

describe('3. Douyin: one chat, two questions on one day', () => {
  const dy = rounds('dy', 'douyin', [
    ['x', nov(24, 10), nov(24, 10, 2)], // answered in 2 min
    ['x', nov(24, 14), nov(24, 14, 4)], // a separate question hours later, answered in 4 min
  ]);

  it('are two sessions by default (10-minute gap): 50 %, not 0 %', () => {
    const s = summarize(dy, day(24), PROFILE_DEFAULTS.douyin, nov(25, 9));
    expect(s.headline).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(s.headline!.rule).toContain(';gap=600;');
    expect(douyinFigures(douyinSessions(dy))).toMatchObject({ sessions: 2, targetRate: 0.5 });
  });

  it('a follow-up within 10 min of the reply stays in the session', () => {
    const more = [...dy, ...rounds('dy', 'douyin', [['x', nov(24, 14, 10), nov(24, 14, 10, 30)]])];
    expect(summarize(more, day(24), PROFILE_DEFAULTS.douyin, nov(25, 9)).headline).toMatchObject({ numerator: 1, denominator: 2 });
  });
});

describe('4. 接待量 is a daily mean; 响应率 is counted per wait', () => {
  it('two conversations on Monday and three on Tuesday (one of them again) over a 7-day range', () => {
    const rs = rounds('pdd', 'pinduoduo', [
      ['a', nov(23, 9), nov(23, 9, 1)],
      ['b', nov(23, 10), null],
      ['a', nov(24, 9), nov(24, 9, 1)],
      ['a', nov(24, 11), nov(24, 11, 1)], // the same conversation again that day: still one consultation
      ['c', nov(24, 10), nov(24, 10, 1)],
      ['d', nov(24, 12), nov(24, 12, 1)],
    ]);
    const s = summarize(rs, { from: nov(23, 0), to: nov(30, 0) }, PROFILE_DEFAULTS.pinduoduo, nov(30, 0));
    expect(s).toMatchObject({
      consultations: 4,
      consultationsTotal: 5,
      consultationsPerDay: 5 / 7,
      waits: 6,
      answered: 5,
      responseRate: 5 / 6,
    });
  });
});

describe('5. waits that start before the counted hours', () => {
  const tb = rounds('tb', 'taobao', [
    ['a', nov(24, 7, 30), null], // before 8:00, the buyer is still waiting at 8:30: carried over
    ['b', nov(24, 7), nov(24, 7, 10)], // before 8:00, answered at 7:10: nobody waited into the hours
    ['c', nov(24, 7, 45), nov(24, 8, 20)], // answered 20 min into the hours: carried over
    ['d', nov(24, 9), nov(24, 9, 1)], // in the hours
    ['e', nov(24, 23, 30), null], // after 23:00, open into the next day's hours
  ]);

  it('stay out of the platform figures (judged by start) but are counted as carried over', () => {
    const s = summarize(tb, day(24), PROFILE_DEFAULTS.taobao, nov(24, 8, 30));
    expect(s).toMatchObject({ waits: 1, outsideHours: 4, carriedOver: 2 });
    expect(s.headline).toMatchObject({ value: 1, denominator: 1 });
    // The buyer waiting since 7:30 is the longest wait (an hour by 8:30), outside hours or not.
    expect(s.longestWaitSec).toBe(3600);
  });

  it('a wait after closing is carried over once the next day opens, not before', () => {
    expect(summarize(tb, day(24), PROFILE_DEFAULTS.taobao, nov(25, 7)).carriedOver).toBe(2);
    expect(summarize(tb, day(24), PROFILE_DEFAULTS.taobao, nov(25, 8, 30)).carriedOver).toBe(2);
    // The range ends at midnight: e's opening (8:00 on the 25th) is after it.
    expect(summarize(tb, { from: nov(24, 0), to: nov(26, 0) }, PROFILE_DEFAULTS.taobao, nov(25, 8, 30)).carriedOver).toBe(3);
    // Nobody is carried over before the hours open.
    expect(summarize(tb, day(24), PROFILE_DEFAULTS.taobao, nov(24, 7, 50)).carriedOver).toBe(0);
  });
});
