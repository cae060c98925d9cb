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
    // Once a delivery failed, the batches are in the extension's storage until confirmed.
    await until(() => Object.keys(storage.data).join() === `${OUTBOX_PREFIX}a`);
    await until(() => delivered.length === 2);
    expect(delivered).toEqual([1, 2]);
    await until(() => Object.keys(storage.data).length === 0);
  });

  it('a batch the background confirms at once costs no storage write; one left unconfirmed is written after a moment', async () => {
    const storage = memoryStorage();
    let writes = 0;
    const counted = {
      ...storage,
      set: async (k: string, v: unknown) => (writes++, storage.set(k, v)),
      remove: async (k: string[]) => (writes++, storage.remove(k)),
    };
    const timers: (() => void)[] = [];
    let release: (() => void) | undefined;
    let slow = false;
    const delivered: number[] = [];
    const outbox = createOutbox({
      instanceId: 'fast',
      storage: counted as never,
      deliver: async (i) => {
        if (slow) await new Promise<void>((r) => (release = r));
        delivered.push((i.input as { n: number }).n);
      },
      setTimeout: (fn) => timers.push(fn),
    });
    for (let n = 1; n <= 50; n++) outbox.push(item(n));
    await until(() => delivered.length === 50);
    for (const fire of timers.splice(0)) fire();
    expect(writes).toBe(0);
    // The worker is slow to answer: after the moment passes, the item is in storage; once confirmed, gone.
    slow = true;
    outbox.push(item(51));
    await until(() => !!release);
    for (const fire of timers.splice(0)) fire();
    expect(storage.data[`${OUTBOX_PREFIX}fast`]).toMatchObject({ items: [item(51)] });
    release!();
    await until(() => delivered.length === 51 && Object.keys(storage.data).length === 0);
  });

  it('a page that goes with a batch in flight leaves it for the next page', async () => {
    const storage = memoryStorage();
    const outbox = createOutbox({ instanceId: 'going', storage, deliver: () => new Promise(() => undefined), setTimeout: () => undefined });
    outbox.push(item(7));
    await new Promise((r) => setTimeout(r, 5));
    outbox.stop();
    await until(() => (storage.data[`${OUTBOX_PREFIX}going`] as { updatedAt: number; items: OutboxItem[] } | undefined)?.updatedAt === 0);
    expect((storage.data[`${OUTBOX_PREFIX}going`] as { items: OutboxItem[] }).items).toEqual([item(7)]);
  });

  it('hands what a closed or reloaded page could not deliver to the next page of the console, first', async () => {
    const storage = memoryStorage();
    const first = createOutbox({
      instanceId: 'old',
      storage,
      deliver: () => Promise.reject(new Error('worker stopped')),
      setTimeout: () => undefined,
    });
    first.push(item(1));
    await until(() => !!storage.data[`${OUTBOX_PREFIX}old`]);
    first.stop(); // pagehide
    await until(() => (storage.data[`${OUTBOX_PREFIX}old`] as { updatedAt: number }).updatedAt === 0);
    const delivered: number[] = [];
    const next = createOutbox({
      instanceId: 'new',
      storage,
      deliver: async (i) => void delivered.push((i.input as { n: number }).n),
      setTimeout: (fn) => setTimeout(fn, 0),
    });
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
    const outbox = createOutbox({
      instanceId: 'me',
      storage,
      now: () => now,
      deliver: async (i) => void delivered.push((i.input as { n: number }).n),
      setTimeout: (fn) => setTimeout(fn, 0),
    });
    outbox.push(item(1));
    await until(() => delivered.length === 1);
    expect(delivered).toEqual([1]);
    expect(storage.data[`${OUTBOX_PREFIX}busy`]).toBeDefined();
  });
});
