import { describe, expect, it } from 'vitest';
import { rateLimiter } from '@/lib/messaging/rate-limit';

// docs/security.md S16: the limits on what pages may make Deskmate do (open tabs, open cases,
// raise notifications) were counted in the service worker's memory, so a page that waited for
// the worker to stop (~30 s idle in MV3) started a fresh window. They now live in session storage.

describe('rate limits', () => {
  it('survive a service-worker restart (a new limiter of the same name, memory gone)', async () => {
    let t = 1_000_000;
    const first = rateLimiter('test-restart', 3, 60_000, () => t);
    const results = [await first('tab-1'), await first('tab-1'), await first('tab-1'), await first('tab-1')];
    expect(results).toEqual([true, true, true, false]);
    const afterRestart = rateLimiter('test-restart', 3, 60_000, () => t);
    expect(await afterRestart('tab-1')).toBe(false);
    expect(await afterRestart('tab-2')).toBe(true); // another key has its own window
    t += 60_000;
    expect(await afterRestart('tab-1')).toBe(true); // the window ended
  });

  it('a concurrent burst gets exactly the limit, not one per racing read', async () => {
    const limit = rateLimiter('test-burst', 5, 60_000, () => 2_000_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => limit('tab-9')));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it('a flood of keys cannot grow the stored windows without bound', async () => {
    const limit = rateLimiter('test-keys', 1, 60_000, () => 3_000_000);
    const results = [];
    for (let i = 0; i < 1005; i++) results.push(await limit(`k${i}`));
    expect(results.filter(Boolean)).toHaveLength(1000);
  });
});
