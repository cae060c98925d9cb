import { describe, expect, it } from 'vitest';
import type { WaitRecord } from '@/lib/db/records';
import { PROFILE_DEFAULTS, type CountingSettings } from '@/lib/sites/counting';
import { isoLocalMs as isoLocal } from '@/lib/time';
import { eventsToCsv, summaryToCsv, dailyToCsv, toEvents, toJson, type MetricEvent } from '@/lib/metrics/export';
import { inCountedHours, localDate, LocalDays } from '@/lib/metrics/clock';
import {
  douyinFigures,
  douyinSessions,
  helpdeskFigures,
  jdSessions,
  pinduoduoFigures,
  replySec,
  taobaoFigures,
} from '../reference/profiles';
import { daily, heatmap, histogram, summarize, summarizeBySite, type Range } from '@/lib/metrics/summary';
import { csvCell, parseCsvRows } from '@/lib/csv';
import { waitsOf, type TimedMessage } from '@/lib/timers/waits';
import type { CountingProfileKind } from '@/lib/sites/schema';

// Hand-worked timelines. Dates are built with new Date(y, m, d, h, min): local time, so every
// expectation holds in any time zone. November 2026: the 23rd is a Monday, the 27th a Friday.
const nov = (d: number, h: number, m = 0, s = 0) => new Date(2026, 10, d, h, m, s).getTime();
const days = (from: number, to: number): Range => ({ from: nov(from, 0), to: nov(to, 0) });

function rounds(siteId: string, profile: CountingProfileKind, rows: [string, number, number | null][]): WaitRecord[] {
  return rows.map(([conv, startedAt, endedAt], i) => ({
    id: i + 1,
    conversationKey: `${siteId}:${conv}`,
    siteId,
    profile,
    startedAt,
    endedAt: endedAt ?? 0,
  }));
}

function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const byHour = (entries: Record<number, number>) => Array.from({ length: 24 }, (_, h) => entries[h] ?? 0);

describe('Taobao: rounds, cap, counted hours, unanswered at day end', () => {
  const tb = rounds('tb', 'taobao', [
    ['a', nov(24, 9), nov(24, 9, 1)], // 60 s, within 3 min
    ['a', nov(24, 10), nov(24, 10, 20)], // 1200 s: late, capped at 600
    ['b', nov(24, 22, 50), null], // unanswered at day end: 600
    ['c', nov(24, 7, 30), nov(24, 7, 31)], // before 8:00: not counted
    ['b', nov(24, 23, 30), nov(24, 23, 31)], // after 23:00: not counted
    ['d', nov(24, 22, 55), nov(25, 0, 10)], // answered after midnight: a human reply, but 600 for Taobao
  ]);
  const s = summarize(tb, days(24, 25), PROFILE_DEFAULTS.taobao, nov(25, 9));

  it('counts rounds in the counted hours and applies the cap rule to the average', () => {
    expect(s).toMatchObject({
      profile: 'taobao',
      consultations: 4,
      waits: 4,
      answered: 3,
      timely: 1,
      open: 1,
      outsideHours: 2,
      responseRate: 3 / 4,
      timelyRate: 1 / 4,
      averageResponseSec: (60 + 600 + 600 + 600) / 4,
    });
    expect(s.headline).toMatchObject({
      kind: 'taobao.threeMinuteRate',
      value: 1 / 4,
      unit: 'ratio',
      numerator: 1,
      denominator: 4,
      rule: 'taobao.threeMinuteRate;unit=round;target=180;cap=600;hours=08:00-23:00;unansweredAtDayEnd=cap;botOnly=excluded',
      params: { profile: 'taobao', targetSec: 180, capSec: 600, hours: { from: 480, to: 1380 }, clock: 'calendar' },
    });
  });

  it('agrees with taobaoFigures over the day', () => {
    const ref = taobaoFigures(tb, nov(25, 0));
    expect(s.headline!.value).toBe(ref.targetRate);
    expect(s.averageResponseSec).toBe(ref.averageSec);
  });

  it('takes first responses per conversation and day, the longest wait and the hours', () => {
    // First counted waits: a 60 s, d 4500 s (b's first is open, c has none counted).
    expect(s.firstResponse).toEqual({ count: 2, mean: 2280, median: 2280, p90: 60 + 4440 * 0.9 });
    expect(s.longestWaitSec).toBe(4500);
    expect(s.byHour).toEqual(byHour({ 7: 1, 9: 1, 10: 1, 22: 2, 23: 1 }));
    expect(s.repliesByHour).toEqual(byHour({ 7: 1, 9: 1, 10: 1, 23: 1 })); // d's reply falls after the range
  });

  it('counts an open wait up to now while the range is still running', () => {
    const noD = tb.filter((r) => r.conversationKey !== 'tb:d');
    const live = summarize(noD, days(24, 25), PROFILE_DEFAULTS.taobao, nov(24, 23));
    expect(live.longestWaitSec).toBe(1200); // b has waited 600 s so far; a's 1200 s round is longer
    const later = summarize(noD, days(24, 25), PROFILE_DEFAULTS.taobao, nov(24, 23, 59));
    expect(later.longestWaitSec).toBe(4140);
  });

  it('a bot reply never ends a wait: it shows as a longer wait', () => {
    const msgs: TimedMessage[] = [
      { sender: 'customer', at: nov(24, 10) },
      { sender: 'bot', at: nov(24, 10, 0, 5) }, // the shop's auto reply
      { sender: 'customer', at: nov(24, 10, 1) },
      { sender: 'agent', at: nov(24, 10, 4) }, // 240 s after the first question
      { sender: 'customer', at: nov(24, 11) },
      { sender: 'bot', at: nov(24, 11, 0, 2) }, // only the bot: still open
    ];
    const rs = rounds(
      'tb',
      'taobao',
      waitsOf(msgs).map((w) => ['x', w.startedAt, w.endedAt]),
    );
    const t = summarize(rs, days(24, 25), PROFILE_DEFAULTS.taobao, nov(25, 12));
    expect(t).toMatchObject({ waits: 2, answered: 1, timely: 0, responseRate: 0.5, averageResponseSec: (240 + 600) / 2 });
    expect(t.headline!.value).toBe(0);
  });
});

