import { z } from 'zod';
import type { SiteConfigRecord, SitesDB } from './record';
import { browser } from 'wxt/browser';
import { siteHealth, siteMatchIndex } from '@/lib/settings';
import { missingKey } from './health';
import { builtinSiteConfigs } from './builtin';
import { capErrors, parseJsonText, parseWith, type ParseResult } from '@/lib/validate';
import { parseSiteConfig, type SiteConfig } from './schema';

/**
 * Brings the built-in configs into the database (keeping the agent's enabled/disabled choice)
 * and republishes the match index the content-script loader reads.
 */
export async function syncBuiltinSiteConfigs(db: SitesDB, now = Date.now()): Promise<void> {
  const builtins = builtinSiteConfigs();
  await db.transaction('rw', db.siteConfigs, async () => {
    // A built-in this version no longer ships (千牛's guessed config) is removed, not left claiming a console.
    const shipped = new Set(builtins.map((c) => c.id));
    await db.siteConfigs.filter((r) => r.source === 'builtin' && !shipped.has(r.id)).delete();
    for (const config of builtins) {
      const existing = await db.siteConfigs.get(config.id);
      if (existing && existing.source === 'user') continue; // the agent's own copy wins
      await db.siteConfigs.put({ id: config.id, source: 'builtin', enabled: existing?.enabled ?? 1, config, updatedAt: now });
    }
  });
  await publishMatchIndex(db);
}

export async function publishMatchIndex(db: SitesDB): Promise<void> {
  const enabled = await db.siteConfigs.where('enabled').equals(1).toArray();
  await siteMatchIndex.setValue(enabled.map((r: SiteConfigRecord) => ({ id: r.id, matches: r.config.matches, source: r.source })));
}

/** Largest site-config file read, in UTF-8 bytes. */
export const MAX_CONFIG_FILE = 2 * 1024 * 1024;

const SITE_CONFIGS_FORMAT = 'deskmate/site-configs';

const exportWrapper = z.object({ format: z.literal(SITE_CONFIGS_FORMAT), version: z.literal(1), configs: z.array(z.unknown()) }).strict();

/**
 * Parses an import file: one config, an array of configs, or the export wrapper
 * `{ format: "deskmate/site-configs", version: 1, configs: [...] }`. Every config is validated
 * (and its selectors checked when a DOM is given) before anything may be written (rule 6).
 */
export function parseSiteConfigFile(text: string, checkSelector?: (s: string) => boolean): ParseResult<SiteConfig[]> {
  const json = parseJsonText(text, MAX_CONFIG_FILE);
  if (!json.ok) return json;
  let list: unknown[];
  let prefix: (i: number) => string;
  if (Array.isArray(json.value)) {
    list = json.value;
    prefix = (i) => `${i}`;
  } else if (json.value && typeof json.value === 'object' && (json.value as { format?: unknown }).format === SITE_CONFIGS_FORMAT) {
    const wrapper = parseWith(exportWrapper, json.value);
    if (!wrapper.ok) return wrapper;
    list = wrapper.value.configs;
    prefix = (i) => `configs.${i}`;
  } else {
    list = [json.value];
    prefix = () => '';
  }
  if (!list.length) return { ok: false, errors: ['file: holds no site config'] };
  const errors: string[] = [];
  const configs: SiteConfig[] = [];
  const ids = new Map<string, number>();
  list.forEach((item, i) => {
    const r = parseSiteConfig(item, checkSelector);
    const at = (field: string) => [prefix(i), field].filter(Boolean).join('.');
    const first = r.ok ? ids.get(r.value.id) : undefined;
    if (!r.ok) errors.push(...r.errors.map((e) => (e.includes(': ') ? at(e) : `${prefix(i) || 'file'}: ${e}`)));
    else if (first !== undefined) errors.push(`${at('id')}: "${r.value.id}" is also used by ${prefix(first)}`);
    else {
      ids.set(r.value.id, i);
      configs.push(r.value);
    }
  });
  return errors.length ? { ok: false, errors: capErrors(errors) } : { ok: true, value: configs };
}

/** Saves the agent's own configs (an import, a taught site, edited numbers) and republishes the index. */
export async function saveUserSiteConfigs(db: SitesDB, configs: readonly SiteConfig[], now = Date.now()): Promise<void> {
  const reread: string[] = [];
  await db.transaction('rw', db.siteConfigs, async () => {
    for (const config of configs) {
      const existing = await db.siteConfigs.get(config.id);
      if (existing && JSON.stringify(existing.config.selectors) !== JSON.stringify(config.selectors)) reread.push(config.id);
      await db.siteConfigs.put({ id: config.id, source: 'user', enabled: existing?.enabled ?? 1, config, updatedAt: now });
    }
  });
  // New selectors (a re-taught console): what the pages noticed about the old ones no longer holds.
  for (const id of reread) await forgetHealth(id);
  await publishMatchIndex(db);
}

/**
 * What pages noticed about a config's health (docs/site-config.md, "When a config stops working")
 * belongs to that config and those selectors: forgotten with them, or a removed config's warning
 * would stay on the built-in that takes its place.
 */
async function forgetHealth(id: string): Promise<void> {
  const all = await siteHealth.getValue();
  if (all[id]) {
    const rest = { ...all };
    delete rest[id];
    await siteHealth.setValue(rest);
  }
  await browser.storage.local.remove(missingKey(id));
}

export async function setSiteEnabled(db: SitesDB, id: string, enabled: boolean): Promise<void> {
  await db.siteConfigs.update(id, { enabled: enabled ? 1 : 0 });
  await publishMatchIndex(db);
}

/** Deletes the agent's own config; where it overrode a built-in one, the built-in one returns. */
export async function removeUserSiteConfig(db: SitesDB, id: string, now = Date.now()): Promise<void> {
  const builtin = builtinSiteConfigs().find((c) => c.id === id);
  const existing = await db.siteConfigs.get(id);
  if (builtin) await db.siteConfigs.put({ id, source: 'builtin', enabled: existing?.enabled ?? 1, config: builtin, updatedAt: now });
  else await db.siteConfigs.delete(id);
  await forgetHealth(id);
  await publishMatchIndex(db);
}

export function exportSiteConfigs(configs: readonly SiteConfig[]): string {
  return JSON.stringify({ format: SITE_CONFIGS_FORMAT, version: 1, configs }, null, 2);
}
