import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectorProblems } from '@/lib/sites/selectors';
import { syntaxSelectorChecker } from '@/lib/sites/selector-syntax';
import { parseSiteConfig } from '@/lib/sites/schema';

// The service worker's selector check (no DOM there): it must accept what configs really use and
// refuse what a browser would throw on. The same corpus runs in real Chromium (chromium-sites e2e).
const corpus = JSON.parse(readFileSync(join(__dirname, '../fixtures/selectors/corpus.json'), 'utf8')) as {
  valid: string[];
  invalid: string[];
};

describe('selector syntax check (service worker)', () => {
  it.each(corpus.valid)('accepts %s', (s) => {
    expect(syntaxSelectorChecker(s)).toBe(true);
  });
  it.each(corpus.invalid)('refuses %s', (s) => {
    expect(syntaxSelectorChecker(s)).toBe(false);
  });
  it('accepts every selector of every built-in config', () => {
    const dir = join(__dirname, '../../lib/sites/configs');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const r = parseSiteConfig(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      expect(r.ok, file).toBe(true);
      if (r.ok) expect(selectorProblems(r.value, syntaxSelectorChecker), file).toEqual([]);
    }
  });
});
