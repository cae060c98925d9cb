import { zipSync, type Zippable } from 'fflate';
import type { AttachmentRecord, CaseRecord } from './record';
import { translator, type Locale } from '@/lib/i18n';
import { extensionFor, extensionOf, normalizeType, sniffType, SNIFF_BYTES, type AcceptedType } from './attachments';
import { formatLocalTime, isoLocal, zoned } from '@/lib/time';
import { formatTimeLeft, progress, timeLeft } from './deadlines';
import type { CaseType } from './schema';

// The evidence package: one zip the agent hands to the platform (or keeps), built in memory.
//
//   summary.txt                     the case in the agent's language (UTF-8 with BOM, CRLF: Notepad)
//   case.json                       the same as data (deskmate/evidence-package v1)
//   01-<item title>/01-<item title>-1.png
//   03-<item title>/03-<item title>-1.pdf …
//
// One folder per checklist item that has files; NN is the item's place in the checklist. Files are
// the bytes as attached (stored, level 0: images and PDFs are compressed already, and evidence must
// not be re-encoded); the text files are deflated. Nothing here is HTML; the agent's notes are
// plain text and are written as they are (line ends made CRLF, continuation lines indented).

export const PACKAGE_FORMAT = 'deskmate/evidence-package';
export const PACKAGE_VERSION = 1;
/** Longest item title kept in a folder or file name, in characters (paths stay well under Windows' 260). */
export const MAX_NAME_CHARS = 50;

// --- Names ---------------------------------------------------------------------------------------

/** Characters no file name may hold on Windows or macOS, controls, and bidi/zero-width marks (name spoofing). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A string made safe as one path segment on Windows, macOS and Linux: forbidden characters become
 * "_", whitespace runs one space, no leading/trailing dots or spaces, at most `max` characters
 * (code points, so Chinese and emoji are never cut in half), never a reserved device name, never
 * empty (`fallback`). Chinese and other letters are kept.
 */
export function safeFileName(text: string, max = MAX_NAME_CHARS, fallback = 'item'): string {
  let s = text.normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  s = [...s].slice(0, max).join('');
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!s) return fallback;
  return RESERVED.test(s) ? `_${s}` : s;
}

// --- Time ----------------------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Zip entries carry DOS times (1980–2099, local); keep any instant inside that range. */
function dosTime(ms: number): number {
  const min = new Date(1980, 0, 2).getTime();
  const max = new Date(2099, 11, 30).getTime();
  return Number.isFinite(ms) ? Math.min(max, Math.max(min, ms)) : min;
}

// --- Layout --------------------------------------------------------------------------------------

export interface PackageFile {
  attachment: AttachmentRecord;
  /** File name inside the folder, e.g. "01-买家聊天记录-1.png". */
  name: string;
  /** Path inside the zip, "/"-separated. */
  path: string;
  /** The sniffed type, else the declared one. */
  type: string;
}

export interface PackageItem {
  itemId: string;
  /** 1-based place in the checklist (items no longer in it follow the checklist). */
  order: number;
  title: string;
  required: boolean;
  /** False for an item the case or an attachment names but the checklist no longer has. */
  inChecklist: boolean;
  done: boolean;
  note: string;
  doneAt: number;
  /** The item's folder, or null when it has no files. */
  folder: string | null;
  files: PackageFile[];
}

function fileExtension(a: Pick<AttachmentRecord, 'name' | 'type'>, detected: AcceptedType | null): string {
  const known = detected ?? normalizeType(a.type);
  if (known) return extensionFor(known);
  const ext = extensionOf(a.name);
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
}

/**
 * Where everything goes, without reading any file: every checklist item in order (then any item
 * the case or its attachments name that the checklist no longer has), each with its files ordered
 * by capture time. `detected` gives sniffed types by attachment id (buildEvidencePackage passes
 * them); without it the declared types name the extensions.
 */
