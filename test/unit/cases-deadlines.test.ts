import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addHours,
  deadlineFor,
  formatDuration,
  formatTimeLeft,
  progress,
  reminderLeadMinutes,
  reminderTimes,
  ruleById,
  shippedChecklists,
  timeLeft,
  type DeadlineRule,
} from '@/lib/cases';

// Time zones: vitest here runs in the machine's time zone (vitest.config.ts pins none, and CI
// machines are usually UTC). Every instant below is built from a fixed UTC time (Date.UTC), so the
// elapsed-time (`hours`) assertions hold in any zone. Only calendar-day rules depend on the zone;
// their tests switch this worker's zone with process.env.TZ (Node applies it at once) and put it
// back afterwards.

const H = 3_600_000;
const M = 60_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const rule = (r: Partial<DeadlineRule>): DeadlineRule => ({ id: 'r', title: 'R', kind: 'deadline', start: 'manual', ...r });

function inZone(tz: string): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.TZ;
    process.env.TZ = tz;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}

describe('deadlines in elapsed hours', () => {
  it('cross midnight, month end, leap day and year end as absolute time', () => {
    // 22:30 Beijing time (14:30 UTC) + 2 h courier reply → 00:30 the next day.
    expect(addHours(utc(2026, 6, 30, 14, 30), 2)).toBe(utc(2026, 6, 30, 16, 30));
    expect(addHours(utc(2026, 1, 31, 20), 48)).toBe(utc(2026, 2, 2, 20));
    expect(addHours(utc(2024, 2, 28, 12), 24)).toBe(utc(2024, 2, 29, 12));
    expect(addHours(utc(2026, 12, 31, 23), 2)).toBe(utc(2027, 1, 1, 1));
    expect(addHours(utc(2026, 3, 1), 0.5)).toBe(utc(2026, 3, 1, 0, 30));
    expect(addHours(new Date(utc(2026, 3, 1)), 120)).toBe(utc(2026, 3, 6));
  });

  it('use the platform’s own hours, else the rule’s', () => {
    const evidence = ruleById(shippedChecklists('zh-CN'), 'evidence-after-intervention')!;
    const start = utc(2026, 4, 30, 20); // 04:00 on 1 May in Beijing
    expect(deadlineFor(evidence, 'taobao', start)).toBe(start + 48 * H);
    expect(deadlineFor(evidence, 'pinduoduo', start)).toBe(start + 48 * H);
    expect(deadlineFor(evidence, 'douyin', start)).toBe(start + 24 * H);
    expect(deadlineFor(evidence, 'jd', start)).toBe(start + 48 * H);
    expect(deadlineFor(evidence, 'kuaishou', start)).toBe(start + 48 * H);
    expect(deadlineFor(evidence, undefined, start)).toBe(start + 48 * H);
    expect(deadlineFor(rule({ hours: 24, perPlatform: { toString: 1 } }), 'constructor', start)).toBe(start + 24 * H);
  });
});

