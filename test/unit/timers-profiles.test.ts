import { describe, expect, it } from 'vitest';
import { douyinFigures, jdFirstAnswerRate, jdSessions, taobaoFigures } from '@/lib/metrics/profiles';
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
    expect(taobaoFigures(waits, day(23, 59, 59))).toEqual({ rounds: 3, targetRate: 1 / 3, averageSec: (60 + 600 + 600) / 3 });
  });
});

describe('Douyin sessions', () => {
  it('score a session 0 when any wait exceeds 3 minutes', () => {
    const good = [{ startedAt: day(10), endedAt: day(10, 0, 20) }];
    const bad = [
      { startedAt: day(11), endedAt: day(11, 0, 10) },
      { startedAt: day(11, 5), endedAt: day(11, 9) }, // 240 s
    ];
    expect(douyinFigures([good, bad])).toEqual({ sessions: 2, targetRate: 0.5, firstResponseSec: 15, averageSec: (20 + 10 + 240) / 3 });
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
