import { describe, expect, it } from 'vitest';
import { PROFILE_DEFAULTS } from '@/lib/sites/counting';
import { businessSeconds, inCountedHours } from '@/lib/metrics/clock';
import { quantile, quantileSorted, stats } from '@/lib/metrics/stats';
import {
  douyinFigures,
  douyinSessions,
  helpdeskFigures,
  jdFirstAnswerRate,
  jdSessions,
  pinduoduoFigures,
  taobaoFigures,
} from '../reference/profiles';
import { waitingSince, waitsOf, type TimedMessage } from '@/lib/timers/waits';

const day = (h: number, m = 0, s = 0) => new Date(2026, 10, 24, h, m, s).getTime();
const msg = (sender: TimedMessage['sender'], at: number): TimedMessage => ({ sender, at });

describe('waits', () => {
  it('start at the first unanswered customer message; bots and system never end them', () => {
    const waits = waitsOf([
      msg('customer', day(10, 0, 0)),
      msg('bot', day(10, 0, 1)), // the shop bot's auto reply does not count
      msg('customer', day(10, 0, 30)), // same wait
      msg('agent', day(10, 1, 0)),
      msg('agent', day(10, 1, 5)),
      msg('system', day(10, 2)),
      msg('customer', day(10, 5)),
    ]);
    expect(waits).toEqual([
      { startedAt: day(10, 0, 0), endedAt: day(10, 1, 0) },
      { startedAt: day(10, 5), endedAt: null },
    ]);
    expect(waitingSince([msg('customer', day(10)), msg('bot', day(10, 0, 2))])).toBe(day(10));
    expect(waitingSince([msg('customer', day(10)), msg('agent', day(10, 0, 2))])).toBeNull();
  });
});

describe('Taobao rounds', () => {
  it('caps each round at 600 s, counts a round left unanswered that day as 600 s, and skips rounds outside 8:00–23:00', () => {
    const waits = [
      { startedAt: day(9), endedAt: day(9, 1) }, // 60 s, within 3 min
      { startedAt: day(10), endedAt: day(10, 20) }, // 1200 s → capped at 600
      { startedAt: day(22, 50), endedAt: null }, // unanswered by day end → 600
      { startedAt: day(7, 30), endedAt: day(7, 31) }, // before 8:00: not counted
    ];
    expect(taobaoFigures(waits, day(23, 59, 59))).toEqual({ rounds: 3, botOnly: 0, targetRate: 1 / 3, averageSec: (60 + 600 + 600) / 3 });
  });
});

describe('Douyin sessions', () => {
  it('score a session 0 when any wait exceeds 3 minutes', () => {
    const good = [{ startedAt: day(10), endedAt: day(10, 0, 20) }];
    const bad = [
      { startedAt: day(11), endedAt: day(11, 0, 10) },
      { startedAt: day(11, 5), endedAt: day(11, 9) }, // 240 s
    ];
    expect(douyinFigures([good, bad])).toEqual({
      sessions: 2,
      targetRate: 0.5,
      firstResponseSec: 15,
      averageSec: (20 + 10 + 240) / 3,
      unserved: 0,
    });
  });
});

describe('JD sessions', () => {
  it('join a re-ask within 10 minutes to the same session and judge the first answer against 30 s', () => {
    const waits = [
      { startedAt: day(10), endedAt: day(10, 0, 20) },
      { startedAt: day(10, 5), endedAt: day(10, 6) }, // 4 min after the reply: same session
      { startedAt: day(12), endedAt: day(12, 1) }, // new session, first answer 60 s
      { startedAt: day(8), endedAt: day(8, 0, 5) }, // before 9:00 (by session start): not counted
    ];
    expect(jdSessions(waits).map((s) => s.length)).toEqual([2, 1]);
    expect(jdFirstAnswerRate(waits)).toBe(0.5);
  });
});

// Dates are built with new Date(y, m, d, h, min): local time, so these hold in any time zone.
// November 2026: the 23rd is a Monday, the 27th a Friday, the 28th/29th the weekend.
const nov = (d: number, h: number, m = 0, s = 0) => new Date(2026, 10, d, h, m, s).getTime();
const cw = (conversationKey: string, startedAt: number, endedAt: number | null) => ({ conversationKey, startedAt, endedAt });

