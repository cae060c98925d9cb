import type { Dexie, EntityTable } from 'dexie';
import type { SiteConfig } from './schema';

// The site configs' table: its record, and the part of the database the sites capability writes
// (lib/db/database.ts holds the table; sites sit below the database: docs/engineering.md, "Layers").

export interface SiteConfigRecord {
  id: string;
  source: 'builtin' | 'user';
  enabled: 0 | 1;
  config: SiteConfig;
  updatedAt: number;
}

/** What lib/sites/store.ts needs of the database (DeskmateDB has it). */
export interface SitesDB extends Pick<Dexie, 'transaction'> {
  siteConfigs: EntityTable<SiteConfigRecord, 'id'>;
}