describe('Pinduoduo: buyers per day', () => {
  const pdd = rounds('pdd', 'pinduoduo', [
    ['p', nov(24, 9), nov(24, 9, 2)], // 120 s
    ['p', nov(24, 14), nov(24, 14, 5)], // 300 s: P fails the 24th
    ['q', nov(24, 10), nov(24, 10, 1)], // Q passes the 24th
    ['q', nov(25, 22, 59), null], // unanswered: Q fails the 25th
    ['r', nov(24, 23, 10), nov(24, 23, 20)], // after 23:00: R is no buyer on the 24th
    ['r', nov(25, 8), nov(25, 8, 3)], // exactly 180 s: within
    ['s', nov(25, 10), nov(25, 10, 0, 30)],
    ['p', nov(25, 7, 59), nov(25, 8, 30)], // starts before 8:00: P is no buyer on the 25th
  ]);
  const range = days(24, 26);
  const now = nov(26, 12);

  it('rate = (buyers − buyers with any wait not answered within 3 min) ÷ buyers', () => {
    const s = summarize(pdd, range, PROFILE_DEFAULTS.pinduoduo, now);
    expect(s.headline).toMatchObject({ kind: 'pinduoduo.threeMinuteRate', value: 3 / 5, numerator: 3, denominator: 5 });
    expect(s.headline!.rule).toBe('pinduoduo.threeMinuteRate;unit=buyerDay;target=180;hours=08:00-23:00;anyWaitLate=fail');
    expect(s.consultations).toBe(4);
    expect(pinduoduoFigures(pdd)).toMatchObject({ buyers: 5, failed: 2, targetRate: s.headline!.value });
  });

  it('daily lines split buyers by local day', () => {
    const d = daily(pdd, range, PROFILE_DEFAULTS.pinduoduo, now);
    expect(d.map((x) => x.date)).toEqual(['2026-11-24', '2026-11-25']);
    expect(d.map((x) => x.dayStart)).toEqual([nov(24, 0), nov(25, 0)]);
    expect(d.map((x) => x.headline)).toEqual([1 / 2, 2 / 3]);
    expect(d.map((x) => x.consultations)).toEqual([3, 4]);
    expect(d.map((x) => x.waits)).toEqual([3, 3]);
    expect(d.map((x) => x.timelyRate)).toEqual([2 / 3, 2 / 3]);
    expect(d.map((x) => x.medianFirstResponse)).toEqual([(120 + 60) / 2, (180 + 30) / 2]);
    expect(d.map((x) => x.averageResponseSec)).toEqual([(120 + 300 + 60) / 3, (180 + 30) / 2]);
  });
});

