import { useEffect, useState } from 'react';
import { send } from '@/lib/messaging/client';
import { siteChoices, siteMatchIndex, type SiteMatchEntry } from '@/lib/settings';
import { useOverlayStore } from './store';
import { choiceKey, resolveSite, type SiteResolution } from '@/lib/sites/precedence';
import type { SiteConfig } from '@/lib/sites/schema';

export interface MatchedConfig {
  /** The config that reads this page (lib/sites/precedence.ts), if any. */
  config: SiteConfig | null;
  /** Why it is the one, and every enabled config that matches the page. */
  resolution: SiteResolution<SiteMatchEntry> | null;
}

/** The enabled site config in effect on this page, and why. */
export function useMatchedConfig(): MatchedConfig {
  const [matched, setMatched] = useState<MatchedConfig>({ config: null, resolution: null });
  // Bumped when the agent saves a taught config in this tab (its id may already be in the index).
  const revision = useOverlayStore((s) => s.sitesRevision);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const [index, choices] = await Promise.all([siteMatchIndex.getValue(), siteChoices.getValue()]);
      const url = location.href;
      const resolution = resolveSite(index, url, choices[choiceKey(url)]) ?? null;
      const record = resolution ? await send('sites.get', { id: resolution.entry.id }) : null;
      if (!alive) return;
      setMatched((old) => {
        const config = record ? (JSON.stringify(old.config) === JSON.stringify(record.config) ? old.config : record.config) : null;
        const same = config === old.config && JSON.stringify(old.resolution) === JSON.stringify(resolution);
        return same ? old : { config, resolution: record ? resolution : null };
      });
    };
    const reload = () => void load().catch(() => undefined);
    reload();
    // A config enabled, disabled, imported, taught or chosen elsewhere applies without a reload.
    const unwatch = [siteMatchIndex.watch(reload), siteChoices.watch(reload)];
    return () => {
      alive = false;
      for (const u of unwatch) u();
    };
  }, [revision]);
  return matched;
}
