import type { DeskmateDB } from '@/lib/db/database';
import type { TemplateRecord } from '@/lib/db/records';
import { installedPacks, removedBuiltins } from '@/lib/settings';
import en from './packs/en.json';
import zhCN from './packs/zh-CN.json';
import { parsePack, type PackTemplate } from './io';
import { searchKeys } from './search-keys';
import { bumpRevision, normalizeFolder } from './store';

/** Default packs by language. Bump a pack's PACK_VERSIONS entry when its content changes. */
export const PACKS = { 'zh-CN': zhCN, en } as const;
export const PACK_VERSIONS: Record<keyof typeof PACKS, number> = { 'zh-CN': 1, en: 1 };
export type PackLanguage = keyof typeof PACKS;

export function packTemplates(language: PackLanguage): PackTemplate[] {
  const r = parsePack(PACKS[language]);
  if (!r.ok) throw new Error(`Default pack ${language} is invalid: ${r.errors.join('; ')}`);
  return r.value.templates;
}

/**
 * Installs or updates a default pack. New templates are added; templates the agent never edited
 * follow the pack's new text; edited ones are kept; deleted ones never come back.
 */
export async function installPack(db: DeskmateDB, language: PackLanguage, now = Date.now()): Promise<number> {
  const removed = new Set(await removedBuiltins.getValue());
  const templates = packTemplates(language);
  let written = 0;
  await db.transaction('rw', db.templates, async () => {
    const existing = await db.templates
      .where('builtinId')
      .anyOf(templates.map((t) => t.id!))
      .toArray();
    const byBuiltin = new Map(existing.map((r) => [r.builtinId, r]));
    const shortcodes = new Set((await db.templates.toArray()).map((r) => r.shortcode).filter(Boolean));
    const rows: TemplateRecord[] = [];
    for (const t of templates) {
      const builtinId = t.id!;
      if (removed.has(builtinId)) continue;
      const old = byBuiltin.get(builtinId);
      if (old && old.updatedAt !== old.createdAt) continue; // edited by the agent: theirs now
      if (
        old &&
        old.title === t.title &&
        old.body === t.body &&
        old.shortcode === t.shortcode &&
        old.folder === normalizeFolder(t.folder ?? '')
      )
        continue;
      // A shortcode the agent already uses elsewhere stays theirs.
      const shortcode = t.shortcode && (!shortcodes.has(t.shortcode) || old?.shortcode === t.shortcode) ? t.shortcode : undefined;
      rows.push({
        id: old?.id ?? `builtin_${language}_${builtinId}`,
        builtinId,
        title: t.title,
        body: t.body,
        shortcode,
        folder: normalizeFolder(t.folder ?? ''),
        tags: t.tags ?? [],
        sites: t.sites ?? [],
        language,
        createdAt: old?.createdAt ?? now,
        updatedAt: old?.createdAt ?? now,
        useCount: old?.useCount ?? 0,
        lastUsedAt: old?.lastUsedAt ?? 0,
        ...searchKeys(t.title),
      });
    }
    await db.templates.bulkPut(rows);
    written = rows.length;
  });
  await installedPacks.setValue({ ...(await installedPacks.getValue()), [language]: PACK_VERSIONS[language] });
  if (written) await bumpRevision();
  return written;
}

/**
 * First run installs the pack of the agent's language (Chinese when the browser's UI or any of its
 * preferred languages is Chinese); updates refresh the installed packs.
 */
export async function ensureDefaultPacks(db: DeskmateDB, browserLanguages: readonly string[]): Promise<void> {
  const installed = await installedPacks.getValue();
  const languages = Object.keys(installed) as PackLanguage[];
  if (languages.length === 0) languages.push(browserLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en');
  for (const language of languages) {
    if (installed[language] !== PACK_VERSIONS[language]) await installPack(db, language);
  }
}