describe('Douyin: sessions, hours to 22:59:59, unserved sessions', () => {
  const dy = rounds('dy', 'douyin', [
    ['x', nov(24, 10), nov(24, 10, 0, 20)],
    ['x', nov(24, 10, 30), nov(24, 10, 32)], // same session (same day): both within 3 min
    ['y', nov(24, 11), nov(24, 11, 0, 10)],
    ['y', nov(24, 11, 5), nov(24, 11, 9)], // 240 s: Y's session scores 0
    ['z', nov(24, 22, 59, 59), nov(24, 23, 2)], // 121 s, counted
    ['w', nov(24, 23), nov(24, 23, 10)], // 23:00: outside
    ['v', nov(24, 12), null], // only the automatic welcome: unserved
  ]);
  const range = days(24, 25);

  const byDay = { ...PROFILE_DEFAULTS.douyin, sessionGapSec: 0 };

  it('a session scores 0 when any wait is late or unanswered (one session per conversation and day)', () => {
    const s = summarize(dy, range, byDay, nov(25, 9));
    expect(s.headline).toMatchObject({
      kind: 'douyin.sessionRate',
      value: 2 / 4,
      numerator: 2,
      denominator: 4,
      details: { unservedSessions: 1 },
    });
    expect(s).toMatchObject({ consultations: 5, waits: 6, outsideHours: 1, answered: 5 });
    const sessions = ['x', 'y', 'z', 'w', 'v'].flatMap((c) =>
      douyinSessions(
        dy.filter((r) => r.conversationKey === `dy:${c}`),
        byDay,
      ),
    );
    expect(douyinFigures(sessions, byDay)).toMatchObject({ sessions: 4, targetRate: 0.5, unserved: 1 });
  });

  it('by default (10-minute gap), a wait after a long pause opens a new session', () => {
    const s = summarize(dy, range, PROFILE_DEFAULTS.douyin, nov(25, 9));
    expect(s.headline).toMatchObject({ value: 3 / 5, denominator: 5 }); // X splits into two good sessions
    expect(s.headline!.rule).toContain(';gap=600;');
  });
});

describe('JD: sessions by gap, judged by their start and first answer', () => {
  const jd = rounds('jd', 'jd', [
    ['j1', nov(24, 8, 55), nov(24, 8, 55, 40)], // session starts before 9:00: not counted
    ['j1', nov(24, 9, 3), nov(24, 9, 3, 5)], // re-ask within 10 min: same session
    ['j2', nov(24, 10), nov(24, 10, 0, 20)], // first answer 20 s
    ['j2', nov(24, 10, 5), nov(24, 10, 6)], // same session, not its first wait
    ['j3', nov(24, 12), nov(24, 12, 1)], // 60 s: fails
    ['j3', nov(24, 12, 30), nov(24, 12, 30, 10)], // 29 min later: a new session, 10 s
    ['j4', nov(24, 22, 59), null], // unanswered
  ]);

  it('counts the share of sessions whose first wait was answered within 30 s', () => {
    const s = summarize(jd, days(24, 25), PROFILE_DEFAULTS.jd, nov(25, 9));
    expect(s.headline).toMatchObject({ kind: 'jd.firstAnswerRate', value: 2 / 4, numerator: 2, denominator: 4 });
    expect(s.headline!.rule).toBe('jd.firstAnswerRate;unit=session;gap=600;target=30;hours=09:00-23:00;judgedBy=sessionStart;firstWait');
    const sessions = ['j1', 'j2', 'j3', 'j4'].flatMap((c) => jdSessions(jd.filter((r) => r.conversationKey === `jd:${c}`)));
    expect(sessions.length).toBe(4);
  });

  it('uses rounds before the range to place a session start, but never counts them', () => {
    const s = summarize(jd, { from: nov(24, 9), to: nov(25, 0) }, PROFILE_DEFAULTS.jd, nov(25, 9));
    expect(s.headline).toMatchObject({ value: 2 / 4, denominator: 4 }); // j1's 9:03 re-ask belongs to the 8:55 session
    expect(s.consultations).toBe(4);
  });
});

