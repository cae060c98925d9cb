/**
 * A fixed-window counter per key: at most `max` calls per `windowMs` (per service-worker life;
 * a restart starts a new window). Returns whether this call is within the limit.
 */
export function rateLimiter(max: number, windowMs: number, now: () => number = Date.now): (key: string) => boolean {
  const windows = new Map<string, { start: number; count: number }>();
  return (key) => {
    const t = now();
    const w = windows.get(key);
    if (!w || t - w.start >= windowMs) {
      if (windows.size > 1000) windows.clear();
      windows.set(key, { start: t, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= max;
  };
}
