import { useEffect, useState } from 'react';
import { send } from '@/lib/messaging/client';
import { siteMatchIndex, type SiteMatchEntry } from '@/lib/settings';
import { useOverlayStore } from './store';
import { findSite } from '@/lib/sites/match-pattern';
import type { SiteConfig } from '@/lib/sites/schema';

/** The enabled site config whose patterns match this page, if any. */
export function useMatchedConfig(): SiteConfig | null {
  const [config, setConfig] = useState<SiteConfig | null>(null);
  // Bumped when the agent saves a taught config in this tab (its id may already be in the index).
  const revision = useOverlayStore((s) => s.sitesRevision);
  useEffect(() => {
    let alive = true;
    const load = async (index: SiteMatchEntry[]) => {
      const entry = findSite(index, location.href);
      const record = entry ? await send('sites.get', { id: entry.id }) : null;
      if (alive) setConfig((old) => (record ? (JSON.stringify(old) === JSON.stringify(record.config) ? old : record.config) : null));
    };
    void siteMatchIndex
      .getValue()
      .then(load)
      .catch(() => undefined);
    // A config enabled, disabled, imported or taught elsewhere applies without a reload.
    const unwatch = siteMatchIndex.watch((index) => void load(index).catch(() => undefined));
    return () => {
      alive = false;
      unwatch();
    };
  }, [revision]);
  return config;
}
