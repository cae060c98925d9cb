import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { caseTypeById, shippedChecklists } from '@/lib/cases/definitions';
import { formatLocalTime, isoLocal, isoLocalMs } from '@/lib/time';
import { buildEvidencePackage, packageFileName, packageLayout, safeFileName, type EvidencePackageJson } from '@/lib/cases/package';
import type { CaseType } from '@/lib/cases/schema';
import type { AttachmentRecord, CaseRecord } from '@/lib/db/records';

const TZ = 'Asia/Shanghai';
// 2025-03-01 10:00 in Shanghai (UTC+8).
const T0 = Date.UTC(2025, 2, 1, 2, 0);
const HOUR = 3_600_000;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
function image(magic: number[], n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  b.set(magic);
  return b;
}
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');

const caseType: CaseType = {
  id: 'quality',
  title: '质量问题',
  kind: 'dispute',
  description: '买家说收到的商品有质量问题。',
  deadlineRule: 'evidence-after-intervention',
  items: [
    { id: 'chat', title: '买家聊天记录', guidance: '完整截图', required: true },
    { id: 'invoice', title: '进货发票: 原件/复印件? <盖章>', guidance: '原始票据', required: false, accepts: ['image', 'pdf'] },
    { id: 'report', title: '第三方质检报告', guidance: '指定机构', required: true },
    { id: 'batch', title: '批次', guidance: '批次号', required: false },
  ],
};

const caseRecord: CaseRecord = {
  id: 'case-1',
  orderNo: '3141592653589',
  disputeType: 'quality',
  platform: 'taobao',
  siteId: 'taobao-qianniu',
  status: 'open',
  startedAt: T0,
  deadlineAt: T0 + 48 * HOUR,
  items: [
    { itemId: 'chat', done: 1, note: '买家 3 月 1 日说“不要了”\n见第 2 张截图', doneAt: T0 + 2 * HOUR },
    { itemId: 'invoice', done: 1, note: '', doneAt: T0 + 3 * HOUR },
    { itemId: 'report', done: 0, note: '=HYPERLINK("x") 原样保留', doneAt: 0 },
    { itemId: 'batch', done: 0, note: '', doneAt: 0 },
  ],
  createdAt: T0,
  updatedAt: T0 + 3 * HOUR,
  closedAt: 0,
};

const chat1 = image(PNG, 4000, 1);
const chat2 = image(JPEG, 3000, 2);
const attachments: AttachmentRecord[] = [
  // Out of order on purpose: files are numbered by capture time.
  {
    id: 'a2',
    caseId: 'case-1',
    itemId: 'chat',
    name: '截图2.png',
    type: 'image/png',
    size: chat2.length,
    sourceUrl: 'https://example.test/chat',
    createdAt: T0 + 2 * HOUR,
    blob: new Blob([chat2 as BlobPart], { type: 'image/png' }),
  },
  {
    id: 'a1',
    caseId: 'case-1',
    itemId: 'chat',
    name: '截图1.png',
    type: 'image/png',
    size: chat1.length,
    sourceUrl: 'https://example.test/chat',
    createdAt: T0 + HOUR,
    blob: new Blob([chat1 as BlobPart], { type: 'image/png' }),
  },
  {
    id: 'a3',
    caseId: 'case-1',
    itemId: 'invoice',
    name: 'invoice.pdf',
    type: 'application/pdf',
    size: PDF.length,
    sourceUrl: '',
    createdAt: T0 + 3 * HOUR,
    blob: new Blob([PDF as BlobPart], { type: 'application/pdf' }),
  },
];

const build = (locale: 'zh-CN' | 'en' = 'zh-CN', over: Partial<CaseRecord> = {}) =>
  buildEvidencePackage({
    caseRecord: { ...caseRecord, ...over },
    caseType,
    platformName: '淘宝/天猫',
    attachments,
    locale,
    now: T0 + 4 * HOUR,
    timeZone: TZ,
  });

const INVOICE = '02-进货发票_ 原件_复印件_ _盖章_';

