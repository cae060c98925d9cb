import { translator, type Locale } from '@/lib/i18n';
import type { packageEn } from '@/lib/i18n/parts/package';

// Evidence attachments: what a file really is (magic bytes, not its name), whether it may be
// attached, and what the platform will refuse when the agent uploads it. Pure: the caller reads
// the first SNIFF_BYTES of the file (file.slice(0, SNIFF_BYTES)); nothing else is read, so a
// 200 MB file is refused on its size alone.
//
// Messages are built in English in the machine form the parsers use (`"name": what is wrong`);
// localizeAttachmentError renders them in Chinese. Platform warnings are i18n keys + params.

export const acceptedTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AcceptedType = (typeof acceptedTypes)[number];

/** How many leading bytes sniffType needs (WebP: "RIFF" size "WEBP" = 12). */
export const SNIFF_BYTES = 16;
/** Largest attachment kept, per file. Platforms take far less (Taobao 5 MB); this bounds the database. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const MB = 1024 * 1024;

interface KindInfo {
  /** Extension written into the package. */
  ext: string;
  /** Extensions that claim this kind. */
  exts: readonly string[];
  /** "a PNG image": used in messages. */
  label: string;
  /** "PNG": used in messages. */
  short: string;
}

const KINDS: Record<AcceptedType, KindInfo> = {
  'image/png': { ext: 'png', exts: ['png', 'apng'], label: 'a PNG image', short: 'PNG' },
  'image/jpeg': { ext: 'jpg', exts: ['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg', 'pjp'], label: 'a JPEG image', short: 'JPEG' },
  'image/gif': { ext: 'gif', exts: ['gif'], label: 'a GIF image', short: 'GIF' },
  'image/webp': { ext: 'webp', exts: ['webp'], label: 'a WebP image', short: 'WebP' },
  'application/pdf': { ext: 'pdf', exts: ['pdf'], label: 'a PDF', short: 'PDF' },
};

/** Declared MIME types that mean an accepted kind (browsers and OSes disagree on a few). */
const TYPE_ALIASES: Record<string, AcceptedType> = {
  'image/png': 'image/png',
  'image/apng': 'image/png',
  'image/x-png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/gif': 'image/gif',
  'image/webp': 'image/webp',
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
};

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The kind of a file from its first bytes (at least 12; SNIFF_BYTES is enough), or null when it is none we accept. */
export function sniffType(head: Uint8Array): AcceptedType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  // Strictly at the start: readers tolerate junk before "%PDF-", but evidence should not be a polyglot.
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

export function isAcceptedType(type: string): type is AcceptedType {
  return (acceptedTypes as readonly string[]).includes(type);
}

/** The accepted kind a declared MIME type names ("image/jpg; x=y" → image/jpeg), else null. */
export function normalizeType(type: string): AcceptedType | null {
  const t = type.split(';')[0]!.trim().toLowerCase();
  return Object.hasOwn(TYPE_ALIASES, t) ? TYPE_ALIASES[t]! : null;
}

