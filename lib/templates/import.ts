import type { DeskmateDB } from '@/lib/db/database';
import type { TemplateRecord } from '@/lib/db/records';
import type { PackTemplate } from './io';
import { searchKeys } from './search-keys';
import { bumpRevision, newId, normalizeFolder } from './store';

export type DuplicateChoice = 'update' | 'both' | 'skip';

export interface ImportPlan {
  total: number;
  /** Incoming templates matching an existing one by id or by shortcode. */
  duplicates: number;
}

async function existingMatches(db: DeskmateDB) {
  const all = await db.templates.toArray();
  const byId = new Map(all.map((r) => [r.id, r]));
  const byBuiltin = new Map(all.flatMap((r) => (r.builtinId ? [[r.builtinId, r] as const] : [])));
  const byShortcode = new Map(all.flatMap((r) => (r.shortcode ? [[r.shortcode, r] as const] : [])));
  const match = (t: PackTemplate): TemplateRecord | undefined =>
    (t.id ? (byId.get(t.id) ?? byBuiltin.get(t.id)) : undefined) ?? (t.shortcode ? byShortcode.get(t.shortcode) : undefined);
  return { match, shortcodes: new Set(byShortcode.keys()) };
}

export async function planImport(db: DeskmateDB, templates: readonly PackTemplate[]): Promise<ImportPlan> {
  const { match } = await existingMatches(db);
  return { total: templates.length, duplicates: templates.filter((t) => match(t)).length };
}

export interface ImportResult {
  added: number;
  updated: number;
  skipped: number;
}

const CHUNK = 1000;

/**
 * Writes a validated import in ONE transaction (all or nothing), reporting progress per chunk.
 * Duplicates follow the agent's choice: update the existing template, keep both (the new one's
 * shortcode gets a free suffix), or skip.
 */
export async function applyImport(
  db: DeskmateDB,
  templates: readonly PackTemplate[],
  choice: DuplicateChoice,
  onProgress: (done: number, total: number) => void = () => undefined,
  language = 'zh-CN',
  now = Date.now(),
): Promise<ImportResult> {
  const result: ImportResult = { added: 0, updated: 0, skipped: 0 };
  await db.transaction('rw', db.templates, async () => {
    const { match, shortcodes } = await existingMatches(db);
    const freeShortcode = (code: string | undefined) => {
      if (!code || !shortcodes.has(code)) return code;
      for (let n = 2; ; n++) if (!shortcodes.has(`${code}-${n}`)) return `${code}-${n}`;
    };
    const rows: TemplateRecord[] = [];
    for (const t of templates) {
      const old = match(t);
      if (old && choice === 'skip') {
        result.skipped++;
        continue;
      }
      const base = {
        title: t.title,
        body: t.body,
        folder: normalizeFolder(t.folder ?? ''),
        tags: t.tags ?? [],
        sites: t.sites ?? [],
        updatedAt: now,
        ...searchKeys(t.title),
      };
      if (old && choice === 'update') {
        if (t.shortcode && t.shortcode !== old.shortcode) shortcodes.add(t.shortcode);
        rows.push({ ...old, ...base, shortcode: t.shortcode ?? old.shortcode });
        result.updated++;
      } else {
        const shortcode = freeShortcode(t.shortcode);
        if (shortcode) shortcodes.add(shortcode);
        const id = t.id && !old ? t.id : newId('tpl');
        rows.push({ ...base, id, shortcode, language, createdAt: now, useCount: 0, lastUsedAt: 0 });
        result.added++;
      }
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db.templates.bulkPut(rows.slice(i, i + CHUNK));
      onProgress(Math.min(i + CHUNK, rows.length), rows.length);
    }
  });
  await bumpRevision();
  return result;
}
