import { fromBase64, toBase64 } from '@/lib/base64';
import type { CasesDB } from './record';
import type { AttachmentMeta } from './store';

// Evidence from the screen: a capture of the visible tab (e.g. the chat record), stored as a
// Blob with the time, the page it came from and the item it proves.

export function dataUrlToBlob(dataUrl: string): Blob {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!m) throw new Error('capture: not a data URL');
  const type = m[1]!;
  const bytes = m[2] ? fromBase64(m[3]!) : new TextEncoder().encode(decodeURIComponent(m[3]!));
  return new Blob([bytes as BlobPart], { type });
}

/** A JPEG thumbnail (longest side `size` px) as a data: URL, where the context can draw (worker or page). */
export async function thumbnail(blob: Blob, size = 240): Promise<string | undefined> {
  try {
    if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas === 'undefined') return undefined;
    const bitmap = await createImageBitmap(blob);
    const scale = Math.min(1, size / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
    return `data:image/jpeg;base64,${toBase64(new Uint8Array(await jpeg.arrayBuffer()))}`;
  } catch {
    return undefined;
  }
}

export interface StoredAttachment {
  caseId: string;
  itemId: string;
  name: string;
  blob: Blob;
  sourceUrl: string;
  now?: number;
}

/** Stores one evidence file (see storeAttachments). */
export async function storeAttachment(db: CasesDB, a: StoredAttachment): Promise<AttachmentMeta> {
  const [meta] = await storeAttachments(db, [a]);
  return meta!;
}

/**
 * Stores evidence files all or none: checked and thumbnailed first, then written in one
 * transaction, so a refused write (storage full, lib/quota.ts) leaves no part of the batch.
 */
export async function storeAttachments(db: CasesDB, list: StoredAttachment[]): Promise<AttachmentMeta[]> {
  const rows: (AttachmentMeta & { blob: Blob })[] = [];
  for (const a of list) {
    const c = await db.cases.get(a.caseId);
    if (!c) throw new Error(`caseId: no case "${a.caseId}"`);
    if (!c.items.some((i) => i.itemId === a.itemId)) throw new Error(`itemId: the case has no item "${a.itemId}"`);
    const preview = a.blob.type.startsWith('image/') ? await thumbnail(a.blob) : undefined;
    rows.push({
      id: crypto.randomUUID(),
      caseId: a.caseId,
      itemId: a.itemId,
      name: a.name,
      type: a.blob.type,
      size: a.blob.size,
      sourceUrl: a.sourceUrl,
      createdAt: a.now ?? Date.now(),
      ...(preview ? { preview } : {}),
      blob: a.blob,
    });
  }
  await db.transaction('rw', db.attachments, () => db.attachments.bulkAdd(rows));
  return rows.map(({ blob: _blob, ...meta }) => meta);
}
