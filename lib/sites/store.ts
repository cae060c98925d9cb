import type { DeskmateDB } from '@/lib/db/database';
import type { SiteConfigRecord } from '@/lib/db/records';
import { siteMatchIndex } from '@/lib/settings';
import { builtinSiteConfigs } from './builtin';

/**
 * Brings the built-in configs into the database (keeping the agent's enabled/disabled choice)
 * and republishes the match index the content-script loader reads.
 */
export async function syncBuiltinSiteConfigs(db: DeskmateDB, now = Date.now()): Promise<void> {
  const builtins = builtinSiteConfigs();
  await db.transaction('rw', db.siteConfigs, async () => {
    for (const config of builtins) {
      const existing = await db.siteConfigs.get(config.id);
      if (existing && existing.source === 'user') continue; // the agent's own copy wins
      await db.siteConfigs.put({ id: config.id, source: 'builtin', enabled: existing?.enabled ?? 1, config, updatedAt: now });
    }
  });
  await publishMatchIndex(db);
}

export async function publishMatchIndex(db: DeskmateDB): Promise<void> {
  const enabled = await db.siteConfigs.where('enabled').equals(1).toArray();
  await siteMatchIndex.setValue(enabled.map((r: SiteConfigRecord) => ({ id: r.id, matches: r.config.matches })));
}