describe('DST in America/New_York', () => {
  inZone('America/New_York');

  it('is in effect in this worker', () => {
    expect(new Date(utc(2026, 1, 15, 12)).getTimezoneOffset()).toBe(300); // EST
    expect(new Date(utc(2026, 7, 15, 12)).getTimezoneOffset()).toBe(240); // EDT
  });

  it('hours rules keep the elapsed time; the local clock time moves', () => {
    // Spring forward, Sunday 8 March 2026 02:00 EST → 03:00 EDT.
    const start = utc(2026, 3, 7, 12); // Saturday 07:00 EST
    const due = deadlineFor(rule({ hours: 48 }), 'taobao', start);
    expect(due).toBe(utc(2026, 3, 9, 12));
    expect(due - start).toBe(48 * H);
    expect(new Date(due).getHours()).toBe(8); // 08:00 EDT
    // Fall back, Sunday 1 November 2026 02:00 EDT → 01:00 EST.
    const autumn = utc(2026, 10, 31, 11); // Saturday 07:00 EDT
    const due2 = deadlineFor(rule({ hours: 24 }), 'taobao', autumn);
    expect(due2 - autumn).toBe(24 * H);
    expect(new Date(due2).getHours()).toBe(6); // 06:00 EST
  });

  it('days rules keep the local clock time; the elapsed time is 24 h ± 1 h per change', () => {
    const start = utc(2026, 3, 7, 12); // 07:00 EST
    const due = deadlineFor(rule({ days: 2, perPlatform: { douyin: 1 } }), 'taobao', start);
    expect(due).toBe(utc(2026, 3, 9, 11)); // 07:00 EDT
    expect(due - start).toBe(47 * H);
    expect(deadlineFor(rule({ days: 2, perPlatform: { douyin: 1 } }), 'douyin', start)).toBe(utc(2026, 3, 8, 11));
    const autumn = utc(2026, 10, 31, 11); // 07:00 EDT
    expect(addCalendarDays(autumn, 1) - autumn).toBe(25 * H);
    expect(new Date(addCalendarDays(autumn, 1)).getHours()).toBe(7);
  });

  it('a local time inside the spring-forward gap moves forward by the gap', () => {
    const start = utc(2026, 3, 7, 7, 30); // Saturday 02:30 EST; Sunday has no 02:30
    const due = addCalendarDays(start, 1);
    expect(due).toBe(utc(2026, 3, 8, 7, 30)); // 03:30 EDT
    expect(new Date(due).getHours()).toBe(3);
  });

  it('days rules cross month and year ends on the calendar', () => {
    const jan31 = utc(2026, 1, 31, 15); // 10:00 EST
    expect(addCalendarDays(jan31, 1)).toBe(utc(2026, 2, 1, 15));
    expect(addCalendarDays(utc(2024, 2, 28, 15), 1)).toBe(utc(2024, 2, 29, 15));
    expect(addCalendarDays(utc(2026, 12, 31, 15), 1)).toBe(utc(2027, 1, 1, 15));
  });
});

describe('days rules in Asia/Shanghai (no DST): always N × 24 h', () => {
  inZone('Asia/Shanghai');
  it('agree with hours rules', () => {
    const start = utc(2026, 3, 7, 12);
    expect(deadlineFor(rule({ days: 5 }), undefined, start)).toBe(deadlineFor(rule({ hours: 120 }), undefined, start));
  });
});

describe('time left', () => {
  const due = utc(2026, 5, 1, 12);
  it.each([
    [13 * H, 'ok', false],
    [12 * H, 'ok', false],
    [12 * H - 1, 'soon', false],
    [2 * H, 'soon', false],
    [2 * H - 1, 'urgent', false],
    [1, 'urgent', false],
    [0, 'overdue', true],
    [-5 * M, 'overdue', true],
  ] as const)('%d ms before the deadline → %s', (left, level, overdue) => {
    expect(timeLeft(due, due - left)).toEqual({ ms: left, overdue, level });
  });

  it('takes other thresholds', () => {
    expect(timeLeft(due, due - 3 * H, { soonMs: 24 * H, urgentMs: 4 * H }).level).toBe('urgent');
  });
});

describe('reminders', () => {
  const due = utc(2026, 5, 3, 12);
  it('are the future instants at 12 h, 2 h and 30 min before, ascending', () => {
    expect(reminderTimes(due, undefined, due - 48 * H)).toEqual([due - 12 * H, due - 2 * H, due - 30 * M]);
    expect(reminderTimes(due, undefined, due - 3 * H)).toEqual([due - 2 * H, due - 30 * M]);
    expect(reminderTimes(due, undefined, due - 2 * H)).toEqual([due - 30 * M]); // the 2 h mark is now: already past
    expect(reminderTimes(due, undefined, due)).toEqual([]);
    expect(reminderTimes(due, undefined, due + H)).toEqual([]);
  });

  it('drop duplicate, zero and negative leads, in any order', () => {
    expect(reminderTimes(due, [30, 720, 30, 0, -5], due - 24 * H)).toEqual([due - 12 * H, due - 30 * M]);
  });

  it('come from the rule’s reminderHoursBefore, else the defaults', () => {
    const c = shippedChecklists('en');
    expect(reminderLeadMinutes(ruleById(c, 'evidence-after-intervention')!)).toEqual([720, 120]);
    expect(reminderLeadMinutes(ruleById(c, 'courier-reply')!)).toEqual([30]);
    expect(reminderLeadMinutes(ruleById(c, 'refund-complete-target')!)).toEqual([720, 120, 30]);
    // A 2 h rule with the default leads reminds only at 30 min.
    const start = utc(2026, 5, 1, 9);
    expect(reminderTimes(addHours(start, 2), undefined, start)).toEqual([start + 90 * M]);
  });
});

