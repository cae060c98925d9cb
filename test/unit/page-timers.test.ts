import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { pageTimers } from '@/lib/messaging/lifecycle';

// A content script's timers on a console that streams all day: every batch and every keystroke
// schedules one. WXT's ctx.setTimeout leaves an `abort` listener on the context per call, and each
// new listener costs a scan of the ones before it (docs/performance.md, "Timers of a long day").

/** Listeners the context's signal holds now (adds minus removes), as the browser would count them. */
function listenerCount(ctx: ContentScriptContext) {
  let live = 0;
  const add = ctx.signal.addEventListener.bind(ctx.signal);
  const remove = ctx.signal.removeEventListener.bind(ctx.signal);
  vi.spyOn(ctx.signal, 'addEventListener').mockImplementation((...args: Parameters<AbortSignal['addEventListener']>) => {
    live++;
    add(...args);
  });
  vi.spyOn(ctx.signal, 'removeEventListener').mockImplementation((...args: Parameters<AbortSignal['removeEventListener']>) => {
    live--;
    remove(...args);
  });
  return () => live;
}

let ctx: ContentScriptContext | undefined;
afterEach(() => {
  ctx?.abort();
  ctx = undefined;
  vi.useRealTimers();
});

describe('content-script timers', () => {
  it("WXT's ctx.setTimeout keeps one listener per timer that has long fired (the fault)", () => {
    vi.useFakeTimers();
    ctx = new ContentScriptContext('overlay');
    const live = listenerCount(ctx);
    // eslint-disable-next-line no-restricted-syntax -- the fault this module exists for
    for (let i = 0; i < 1000; i++) ctx.setTimeout(() => undefined, 10);
    vi.advanceTimersByTime(100);
    expect(live()).toBe(1000);
  });

  it('pageTimers: a day of batches and keystrokes leaves one listener on the context', () => {
    vi.useFakeTimers();
    ctx = new ContentScriptContext('overlay');
    const live = listenerCount(ctx);
    const timers = pageTimers(ctx);
    expect(pageTimers(ctx)).toBe(timers); // one set per context
    let fired = 0;
    for (let i = 0; i < 1000; i++) timers.setTimeout(() => fired++, 10);
    // Debounced keystrokes: each clears the one before.
    let debounce: number | undefined;
    for (let i = 0; i < 1000; i++) {
      timers.clearTimeout(debounce);
      debounce = timers.setTimeout(() => fired++, 250);
    }
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(1001);
    expect(live()).toBeLessThanOrEqual(1);
  });

  it('pageTimers: nothing fires once the context is invalidated (the extension was updated)', () => {
    vi.useFakeTimers();
    ctx = new ContentScriptContext('overlay');
    const timers = pageTimers(ctx);
    let fired = 0;
    timers.setTimeout(() => fired++, 10);
    timers.setInterval(() => fired++, 10);
    vi.advanceTimersByTime(25);
    expect(fired).toBe(3);
    ctx.abort();
    timers.setTimeout(() => fired++, 10); // scheduled by a straggler after invalidation
    vi.advanceTimersByTime(100);
    expect(fired).toBe(3);
  });
});
