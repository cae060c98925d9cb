import { describe, expect, it } from 'vitest';
import { createOutbox, OUTBOX_PREFIX, ORPHAN_MS, type OutboxItem } from '@/lib/timers/outbox';

// Nothing a console page observed is dropped: kept until the background confirms, in order,
// retried while the worker is away, and delivered by the next page when this one goes.

function memoryStorage() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async () => ({ ...data }),
    set: async (key: string, value: unknown) => {
      data[key] = structuredClone(value);
    },
    remove: async (keys: string[]) => {
      for (const k of keys) delete data[k];
    },
  };
}

const item = (n: number): OutboxItem => ({ type: 'timers.observe', input: { n } });
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(cond()).toBe(true);
};

describe('timers outbox', () => {
  it('keeps a batch through a long worker outage (far past the old five retries) and delivers in order', async () => {
    const storage = memoryStorage();
    const delivered: number[] = [];
    let down = 12; // the worker refuses the first twelve attempts
    const outbox = createOutbox({
      instanceId: 'a',
      storage,
      deliver: async (i) => {
        if (down-- > 0) throw new Error('Could not establish connection');
        delivered.push((i.input as { n: number }).n);
      },
      setTimeout: (fn) => setTimeout(fn, 0), // backoff without waiting
    });
    outbox.push(item(1));
    outbox.push(item(2));
    // Until confirmed, the batches are in the extension's storage.
    expect(Object.keys(storage.data)).toEqual([`${OUTBOX_PREFIX}a`]);
    await until(() => delivered.length === 2);
    expect(delivered).toEqual([1, 2]);
    await until(() => Object.keys(storage.data).length === 0);
  });

  it('hands what a closed or reloaded page could not deliver to the next page of the console, first', async () => {
    const storage = memoryStorage();
    const first = createOutbox({ instanceId: 'old', storage, deliver: () => Promise.reject(new Error('worker stopped')), setTimeout: () => undefined });
    first.push(item(1));
    await until(() => !!storage.data[`${OUTBOX_PREFIX}old`]);
    first.stop(); // pagehide
    await until(() => (storage.data[`${OUTBOX_PREFIX}old`] as { updatedAt: number }).updatedAt === 0);
    const delivered: number[] = [];
    const next = createOutbox({ instanceId: 'new', storage, deliver: async (i) => void delivered.push((i.input as { n: number }).n), setTimeout: (fn) => setTimeout(fn, 0) });
    next.push(item(2));
    await until(() => delivered.length === 2);
    expect(delivered).toEqual([1, 2]);
    await until(() => Object.keys(storage.data).length === 0);
  });

  it('leaves alone the outbox of a page that is still alive', async () => {
    const storage = memoryStorage();
    const now = 1_000_000;
    await storage.set(`${OUTBOX_PREFIX}busy`, { updatedAt: now - ORPHAN_MS / 2, items: [item(9)] });
    const delivered: number[] = [];
    const outbox = createOutbox({ instanceId: 'me', storage, now: () => now, deliver: async (i) => void delivered.push((i.input as { n: number }).n), setTimeout: (fn) => setTimeout(fn, 0) });
    outbox.push(item(1));
    await until(() => delivered.length === 1);
    expect(delivered).toEqual([1]);
    expect(storage.data[`${OUTBOX_PREFIX}busy`]).toBeDefined();
  });
});
