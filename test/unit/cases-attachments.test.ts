import { describe, expect, it } from 'vitest';
import {
  checkAttachment,
  formatBytes,
  formatPlatformWarning,
  inspectFile,
  localizeAttachmentError,
  platformWarnings,
  sniffType,
  SNIFF_BYTES,
} from '@/lib/cases/attachments';
import { shippedChecklists, uploadLimitFor } from '@/lib/cases/definitions';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const HEAD = {
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR'),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF', [0, 1, 1, 0, 0, 1]),
  gif87: bytes('GIF87a', [1, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
  gif89: bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
  webp: bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  pdf: bytes('%PDF-1.7\n%âãÏÓ\n'),
  zip: bytes('PK', [3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]),
  html: bytes('<!doctype html><h'),
  exe: bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]),
};
const MB = 1024 * 1024;

describe('sniffType', () => {
  it('recognises each accepted kind by its magic bytes', () => {
    expect(sniffType(HEAD.png)).toBe('image/png');
    expect(sniffType(HEAD.jpeg)).toBe('image/jpeg');
    expect(sniffType(HEAD.gif87)).toBe('image/gif');
    expect(sniffType(HEAD.gif89)).toBe('image/gif');
    expect(sniffType(HEAD.webp)).toBe('image/webp');
    expect(sniffType(HEAD.pdf)).toBe('application/pdf');
    for (const h of Object.values(HEAD)) expect(h.length).toBeLessThanOrEqual(SNIFF_BYTES + 2);
  });

  it('recognises nothing else, and nothing from too few bytes', () => {
    expect(sniffType(HEAD.zip)).toBeNull();
    expect(sniffType(HEAD.html)).toBeNull();
    expect(sniffType(HEAD.exe)).toBeNull();
    expect(sniffType(new Uint8Array(0))).toBeNull();
    expect(sniffType(HEAD.png.subarray(0, 7))).toBeNull();
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull(); // a WAV file is RIFF too
    expect(sniffType(bytes(' %PDF-1.4'))).toBeNull(); // strictly at the start
  });
});

