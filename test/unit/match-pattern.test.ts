import { describe, expect, it } from 'vitest';
import { matchesPattern, parseMatchPattern } from '@/lib/sites/match-pattern';

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
});
