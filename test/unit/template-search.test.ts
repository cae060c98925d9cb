import { describe, expect, it } from 'vitest';
import { searchKeys } from '@/lib/templates/search-keys';
import { buildIndex, parseQuery, search, type PickerTemplate } from '@/lib/templates/search';

let n = 0;
function tpl(title: string, extra: Partial<PickerTemplate> = {}): PickerTemplate {
  return {
    id: `t${n++}`,
    title,
    body: '',
    folder: '',
    tags: [],
    sites: [],
    language: 'zh-CN',
    useCount: 0,
    lastUsedAt: 0,
    ...searchKeys(title),
    ...extra,
  };
}

const library = [
  tpl('欢迎语', { shortcode: 'hyy', body: '您好，欢迎光临', folder: '售前/接待流程', tags: ['售前'] }),
  tpl('活动告知', { shortcode: 'hdgz', body: '店里正在进行的活动', folder: '售前/接待流程', tags: ['售前', '活动'] }),
  tpl('请稍等', { shortcode: 'qd', body: '请您稍等，我帮您查一下', folder: '通用/服务用语' }),
  tpl('物流查询', { shortcode: 'wl', body: '您的包裹正在路上，物流单号 {{物流单号}}', folder: '售后/物流', tags: ['售后'] }),
  tpl('物流延误致歉', { shortcode: 'wlyw', body: '非常抱歉快递延误了', folder: '售后/快递延误', tags: ['售后'], useCount: 9 }),
  tpl('Welcome', { shortcode: 'hi', body: 'Hello there, welcome to our shop' }),
  tpl('淘宝专用', { shortcode: 'tb', body: '淘宝', sites: ['taobao'] }),
];
const index = buildIndex(library);
const titles = (q: string, opts = {}) => search(index, q, opts).map((t) => t.title);

describe('template search', () => {
  it('finds by pinyin initials and full pinyin', () => {
    expect(searchKeys('欢迎语')).toEqual({ py: 'huanyingyu', pyi: 'hyy' });
    expect(titles('hyy')[0]).toBe('欢迎语');
    expect(titles('huanying')[0]).toBe('欢迎语');
  });

  it('puts an exact shortcode first, then shortcode prefixes, then titles', () => {
    expect(titles('wl').slice(0, 2)).toEqual(['物流查询', '物流延误致歉']);
    expect(titles('qd')[0]).toBe('请稍等');
    expect(titles('物流')).toEqual(['物流延误致歉', '物流查询']); // same tier: more used first
  });

  it('falls back to a fuzzy match of the body', () => {
    expect(titles('包裹')).toEqual(['物流查询']);
    expect(titles('welcom shop')).toContain('Welcome');
  });

  it('filters by #tag and @folder', () => {
    expect(parseQuery('#售后 @物流 延误')).toEqual({ text: '延误', tags: ['售后'], folders: ['物流'] });
    expect(titles('#活动')).toEqual(['活动告知']);
    expect(titles('@售后').sort()).toEqual(['物流延误致歉', '物流查询'].sort());
    expect(titles('@售后 wl')).toEqual(['物流查询', '物流延误致歉']);
  });

  it('keeps templates scoped to other sites out', () => {
    expect(titles('tb')).toEqual([]);
    expect(titles('tb', { siteId: 'taobao' })).toEqual(['淘宝专用']);
  });

  it('lists the most used first on an empty query', () => {
    expect(titles('')[0]).toBe('物流延误致歉');
  });
});
