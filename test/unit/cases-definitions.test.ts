import { localizeError } from '@/lib/i18n/errors';
import { describe, expect, it } from 'vitest';
import {
  caseClocks,
  caseTypeById,
  findCaseType,
  MAX_CHECKLISTS_BYTES,
  parseChecklists,
  parseChecklistsText,
  ruleById,
  shippedChecklists,
  SHIPPED_CHECKLISTS,
  uploadLimitFor,
  type Checklists,
} from '@/lib/cases';
import en from '@/lib/cases/definitions/en.json';
import zhCN from '@/lib/cases/definitions/zh-CN.json';

// Deep copies to break: the imported JSON objects are shared by the whole test file.
const copy = <T>(x: T): T => structuredClone(x);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const errorsOf = (input: unknown): string[] => {
  const r = parseChecklists(input);
  if (r.ok) throw new Error('expected the definitions to be rejected');
  return r.errors;
};

/** Everything but the words: what must be identical between the languages. */
const TEXT_FIELDS = new Set(['name', 'title', 'description', 'guidance', 'note', 'keywords', 'language']);
function structure(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structure);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, TEXT_FIELDS.has(k) ? typeof v : structure(v)]));
  return value;
}

describe('shipped checklist definitions', () => {
  it('are valid in both languages', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const r = parseChecklists(SHIPPED_CHECKLISTS[language]);
      expect(r.ok ? [] : r.errors, language).toEqual([]);
      expect(shippedChecklists(language).language).toBe(language);
    }
  });

  it('have identical ids and structure in zh-CN and en, only the words differ', () => {
    expect(structure(en)).toEqual(structure(zhCN));
    // …and the words really are translated, not copied.
    const zh = shippedChecklists('zh-CN');
    const e = shippedChecklists('en');
    zh.caseTypes.forEach((t, i) => {
      expect(e.caseTypes[i]!.title).not.toBe(t.title);
      t.items.forEach((item, j) => expect(e.caseTypes[i]!.items[j]!.guidance, `${t.id}.${item.id}`).not.toBe(item.guidance));
    });
  });

  it('cover the dispute types of the sources and refund paths ①–④', () => {
    const c = shippedChecklists('zh-CN');
    expect(c.caseTypes.filter((t) => t.kind === 'dispute').map((t) => t.title)).toEqual([
      '未按约定时间发货',
      '质量问题',
      '假货/描述不符',
      '拒绝退货/已收到货',
      '未收到货/签收争议',
      '退货运费争议',
      '七天无理由退货',
      '缺货/少货',
    ]);
    expect(c.caseTypes.filter((t) => t.kind === 'refundPath').map((t) => t.id)).toEqual([
      'refund-not-shipped',
      'refund-not-received',
      'refund-received-no-return',
      'refund-with-return',
    ]);
    for (const t of c.caseTypes)
      expect(
        t.items.some((i) => i.required),
        t.id,
      ).toBe(true);
    expect(c.platforms.map((p) => p.id)).toEqual(['taobao', 'pinduoduo', 'douyin', 'jd']);
  });

  it('carry the deadlines of lib/cases/definitions/README.md (the shorter figure where sources disagree)', () => {
    const c = shippedChecklists('zh-CN');
    const rule = (id: string) => ruleById(c, id)!;
    const evidence = rule('evidence-after-intervention');
    expect([evidence.start, evidence.hours, evidence.perPlatform]).toEqual(['platformIntervened', 48, { pinduoduo: 48, douyin: 24 }]);
    expect(evidence.description).toContain('3 天'); // the other source, recorded
    expect(evidence.reminderHoursBefore).toContain(12); // Douyin warns below 12 h
    expect([rule('platform-asked-seller').start, rule('platform-asked-seller').hours]).toEqual(['platformAskedSeller', 24]);
    expect([rule('dont-ship-window').kind, rule('dont-ship-window').hours]).toEqual(['window', 72]);
    expect(rule('late-shipment-answer').hours).toBe(24);
    expect([rule('return-request-answer').start, rule('return-request-answer').hours]).toEqual(['returnRequested', 120]);
    expect([rule('unshipped-refund').start, rule('unshipped-refund').hours]).toEqual(['refundRequested', 48]);
    expect(rule('courier-reply').hours).toBe(2);
    expect([rule('parcel-lost').kind, rule('parcel-lost').hours]).toEqual(['wait', 120]);
    expect(rule('supervisor-approval').hours).toBe(12);
    expect(rule('refund-complete-target').hours).toBe(72);
    expect(uploadLimitFor(c, 'taobao')).toMatchObject({ maxFiles: 5, maxFileMB: 5 });
    expect(uploadLimitFor(c, 'pinduoduo')).toMatchObject({ maxFiles: 3, submissions: 1 });
    expect(uploadLimitFor(c, 'douyin')?.maxFiles).toBeUndefined();
    expect(uploadLimitFor(c, 'toString')).toBeUndefined();
  });

  it('say what makes evidence acceptable', () => {
    const c = shippedChecklists('zh-CN');
    const item = (type: string, id: string) => caseTypeById(c, type)!.items.find((i) => i.id === id)!;
    const invoice = item('quality', 'purchase-invoice').guidance;
    for (const must of ['原始票据', '货号', '数量', '日期', '发票专用章']) expect(invoice).toContain(must);
    expect(item('return-refused', 'courier-red-seal').guidance).toContain('红色圆章');
    expect(item('not-received', 'signed-receipt').guidance).toContain('红色圆章');
    for (const must of ['完整', '未经编辑', '平台内', '微信']) expect(item('quality', 'chat-record').guidance).toContain(must);
    expect(item('quality', 'inspection-report').guidance).toContain('指定的检测机构');
    expect(item('not-received', 'tracking').accepts).toEqual(['screenshot']);
    expect(item('late-shipment', 'cancel-proof')).toMatchObject({ required: true, deadlineRule: 'dont-ship-window' });
    expect(item('not-received', 'courier-feedback').deadlineRule).toBe('courier-reply');
    const enInvoice = caseTypeById(shippedChecklists('en'), 'quality')!.items.find((i) => i.id === 'purchase-invoice')!.guidance;
    expect(enInvoice).toMatch(/item number.*quantity.*date.*stamp/s);
  });
});