describe('checkAttachment', () => {
  it('accepts each kind and returns the sniffed type', () => {
    expect(checkAttachment({ name: '聊天记录.png', type: 'image/png', size: 1000 }, HEAD.png)).toEqual({
      ok: true,
      type: 'image/png',
      warnings: [],
    });
    expect(checkAttachment({ name: 'IMG_0001.JPG', type: 'image/jpeg', size: 1000 }, HEAD.jpeg)).toEqual({
      ok: true,
      type: 'image/jpeg',
      warnings: [],
    });
    expect(checkAttachment({ name: 'a.gif', type: '', size: 1000 }, HEAD.gif89)).toMatchObject({ ok: true, type: 'image/gif' });
    expect(checkAttachment({ name: 'a.webp', type: 'image/webp', size: 1000 }, HEAD.webp)).toMatchObject({ ok: true, type: 'image/webp' });
    expect(checkAttachment({ name: '质检报告.pdf', type: 'application/pdf', size: 1000 }, HEAD.pdf)).toEqual({
      ok: true,
      type: 'application/pdf',
      warnings: [],
    });
    // No extension and no declared type: the content decides.
    expect(checkAttachment({ name: 'capture', type: '', size: 1000 }, HEAD.png)).toEqual({ ok: true, type: 'image/png', warnings: [] });
  });

  it('refuses a non-image renamed .png, naming the file', () => {
    const r = checkAttachment({ name: 'fake.png', type: 'image/png', size: 2048 }, HEAD.zip);
    expect(r).toEqual({ ok: false, errors: ['"fake.png": is not a PNG image (its content is not an image or PDF)'] });
    expect(checkAttachment({ name: 'invoice.pdf', type: 'application/pdf', size: 2048 }, HEAD.html)).toEqual({
      ok: false,
      errors: ['"invoice.pdf": is not a PDF (its content is not an image or PDF)'],
    });
    // The declared type is the claim when the name has no known extension.
    expect(checkAttachment({ name: 'blob', type: 'image/jpeg', size: 10 }, HEAD.exe)).toEqual({
      ok: false,
      errors: ['"blob": is not a JPEG image (its content is not an image or PDF)'],
    });
  });

  it('refuses unknown kinds', () => {
    expect(
      checkAttachment(
        { name: 'report.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 5000 },
        HEAD.zip,
      ),
    ).toEqual({
      ok: false,
      errors: ['"report.docx": is not an image or PDF (accepted: PNG, JPEG, GIF, WebP, PDF)'],
    });
    expect(checkAttachment({ name: 'IMG_1.HEIC', type: 'image/heic', size: 5000 }, bytes([0, 0, 0, 0x18], 'ftypheic')).ok).toBe(false);
    expect(checkAttachment({ name: 'empty.png', type: 'image/png', size: 0 }, new Uint8Array(0))).toEqual({
      ok: false,
      errors: ['"empty.png": is empty'],
    });
  });

  it('refuses a 200 MB file on its size alone, naming the file and the limit', () => {
    const big = { name: 'scan.png', type: 'image/png', size: 200 * MB };
    expect(checkAttachment(big, new Uint8Array(0))).toEqual({ ok: false, errors: ['"scan.png": 200.0 MB is larger than the 20 MB limit'] });
    expect(checkAttachment(big, HEAD.png)).toEqual({ ok: false, errors: ['"scan.png": 200.0 MB is larger than the 20 MB limit'] });
    expect(checkAttachment({ ...big, size: 20 * MB }, HEAD.png).ok).toBe(true);
    expect(checkAttachment({ ...big, size: 6 * MB }, HEAD.png, { maxBytes: 5 * MB })).toEqual({
      ok: false,
      errors: ['"scan.png": 6.0 MB is larger than the 5 MB limit'],
    });
  });

  it('inspectFile reads only the first bytes, and none of a file over the limit', async () => {
    let sliced: [number?, number?] | null = null;
    const file = {
      name: 'scan.png',
      type: 'image/png',
      size: 200 * MB,
      slice(start?: number, end?: number) {
        sliced = [start, end];
        return new Blob([HEAD.png]);
      },
    } as unknown as Blob & { name: string };
    expect(await inspectFile(file)).toEqual({ ok: false, errors: ['"scan.png": 200.0 MB is larger than the 20 MB limit'] });
    expect(sliced).toBeNull();
    const small = Object.assign(new Blob([HEAD.jpeg, new Uint8Array(1000)]), { name: 'photo.jpeg' });
    expect(await inspectFile(small)).toEqual({ ok: true, type: 'image/jpeg', warnings: [] });
  });

  it('accepts an image whose name says another kind, with a warning', () => {
    const r = checkAttachment({ name: 'photo.png', type: 'image/png', size: 3000 }, HEAD.jpeg);
    expect(r).toEqual({
      ok: true,
      type: 'image/jpeg',
      warnings: ['"photo.png": is a JPEG image although its name says PNG; it is kept as JPEG'],
    });
  });

  it('quotes odd file names so a message stays one line', () => {
    const r = checkAttachment({ name: 'a"b\nc.png', type: 'image/png', size: 10 }, HEAD.zip);
    expect(r).toEqual({ ok: false, errors: ['"a\\"b\\nc.png": is not a PNG image (its content is not an image or PDF)'] });
  });
});

describe('localizeAttachmentError', () => {
  it('renders every message in Chinese, keeping the file name', () => {
    const zh = (m: string) => localizeAttachmentError(m, 'zh-CN');
    expect(zh('"scan.png": 200.0 MB is larger than the 20 MB limit')).toBe('"scan.png"：200.0 MB，超过 20 MB 的上限');
    expect(zh('"fake.png": is not a PNG image (its content is not an image or PDF)')).toBe(
      '"fake.png"：不是 PNG 图片（文件内容不是图片或 PDF）',
    );
    expect(zh('"发票.pdf": is not a PDF (its content is not an image or PDF)')).toBe('"发票.pdf"：不是 PDF 文件（文件内容不是图片或 PDF）');
    expect(zh('"report.docx": is not an image or PDF (accepted: PNG, JPEG, GIF, WebP, PDF)')).toBe(
      '"report.docx"：不是图片或 PDF（只接受 PNG、JPEG、GIF、WebP 图片和 PDF）',
    );
    expect(zh('"empty.png": is empty')).toBe('"empty.png"：是空文件');
    expect(zh('"photo.png": is a JPEG image although its name says PNG; it is kept as JPEG')).toBe(
      '"photo.png"：实际是 JPEG 图片，文件名却是 PNG；按 JPEG 保存',
    );
    // A name that itself contains '": ' does not confuse it.
    expect(zh('"a\\": b.png": is empty')).toBe('"a\\": b.png"：是空文件');
    expect(localizeAttachmentError('"x.png": is empty', 'en')).toBe('"x.png": is empty');
    expect(zh('something else')).toBe('something else');
  });
});

describe('platformWarnings', () => {
  const defs = shippedChecklists('zh-CN');
  const taobao = uploadLimitFor(defs, 'taobao');
  const pdd = uploadLimitFor(defs, 'pinduoduo');
  const img = (itemId: string, size = 1 * MB, id?: string) => ({ itemId, type: 'image/png', size, ...(id ? { id } : {}) });

  it('Taobao: at most 5 images per post (per item), each at most 5 MB', () => {
    expect(taobao).toMatchObject({ maxFiles: 5, maxFileMB: 5 });
    const list = [...Array.from({ length: 7 }, () => img('chat')), img('invoice', 6 * MB, 'a1'), img('invoice', 5 * MB)];
    const w = platformWarnings(list, taobao, '淘宝/天猫');
    expect(w).toEqual([
      { itemId: 'chat', key: 'package.warn.tooManyFiles', params: { platform: '淘宝/天猫', max: 5, count: 7 } },
      {
        itemId: 'invoice',
        attachmentId: 'a1',
        key: 'package.warn.fileTooLarge',
        params: { platform: '淘宝/天猫', max: 5, size: '6.0 MB' },
      },
    ]);
    expect(formatPlatformWarning(w[0]!, 'en')).toBe('5 images is the most one post takes on 淘宝/天猫 (this item has 7)');
    expect(formatPlatformWarning(w[0]!, 'zh-CN')).toBe('淘宝/天猫每次留言最多 5 张图片（这一项有 7 个文件）');
    expect(formatPlatformWarning(w[1]!, 'en')).toBe('File over 5 MB (6.0 MB): 淘宝/天猫 will refuse it');
    // Five per item is fine, however many items.
    expect(
      platformWarnings([...Array.from({ length: 5 }, () => img('a')), ...Array.from({ length: 5 }, () => img('b'))], taobao, '淘宝'),
    ).toEqual([]);
  });

  it('without a platform name the wording is generic', () => {
    const w = platformWarnings([img('x', 8 * MB)], { maxFileMB: 5, note: 'n' });
    expect(w).toEqual([{ itemId: 'x', key: 'package.warn.fileTooLargeAny', params: { max: 5, size: '8.0 MB' } }]);
    expect(formatPlatformWarning(w[0]!, 'en')).toBe('File over 5 MB (8.0 MB): the platform will refuse it');
  });

  it('Pinduoduo: 3 images in its one submission, counted over the whole case', () => {
    expect(pdd).toMatchObject({ maxFiles: 3, submissions: 1 });
    expect(platformWarnings([img('a'), img('b'), img('b')], pdd, '拼多多')).toEqual([]);
    const w = platformWarnings([img('a'), img('a'), img('b'), img('b')], pdd, '拼多多');
    expect(w).toEqual([{ itemId: null, key: 'package.warn.tooManyInSubmission', params: { platform: '拼多多', max: 3, count: 4 } }]);
    expect(formatPlatformWarning(w[0]!, 'zh-CN')).toBe('拼多多只有一次举证机会，最多 3 张图片（这个案件有 4 个文件）');
    // No size limit is known for Pinduoduo.
    expect(platformWarnings([img('a', 50 * MB)], pdd, '拼多多')).toEqual([]);
  });

  it('no limit, or a limit with a note only: no warnings', () => {
    expect(platformWarnings([img('a', 19 * MB)], undefined)).toEqual([]);
    expect(
      platformWarnings(
        Array.from({ length: 20 }, () => img('a', 19 * MB)),
        uploadLimitFor(defs, 'douyin'),
        '抖音',
      ),
    ).toEqual([]);
  });
});

describe('formatBytes', () => {
  it('uses binary multiples with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * MB)).toBe('5.0 MB');
    expect(formatBytes(200 * MB)).toBe('200.0 MB');
    expect(formatBytes(3 * 1024 * MB)).toBe('3.0 GB');
    expect(formatBytes(-1)).toBe('?');
  });
});
