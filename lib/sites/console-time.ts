// TEMPORARY STUB (branch h16): the lead engineer's lib/sites/console-time.ts replaces this file when
// main is merged. Same signature: parses a time as a console shows it, in local time, relative to
// `now` for the forms without a date. Returns epoch ms, or null when the text is not a time.

const pad = (s: string | undefined) => Number(s ?? 0);

function local(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = new Date(y, mo - 1, d, h, mi, s);
  return t.getMonth() === mo - 1 && t.getDate() === d ? t.getTime() : null;
}

function dayShift(now: number, days: number, h: number, mi: number, s: number): number | null {
  const d = new Date(now);
  d.setDate(d.getDate() - days);
  return local(d.getFullYear(), d.getMonth() + 1, d.getDate(), h, mi, s);
}

export function parseConsoleTime(raw: string, now: number): number | null {
  const text = raw.trim();
  if (!text) return null;
  if (/^\d{9,13}$/.test(text)) {
    const n = Number(text);
    return n < 1e12 ? n * 1000 : n;
  }
  let m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) return local(pad(m[1]), pad(m[2]), pad(m[3]), pad(m[4]), pad(m[5]), pad(m[6]));
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? null : t;
  }
  m = /^(今天|昨天|前天)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (m) return dayShift(now, m[1] === '昨天' ? 1 : m[1] === '前天' ? 2 : 0, pad(m[2]), pad(m[3]), pad(m[4]));
  m = /^(\d{1,2})(?:-|月)(\d{1,2})日?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (m) {
    const year = new Date(now).getFullYear();
    const t = local(year, pad(m[1]), pad(m[2]), pad(m[3]), pad(m[4]), pad(m[5]));
    // A date later than now (beyond a day) is last year's (a console shows no year for this year's dates).
    if (t !== null && t > now + 86_400_000) return local(year - 1, pad(m[1]), pad(m[2]), pad(m[3]), pad(m[4]), pad(m[5]));
    return t;
  }
  return null;
}