describe('malformed definitions are rejected, naming the field', () => {
  it('an unknown deadline rule id, on a case type or an item', () => {
    const bad: Loose = copy(zhCN);
    bad.caseTypes[2].items[4].deadlineRule = 'x';
    bad.caseTypes[5].deadlineRule = 'nope';
    expect(errorsOf(bad)).toEqual(['caseTypes.2.items.4.deadlineRule: unknown rule "x"', 'caseTypes.5.deadlineRule: unknown rule "nope"']);
  });

  it('a duplicate item id within a case type (the same id in another case type is fine)', () => {
    const bad: Loose = copy(zhCN);
    bad.caseTypes[1].items[3].id = bad.caseTypes[1].items[0].id;
    expect(errorsOf(bad)).toEqual(['caseTypes.1.items.3.id: "purchase-invoice" is also used by caseTypes.1.items.0']);
  });

  it('duplicate rule, case type and platform ids; unknown platforms', () => {
    const bad: Loose = copy(en);
    bad.deadlineRules[1].id = bad.deadlineRules[0].id;
    bad.caseTypes[3].id = bad.caseTypes[0].id;
    bad.platforms.push({ id: 'taobao', name: 'Tmall' });
    bad.deadlineRules[0].perPlatform.kuaishou = 12;
    bad.uploadLimits.kuaishou = { note: 'unknown' };
    expect(errorsOf(bad)).toEqual([
      'platforms.4.id: "taobao" is also used by platforms.0',
      'deadlineRules.1.id: "evidence-after-intervention" is also used by deadlineRules.0',
      'caseTypes.3.id: "late-shipment" is also used by caseTypes.0',
      'deadlineRules.0.perPlatform.kuaishou: unknown platform "kuaishou"',
      'uploadLimits.kuaishou: unknown platform "kuaishou"',
    ]);
  });

  it('a missing or empty title', () => {
    const bad: Loose = copy(zhCN);
    delete bad.caseTypes[1].items[2].title;
    bad.deadlineRules[3].title = '  ';
    expect(errorsOf(bad)).toEqual(['deadlineRules.3.title: is empty', 'caseTypes.1.items.2.title: is missing']);
  });

  it('a wrong format tag or version', () => {
    expect(errorsOf({ ...copy(zhCN), format: 'deskmate/templates' })).toEqual(['format: must be "deskmate/checklists"']);
    expect(errorsOf({ ...copy(zhCN), version: 2 })).toEqual(['version: must be 1']);
    expect(errorsOf([])).toEqual(['file: must be an object']);
  });

  it('wrong values: kinds, units, amounts, unknown fields', () => {
    const bad: Loose = copy(en);
    bad.caseTypes[0].kind = 'complaint';
    bad.caseTypes[0].items[0].accepts = ['video'];
    bad.caseTypes[0].items[1].required = 'yes';
    bad.caseTypes[0].extra = true;
    bad.deadlineRules[0].start = 'whenever';
    bad.deadlineRules[1].days = 1; // and hours: both given
    bad.deadlineRules[2].hours = -1;
    bad.deadlineRules[0].perPlatform.douyin = 0;
    bad.deadlineRules[4] = { ...bad.deadlineRules[4], hours: undefined, days: 1.5 };
    bad.uploadLimits.taobao.maxFiles = 2.5;
    expect(errorsOf(bad)).toEqual([
      'deadlineRules.0.start: must be one of "platformIntervened", "platformAskedSeller", "refundRequested", "returnRequested", "orderPaid", "buyerAsked", "manual"',
      'deadlineRules.1: needs either "hours" or "days" (exactly one)',
      'deadlineRules.2.hours: must be more than 0',
      'deadlineRules.4.days: must be a whole number',
      'caseTypes.0.kind: must be one of "dispute", "refundPath"',
      'caseTypes.0.items.0.accepts.0: must be one of "image", "pdf", "screenshot", "text"',
      'caseTypes.0.items.1.required: must be a boolean',
      'caseTypes.0: unknown field "extra"',
      'uploadLimits.taobao.maxFiles: must be a whole number',
    ]);
    // perPlatform amounts are checked in the rule's unit once the rest of the rule is sound.
    const zero: Loose = copy(en);
    zero.deadlineRules[0].perPlatform.douyin = 0;
    expect(errorsOf(zero)).toEqual(['deadlineRules.0.perPlatform.douyin: must be more than 0']);
  });

  it('caps a flood of errors', () => {
    const bad: Loose = copy(en);
    for (const t of bad.caseTypes) for (const i of t.items) i.deadlineRule = 'gone';
    const errors = errorsOf(bad);
    expect(errors).toHaveLength(51);
    expect(errors[50]).toMatch(/^… and \d+ more errors$/);
  });
});

