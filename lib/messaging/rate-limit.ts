import { storage } from 'wxt/utils/storage';

interface Window {
  start: number;
  count: number;
}

/**
 * A fixed-window counter per key: at most `max` calls per `windowMs`. The windows are kept in
 * the browser's session storage (`session:rate:<name>`, cleared when the browser closes), so a
 * service-worker restart — MV3 stops an idle worker after ~30 s, and a page can wait for that —
 * does not start a new window (docs/security.md S16). Calls are serialised, so a burst of
 * concurrent messages cannot all read the same count. Where session storage fails, the counter
 * falls back to this worker's memory. Resolves to whether this call is within the limit.
 */
export function rateLimiter(name: string, max: number, windowMs: number, now: () => number = Date.now): (key: string) => Promise<boolean> {
  const item = storage.defineItem<Record<string, Window>>(`session:rate:${name}`, { fallback: {} });
  const memory: Record<string, Window> = {};
  let chain: Promise<unknown> = Promise.resolve();
  const count = (windows: Record<string, Window>, key: string): boolean => {
    const t = now();
    for (const [k, w] of Object.entries(windows)) if (t - w.start >= windowMs || t < w.start) delete windows[k];
    const w = windows[key];
    if (!w) {
      if (Object.keys(windows).length >= 1000) return false; // a flood of keys is a flood
      windows[key] = { start: t, count: 1 };
      return true;
    }
    w.count++;
    return w.count <= max;
  };
  return (key) => {
    const next = chain.then(async () => {
      try {
        const windows = { ...(await item.getValue()) };
        const ok = count(windows, key);
        await item.setValue(windows);
        return ok;
      } catch {
        return count(memory, key);
      }
    });
    chain = next.catch(() => undefined);
    return next;
  };
}