export function packageLayout(
  caseRecord: CaseRecord,
  caseType: CaseType,
  attachments: readonly AttachmentRecord[],
  detected: ReadonlyMap<string, AcceptedType | null> = new Map(),
): PackageItem[] {
  const states = new Map(caseRecord.items.map((s) => [s.itemId, s]));
  const listed = caseType.items.map((i) => ({ itemId: i.id, title: i.title, required: i.required, inChecklist: true }));
  const known = new Set(listed.map((i) => i.itemId));
  for (const id of [...caseRecord.items.map((s) => s.itemId), ...attachments.map((a) => a.itemId)])
    if (!known.has(id)) {
      known.add(id);
      listed.push({ itemId: id, title: id, required: false, inChecklist: false });
    }
  const width = Math.max(2, String(listed.length).length);
  return listed.map((item, i) => {
    const order = i + 1;
    const state = states.get(item.itemId);
    const base = `${pad(order, width)}-${safeFileName(item.title)}`;
    const mine = attachments
      .filter((a) => a.itemId === item.itemId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const files = mine.map((a, k): PackageFile => {
      const d = detected.get(a.id) ?? null;
      const name = `${base}-${k + 1}.${fileExtension(a, d)}`;
      return { attachment: a, name, path: `${base}/${name}`, type: d ?? normalizeType(a.type) ?? a.type };
    });
    return {
      ...item,
      order,
      done: state?.done === 1,
      note: state?.note ?? '',
      doneAt: state?.doneAt ?? 0,
      folder: files.length ? base : null,
      files,
    };
  });
}

/** "evidence-<orderNo>-<caseType>-<YYYYMMDD>.zip", the date being the export's (local). */
export function packageFileName(
  caseRecord: Pick<CaseRecord, 'orderNo' | 'disputeType'>,
  now: number = Date.now(),
  timeZone?: string,
): string {
  const part = (s: string, fallback: string) =>
    s
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 64) || fallback;
  const z = zoned(now, timeZone);
  return `evidence-${part(caseRecord.orderNo, 'order')}-${part(caseRecord.disputeType, 'case')}-${z.year}${pad(z.month)}${pad(z.day)}.zip`;
}

// --- Contents ------------------------------------------------------------------------------------

export interface EvidencePackageInput {
  caseRecord: CaseRecord;
  /** The case's type from the definitions in the agent's language (titles are written as they are). */
  caseType: CaseType;
  platformName: string;
  attachments: readonly AttachmentRecord[];
  locale: Locale;
  now: number;
  /** IANA zone for the times written; default the machine's. */
  timeZone?: string;
}

export interface PackageFileJson {
  name: string;
  path: string;
  originalName: string;
  type: string;
  size: number;
  sha256?: string;
  capturedAt: string;
  sourceUrl: string;
}

/** A PackageItem in case.json: its id, its time as local ISO text, and its files. */
export type PackageItemJson = Omit<PackageItem, 'itemId' | 'doneAt' | 'folder' | 'files'> & {
  id: string;
  doneAt: string | null;
  files: PackageFileJson[];
};

export interface EvidencePackageJson {
  format: typeof PACKAGE_FORMAT;
  version: typeof PACKAGE_VERSION;
  exportedAt: string;
  locale: Locale;
  platform: { id: string; name: string };
  caseType: { id: string; title: string; kind: string };
  /** The stored record as it is (times in epoch ms), without binary fields. */
  case: Record<string, unknown>;
  items: PackageItemJson[];
}

/** Columns a label takes in a monospace font: East Asian wide and full-width characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Line ends made CRLF; every line after the first indented by `indent`. */
function block(text: string, indent: string): string {
  return text
    .replace(/\r\n?|\n/g, '\n')
    .split('\n')
    .join(`\r\n${indent}`);
}

