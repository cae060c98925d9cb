import type { DeskmateDB } from '@/lib/db/database';
import type { SiteConfigRecord } from '@/lib/db/records';
import { siteMatchIndex } from '@/lib/settings';
import { builtinSiteConfigs } from './builtin';
import { parseSiteConfig, type SiteConfig } from './schema';

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
  await siteMatchIndex.setValue(enabled.map((r: SiteConfigRecord) => ({ id: r.id, matches: r.config.matches, source: r.source })));
}

export type SiteConfigFileResult = { ok: true; configs: SiteConfig[] } | { ok: false; errors: string[] };

const MAX_CONFIG_FILE = 2 * 1024 * 1024;

/**
 * Parses an import file: one config, an array of configs, or the export wrapper
 * `{ format: "deskmate/site-configs", version: 1, configs: [...] }`. Every config is validated
 * (and its selectors checked when a DOM is given) before anything may be written (rule 6).
 */
export function parseSiteConfigFile(text: string, checkSelector?: (s: string) => boolean): SiteConfigFileResult {
  if (text.length > MAX_CONFIG_FILE) return { ok: false, errors: [`file is larger than ${MAX_CONFIG_FILE / 1024 / 1024} MB`] };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [`not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  let list: unknown[];
  let prefix: (i: number) => string;
  if (Array.isArray(json)) {
    list = json;
    prefix = (i) => `${i}.`;
  } else if (json && typeof json === 'object' && (json as { format?: unknown }).format === 'deskmate/site-configs') {
    const wrapper = json as Record<string, unknown>;
    if (wrapper.version !== 1) return { ok: false, errors: [`version: ${JSON.stringify(wrapper.version)} is not a site-configs file version this Deskmate reads (1)`] };
    const unknown = Object.keys(wrapper).filter((k) => !['format', 'version', 'configs'].includes(k));
    if (unknown.length) return { ok: false, errors: unknown.map((k) => `${k}: unknown field`) };
    const configs = wrapper.configs;
    if (!Array.isArray(configs)) return { ok: false, errors: ['configs: expected an array of site configs'] };
    list = configs;
    prefix = (i) => `configs.${i}.`;
  } else {
    list = [json];
    prefix = () => '';
  }
  if (!list.length) return { ok: false, errors: ['the file holds no site config'] };
  const errors: string[] = [];
  const configs: SiteConfig[] = [];
  const ids = new Set<string>();
  list.forEach((item, i) => {
    const r = parseSiteConfig(item, checkSelector);
    if (!r.ok) errors.push(...r.errors.map((e) => prefix(i) + e));
    else if (ids.has(r.value.id)) errors.push(`${prefix(i)}id: "${r.value.id}" appears twice`);
    else {
      ids.add(r.value.id);
      configs.push(r.value);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, configs };
}

/** Saves the agent's own configs (an import, a taught site, edited numbers) and republishes the index. */
export async function saveUserSiteConfigs(db: DeskmateDB, configs: readonly SiteConfig[], now = Date.now()): Promise<void> {
  await db.transaction('rw', db.siteConfigs, async () => {
    for (const config of configs) {
      const existing = await db.siteConfigs.get(config.id);
      await db.siteConfigs.put({ id: config.id, source: 'user', enabled: existing?.enabled ?? 1, config, updatedAt: now });
    }
  });
  await publishMatchIndex(db);
}

export async function setSiteEnabled(db: DeskmateDB, id: string, enabled: boolean): Promise<void> {
  await db.siteConfigs.update(id, { enabled: enabled ? 1 : 0 });
  await publishMatchIndex(db);
}

/** Deletes the agent's own config; where it overrode a built-in one, the built-in one returns. */
export async function removeUserSiteConfig(db: DeskmateDB, id: string, now = Date.now()): Promise<void> {
  const builtin = builtinSiteConfigs().find((c) => c.id === id);
  const existing = await db.siteConfigs.get(id);
  if (builtin) await db.siteConfigs.put({ id, source: 'builtin', enabled: existing?.enabled ?? 1, config: builtin, updatedAt: now });
  else await db.siteConfigs.delete(id);
  await publishMatchIndex(db);
}

export function exportSiteConfigs(configs: readonly SiteConfig[]): string {
  return JSON.stringify({ format: 'deskmate/site-configs', version: 1, configs }, null, 2);
}
