// Formatting instants as local time, for people and for data files (the evidence package, the
// metrics export, the weekly report). `timeZone` defaults to the machine's.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a time zone (default: the machine's) and its UTC offset in minutes. */
export function zoned(ms: number, timeZone?: string) {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(key, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = p;
  const offset = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(ms / 1000) * 1000) / 60000);
  return { year, month, day, hour, minute, second, offset };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function offsetText(minutes: number, sep = ':'): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}${sep}${pad(a % 60)}`;
}

/** "2025-03-01 10:00 (UTC+08:00)": local time with its offset, for people. */
export function formatLocalTime(ms: number, timeZone?: string): string {
  const z = zoned(ms, timeZone);
  return `${pad(z.year, 4)}-${pad(z.month)}-${pad(z.day)} ${pad(z.hour)}:${pad(z.minute)} (UTC${offsetText(z.offset)})`;
}

/** "2025-03-01T10:00:00+08:00": ISO 8601 local time with its offset, for data. */
export function isoLocal(ms: number, timeZone?: string): string {
  const z = zoned(ms, timeZone);
  return `${pad(z.year, 4)}-${pad(z.month)}-${pad(z.day)}T${pad(z.hour)}:${pad(z.minute)}:${pad(z.second)}${offsetText(z.offset)}`;
}

/** "2026-11-24T10:00:00.250+08:00": isoLocal with milliseconds (the metrics export's event times). */
export function isoLocalMs(ms: number, timeZone?: string): string {
  const z = zoned(ms, timeZone);
  const millis = ((ms % 1000) + 1000) % 1000;
  return `${pad(z.year, 4)}-${pad(z.month)}-${pad(z.day)}T${pad(z.hour)}:${pad(z.minute)}:${pad(z.second)}.${pad(millis, 3)}${offsetText(z.offset)}`;
}