describe('profiles take the site counting settings', () => {
  it('use the settings numbers: a Taobao site with a 60 s target and a 300 s cap', () => {
    const s = { ...PROFILE_DEFAULTS.taobao, targetSec: 60, capSec: 300 };
    const waits = [
      { startedAt: day(9), endedAt: day(9, 1) }, // 60 s: within 60
      { startedAt: day(10), endedAt: day(10, 2) }, // 120 s
      { startedAt: day(11), endedAt: day(11, 10) }, // 600 s → 300
    ];
    expect(taobaoFigures(waits, day(23, 59, 59), s)).toEqual({
      rounds: 3,
      botOnly: 0,
      targetRate: 1 / 3,
      averageSec: (60 + 120 + 300) / 3,
    });
  });

  it('stored rounds (endedAt 0 = open) count like derived waits (endedAt null)', () => {
    const open0 = [{ startedAt: day(22, 50), endedAt: 0 }];
    const openNull = [{ startedAt: day(22, 50), endedAt: null }];
    expect(taobaoFigures(open0, day(23, 59, 59))).toEqual(taobaoFigures(openNull, day(23, 59, 59)));
    expect(jdSessions([{ startedAt: day(10), endedAt: 0 }]).length).toBe(1);
  });

  it('counted hours: "to" is exclusive (Douyin 8:00–22:59:59), from > to runs past midnight, from = to is all day', () => {
    const h = PROFILE_DEFAULTS.douyin.hours;
    expect(inCountedHours(day(7, 59, 59), h)).toBe(false);
    expect(inCountedHours(day(8), h)).toBe(true);
    expect(inCountedHours(day(22, 59, 59), h)).toBe(true);
    expect(inCountedHours(day(23), h)).toBe(false);
    expect(inCountedHours(day(23, 30), { from: 22 * 60, to: 2 * 60 })).toBe(true);
    expect(inCountedHours(day(1, 59), { from: 22 * 60, to: 2 * 60 })).toBe(true);
    expect(inCountedHours(day(2), { from: 22 * 60, to: 2 * 60 })).toBe(false);
    expect(inCountedHours(day(3), { from: 0, to: 0 })).toBe(true);
  });
});

describe('Pinduoduo buyers per day', () => {
  it('fail a buyer-day when any counted wait is not answered by a human within 3 minutes', () => {
    const waits = [
      cw('p', nov(24, 9), nov(24, 9, 2)), // 120 s
      cw('p', nov(24, 14), nov(24, 14, 5)), // 300 s: P fails the 24th
      cw('q', nov(24, 10), nov(24, 10, 1)), // Q passes the 24th
      cw('q', nov(25, 22, 59), null), // unanswered: Q fails the 25th
      cw('r', nov(24, 23, 10), nov(24, 23, 20)), // after 23:00: R is no buyer on the 24th
      cw('r', nov(25, 8), nov(25, 8, 3)), // exactly 180 s: within
      cw('s', nov(25, 10), nov(25, 10, 0, 30)),
      cw('p', nov(25, 7, 59), nov(25, 8, 30)), // starts before 8:00: not counted
    ];
    expect(pinduoduoFigures(waits)).toEqual({ buyers: 5, failed: 2, targetRate: 3 / 5, averageSec: (120 + 300 + 60 + 180 + 30) / 5 });
  });
});

describe('Douyin sessions and hours', () => {
  it('judge only waits starting before 23:00 and count sessions no human answered', () => {
    const sessions = [
      [{ startedAt: day(22, 59, 59), endedAt: day(23, 2) }], // 121 s, counted (22:59:59 is in)
      [{ startedAt: day(23), endedAt: day(23, 10) }], // 23:00 is out: not a session
      [{ startedAt: day(12), endedAt: null }], // only the automatic welcome: unserved
    ];
    expect(douyinFigures(sessions)).toEqual({ sessions: 2, targetRate: 0.5, firstResponseSec: 121, averageSec: 121, unserved: 1 });
  });

  it('group a conversation by the session gap (10 min by default), or by local day with a gap of 0', () => {
    const waits = [
      { startedAt: nov(24, 10), endedAt: nov(24, 10, 1) },
      { startedAt: nov(24, 10, 30), endedAt: nov(24, 10, 31) },
      { startedAt: nov(25, 9), endedAt: nov(25, 9, 1) },
    ];
    expect(douyinSessions(waits).map((s) => s.length)).toEqual([1, 1, 1]);
    expect(douyinSessions(waits, { ...PROFILE_DEFAULTS.douyin, sessionGapSec: 0 }).map((s) => s.length)).toEqual([2, 1]);
    expect(douyinSessions(waits, { ...PROFILE_DEFAULTS.douyin, sessionGapSec: 3600 }).map((s) => s.length)).toEqual([2, 1]);
  });
});

describe('JD sessions judged by their start', () => {
  it('leave out a session that started before 9:00 even when its re-ask comes after', () => {
    const waits = [
      { startedAt: day(8, 55), endedAt: day(8, 55, 40) },
      { startedAt: day(9, 3), endedAt: day(9, 3, 5) }, // 7 min after the reply: same session, started 8:55
    ];
    expect(jdSessions(waits)).toEqual([]);
    expect(jdFirstAnswerRate(waits)).toBe(1);
    // With a 5-minute gap the re-ask opens its own session at 9:03.
    expect(jdSessions(waits, { ...PROFILE_DEFAULTS.jd, sessionGapSec: 300 }).map((s) => s[0]!.startedAt)).toEqual([day(9, 3)]);
  });
});

