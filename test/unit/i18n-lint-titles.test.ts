import { describe, expect, it } from 'vitest';
import rules from '@/lib/templates/packs/lint-rules.json';
import { lintTitleKey } from '@/lib/i18n/parts/lint-titles';
import { translator } from '@/lib/i18n';

describe('lint rule titles', () => {
  it('every built-in rule has a human title in both languages, not its id', () => {
    for (const r of rules.rules) {
      const key = lintTitleKey(r.id);
      expect(key, r.id).not.toBeNull();
      for (const locale of ['zh-CN', 'en'] as const) {
        const title = translator(locale)(key!);
        expect(title).not.toBe(key);
        expect(title).not.toContain(r.id);
      }
    }
    expect(lintTitleKey('custom.abc')).toBeNull();
  });
});