describe('help desk: first and next reply, calendar or business time', () => {
  const hd = rounds('hd', 'helpdesk', [
    ['h4', nov(23, 16), nov(23, 16, 10)], // before the range: tells that h4's later wait is a next reply
    ['h1', nov(24, 9), nov(24, 9, 30)], // first: 1800
    ['h1', nov(24, 11), nov(24, 11, 5)], // next: 300
    ['h1', nov(24, 15), null], // next, unanswered
    ['h2', nov(24, 10), nov(24, 12)], // first: 7200
    ['h3', nov(24, 13), null], // first, unanswered
    ['h4', nov(24, 9), nov(24, 9, 10)], // next: 600
  ]);

  it('median first reply is the headline; next replies are in its details', () => {
    const s = summarize(hd, days(24, 25), PROFILE_DEFAULTS.helpdesk, nov(25, 9));
    expect(s.headline).toMatchObject({
      kind: 'helpdesk.firstReply',
      unit: 'sec',
      value: 4500,
      numerator: 2,
      denominator: 3,
      rule: 'helpdesk.firstReply;stat=median;target=3600;clock=calendar;hours=00:00-24:00',
      details: { firstReplyMean: 4500, unansweredFirst: 1, nextReplies: 2, nextReplyMedian: 450, unansweredNext: 1 },
    });
    const ref = helpdeskFigures(hd.filter((r) => r.conversationKey !== 'hd:h4'));
    expect(ref.firstReply.median).toBe(s.headline!.value);
    expect(s.consultations).toBe(4);
  });

  it('on the business clock a Friday-evening question answered Monday morning took 2 business hours', () => {
    const settings: CountingSettings = { ...PROFILE_DEFAULTS.helpdesk, clock: 'business', hours: { from: 9 * 60, to: 18 * 60 } };
    const weekend = rounds('hd', 'helpdesk', [
      ['f', nov(27, 17), nov(30, 10)],
      ['g', nov(28, 11), nov(28, 11, 30)], // Saturday, off the schedule: still counted, 0 business seconds
    ]);
    const s = summarize(weekend, days(27, 30), settings, nov(30, 12));
    expect(s.headline).toMatchObject({
      value: 3600,
      numerator: 2,
      params: { clock: 'business', days: [1, 2, 3, 4, 5], hours: { from: 540, to: 1080 } },
    });
    expect(s.headline!.rule).toBe('helpdesk.firstReply;stat=median;target=3600;clock=business;days=1,2,3,4,5;hours=09:00-18:00');
    expect(s).toMatchObject({ waits: 2, outsideHours: 0, timely: 1, averageResponseSec: 3600, longestWaitSec: 7200 });
    // A custom schedule (weekends too) changes the clock.
    const s7 = summarize(weekend, days(27, 30), settings, nov(30, 12), { schedule: { days: [0, 1, 2, 3, 4, 5, 6], from: 540, to: 1080 } });
    expect(s7.headline!.value).toBe((1800 + (3600 + 9 * 3600 * 2 + 3600)) / 2);
  });
});

describe('cross-day and day ends', () => {
  it('a wait is counted on the day it starts; its reply on the day it comes', () => {
    const rs = rounds('tb', 'taobao', [['a', nov(24, 22, 58), nov(25, 8, 1)]]);
    const s = summarize(rs, days(24, 26), PROFILE_DEFAULTS.taobao, nov(26, 12));
    expect(s).toMatchObject({ waits: 1, answered: 1, averageResponseSec: 600 });
    expect(s.byHour[22]).toBe(1);
    expect(s.repliesByHour[8]).toBe(1);
    const d = daily(rs, days(24, 26), PROFILE_DEFAULTS.taobao, nov(26, 12));
    expect(d.map((x) => x.waits)).toEqual([1, 0]);
    expect(d.map((x) => x.headline)).toEqual([0, null]);
  });

  it('an empty range has no rates (null, not 100%)', () => {
    const s = summarize([], days(24, 25), PROFILE_DEFAULTS.taobao, nov(25, 0));
    expect(s).toMatchObject({
      consultations: 0,
      waits: 0,
      responseRate: null,
      timelyRate: null,
      averageResponseSec: null,
      longestWaitSec: 0,
    });
    expect(s.headline!.value).toBeNull();
    expect(s.firstResponse).toEqual({ count: 0, mean: null, median: null, p90: null });
  });
});

