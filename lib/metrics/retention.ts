import type { DeskmateDB } from '@/lib/db/database';
import { retentionDays } from '@/lib/settings';

const DAY_MS = 24 * 3600_000;

/** The daily alarm that prunes old records (set up by the background entrypoint). */
export const RETENTION_ALARM = 'retention';

export interface PruneResult {
  rounds: number;
  messageEvents: number;
  templateUses: number;
  lintEvents: number;
  conversations: number;
}

/**
 * Deletes waits (the `rounds` table), message identities, template uses and lint events older than the
 * retention setting (default 180 days). Cases and templates are the agent's own work and are
 * never pruned here.
 */
export async function pruneOlderThan(db: DeskmateDB, days: number, now = Date.now()): Promise<PruneResult> {
  const cutoff = now - Math.max(1, days) * DAY_MS;
  return db.transaction('rw', [db.rounds, db.messageEvents, db.templateUses, db.lintEvents, db.conversations], async () => ({
    rounds: await db.rounds.where('startedAt').below(cutoff).delete(),
    messageEvents: await db.messageEvents.where('at').below(cutoff).delete(),
    templateUses: await db.templateUses.where('at').below(cutoff).delete(),
    lintEvents: await db.lintEvents.where('at').below(cutoff).delete(),
    conversations: await db.conversations.where('updatedAt').below(cutoff).delete(),
  }));
}

/** The retention alarm fired: prune by the agent's retention setting. */
export async function pruneExpired(db: DeskmateDB, now = Date.now()): Promise<PruneResult> {
  return pruneOlderThan(db, await retentionDays.getValue(), now);
}