describe('checklist files as JSON text', () => {
  const text = JSON.stringify(en);

  it('parses a valid file, with or without a BOM', () => {
    expect(parseChecklistsText(text).ok).toBe(true);
    expect(parseChecklistsText('\uFEFF' + text).ok).toBe(true);
  });

  it('rejects truncated JSON with a clear message, and writes nothing (no value)', () => {
    const r = parseChecklistsText(text.slice(0, text.length / 2));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([expect.stringMatching(/^file: is not valid JSON \(.+\)$/)]);
    expect('value' in r).toBe(false);
  });

  it('rejects an empty file and one larger than 2 MB (counted in UTF-8 bytes)', () => {
    expect(parseChecklistsText('  \n')).toEqual({ ok: false, errors: ['file: is empty'] });
    expect(parseChecklistsText(' '.repeat(MAX_CHECKLISTS_BYTES + 1))).toEqual({ ok: false, errors: ['file: is larger than 2 MB'] });
    // 700,000 Chinese characters are under 2 M code units but 2.1 MB of UTF-8.
    const wide = JSON.stringify({ ...en, padding: '证'.repeat(700_000) });
    expect(wide.length).toBeLessThan(MAX_CHECKLISTS_BYTES);
    expect(parseChecklistsText(wide)).toEqual({ ok: false, errors: ['file: is larger than 2 MB'] });
  });

  it('renders the messages in Chinese, keeping the field path', () => {
    expect(localizeError('caseTypes.2.items.4.deadlineRule: unknown rule "x"', 'zh-CN')).toBe(
      'caseTypes.2.items.4.deadlineRule: 未知的期限规则 "x"',
    );
    expect(localizeError('caseTypes.1.items.3.id: "a" is also used by caseTypes.1.items.0', 'zh-CN')).toBe(
      'caseTypes.1.items.3.id: "a" 与 caseTypes.1.items.0 重复',
    );
    expect(localizeError('caseTypes.1.items.2.title: is missing', 'zh-CN')).toBe('caseTypes.1.items.2.标题：缺失');
    expect(localizeError('format: must be "deskmate/checklists"', 'zh-CN')).toBe('format: 必须是 "deskmate/checklists"');
    expect(localizeError('file: is larger than 2 MB', 'zh-CN')).toBe('文件：超过 2 MB');
    expect(
      localizeError('deadlineRules.0.id: must be 1–64 lowercase letters, digits, "_" or "-", starting with a letter or digit', 'zh-CN'),
    ).toBe('deadlineRules.0.id: 须为 1–64 个小写字母、数字、“_”或“-”，以字母或数字开头');
    expect(localizeError('caseTypes.0.kind: must be one of "dispute", "refundPath"', 'zh-CN')).toBe(
      'caseTypes.0.kind: 必须是以下之一："dispute", "refundPath"',
    );
    expect(localizeError('caseTypes.1.items.2.title: is missing', 'en')).toBe('caseTypes.1.items.2.title: is missing');
  });
});

