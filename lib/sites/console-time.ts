// Times as chat consoles show them (docs/site-config.md, "Console times"). Pure: `now` and the
// local time zone of the runtime decide what "14:05" or "昨天 15:36" means, so tests pin both.
//
// Every result carries its precision: a console that shows `14:05` says the message came some
// time in that minute. `resolveSeen` combines such a time with the moment Deskmate saw the message.

export interface ConsoleTime {
  /** Epoch ms of the start of what the text says (the minute for `14:05`). */
  at: number;
  /** How long a span the text stands for: 1 (ms), 1000 (s), 60000 (min) or a day. */
  precisionMs: number;
}

const DAY_MS = 86_400_000;
/** A time of day later than now by more than this is yesterday's (a message at 23:59 read at 00:01). */
const FUTURE_SLACK_MS = 5 * 60_000;
const MAX_TEXT = 64;

const TIME = String.raw`(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?`;
const patterns = {
  timeOnly: new RegExp(`^${TIME}$`),
  relative: new RegExp(String.raw`^(今天|昨天|前天|today|yesterday)(?:\s*${TIME})?$`, 'i'),
  monthDay: new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})\s+${TIME}$`),
  monthDayZh: new RegExp(String.raw`^(\d{1,2})月(\d{1,2})日\s*(?:${TIME})?$`),
  full: new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[\sT]+${TIME})?$`),
  fullZh: new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:${TIME})?$`),
};

function local(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(y, mo - 1, d, h, mi, s, 0);
  // 02-30 rolls over to March: refuse rather than guess.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

function timePrecision(seconds: string | undefined, hasTime: boolean): number {
  if (!hasTime) return DAY_MS;
  return seconds === undefined ? 60_000 : 1000;
}

/** The calendar day `offset` days from `now`'s local day, at a local time of day. */
function onDay(now: number, offset: number, h: number, mi: number, s: number): number | null {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + offset);
  return local(d.getFullYear(), d.getMonth() + 1, d.getDate(), h, mi, s);
}

/**
 * Reads a console's time text, in local time: epoch seconds or ms, ISO 8601, `HH:mm`,
 * `HH:mm:ss`, `今天/昨天/前天 [HH:mm]`, `MM-DD HH:mm`, `M月D日 HH:mm`, `YYYY-MM-DD HH:mm[:ss]`,
 * `YYYY/MM/DD`, `YYYY年MM月DD日 HH:mm:ss`. A time of day with no date is today's, or yesterday's
 * when it is later than now; a date with no year is this year's, or last year's when it is more
 * than a day ahead. Anything else is null (never a guess).
 */
export function parseConsoleTime(raw: string | null | undefined, now: number): ConsoleTime | null {
  if (raw == null) return null;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!text || text.length > MAX_TEXT) return null;

  if (/^\d{9,13}(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) return null;
    return n < 1e12 ? { at: Math.round(n * 1000), precisionMs: 1000 } : { at: Math.round(n), precisionMs: 1 };
  }

  let m = patterns.timeOnly.exec(text);
  if (m) {
    const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    let at = onDay(now, 0, h, mi, s);
    if (at !== null && at > now + FUTURE_SLACK_MS) at = onDay(now, -1, h, mi, s);
    return at === null ? null : { at, precisionMs: timePrecision(m[3], true) };
  }

  m = patterns.relative.exec(text);
  if (m) {
    const word = m[1]!.toLowerCase();
    const offset = word === '昨天' || word === 'yesterday' ? -1 : word === '前天' ? -2 : 0;
    const hasTime = m[2] !== undefined;
    const at = onDay(now, offset, Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0));
    return at === null ? null : { at, precisionMs: timePrecision(m[4], hasTime) };
  }

  m = patterns.full.exec(text) ?? patterns.fullZh.exec(text);
  if (m) {
    const hasTime = m[4] !== undefined;
    const at = local(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    return at === null ? null : { at, precisionMs: timePrecision(m[6], hasTime) };
  }

  m = patterns.monthDay.exec(text) ?? patterns.monthDayZh.exec(text);
  if (m) {
    const hasTime = m[3] !== undefined;
    const year = new Date(now).getFullYear();
    const parts = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0), Number(m[5] ?? 0)] as const;
    let at = local(year, ...parts);
    if (at !== null && at > now + DAY_MS) at = local(year - 1, ...parts);
    return at === null ? null : { at, precisionMs: timePrecision(m[5], hasTime) };
  }

  // ISO 8601 with a zone or a "T" (what Date.parse reads the same in every engine).
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
    const at = Date.parse(text);
    if (Number.isFinite(at)) return { at, precisionMs: /:\d{2}:\d{2}/.test(text) ? (/\.\d/.test(text) ? 1 : 1000) : 60_000 };
  }
  return null;
}

/**
 * How soon after the span its time text stands for a message may still be read as having come at
 * that span's end: a live message shown as `14:05` at 14:05:59.9 is read by the next batch, in the
 * next minute (250 ms later, more on a busy page).
 */
export const SEEN_SLACK_MS = 5000;

/**
 * The moment a message came, from its console time and when Deskmate saw it: seen within the span
 * the text stands for (a live message shown as `14:05`, seen at 14:05:37), the moment seen, to the
 * second; seen just after it (within SEEN_SLACK_MS), the span's end; seen later (it came while the
 * agent was elsewhere), the middle of that span, so a wait read from a minute-precise list is off
 * by 30 s at most; never later than seen.
 */
export function resolveSeen(time: ConsoleTime | null, seenAt: number): number {
  if (!time) return seenAt;
  const end = time.at + time.precisionMs;
  if (seenAt >= time.at && seenAt < end) return seenAt;
  if (seenAt >= end && seenAt < end + SEEN_SLACK_MS && time.precisionMs > 1) return end - 1;
  if (seenAt >= end) return Math.min(seenAt, time.at + Math.floor(time.precisionMs / 2));
  return time.at; // seen "before" it was sent: the page's clock is ahead; its time stands
}
