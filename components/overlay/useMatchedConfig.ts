import { useEffect, useState } from 'react';
import { send } from '@/lib/messaging/client';
import { siteMatchIndex } from '@/lib/settings';
import { findSite } from '@/lib/sites/match-pattern';
import type { SiteConfig } from '@/lib/sites/schema';

/** The enabled site config whose patterns match this page, if any. */
export function useMatchedConfig(): SiteConfig | null {
  const [config, setConfig] = useState<SiteConfig | null>(null);
  useEffect(() => {
    let alive = true;
    void (async () => {
      const index = await siteMatchIndex.getValue();
      const entry = findSite(index, location.href);
      if (!entry) return;
      const record = await send('sites.get', { id: entry.id });
      if (alive && record) setConfig(record.config);
    })().catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return config;
}
