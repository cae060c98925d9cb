import { describe, expect, it } from 'vitest';
import demo from '@/lib/sites/configs/deskmate-demo.json';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import { senderBy } from '@/lib/sites/extract';
import { domSelectorChecker, parseSiteConfig, siteStatus } from '@/lib/sites/schema';

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

describe('senders told by text and evidence-based status', () => {
  const withText = (byText: unknown) => ({
    ...demo,
    selectors: { ...demo.selectors, messageSender: { byText, customer: ['.msg.buyer'], agent: ['.msg.seller'] } },
  });

  it('a sender named by text wins over the selectors (a bot posting as an agent)', () => {
    const r = parseSiteConfig(withText([{ selector: ['.who'], regex: '\\bBot\\b', sender: 'bot' }]), check);
    if (!r.ok) throw new Error(r.errors.join());
    const rule = r.value.selectors.messageSender;
    const item = (who: string) => {
      const el = document.createElement('div');
      el.className = 'msg seller';
      const name = el.appendChild(document.createElement('span'));
      name.className = 'who';
      name.textContent = who;
      return el;
    };
    expect(senderBy(rule, item('Answer Bot'))).toBe('bot');
    expect(senderBy(rule, item('Botelho Silva'))).toBe('agent');
  });

  it('refuses a text rule with a bad selector, regex or sender, naming it', () => {
    const bad = [
      [[{ selector: ['a:::'], regex: 'x', sender: 'bot' }], 'selectors.messageSender.byText.0.selector.0'],
      [[{ selector: ['.who'], regex: '(a)\\1', sender: 'bot' }], 'selectors.messageSender.byText.0.regex'],
      [[{ selector: ['.who'], regex: 'x', sender: 'robot' }], 'selectors.messageSender.byText.0.sender'],
      [[{ selector: ['.who'], sender: 'bot' }], 'byText.0.regex'],
    ] as const;
    for (const [rule, field] of bad) {
      const r = parseSiteConfig(withText(rule), check);
      expect(r.ok, JSON.stringify(rule)).toBe(false);
      if (!r.ok) expect(r.errors.join('\n')).toContain(field);
    }
  });

  it('status: verified wins, then evidence (sources and a date required), else unverified', () => {
    const evidence = { sources: ['a public project'], checked: '2026-12-06' };
    expect(siteStatus({ verified: true, evidence })).toBe('verified');
    expect(siteStatus({ verified: false, evidence })).toBe('evidence-based');
    expect(siteStatus({ verified: false })).toBe('unverified');
    expect(parseSiteConfig({ ...demo, evidence: { sources: [], checked: '2026-12-06' } }).ok).toBe(false);
    expect(parseSiteConfig({ ...demo, evidence: { sources: ['x'], checked: 'yesterday' } }).ok).toBe(false);
  });
});

describe('regular expressions', () => {
  it('accepts the shipped kinds of pattern (the hostile ones: test/unit/regex-engine.test.ts)', async () => {
    const { regexProblem, EXTRACT_REGEX } = await import('@/lib/sites/safe-regex');
    for (const ok of [
      '订单号\\s*(\\d{10,20})',
      '[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})+',
      '/conversations/(\\d+)',
      '(?:微信|vx|VX)号?',
      '(\\d{3})-(\\d{4})',
    ])
      expect(regexProblem(ok, 200, EXTRACT_REGEX), ok).toBeNull();
  });
});