describe('business hours', () => {
  const week = { days: [1, 2, 3, 4, 5], from: 9 * 60, to: 18 * 60 };
  it('count only the schedule: nights and weekends drop out', () => {
    expect(businessSeconds(nov(27, 17), nov(30, 10), week)).toBe(2 * 3600); // Fri 17:00 → Mon 10:00
    expect(businessSeconds(nov(28, 10), nov(29, 20), week)).toBe(0); // weekend
    expect(businessSeconds(nov(25, 8), nov(25, 8, 30), week)).toBe(0); // before opening
    expect(businessSeconds(nov(25, 8, 30), nov(25, 9, 30), week)).toBe(1800);
    expect(businessSeconds(nov(24, 17, 30), nov(25, 9, 15), week)).toBe(45 * 60); // Tue evening → Wed morning
    expect(businessSeconds(nov(23, 9), nov(30, 9), week)).toBe(5 * 9 * 3600); // a whole week
    expect(businessSeconds(nov(24, 12), nov(24, 11), week)).toBe(0);
  });

  it('handle a night shift that runs past midnight (belongs to the day it starts)', () => {
    const nights = { days: [1, 2, 3, 4, 5], from: 22 * 60, to: 6 * 60 };
    expect(businessSeconds(nov(23, 23), nov(24, 1), nights)).toBe(2 * 3600); // Mon night
    expect(businessSeconds(nov(28, 1), nov(28, 2), nights)).toBe(3600); // Saturday 1:00 is Friday's shift
    expect(businessSeconds(nov(29, 23), nov(30, 1), nights)).toBe(0); // Sunday night is off
  });
});

describe('help desk first and next reply', () => {
  it('time the first wait of a conversation as first reply and every later one as next reply', () => {
    const waits = [
      cw('h1', nov(24, 9), nov(24, 9, 30)), // first: 1800
      cw('h1', nov(24, 11), nov(24, 11, 5)), // next: 300
      cw('h1', nov(24, 15), null), // next, unanswered
      cw('h2', nov(24, 10), nov(24, 12)), // first: 7200
      cw('h3', nov(24, 13), null), // first, unanswered
    ];
    const f = helpdeskFigures(waits);
    expect(f.conversations).toBe(3);
    expect(f.firstReply).toEqual({ count: 2, mean: 4500, median: 4500, p90: 1800 + 5400 * 0.9 });
    expect(f.nextReply).toEqual({ count: 1, mean: 300, median: 300, p90: 300 });
    expect([f.unansweredFirst, f.unansweredNext]).toEqual([1, 1]);
  });

  it('measure in business time on the business clock (the profile hours on weekdays)', () => {
    const s = { ...PROFILE_DEFAULTS.helpdesk, clock: 'business' as const, hours: { from: 9 * 60, to: 18 * 60 } };
    const waits = [cw('h', nov(27, 17), nov(30, 10)), cw('h', nov(28, 12), nov(28, 13))];
    const f = helpdeskFigures(waits, s);
    expect(f.firstReply.median).toBe(7200);
    expect(f.nextReply.median).toBe(0); // asked and answered on Saturday: no business time passed
  });
});

describe('percentiles', () => {
  it('interpolate between closest ranks', () => {
    expect(stats([3, 1, 2, 10, 4, 5, 6, 7, 8, 9])).toEqual({ count: 10, mean: 5.5, median: 5.5, p90: 9.1 });
    expect(stats([42])).toEqual({ count: 1, mean: 42, median: 42, p90: 42 });
    expect(stats([])).toEqual({ count: 0, mean: null, median: null, p90: null });
  });

  it('select without sorting: the same figures as sorting, on random, sorted and repeated values', () => {
    let seed = 9;
    const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let n = 1; n < 60; n++) {
      const sets = [
        Array.from({ length: n }, () => Math.floor(rnd() * 1000)),
        Array.from({ length: n }, (_, i) => i),
        Array.from({ length: n }, (_, i) => n - i),
        Array.from({ length: n }, () => Math.floor(rnd() * 3)),
      ];
      for (const xs of sets) {
        const sorted = [...xs].sort((a, b) => a - b);
        const s = stats(xs);
        expect(s.median).toBeCloseTo(quantileSorted(sorted, 0.5)!, 9);
        expect(s.p90).toBeCloseTo(quantileSorted(sorted, 0.9)!, 9);
        expect(quantile(Float64Array.from(xs), 0.25)).toBeCloseTo(quantileSorted(sorted, 0.25)!, 9);
      }
    }
  });
});
