import { describe, expect, it } from 'vitest';
import { globMatches, matchesPattern, MAX_PATTERN_LENGTH, parseMatchPattern } from '@/lib/sites/match-pattern';
import demo from '@/lib/sites/configs/deskmate-demo.json';
import { parseSiteConfig } from '@/lib/sites/schema';

// A bound far above normal (a shared 2-core CI machine runs these): it proves these finish, where
// backtracking took seconds to hours; how fast they are is measured in `npm run bench`.
const TERMINATES_MS = 5000;

describe('match patterns', () => {
  it.each([
    ['http://127.0.0.1/*', 'http://127.0.0.1:5174/index.html?conv=c-1', true],
    ['http://127.0.0.1/*', 'https://127.0.0.1/', false],
    ['https://*.taobao.com/*', 'https://market.m.taobao.com/app/x', true],
    ['https://*.taobao.com/*', 'https://taobao.com/', true],
    ['https://*.taobao.com/*', 'https://eviltaobao.com/', false],
    ['*://app.chatwoot.com/app/*', 'http://app.chatwoot.com/app/accounts/1', true],
    ['*://app.chatwoot.com/app/*', 'https://app.chatwoot.com/login', false],
    ['<all_urls>', 'https://x.y/', true],
  ])('%s vs %s → %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, url)).toBe(expected);
  });

  it('explains a bad pattern', () => {
    expect(parseMatchPattern('taobao.com')).toMatch(/not a match pattern/);
    expect(parseMatchPattern('ftp://x/*')).toMatch(/scheme/);
    expect(parseMatchPattern('https://a.*.com/*')).toMatch(/host/);
  });

  // Round 2 (issue 15): every `*` used to become `.*` in a RegExp, so `*://*/*-*-*-*-*#` took
  // 0.8 s on a 100-character path and > 20 s on 200, in the loader on every page load.
  it('matches in time linear in the URL, whatever the pattern', () => {
    const hostile = ['*://*/*-*-*-*-*#', '*://*/*a*a*a*a*a*a*a*a*a*a*b', '*://*/' + '*-'.repeat(100) + '!'];
    for (const pattern of hostile) {
      expect(typeof parseMatchPattern(pattern), pattern).toBe('object');
      for (const n of [200, 20_000]) {
        const url = 'https://shop.example/' + (pattern.includes('a*') ? 'a' : '-').repeat(n);
        const t0 = performance.now();
        expect(matchesPattern(pattern, url)).toBe(false);
        expect(performance.now() - t0, `${pattern} on ${n}`).toBeLessThan(TERMINATES_MS);
      }
    }
  });

  it('the glob agrees with the old regex reading on every short path', () => {
    const alphabet = ['a', 'b', '-'];
    const paths: string[] = [''];
    for (let len = 1; len <= 5; len++)
      for (const p of paths.filter((x) => x.length === len - 1)) for (const c of alphabet) paths.push(p + c);
    const globs = ['*', 'a*', '*a', 'a*b', '*-*', 'a*-*b', '*a*a*', '-', 'ab', '*ab*', 'a**b', '*-*-*'];
    for (const glob of globs) {
      const re = new RegExp(
        '^' +
          glob
            .split('*')
            .map((x) => x.replace(/[-]/g, '\\-'))
            .join('.*') +
          '$',
        's',
      );
      for (const path of paths) expect(globMatches(glob.split('*'), path), `${glob} vs "${path}"`).toBe(re.test(path));
    }
  });

  it('bounds the length and number of patterns in a config, naming the field', () => {
    expect(parseMatchPattern('https://x.example/' + 'a'.repeat(MAX_PATTERN_LENGTH))).toMatch(/longer than 300 characters/);
    const long = parseSiteConfig({ ...demo, matches: ['https://x.example/*', 'https://x.example/' + 'a'.repeat(300)] });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.errors).toEqual([expect.stringMatching(/^matches\.1: .*longer than 300 characters/)]);
    const many = parseSiteConfig({ ...demo, matches: Array.from({ length: 21 }, (_, i) => `https://s${i}.example/*`) });
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.errors).toEqual([expect.stringMatching(/^matches: .*20/)]);
  });
});