/** The lower-case extension of a file name ("a.b.PNG" → "png"), '' when none. */
export function extensionOf(name: string): string {
  const m = /\.([^./\\]{1,10})$/.exec(name.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/** The accepted kind a file name's extension claims, else null. */
export function typeFromName(name: string): AcceptedType | null {
  const ext = extensionOf(name);
  if (!ext) return null;
  return acceptedTypes.find((t) => KINDS[t].exts.includes(ext)) ?? null;
}

/** The extension a kind is written with in the package ("jpg", "pdf" …). */
export function extensionFor(type: AcceptedType): string {
  return KINDS[type].ext;
}

/** "512 B", "3.4 KB", "200.0 MB", "1.2 GB" (binary multiples, the way platforms mean "5 MB"). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '?';
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < MB) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * MB) return `${(n / MB).toFixed(1)} MB`;
  return `${(n / 1024 / MB).toFixed(1)} GB`;
}

/** A limit as people state it: "20 MB" (whole), else formatBytes. */
function formatLimit(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : formatBytes(bytes);
}

/** The file name as it appears in messages: quoted, control characters escaped, Chinese kept. */
const quote = (name: string) => JSON.stringify(name);

export type AttachmentCheck = { ok: true; type: AcceptedType; warnings: string[] } | { ok: false; errors: string[] };

export interface AttachmentLimits {
  /** Per file. Default MAX_ATTACHMENT_BYTES. */
  maxBytes: number;
}

/**
 * Whether a file may be attached as evidence. `head` is its first bytes (SNIFF_BYTES); it may be
 * empty when the file is already too large (then only the size is judged). The returned `type` is
 * the sniffed one: store it rather than the declared type.
 *
 * Refused: over the limit; empty; content that is not PNG, JPEG, GIF, WebP or PDF (whatever its
 * name says). Accepted with a warning: an accepted kind whose name or declared type says another
 * (a JPEG saved as .png is common and platforms take it; the package names it .jpg).
 */
export function checkAttachment(
  file: { name: string; type: string; size: number },
  head: Uint8Array,
  limits: AttachmentLimits = { maxBytes: MAX_ATTACHMENT_BYTES },
): AttachmentCheck {
  const q = quote(file.name);
  const errors: string[] = [];
  const tooLarge = file.size > limits.maxBytes;
  if (tooLarge) errors.push(`${q}: ${formatBytes(file.size)} is larger than the ${formatLimit(limits.maxBytes)} limit`);
  if (tooLarge && head.length === 0) return { ok: false, errors };
  if (file.size === 0) return { ok: false, errors: [...errors, `${q}: is empty`] };

  const sniffed = sniffType(head);
  const claimed = typeFromName(file.name) ?? normalizeType(file.type);
  if (!sniffed) {
    errors.push(
      claimed
        ? `${q}: is not ${KINDS[claimed].label} (its content is not an image or PDF)`
        : `${q}: is not an image or PDF (accepted: PNG, JPEG, GIF, WebP, PDF)`,
    );
    return { ok: false, errors };
  }
  if (errors.length) return { ok: false, errors };
  const warnings: string[] = [];
  if (claimed && claimed !== sniffed)
    warnings.push(`${q}: is ${KINDS[sniffed].label} although its name says ${KINDS[claimed].short}; it is kept as ${KINDS[sniffed].short}`);
  return { ok: true, type: sniffed, warnings };
}

/** checkAttachment for a File (or a Blob with a name): reads only its first bytes, and nothing when it is too large. */
export async function inspectFile(
  file: Blob & { name: string },
  limits: AttachmentLimits = { maxBytes: MAX_ATTACHMENT_BYTES },
): Promise<AttachmentCheck> {
  const head =
    file.size > limits.maxBytes || file.size === 0 ? new Uint8Array(0) : new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return checkAttachment(file, head, limits);
}

// --- Chinese renderings of the messages above ---------------------------------------------------

const ZH_LABEL: Record<string, string> = {
  'a PNG image': 'PNG 图片',
  'a JPEG image': 'JPEG 图片',
  'a GIF image': 'GIF 图片',
  'a WebP image': 'WebP 图片',
  'a PDF': 'PDF 文件',
};
const zhLabel = (label: string) => ZH_LABEL[label] ?? label;

const ZH_RULES: [RegExp, (...m: string[]) => string][] = [
  [/^(.+) is larger than the (.+) limit$/, (_m, size, limit) => `${size}，超过 ${limit} 的上限`],
  [/^is empty$/, () => '是空文件'],
  [/^is not (a [\w ]+?) \(its content is not an image or PDF\)$/, (_m, label) => `不是 ${zhLabel(label)}（文件内容不是图片或 PDF）`],
  [/^is not an image or PDF \(accepted: PNG, JPEG, GIF, WebP, PDF\)$/, () => '不是图片或 PDF（只接受 PNG、JPEG、GIF、WebP 图片和 PDF）'],
  [
    /^is (a [\w ]+?) although its name says (\w+); it is kept as (\w+)$/,
    (_m, label, said, kept) => `实际是 ${zhLabel(label)}，文件名却是 ${said}；按 ${kept} 保存`,
  ],
];

/** An attachment error or warning in the agent's language (the quoted file name is kept). Unknown phrases stay as they are. */
export function localizeAttachmentError(message: string, locale: Locale): string {
  if (locale !== 'zh-CN') return message;
  const m = /^("(?:[^"\\]|\\.)*"): (.*)$/s.exec(message);
  if (!m) return message;
  const name = m[1]!;
  const rest = m[2]!;
  for (const [re, to] of ZH_RULES) {
    const r = re.exec(rest);
    if (r) return `${name}：${to(...r)}`;
  }
  return message;
}

// --- What the platform will refuse ------------------------------------------------------------

export type PackageMessageKey = keyof typeof packageEn;

export interface PlatformWarning {
  /** The item the warning is about; null for the whole case (one-submission platforms). */
  itemId: string | null;
  /** The attachment a size warning is about (when the input carried an id). */
  attachmentId?: string;
  key: PackageMessageKey;
  params: Record<string, string | number>;
}

export interface AttachmentInfo {
  itemId: string;
  type: string;
  size: number;
  id?: string;
}

export interface PlatformLimit {
  maxFiles?: number;
  maxFileMB?: number;
  submissions?: number;
  note?: string;
}

/**
 * What a platform's upload limit (definitions' uploadLimits) says about these attachments. Each
 * item is one post (Taobao: ≤ 5 images × 5 MB per post), so counts are per item; on a platform
 * with a single submission (Pinduoduo: one chance, 3 images) everything goes in that submission, so
 * the count is over the whole case (itemId null). The limit counts every file, PDFs included.
 * Sizes are compared in binary MB, as formatBytes shows them. No limit: no warnings.
 */
export function platformWarnings(
  attachments: readonly AttachmentInfo[],
  limit: PlatformLimit | undefined,
  platformName?: string,
): PlatformWarning[] {
  if (!limit) return [];
  const named = Boolean(platformName);
  const base: Record<string, string> = named ? { platform: platformName! } : {};
  const warnings: PlatformWarning[] = [];
  const byItem = new Map<string, AttachmentInfo[]>();
  for (const a of attachments) byItem.set(a.itemId, [...(byItem.get(a.itemId) ?? []), a]);

  const oneSubmission = limit.submissions === 1;
  if (limit.maxFiles !== undefined && oneSubmission && attachments.length > limit.maxFiles)
    warnings.push({
      itemId: null,
      key: named ? 'package.warn.tooManyInSubmission' : 'package.warn.tooManyInSubmissionAny',
      params: { ...base, max: limit.maxFiles, count: attachments.length },
    });

  for (const [itemId, list] of byItem) {
    if (limit.maxFiles !== undefined && !oneSubmission && list.length > limit.maxFiles)
      warnings.push({
        itemId,
        key: named ? 'package.warn.tooManyFiles' : 'package.warn.tooManyFilesAny',
        params: { ...base, max: limit.maxFiles, count: list.length },
      });
    if (limit.maxFileMB !== undefined)
      for (const a of list)
        if (a.size > limit.maxFileMB * MB)
          warnings.push({
            itemId,
            ...(a.id !== undefined ? { attachmentId: a.id } : {}),
            key: named ? 'package.warn.fileTooLarge' : 'package.warn.fileTooLargeAny',
            params: { ...base, max: limit.maxFileMB, size: formatBytes(a.size) },
          });
  }
  return warnings;
}

/** A platform warning as text in the agent's language. */
export function formatPlatformWarning(w: PlatformWarning, locale: Locale): string {
  return translator(locale)(w.key, w.params);
}
