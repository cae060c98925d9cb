import { z } from 'zod';
import { countingProfiles, senderKinds } from '@/lib/sites/schema';

// What a console's watcher (lib/timers/tracker.ts) reports to the background: the `timers.observe`
// and `timers.list` message inputs (lib/messaging/protocol.ts), validated whole on arrival
// (rule 6). Ids, senders and times only: never message text.

const observedMessage = z
  .object({
    /** The site's message id, or a hash of what the page shows when it has none. */
    id: z.string().min(1).max(300),
    sender: z.enum(senderKinds),
    /** The console's timestamp of the message (epoch ms), or null when the page shows none. */
    at: z.number().int().min(0).nullable(),
    /** Seen arriving while the page was watched (not history rendered at load or on a switch). */
    live: z.boolean(),
  })
  .strict();

/** Messages a watcher saw in one conversation. */
export const observeBatchSchema = z
  .object({
    siteId: z.string().min(1).max(64),
    conversationId: z.string().min(1).max(300),
    profile: z.enum(countingProfiles),
    /** When this page's watcher attached (epoch ms): history older than this never creates events. */
    attachedAt: z.number().int().min(0),
    messages: z.array(observedMessage).max(20000),
  })
  .strict();

/** A conversation of the list (not the open one) where the buyer wrote: the list's badge or last message says so. */
const listActivity = z
  .object({
    conversationId: z.string().min(1).max(300),
    /** The list's time of the last message (epoch ms), or null when it shows none. */
    at: z.number().int().min(0).nullable(),
    /** Seen changing while the page was watched (not the list as it was at attach). */
    live: z.boolean(),
  })
  .strict();

/** Conversations of the list (not the open one) where the buyer wrote. */
export const listBatchSchema = z
  .object({
    siteId: z.string().min(1).max(64),
    profile: z.enum(countingProfiles),
    attachedAt: z.number().int().min(0),
    items: z.array(listActivity).max(2000),
  })
  .strict();

export type ObserveBatch = z.infer<typeof observeBatchSchema>;
export type ObservedMessage = ObserveBatch['messages'][number];
export type ListBatch = z.infer<typeof listBatchSchema>;
export type ListActivity = ListBatch['items'][number];
