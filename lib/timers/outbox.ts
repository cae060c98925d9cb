// What a console page observed, kept until the background confirms it stored it (nothing dropped):
// in order (a reply never overtakes its question), retried with backoff while the service worker
// restarts, and kept in the extension's storage (never the page's) so that what a closed or
// reloaded tab could not deliver is delivered by the next page of that console.
//
// Storage is written only for what is not confirmed quickly: when a delivery fails, or when an
// item has waited PERSIST_AFTER_MS. A batch the background stores at once (the usual case) costs
// no storage write at all — on a console streaming all day, two writes per batch were Deskmate's
// largest cost on the page (docs/performance.md). A page that goes with an item still in flight
// writes it at `stop()` (for the next page to deliver; the background ignores a message it has).

export const OUTBOX_PREFIX = 'timersOutbox:';
/** A page that has not touched its outbox for this long is gone (closed, reloaded): others adopt it. */
export const ORPHAN_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
const MAX_ITEMS = 2000;
/** An item not confirmed within this long is written to storage. */
export const PERSIST_AFTER_MS = 1000;

export interface OutboxItem {
  type: 'timers.observe' | 'timers.list';
  input: unknown;
}

interface Stored {
  updatedAt: number;
  items: OutboxItem[];
}

export interface OutboxStorage {
  get(): Promise<Record<string, unknown>>;
  set(key: string, value: Stored): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface OutboxOptions {
  instanceId: string;
  storage: OutboxStorage;
  /** Delivers one item; resolves once the background stored it, rejects otherwise. */
  deliver(item: OutboxItem): Promise<void>;
  setTimeout(fn: () => void, ms: number): unknown;
  now?(): number;
}

export interface Outbox {
  push(item: OutboxItem): void;
  /** Items not yet confirmed (for tests and the overlay's state). */
  size(): number;
  stop(): void;
}

export function createOutbox(opts: OutboxOptions): Outbox {
  const now = opts.now ?? Date.now;
  const key = OUTBOX_PREFIX + opts.instanceId;
  const queue: OutboxItem[] = [];
  let running = false;
  let stopped = false;
  let attempt = 0;

  /** Whether storage holds this page's key (what it holds may be older than the queue). */
  let stored = false;
  let persistTimer = false;

  const persist = () => {
    const write = queue.length ? opts.storage.set(key, { updatedAt: now(), items: queue.slice(0, MAX_ITEMS) }) : opts.storage.remove([key]);
    stored = queue.length > 0;
    // Storage full or gone: the items stay in memory and are still retried.
    void write.catch(() => undefined);
  };
  /** Brings storage up to date in a moment, unless the queue is confirmed (and nothing stored) by then. */
  const persistSoon = () => {
    if (persistTimer) return;
    persistTimer = true;
    opts.setTimeout(() => {
      persistTimer = false;
      if (!stopped && (queue.length || stored)) persist();
    }, PERSIST_AFTER_MS);
  };

  const run = async () => {
    if (running || stopped) return;
    running = true;
    try {
      while (queue.length && !stopped) {
        try {
          await opts.deliver(queue[0]!);
          queue.shift();
          attempt = 0;
          if (stored) {
            if (queue.length) persistSoon();
            else persist(); // the key goes at once: nobody adopts what was delivered
          }
        } catch {
          const delay = Math.min(MAX_BACKOFF_MS, 200 * 2 ** attempt++);
          persist(); // a fresh timestamp: this page is alive, nobody adopts its items
          await new Promise((r) => opts.setTimeout(() => r(null), delay));
        }
      }
    } finally {
      running = false;
    }
  };

  // Items a previous page of this console could not deliver go first.
  const adopting = opts.storage
    .get()
    .then(async (all) => {
      const orphans: string[] = [];
      for (const [k, v] of Object.entries(all)) {
        if (!k.startsWith(OUTBOX_PREFIX) || k === key) continue;
        const stored = v as Partial<Stored> | null;
        if (!stored || !Array.isArray(stored.items) || typeof stored.updatedAt !== 'number' || stored.updatedAt > now() - ORPHAN_MS)
          continue;
        orphans.push(k);
        queue.unshift(...stored.items);
      }
      if (orphans.length) {
        persist();
        await opts.storage.remove(orphans);
      }
    })
    .catch(() => undefined)
    .then(run);

  return {
    push(item) {
      if (stopped) return;
      queue.push(item);
      persistSoon();
      void adopting.then(run);
    },
    size: () => queue.length,
    /** The page is going (unload, reload, overlay removed): what is left is marked for adoption at once. */
    stop() {
      stopped = true;
      if (queue.length) void opts.storage.set(key, { updatedAt: 0, items: queue.slice(0, MAX_ITEMS) }).catch(() => undefined);
      else if (stored) void opts.storage.remove([key]).catch(() => undefined);
    },
  };
}