describe('histogram and heatmap', () => {
  const rs = rounds('tb', 'taobao', [
    ['a', nov(24, 9), nov(24, 9, 0, 5)], // 5
    ['a', nov(24, 10), nov(24, 10, 0, 10)], // 10 (upper bounds are inclusive)
    ['b', nov(24, 11), nov(24, 11, 0, 11)], // 11
    ['b', nov(24, 12), nov(24, 12, 1, 1)], // 61
    ['c', nov(24, 13), nov(24, 14, 10)], // 4200
    ['c', nov(24, 15), null], // open: not in the histogram
    ['d', nov(29, 9, 30), nov(29, 9, 31)], // Sunday, 60
    ['d', nov(30, 9), nov(30, 9, 1)], // outside the range
  ]);
  const range = days(24, 30);

  it('buckets answered reply times by upper bound', () => {
    const h = histogram(rs, range);
    expect(h.map((b) => b.count)).toEqual([2, 1, 1, 1, 0, 0, 0, 0, 1]);
    expect(h[0]).toEqual({ fromSec: 0, toSec: 10, count: 2 });
    expect(h.at(-1)).toEqual({ fromSec: 1800, toSec: Infinity, count: 1 });
    expect(histogram(rs, range, [60, 10]).map((b) => [b.toSec, b.count])).toEqual([
      [10, 2],
      [60, 2],
      [Infinity, 2],
    ]);
  });

  it('counts waits by local weekday × hour', () => {
    const g = heatmap(rs, range);
    expect(g.length).toBe(7);
    expect(g.every((row) => row.length === 24)).toBe(true);
    expect(g[2]!.slice(9, 16)).toEqual([1, 1, 1, 1, 1, 0, 1]); // Tuesday 9:00–15:00
    expect(g[0]![9]).toBe(1); // Sunday
    expect(g.flat().reduce((a, b) => a + b, 0)).toBe(7);
  });
});

describe('several sites', () => {
  const a = rounds('tb-a', 'taobao', [
    ['x', nov(24, 9), nov(24, 9, 1)],
    ['y', nov(24, 10), nov(24, 10, 5)],
  ]);
  const b = rounds('tb-b', 'taobao', [['z', nov(24, 11), nov(24, 11, 2)]]);
  const p = rounds('pdd', 'pinduoduo', [['q', nov(24, 12), null]]);
  const range = days(24, 25);

  it('summarizes each site by its own rules and combines the counts', () => {
    const r = summarizeBySite(
      [...a, ...p, ...b],
      range,
      { 'tb-a': PROFILE_DEFAULTS.taobao, 'tb-b': PROFILE_DEFAULTS.taobao, pdd: PROFILE_DEFAULTS.pinduoduo },
      nov(25, 0),
    );
    expect(Object.keys(r.sites)).toEqual(['pdd', 'tb-a', 'tb-b']);
    expect(r.sites['tb-a']!.headline!.value).toBe(1 / 2);
    expect(r.sites.pdd!.headline!.value).toBe(0);
    expect(r.combined).toMatchObject({ profile: 'mixed', consultations: 4, waits: 4, answered: 3, timely: 2, headline: null });
    expect(r.combined.firstResponse.count).toBe(3);
  });

  it('combines the headline when every site counts by the same rule', () => {
    const r = summarizeBySite([...a, ...b], range, {}, nov(25, 0)); // missing settings: the stored profile's defaults
    expect(r.combined.profile).toBe('taobao');
    expect(r.combined.headline).toMatchObject({ value: 2 / 3, numerator: 2, denominator: 3 });
    const other = summarizeBySite([...a, ...b], range, { 'tb-b': { ...PROFILE_DEFAULTS.taobao, targetSec: 120 } }, nov(25, 0));
    expect(other.combined.headline).toBeNull();
  });
});