function summaryText(input: EvidencePackageInput, items: PackageItem[]): string {
  const { caseRecord: c, caseType, platformName, locale, now, timeZone } = input;
  const t = translator(locale);
  const one = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const when = (ms: number) => (ms > 0 ? formatLocalTime(ms, timeZone) : t('package.summary.notSet'));
  const lines: string[] = [t('package.summary.title'), ''];
  lines.push(t('package.summary.orderNo', { value: one(c.orderNo) }));
  lines.push(t('package.summary.caseType', { value: one(caseType.title) }));
  lines.push(t('package.summary.platform', { value: one(platformName) }));
  // Where the start came from ("平台介入时间，页面读取"), for cases that recorded it.
  const event = t(`caseStart.event.${c.startEvent ?? 'manual'}`);
  const source =
    c.startedAt > 0 && c.startSource ? ` · ${t(c.startSource === 'page' ? 'caseStart.fromPage' : 'caseStart.byAgent', { event })}` : '';
  lines.push(t('package.summary.startedAt', { value: when(c.startedAt) + source }));
  let deadline = when(c.deadlineAt);
  if (c.deadlineAt > 0 && c.status === 'open') deadline += ` · ${formatTimeLeft(timeLeft(c.deadlineAt, now), locale)}`;
  lines.push(t('package.summary.deadlineAt', { value: deadline }));
  lines.push(
    t('package.summary.status', {
      value: c.status === 'closed' ? t('package.summary.closed', { time: when(c.closedAt) }) : t('cases.open'),
    }),
  );
  if (c.outcome) lines.push(t('package.summary.outcome', { value: t(`cases.outcome.${c.outcome}`) }));
  const p = progress(caseType.items, Object.fromEntries(items.map((i) => [i.itemId, i.done])));
  lines.push(
    t('package.summary.progress', {
      value: t('cases.progress', { done: p.done, total: p.total, requiredDone: p.requiredDone, requiredTotal: p.requiredTotal }),
    }),
  );
  lines.push('', t('package.summary.items'), t('package.summary.legend'));

  const indent = '    ';
  const width = Math.max(2, String(items.length).length);
  for (const item of items) {
    const mark = item.done ? '✔' : item.required ? '✘' : '—';
    const flag = t(item.required ? 'cases.item.required' : 'cases.item.optional');
    const extra = item.inChecklist ? '' : ` ${t('package.summary.notInChecklist', { id: item.itemId })}`;
    lines.push('', `${mark} ${pad(item.order, width)} ${one(item.title)} [${flag}]${extra}`);
    if (item.done) lines.push(indent + t('package.summary.doneAt', { value: when(item.doneAt) }));
    if (item.note.trim()) {
      const label = t('package.summary.note', { value: '' });
      lines.push(indent + label + block(item.note, indent + ' '.repeat(displayWidth(label))));
    }
    if (item.files.length) {
      const label = t('package.summary.files', { value: '' });
      lines.push(indent + label + item.files.map((f) => f.path).join(`\r\n${indent}${' '.repeat(displayWidth(label))}`));
    } else lines.push(indent + t('package.summary.noFiles'));
  }
  lines.push('', t('package.summary.exportedAt', { value: formatLocalTime(now, timeZone) }), t('package.summary.originals'), '');
  return `\ufeff${lines.join('\r\n')}`;
}

async function sha256(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  try {
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined;
  }
}

function withoutBinary(record: CaseRecord): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => !(v instanceof Blob) && !(v instanceof ArrayBuffer) && !ArrayBuffer.isView(v)),
  );
}

/**
 * Builds the evidence package of a case as zip bytes. Reads every attachment's blob once; the
 * extension of each file comes from its bytes (sniffType), else its declared type. Throws only if
 * a blob cannot be read.
 */
export async function buildEvidencePackage(input: EvidencePackageInput): Promise<Uint8Array> {
  const { caseRecord, caseType, platformName, attachments, locale, now, timeZone } = input;
  const bytes = new Map<string, Uint8Array>();
  const detected = new Map<string, AcceptedType | null>();
  const hashes = new Map<string, string | undefined>();
  for (const a of attachments) {
    const b = new Uint8Array(await a.blob.arrayBuffer());
    bytes.set(a.id, b);
    detected.set(a.id, sniffType(b.subarray(0, SNIFF_BYTES)));
    hashes.set(a.id, await sha256(b));
  }
  const items = packageLayout(caseRecord, caseType, attachments, detected);

  const json: EvidencePackageJson = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    exportedAt: isoLocal(now, timeZone),
    locale,
    platform: { id: caseRecord.platform, name: platformName },
    caseType: { id: caseType.id, title: caseType.title, kind: caseType.kind },
    case: withoutBinary(caseRecord),
    items: items.map((i) => ({
      id: i.itemId,
      order: i.order,
      title: i.title,
      required: i.required,
      inChecklist: i.inChecklist,
      done: i.done,
      note: i.note,
      doneAt: i.done && i.doneAt > 0 ? isoLocal(i.doneAt, timeZone) : null,
      files: i.files.map((f) => {
        const hash = hashes.get(f.attachment.id);
        return {
          name: f.name,
          path: f.path,
          originalName: f.attachment.name,
          type: f.type,
          size: bytes.get(f.attachment.id)!.length,
          ...(hash ? { sha256: hash } : {}),
          capturedAt: isoLocal(f.attachment.createdAt, timeZone),
          sourceUrl: f.attachment.sourceUrl,
        };
      }),
    })),
  };

  const encoder = new TextEncoder();
  const textOptions = { level: 6 as const, mtime: dosTime(now) };
  const zippable: Zippable = {
    'summary.txt': [encoder.encode(summaryText(input, items)), textOptions],
    'case.json': [encoder.encode(`${JSON.stringify(json, null, 2)}\n`), textOptions],
  };
  for (const item of items)
    for (const f of item.files) zippable[f.path] = [bytes.get(f.attachment.id)!, { level: 0, mtime: dosTime(f.attachment.createdAt) }];
  return zipSync(zippable);
}
