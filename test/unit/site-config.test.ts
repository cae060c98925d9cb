import { describe, expect, it } from 'vitest';
import demo from '@/lib/sites/configs/deskmate-demo.json';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import { domSelectorChecker, parseSiteConfig } from '@/lib/sites/schema';

const check = domSelectorChecker(document);

describe('site config schema', () => {
  it('accepts every built-in config, selectors included', () => {
    for (const config of builtinSiteConfigs()) expect(parseSiteConfig(config, check)).toMatchObject({ ok: true });
  });

  it('names the field that is wrong', () => {
    const r = parseSiteConfig({ ...demo, id: 'Bad Id!', matches: ['taobao.com'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/^id: /m);
    expect(r.errors.join('\n')).toMatch(/^matches\.0: .*not a match pattern/m);
  });

  it('rejects unknown fields instead of ignoring them', () => {
    const r = parseSiteConfig({ ...demo, selectors: { ...demo.selectors, composr: ['textarea'] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/composr/);
  });

  it('rejects a selector the browser cannot parse', () => {
    const r = parseSiteConfig({ ...demo, selectors: { ...demo.selectors, composer: ['textarea[[['] } }, check);
    expect(r).toEqual({ ok: false, errors: ['selectors.composer.0: "textarea[[[" is not a valid CSS selector'] });
  });

  it('rejects regexes the linear-time engine cannot run', () => {
    const r = parseSiteConfig({
      ...demo,
      selectors: { ...demo.selectors, activeConversation: { fromUrl: true, regex: '/c/(\\d+)(?=/)' } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/selectors\.activeConversation\.regex: uses a lookahead/);
  });
});

describe('regular expressions', () => {
  it('accepts the shipped kinds of pattern (the hostile ones: test/unit/regex-engine.test.ts)', async () => {
    const { regexProblem, EXTRACT_REGEX } = await import('@/lib/sites/safe-regex');
    for (const ok of ['订单号\\s*(\\d{10,20})', '[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})+', '/conversations/(\\d+)', '(?:微信|vx|VX)号?', '(\\d{3})-(\\d{4})'])
      expect(regexProblem(ok, 200, EXTRACT_REGEX), ok).toBeNull();
  });
});
