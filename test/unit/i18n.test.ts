import { describe, expect, it } from 'vitest';
import { catalogKeys, resolveLocale, translator } from '@/lib/i18n';
import enMessages from '@/public/_locales/en/messages.json';
import zhMessages from '@/public/_locales/zh_CN/messages.json';

describe('i18n', () => {
  it('has every UI string in both zh-CN and en, none empty', () => {
    expect(catalogKeys('zh-CN').sort()).toEqual(catalogKeys('en').sort());
    const zh = translator('zh-CN');
    const en = translator('en');
    for (const key of catalogKeys('en')) {
      expect(zh(key as never).trim(), key).not.toBe('');
      expect(en(key as never).trim(), key).not.toBe('');
    }
  });

  it('keeps placeholders consistent between the languages', () => {
    const zh = translator('zh-CN');
    const en = translator('en');
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of catalogKeys('en')) expect(placeholders(zh(key as never)), key).toEqual(placeholders(en(key as never)));
  });

  it('has the manifest strings in both _locales', () => {
    expect(Object.keys(zhMessages).sort()).toEqual(Object.keys(enMessages).sort());
  });

  it('follows the browser language unless the agent picked one', () => {
    expect(resolveLocale('auto', 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale('auto', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('auto', 'en-US')).toBe('en');
    expect(resolveLocale('auto', 'fr')).toBe('en');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('fills placeholders as text', () => {
    expect(translator('zh-CN')('overlay.added', { title: '<b>欢迎语</b>' })).toBe('已保存“<b>欢迎语</b>”');
    expect(translator('en')('overlay.templatesCount', { count: 3 })).toBe('3 templates');
  });
});
