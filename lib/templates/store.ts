import type { DeskmateDB } from '@/lib/db/database';
import type { TemplateRecord } from '@/lib/db/records';
import type { TemplateDraft } from './draft';
import { removedBuiltins, templatesRevision } from '@/lib/settings';
import type { PickerTemplate } from './search';
import { searchKeys } from './search-keys';

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID()}`;
}

/** Tells every open page and overlay that the library changed. */
export async function bumpRevision(): Promise<void> {
  await templatesRevision.setValue(Date.now());
}

/** Creates or updates a template. A shortcode already used by another template is refused. */
export async function saveTemplate(db: DeskmateDB, draft: TemplateDraft, now = Date.now()): Promise<TemplateRecord> {
  const record = await db.transaction('rw', db.templates, async () => {
    const existing = draft.id ? await db.templates.get(draft.id) : undefined;
    const shortcode = draft.shortcode || undefined;
    if (shortcode) {
      const clash = await db.templates.where('shortcode').equals(shortcode).first();
      if (clash && clash.id !== existing?.id) throw new Error(`shortcode "${shortcode}" is already used by “${clash.title}”`);
    }
    const next: TemplateRecord = {
      useCount: 0,
      lastUsedAt: 0,
      createdAt: now,
      ...existing,
      id: existing?.id ?? draft.id ?? newId('tpl'),
      title: draft.title,
      body: draft.body,
      shortcode,
      folder: normalizeFolder(draft.folder),
      tags: draft.tags,
      sites: draft.sites,
      language: draft.language,
      updatedAt: now,
      ...searchKeys(draft.title),
    };
    await db.templates.put(next);
    return next;
  });
  await bumpRevision();
  return record;
}

export function normalizeFolder(folder: string): string {
  return folder
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('/');
}

export async function listTemplates(db: DeskmateDB, limit: number): Promise<TemplateRecord[]> {
  return db.templates.orderBy('updatedAt').reverse().limit(limit).toArray();
}

/** Deletes templates; deleted default-pack templates are remembered so updates don't restore them. */
export async function deleteTemplates(db: DeskmateDB, ids: string[]): Promise<number> {
  const records = (await db.templates.bulkGet(ids)).filter((r): r is TemplateRecord => !!r);
  const builtinIds = records.flatMap((r) => (r.builtinId ? [r.builtinId] : []));
  if (builtinIds.length) {
    const removed = await removedBuiltins.getValue();
    await removedBuiltins.setValue([...new Set([...removed, ...builtinIds])]);
  }
  await db.templates.bulkDelete(records.map((r) => r.id));
  await bumpRevision();
  return records.length;
}

export async function moveTemplates(db: DeskmateDB, ids: string[], folder: string, now = Date.now()): Promise<void> {
  const target = normalizeFolder(folder);
  await db.templates.where('id').anyOf(ids).modify({ folder: target, updatedAt: now });
  await bumpRevision();
}

/** The compact list the content script indexes for the picker. */
export async function pickerTemplates(db: DeskmateDB): Promise<PickerTemplate[]> {
  const all = await db.templates.toArray();
  return all.map((t) => {
    const keys = t.py === undefined || t.pyi === undefined ? searchKeys(t.title) : { py: t.py, pyi: t.pyi };
    return {
      id: t.id,
      title: t.title,
      body: t.body,
      shortcode: t.shortcode,
      folder: t.folder,
      tags: t.tags,
      sites: t.sites,
      language: t.language,
      useCount: t.useCount,
      lastUsedAt: t.lastUsedAt,
      ...keys,
    };
  });
}

/** Records one insertion (template, time, site, length; never the text). */
export async function recordUse(
  db: DeskmateDB,
  use: { templateId: string; siteId: string; chars: number },
  now = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.templates, db.templateUses, async () => {
    const t = await db.templates.get(use.templateId);
    if (!t) throw new Error(`template ${use.templateId} does not exist`);
    await db.templates.update(t.id, { useCount: t.useCount + 1, lastUsedAt: now });
    await db.templateUses.add({ templateId: t.id, at: now, siteId: use.siteId, chars: use.chars });
  });
  // No revision bump: a use must not make every open tab refetch the library. The overlay that
  // inserted updates its own copy (useTemplates().noteUse); others catch up on the next edit.
}
