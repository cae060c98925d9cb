import { describe, expect, it } from 'vitest';
import { parseConsoleTime, resolveSeen } from '@/lib/sites/console-time';

// Local times built with the runtime's own zone: the suite runs under Asia/Shanghai and
// America/Los_Angeles and the expectations follow.
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();
const NOW = at(2026, 12, 6, 14, 20, 30); // a Sunday afternoon

describe('parseConsoleTime', () => {
  it.each([
    ['14:05', at(2026, 12, 6, 14, 5), 60_000],
    ['9:05', at(2026, 12, 6, 9, 5), 60_000],
    ['14:05:09', at(2026, 12, 6, 14, 5, 9), 1000],
    ['14：05', at(2026, 12, 6, 14, 5), 60_000],
    ['昨天 15:36', at(2026, 12, 5, 15, 36), 60_000],
    ['昨天15:36', at(2026, 12, 5, 15, 36), 60_000],
    ['Yesterday 15:36', at(2026, 12, 5, 15, 36), 60_000],
    ['前天 08:00', at(2026, 12, 4, 8, 0), 60_000],
    ['昨天', at(2026, 12, 5), 86_400_000],
    ['前天', at(2026, 12, 4), 86_400_000],
    [' 12:40 ', at(2026, 12, 6, 12, 40), 60_000],
    ['13:09', at(2026, 12, 6, 13, 9), 60_000],
    ['今天 13:00:01', at(2026, 12, 6, 13, 0, 1), 1000],
    ['12-05 09:30', at(2026, 12, 5, 9, 30), 60_000],
    ['9月8日 17:12', at(2026, 9, 8, 17, 12), 60_000],
    ['2026-09-08 17:12', at(2026, 9, 8, 17, 12), 60_000],
    ['2026-09-08 17:12:14', at(2026, 9, 8, 17, 12, 14), 1000],
    ['2026/09/08', at(2026, 9, 8), 86_400_000],
    ['2026年09月08日 17:12:14', at(2026, 9, 8, 17, 12, 14), 1000],
    ['2026年9月8日', at(2026, 9, 8), 86_400_000],
  ])('%s', (text, expected, precision) => {
    expect(parseConsoleTime(text, NOW)).toEqual({ at: expected, precisionMs: precision });
  });

  it('reads epoch seconds and milliseconds', () => {
    expect(parseConsoleTime('1764999000', NOW)).toEqual({ at: 1764999000000, precisionMs: 1000 });
    expect(parseConsoleTime('1764999000123', NOW)).toEqual({ at: 1764999000123, precisionMs: 1 });
  });

  it('reads ISO 8601 with a zone the same everywhere', () => {
    expect(parseConsoleTime('2026-12-06T06:05:09Z', NOW)).toEqual({ at: Date.UTC(2026, 11, 6, 6, 5, 9), precisionMs: 1000 });
    expect(parseConsoleTime('2026-12-06T14:05:09.250+08:00', NOW)?.at).toBe(Date.UTC(2026, 11, 6, 6, 5, 9, 250));
  });

  it('takes a time of day later than now for yesterday (23:59 read just after midnight)', () => {
    const justAfterMidnight = at(2026, 12, 6, 0, 1);
    expect(parseConsoleTime('23:59', justAfterMidnight)?.at).toBe(at(2026, 12, 5, 23, 59));
    // A page clock a little ahead is still today.
    expect(parseConsoleTime('14:23', NOW)?.at).toBe(at(2026, 12, 6, 14, 23));
  });

  it('takes a month-day more than a day ahead for last year (12-31 read on 1 January)', () => {
    expect(parseConsoleTime('12-31 22:00', at(2027, 1, 1, 9))?.at).toBe(at(2026, 12, 31, 22));
  });

  it('reads the same texts alike at every hour of the day, across a daylight-saving change', () => {
    // 8 March 2026: Los Angeles moves its clocks forward at 02:00; Shanghai has no DST.
    for (const day of [8, 9]) {
      for (let h = 0; h < 24; h++) {
        const now = at(2026, 3, day, h, 30);
        const today = new Date(now);
        const yesterday = new Date(now);
        yesterday.setDate(yesterday.getDate() - 1);
        expect(parseConsoleTime('昨天 15:36', now)?.at, `${day} ${h}h`).toBe(at(2026, 3, yesterday.getDate(), 15, 36));
        expect(parseConsoleTime('2026年09月08日 17:12:14', now)?.at).toBe(at(2026, 9, 8, 17, 12, 14));
        expect(parseConsoleTime('03-07 09:05', now)?.at).toBe(at(2026, 3, 7, 9, 5));
        // At h:30, "12:40" is today's once the clock is past it (5 min slack), else yesterday's.
        const want = h >= 13 ? at(2026, 3, today.getDate(), 12, 40) : at(2026, 3, yesterday.getDate(), 12, 40);
        expect(parseConsoleTime('12:40', now)?.at, `${day} ${h}h`).toBe(want);
      }
    }
  });

  it('never guesses', () => {
    for (const text of [
      '',
      '  ',
      'abc',
      '25:00',
      '14:60',
      '2026-02-30 10:00',
      '13-01 10:00',
      '刚刚',
      '3分钟前',
      '昨天 25:00',
      '前天晚上',
      '14:05 pm extra',
      'x'.repeat(200),
      '-5',
    ]) {
      expect(parseConsoleTime(text, NOW), text).toBeNull();
    }
    expect(parseConsoleTime(null, NOW)).toBeNull();
  });
});

describe('resolveSeen', () => {
  const minute = parseConsoleTime('14:05', NOW)!;
  it('a live message seen within its minute keeps the second it was seen', () => {
    expect(resolveSeen(minute, at(2026, 12, 6, 14, 5, 37))).toBe(at(2026, 12, 6, 14, 5, 37));
  });
  it('a message found later (it came while the agent was elsewhere) is put mid-minute, never later than seen', () => {
    expect(resolveSeen(minute, at(2026, 12, 6, 14, 20))).toBe(at(2026, 12, 6, 14, 5, 30));
  });
  it("a live message shown in the last moment of its minute and read in the next (the batch came after the minute) is put at the minute's end, not its middle", () => {
    expect(resolveSeen(minute, at(2026, 12, 6, 14, 6, 0) + 300)).toBe(at(2026, 12, 6, 14, 6) - 1);
    // Beyond the slack it is a message found later: mid-minute.
    expect(resolveSeen(minute, at(2026, 12, 6, 14, 6, 6))).toBe(at(2026, 12, 6, 14, 5, 30));
  });
  it('a page clock ahead of ours: its own time stands', () => {
    expect(resolveSeen(minute, at(2026, 12, 6, 14, 4, 50))).toBe(at(2026, 12, 6, 14, 5));
  });
  it('no console time: the moment seen', () => {
    expect(resolveSeen(null, 123)).toBe(123);
  });
});