describe('buildEvidencePackage', () => {
  it('has one folder per item with files, named by item order and title, and the two text files', async () => {
    const files = unzipSync(await build());
    expect(Object.keys(files)).toEqual([
      'summary.txt',
      'case.json',
      '01-买家聊天记录/01-买家聊天记录-1.png',
      '01-买家聊天记录/01-买家聊天记录-2.jpg', // the bytes are JPEG although it was named .png
      `${INVOICE}/${INVOICE}-1.pdf`,
    ]);
  });

  it('keeps the files byte-identical and stored without recompression', async () => {
    const zip = await build();
    const files = unzipSync(zip);
    expect(files['01-买家聊天记录/01-买家聊天记录-1.png']).toEqual(chat1);
    expect(files['01-买家聊天记录/01-买家聊天记录-2.jpg']).toEqual(chat2);
    expect(files[`${INVOICE}/${INVOICE}-1.pdf`]).toEqual(PDF);
    const raw = Buffer.from(zip);
    expect(raw.indexOf(Buffer.from(chat1))).toBeGreaterThan(0); // stored (method 0): the bytes appear as they are
    expect(raw.indexOf(Buffer.from(PDF))).toBeGreaterThan(0);
    expect(raw.indexOf(Buffer.from(files['case.json']!))).toBe(-1); // text is deflated
  });

  it('writes summary.txt in the agent language, UTF-8 with BOM and CRLF', async () => {
    const raw = unzipSync(await build())['summary.txt']!;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw).slice(1);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines).toEqual([
      '凭证包',
      '',
      '订单号：3141592653589',
      '类型：质量问题',
      '平台：淘宝/天猫',
      '开始时间：2025-03-01 10:00 (UTC+08:00)',
      '截止时间：2025-03-03 10:00 (UTC+08:00) · 剩余1天20小时',
      '状态：处理中',
      '进度：已完成 2/4 · 必需 1/2',
      '',
      '凭证清单',
      '✔ 已完成   ✘ 必需，未完成   — 可选，未完成',
      '',
      '✔ 01 买家聊天记录 [必需]',
      '    完成时间：2025-03-01 12:00 (UTC+08:00)',
      '    备注：买家 3 月 1 日说“不要了”',
      '          见第 2 张截图',
      '    文件：01-买家聊天记录/01-买家聊天记录-1.png',
      '          01-买家聊天记录/01-买家聊天记录-2.jpg',
      '',
      '✔ 02 进货发票: 原件/复印件? <盖章> [可选]',
      '    完成时间：2025-03-01 13:00 (UTC+08:00)',
      `    文件：${INVOICE}/${INVOICE}-1.pdf`,
      '',
      '✘ 03 第三方质检报告 [必需]',
      '    备注：=HYPERLINK("x") 原样保留',
      '    文件：无',
      '',
      '— 04 批次 [可选]',
      '    文件：无',
      '',
      '导出时间：2025-03-01 14:00 (UTC+08:00)',
      '文件均为添加时的原件，未经压缩或重新编码；case.json 中列出了每个文件的 SHA-256。',
      '',
    ]);
  });

  it('writes the summary in English for an English-speaking agent, with the outcome of a closed case', async () => {
    const text = strFromU8(unzipSync(await build('en', { status: 'closed', outcome: 'won', closedAt: T0 + 30 * HOUR }))['summary.txt']!);
    expect(text).toContain('Order number: 3141592653589\r\n');
    expect(text).toContain('Deadline: 2025-03-03 10:00 (UTC+08:00)\r\n'); // no time left on a closed case
    expect(text).toContain('Status: Closed 2025-03-02 16:00 (UTC+08:00)\r\nOutcome: Won\r\n');
    expect(text).toContain('✘ 03 第三方质检报告 [Required]\r\n');
    expect(text).toContain('    Files: 01-买家聊天记录/01-买家聊天记录-1.png\r\n           01-买家聊天记录/01-买家聊天记录-2.jpg\r\n');
  });

  it('says where the start came from when the case recorded it', async () => {
    const zh = strFromU8(unzipSync(await build('zh-CN', { startSource: 'page', startEvent: 'platformIntervened' }))['summary.txt']!);
    expect(zh).toMatch(/开始时间：2025-03-\d\d \d\d:\d\d \(UTC\+08:00\) · 平台介入时间，页面读取\r\n/);
    const en = strFromU8(unzipSync(await build('en', { startSource: 'agent', startEvent: 'platformIntervened' }))['summary.txt']!);
    expect(en).toContain(' · Platform intervention time, entered by you\r\n');
  });

  it('writes case.json with the record, every item and every file', async () => {
    const json = JSON.parse(strFromU8(unzipSync(await build())['case.json']!)) as EvidencePackageJson;
    expect(json).toMatchObject({
      format: 'deskmate/evidence-package',
      version: 1,
      exportedAt: '2025-03-01T14:00:00+08:00',
      locale: 'zh-CN',
      platform: { id: 'taobao', name: '淘宝/天猫' },
      caseType: { id: 'quality', title: '质量问题', kind: 'dispute' },
    });
    expect(json.case).toEqual(JSON.parse(JSON.stringify(caseRecord)));
    expect(json.items.map((i) => [i.id, i.required, i.done, i.doneAt, i.files.length])).toEqual([
      ['chat', true, true, '2025-03-01T12:00:00+08:00', 2],
      ['invoice', false, true, '2025-03-01T13:00:00+08:00', 1],
      ['report', true, false, null, 0],
      ['batch', false, false, null, 0],
    ]);
    expect(json.items[0]!.note).toBe('买家 3 月 1 日说“不要了”\n见第 2 张截图');
    expect(json.items[0]!.files[1]).toEqual({
      name: '01-买家聊天记录-2.jpg',
      path: '01-买家聊天记录/01-买家聊天记录-2.jpg',
      originalName: '截图2.png',
      type: 'image/jpeg',
      size: 3000,
      sha256: Buffer.from(await crypto.subtle.digest('SHA-256', chat2 as Uint8Array<ArrayBuffer>)).toString('hex'),
      capturedAt: '2025-03-01T12:00:00+08:00',
      sourceUrl: 'https://example.test/chat',
    });
    expect(json.items[1]!.files[0]).toMatchObject({ name: `${INVOICE}-1.pdf`, type: 'application/pdf', size: PDF.length });
  });

  it('keeps files of an item the checklist no longer has, after the checklist items', async () => {
    const stray: AttachmentRecord = { ...attachments[1]!, id: 'a9', itemId: 'old-item' };
    const files = unzipSync(
      await buildEvidencePackage({
        caseRecord,
        caseType,
        platformName: '淘宝/天猫',
        attachments: [...attachments, stray],
        locale: 'zh-CN',
        now: T0,
        timeZone: TZ,
      }),
    );
    expect(files['05-old-item/05-old-item-1.png']).toEqual(chat1);
    expect(strFromU8(files['summary.txt']!)).toContain('— 05 old-item [可选] （已不在清单中：old-item）');
  });

  it('builds a package for a shipped case type with no attachments', async () => {
    const type = caseTypeById(shippedChecklists('zh-CN'), 'late-shipment')!;
    const record: CaseRecord = {
      ...caseRecord,
      disputeType: type.id,
      items: type.items.map((i) => ({ itemId: i.id, done: 0, note: '', doneAt: 0 })),
      deadlineAt: 0,
    };
    const files = unzipSync(
      await buildEvidencePackage({
        caseRecord: record,
        caseType: type,
        platformName: '拼多多',
        attachments: [],
        locale: 'zh-CN',
        now: T0,
        timeZone: TZ,
      }),
    );
    expect(Object.keys(files)).toEqual(['summary.txt', 'case.json']);
    expect(strFromU8(files['summary.txt']!)).toContain('截止时间：未设置\r\n');
    expect(strFromU8(files['summary.txt']!)).toContain('✘ 01 买家 72 小时内取消的凭证 [必需]\r\n');
  });
});