describe('local days (DST-safe without a Date per round)', () => {
  it('agree with Date for every moment across the year, whatever the time zone', () => {
    const from = new Date(2026, 0, 1).getTime();
    const to = new Date(2027, 0, 1).getTime();
    const t = new LocalDays(from, to, 1);
    const wrong: string[] = [];
    for (let at = from; at < to; at += 97 * 60_000 + 13_000) {
      const i = t.index(at);
      const d = new Date(at);
      if (t.starts[i] !== new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()) wrong.push(`${d.toString()}: day`);
      if (Math.floor(t.msOfDay(at, i) / 60_000) !== d.getHours() * 60 + d.getMinutes()) wrong.push(`${d.toString()}: time of day`);
      if (t.weekday(i) !== d.getDay()) wrong.push(`${d.toString()}: weekday`);
    }
    expect(wrong).toEqual([]);
  });

  it('daily figures match Date-based counting over the DST changes of the year', () => {
    const rnd = random(7);
    const rs: WaitRecord[] = [];
    for (const [m, d] of [
      [2, 6],
      [2, 27],
      [9, 23],
      [10, 0],
    ] as const)
      for (let i = 0; i < 400; i++) {
        const startedAt = new Date(2026, m, d).getTime() + Math.floor(rnd() * 4 * 86_400_000);
        rs.push({ conversationKey: `tb:c${i % 50}`, siteId: 'tb', profile: 'taobao', startedAt, endedAt: startedAt + 60_000 });
      }
    const range = { from: new Date(2026, 0, 1).getTime(), to: new Date(2027, 0, 1).getTime() };
    const d = daily(rs, range, PROFILE_DEFAULTS.taobao, range.to);
    expect(d.length).toBe(365);
    expect(new Set(d.map((x) => x.date)).size).toBe(365);
    const expected = new Map<string, number>();
    for (const r of rs)
      if (inCountedHours(r.startedAt, PROFILE_DEFAULTS.taobao.hours))
        expected.set(localDate(r.startedAt), (expected.get(localDate(r.startedAt)) ?? 0) + 1);
    expect(Object.fromEntries(d.filter((x) => x.waits).map((x) => [x.date, x.waits]))).toEqual(Object.fromEntries(expected));
    const hours = new Array<number>(24).fill(0);
    for (const r of rs) hours[new Date(r.startedAt).getHours()]!++;
    expect(summarize(rs, range, PROFILE_DEFAULTS.taobao, range.to).byHour).toEqual(hours);
  });

  it('daily lines follow local days', () => {
    const rs = rounds('tb', 'taobao', [['a', nov(30, 12), nov(30, 12, 1)]]);
    const d = daily(
      rs,
      { from: new Date(2026, 10, 28).getTime(), to: new Date(2026, 11, 2).getTime() },
      PROFILE_DEFAULTS.taobao,
      nov(30, 13),
    );
    expect(d.map((x) => x.date)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(d.map((x) => x.waits)).toEqual([0, 0, 1, 0]);
  });
});

// Random timelines: the one-pass summary gives the same headline as the rule functions.
function randomRounds(siteId: string, profile: CountingProfileKind, n: number, seed: number): WaitRecord[] {
  const rnd = random(seed);
  const out: WaitRecord[] = [];
  const base = nov(22, 0);
  for (let c = 0; c < n; c++) {
    let t = base + Math.floor(rnd() * 3 * 86_400_000);
    const waits = 1 + Math.floor(rnd() * 5);
    for (let w = 0; w < waits && t < nov(25, 0); w++) {
      const open = rnd() < 0.1;
      const reply = Math.floor(rnd() < 0.7 ? rnd() * 200_000 : rnd() * 3_600_000);
      const bot = rnd() < 0.15;
      out.push({
        conversationKey: `${siteId}:c${c}`,
        siteId,
        profile,
        startedAt: t,
        endedAt: open ? 0 : t + reply,
        ...(bot ? { bot: 1 as const } : {}),
      });
      if (open) break;
      t += reply + Math.floor(rnd() * 3_600_000);
    }
  }
  // Stored order is not conversation order.
  return out.sort(() => rnd() - 0.5);
}

const groupBy = (rs: readonly WaitRecord[]) => {
  const m = new Map<string, WaitRecord[]>();
  for (const r of rs) m.set(r.conversationKey, [...(m.get(r.conversationKey) ?? []), r]);
  return [...m.values()];
};

describe('the summary agrees with the rule functions on random timelines', () => {
  const range = { from: nov(22, 0), to: nov(26, 0) };
  const now = nov(26, 0);
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}`, () => {
      const tb = randomRounds('tb', 'taobao', 300, seed);
      const s = summarize(tb, range, PROFILE_DEFAULTS.taobao, now);
      let num = 0;
      let den = 0;
      let avg = 0;
      for (const d of [22, 23, 24, 25]) {
        const f = taobaoFigures(
          tb.filter((r) => r.startedAt >= nov(d, 0) && r.startedAt < nov(d + 1, 0)),
          nov(d + 1, 0),
        );
        num += f.targetRate * f.rounds;
        den += f.rounds;
        avg += f.averageSec * f.rounds;
      }
      expect(s.headline!.denominator).toBe(den);
      expect(s.headline!.numerator).toBeCloseTo(num, 6);
      expect(s.averageResponseSec).toBeCloseTo(avg / den, 6);
      expect(s.byHour.reduce((a, b) => a + b, 0)).toBe(s.waits + s.outsideHours);

      const pdd = randomRounds('pdd', 'pinduoduo', 300, seed);
      expect(summarize(pdd, range, PROFILE_DEFAULTS.pinduoduo, now).headline!.value).toBeCloseTo(pinduoduoFigures(pdd).targetRate, 9);

      const dy = randomRounds('dy', 'douyin', 300, seed);
      for (const settings of [
        PROFILE_DEFAULTS.douyin,
        { ...PROFILE_DEFAULTS.douyin, sessionGapSec: 0 },
        { ...PROFILE_DEFAULTS.douyin, sessionGapSec: 1800 },
      ]) {
        const ref = douyinFigures(
          groupBy(dy).flatMap((g) => douyinSessions(g, settings)),
          settings,
        );
        const h = summarize(dy, range, settings, now).headline!;
        expect([h.denominator, h.details.unservedSessions]).toEqual([ref.sessions, ref.unserved]);
        expect(h.value).toBeCloseTo(ref.targetRate, 9);
      }

      const jd = randomRounds('jd', 'jd', 300, seed);
      const sessions = groupBy(jd).flatMap((g) => jdSessions(g));
      const h = summarize(jd, range, PROFILE_DEFAULTS.jd, now).headline!;
      expect(h.denominator).toBe(sessions.length);
      expect(h.numerator).toBe(sessions.filter((x) => replySec(x[0]!) <= 30).length);

      const hd = randomRounds('hd', 'helpdesk', 300, seed);
      for (const settings of [
        PROFILE_DEFAULTS.helpdesk,
        { ...PROFILE_DEFAULTS.helpdesk, clock: 'business' as const, hours: { from: 540, to: 1080 } },
      ]) {
        const ref = helpdeskFigures(hd, settings);
        const hh = summarize(hd, range, settings, now).headline!;
        expect(hh.value).toBeCloseTo(ref.firstReply.median!, 6);
        expect(hh.details.nextReplyMedian).toBeCloseTo(ref.nextReply.median!, 6);
        expect([hh.denominator, hh.details.unansweredNext]).toEqual([ref.conversations, ref.unansweredNext]);
      }
    });
  }
});

describe('export', () => {
  const tb = rounds('tb', 'taobao', [
    ['buyer-nick-1', nov(24, 9), nov(24, 9, 1)],
    ['buyer-nick-1', nov(24, 10), nov(24, 10, 20)],
    ['buyer-nick-2', nov(24, 22, 50), null],
    ['buyer-nick-3', nov(24, 7, 30), nov(24, 7, 31)],
  ]);
  const range = days(24, 25);
  const summary = summarize(tb, range, PROFILE_DEFAULTS.taobao, nov(25, 9));

  it('events carry ids, times, site, profile and outcome; conversation ids are pseudonyms by default', () => {
    const events = toEvents(tb, range, PROFILE_DEFAULTS.taobao);
    expect(events.map((e) => [e.conversationKey, e.outcome, e.responseSec, e.counted])).toEqual([
      ['tb:c1', 'answered', 60, false],
      ['tb:c2', 'answered', 60, true],
      ['tb:c2', 'late', 1200, true],
      ['tb:c3', 'unanswered', null, true],
    ]);
    expect(events[3]!.endedAt).toBeNull();
    expect(toEvents(tb, range, { tb: PROFILE_DEFAULTS.taobao }, { keepConversationIds: true })[0]!.conversationKey).toBe('tb:buyer-nick-3');
  });

  it('JSON export: format, version, documented fields, no names or text', () => {
    const events = toEvents(tb, range, PROFILE_DEFAULTS.taobao);
    const json = toJson(events, summary, { range, exportedAt: nov(25, 9), settings: { tb: PROFILE_DEFAULTS.taobao } });
    expect(json).toMatchObject({
      format: 'deskmate/metrics',
      version: 1,
      exportedAt: isoLocal(nov(25, 9)),
      range: { from: range.from, to: range.to },
    });
    expect(Object.keys(json.events[0]!).sort()).toEqual([
      'conversationKey',
      'counted',
      'endedAt',
      'outcome',
      'profile',
      'responseSec',
      'siteId',
      'startedAt',
    ]);
    for (const field of Object.keys(json.events[0]!)) expect(json.fields.events).toHaveProperty(field);
    const text = JSON.stringify(json);
    expect(text).not.toContain('buyer-nick');
    expect(JSON.parse(text).summary.headline.value).toBe(1 / 3);
  });

  it('ISO local times carry the offset and name the same moment', () => {
    const iso = isoLocal(nov(24, 9, 5, 7));
    expect(iso).toMatch(/^2026-11-24T09:05:07\.000[+-]\d\d:\d\d$/);
    expect(new Date(iso).getTime()).toBe(nov(24, 9, 5, 7));
  });

  it('events CSV: header, RFC 4180 quoting, formula cells escaped', () => {
    const ev: MetricEvent[] = [
      {
        conversationKey: '=HYPERLINK("http://x")',
        siteId: '+s',
        profile: 'taobao',
        startedAt: nov(24, 9),
        endedAt: nov(24, 9, 1),
        responseSec: 60,
        outcome: 'answered',
        counted: true,
      },
      {
        conversationKey: 'a,b "c"\nd',
        siteId: '@s',
        profile: 'jd',
        startedAt: nov(24, 10),
        endedAt: null,
        responseSec: null,
        outcome: 'unanswered',
        counted: false,
      },
      {
        conversationKey: '-1+2',
        siteId: '\tx',
        profile: 'jd',
        startedAt: nov(24, 11),
        endedAt: null,
        responseSec: null,
        outcome: 'unanswered',
        counted: false,
      },
    ];
    const text = eventsToCsv(ev);
    expect(
      text.startsWith('\ufeffconversationKey,siteId,profile,startedAt,startedAtMs,endedAt,endedAtMs,responseSec,outcome,counted\r\n'),
    ).toBe(true);
    const parsed = parseCsvRows(text.slice(1));
    expect(parsed.ok).toBe(true);
    const rows = parsed.ok ? parsed.value : [];
    expect(rows.length).toBe(4);
    expect(rows[1]).toEqual([
      '\'=HYPERLINK("http://x")',
      "'+s",
      'taobao',
      isoLocal(nov(24, 9)),
      String(nov(24, 9)),
      isoLocal(nov(24, 9, 1)),
      String(nov(24, 9, 1)),
      '60',
      'answered',
      'true',
    ]);
    expect(rows[2]!.slice(0, 2)).toEqual(['a,b "c"\nd', "'@s"]);
    expect(rows[2]!.slice(5, 8)).toEqual(['', '', '']);
    expect(rows[3]!.slice(0, 2)).toEqual(["'-1+2", "'\tx"]);
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell(-5)).toBe('-5'); // numbers are ours, never escaped
  });

  it('summary CSV: metric rows, one column per site plus combined', () => {
    const text = summaryToCsv(summary);
    const rows = parseCsvRows(text.slice(1));
    const table = rows.ok ? rows.value : [];
    expect(table[0]).toEqual(['metric', 'value']);
    const get = (m: string) => table.find((r) => r[0] === m)?.[1];
    expect(get('waits')).toBe('3');
    expect(get('headline.value')).toBe(String(1 / 3));
    expect(get('headline.rule')).toBe(summary.headline!.rule);
    expect(get('byHour.09')).toBe('1');
    expect(get('rangeFromMs')).toBe(String(range.from));
    const bySite = summarizeBySite(tb, range, { tb: PROFILE_DEFAULTS.taobao }, nov(25, 9));
    const t2 = parseCsvRows(summaryToCsv(bySite).slice(1));
    expect(t2.ok && t2.value[0]).toEqual(['metric', 'combined', 'tb']);
    const d = parseCsvRows(dailyToCsv(daily(tb, range, PROFILE_DEFAULTS.taobao, nov(25, 9))).slice(1));
    expect(d.ok && d.value.map((r) => r[0])).toEqual(['date', '2026-11-24']);
  });
});