describe('look-ups', () => {
  const zh = shippedChecklists('zh-CN');
  const e = shippedChecklists('en');

  it('finds the case type a platform’s dispute reason names (longest match wins)', () => {
    expect(findCaseType(zh, '维权原因：未按约定时间发货')?.id).toBe('late-shipment');
    expect(findCaseType(zh, '买家申请：退货运费')?.id).toBe('return-shipping-fee');
    expect(findCaseType(zh, '七天无理由退货')?.id).toBe('seven-day-return');
    expect(findCaseType(zh, '假冒品牌')?.id).toBe('counterfeit-not-as-described');
    expect(findCaseType(e, 'Reason: Not  received')?.id).toBe('not-received');
    expect(findCaseType(e, '质量问题')?.id).toBe('quality'); // Chinese platform text with the English UI
    expect(findCaseType(zh, '其他')).toBeUndefined();
    expect(findCaseType(zh, '  ')).toBeUndefined();
  });

  it('lists a case’s clocks: the case rule per platform, and item rules started by hand', () => {
    const c: Checklists = zh;
    const type = caseTypeById(c, 'not-received')!;
    const intervened = Date.UTC(2026, 0, 5, 2, 0);
    const chased = Date.UTC(2026, 0, 5, 3, 15);
    const clocks = caseClocks(c, type, 'douyin', { platformIntervened: intervened });
    expect(clocks.map((k) => [k.itemId, k.rule.id, k.deadlineAt])).toEqual([
      [null, 'evidence-after-intervention', intervened + 24 * 3_600_000],
      ['courier-feedback', 'courier-reply', null],
    ]);
    const withChase = caseClocks(c, type, 'taobao', { platformIntervened: intervened }, { 'courier-feedback': chased });
    expect(withChase.map((k) => k.deadlineAt)).toEqual([intervened + 48 * 3_600_000, chased + 2 * 3_600_000]);
  });
});