describe('names', () => {
  it('replaces characters unsafe on Windows or macOS and keeps Chinese', () => {
    expect(safeFileName('进货发票: 原件/复印件? <盖章>')).toBe('进货发票_ 原件_复印件_ _盖章_');
    expect(safeFileName('a\\b|c*d"e\tf\u0000g')).toBe('a_b_c_d_e_f_g');
    expect(safeFileName('  ..hidden.  ')).toBe('hidden');
    expect(safeFileName('报告\u202egpj.exe')).toBe('报告_gpj.exe'); // no right-to-left override spoofing
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('...')).toBe('item');
    expect(safeFileName('长'.repeat(80))).toBe('长'.repeat(50));
    expect([...safeFileName('😀'.repeat(60))].length).toBe(50); // never cut inside a surrogate pair
  });

  it('lays out without reading files', () => {
    const layout = packageLayout(caseRecord, caseType, attachments);
    expect(layout.map((i) => i.folder)).toEqual(['01-买家聊天记录', INVOICE, null, null]);
    expect(layout[0]!.files.map((f) => f.name)).toEqual(['01-买家聊天记录-1.png', '01-买家聊天记录-2.png']); // declared type without the bytes
  });

  it('names the package after order, case type and export date', () => {
    expect(packageFileName(caseRecord, T0, TZ)).toBe('evidence-3141592653589-quality-20250301.zip');
    // 2025-03-01 20:00 UTC is already 2 March in Shanghai.
    expect(packageFileName(caseRecord, Date.UTC(2025, 2, 1, 20), TZ)).toBe('evidence-3141592653589-quality-20250302.zip');
    expect(packageFileName({ orderNo: '订单 12/34', disputeType: 'late-shipment' }, T0, TZ)).toBe(
      'evidence-12_34-late-shipment-20250301.zip',
    );
    expect(packageFileName({ orderNo: '', disputeType: '' }, T0, TZ)).toBe('evidence-order-case-20250301.zip');
  });

  it('formats local times with their offset', () => {
    expect(formatLocalTime(T0, TZ)).toBe('2025-03-01 10:00 (UTC+08:00)');
    expect(isoLocal(T0 + 1500, TZ)).toBe('2025-03-01T10:00:01+08:00');
    expect(isoLocal(T0, 'America/New_York')).toBe('2025-02-28T21:00:00-05:00');
    expect(isoLocal(T0, 'Asia/Kolkata')).toBe('2025-03-01T07:30:00+05:30');
    expect(isoLocal(T0, 'UTC')).toBe('2025-03-01T02:00:00+00:00');
    expect(isoLocalMs(T0 + 1500, TZ)).toBe('2025-03-01T10:00:01.500+08:00'); // the metrics export's times
    expect(isoLocalMs(T0 + 7, 'America/New_York')).toBe('2025-02-28T21:00:00.007-05:00');
  });
});
