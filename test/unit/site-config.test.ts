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

  it('rejects catastrophic regexes', () => {
    const r = parseSiteConfig({
      ...demo,
      selectors: { ...demo.selectors, activeConversation: { fromUrl: true, regex: '(a+)+$' } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/selectors\.activeConversation\.regex: .*backtracking/);
  });
});
