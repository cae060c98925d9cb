import type { DeskmateDB } from '@/lib/db/database';
import type { TemplateRecord } from '@/lib/db/records';
import type { ParsedInput } from '@/lib/messaging/protocol';

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID()}`;
}

/** Creates or updates a template. A shortcode already used by another template is refused. */
export async function saveTemplate(db: DeskmateDB, draft: ParsedInput<'templates.save'>, now = Date.now()): Promise<TemplateRecord> {
  return db.transaction('rw', db.templates, async () => {
    const existing = draft.id ? await db.templates.get(draft.id) : undefined;
    const shortcode = draft.shortcode || undefined;
    if (shortcode) {
      const clash = await db.templates.where('shortcode').equals(shortcode).first();
      if (clash && clash.id !== existing?.id) throw new Error(`shortcode "${shortcode}" is already used by “${clash.title}”`);
    }
    const record: TemplateRecord = {
      useCount: 0,
      lastUsedAt: 0,
      createdAt: now,
      ...existing,
      id: existing?.id ?? draft.id ?? newId('tpl'),
      title: draft.title,
      body: draft.body,
      shortcode,
      folder: draft.folder,
      tags: draft.tags,
      sites: draft.sites,
      language: draft.language,
      updatedAt: now,
    };
    await db.templates.put(record);
    return record;
  });
}

export async function listTemplates(db: DeskmateDB, limit: number): Promise<TemplateRecord[]> {
  return db.templates.orderBy('updatedAt').reverse().limit(limit).toArray();
}