describe('durations', () => {
  it.each([
    [27 * H, '1天3小时', '1 d 3 h'],
    [48 * H, '2天', '2 d'],
    [2 * 24 * H + 59 * M, '2天', '2 d'], // two units at most: minutes go at day scale
    [3 * H + 5 * M, '3小时5分钟', '3 h 5 min'],
    [H, '1小时', '1 h'],
    [12 * M, '12分钟', '12 min'],
    [12 * M + 59_999, '12分钟', '12 min'], // rounded down: time left is never overstated
    [59_999, '不到1分钟', '< 1 min'],
    [0, '不到1分钟', '< 1 min'],
    [-(20 * M), '20分钟', '20 min'],
  ])('%d ms', (ms, zh, en) => {
    expect(formatDuration(ms, 'zh-CN')).toBe(zh);
    expect(formatDuration(ms, 'en')).toBe(en);
  });

  it('say left or overdue', () => {
    const due = utc(2026, 5, 1, 12);
    expect(formatTimeLeft(timeLeft(due, due - 3 * H - 5 * M), 'zh-CN')).toBe('剩余3小时5分钟');
    expect(formatTimeLeft(timeLeft(due, due - 3 * H - 5 * M), 'en')).toBe('3 h 5 min left');
    expect(formatTimeLeft(timeLeft(due, due + 20 * M), 'zh-CN')).toBe('已超时20分钟');
    expect(formatTimeLeft(timeLeft(due, due + 20 * M), 'en')).toBe('Overdue by 20 min');
  });
});

describe('checklist progress', () => {
  const items = [
    { id: 'invoice', required: true },
    { id: 'message', required: true },
    { id: 'report', required: false },
    { id: 'overseas', required: false },
  ];

  it('counts required and all items from a Set or a record', () => {
    expect(progress(items, new Set<string>())).toEqual({ requiredDone: 0, requiredTotal: 2, done: 0, total: 4, complete: false });
    expect(progress(items, new Set(['invoice', 'report', 'gone']))).toEqual({
      requiredDone: 1,
      requiredTotal: 2,
      done: 2,
      total: 4,
      complete: false,
    });
    expect(progress(items, { invoice: true, message: 'done', report: false })).toEqual({
      requiredDone: 2,
      requiredTotal: 2,
      done: 2,
      total: 4,
      complete: true,
    });
  });

  it('leaves skipped optional items out; a required item cannot be skipped', () => {
    expect(progress(items, { invoice: 'done', message: 'skipped', overseas: 'skipped' })).toEqual({
      requiredDone: 1,
      requiredTotal: 2,
      done: 1,
      total: 3,
      complete: false,
    });
  });

  it('without required items, is complete when everything counted is done', () => {
    const optional = items.filter((i) => !i.required);
    expect(progress(optional, { report: 'done' }).complete).toBe(false);
    expect(progress(optional, { report: 'done', overseas: 'skipped' })).toEqual({
      requiredDone: 0,
      requiredTotal: 0,
      done: 1,
      total: 1,
      complete: true,
    });
    expect(progress([], {}).complete).toBe(true);
  });

  it('works on a shipped case type', () => {
    const quality = shippedChecklists('zh-CN').caseTypes.find((t) => t.id === 'quality')!;
    expect(progress(quality.items, { 'purchase-invoice': 'done', explanation: 'done' })).toMatchObject({
      requiredDone: 2,
      requiredTotal: 2,
      complete: true,
    });
  });
});
