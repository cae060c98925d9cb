import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import { snapshotPage, type PageSnapshot } from '@/lib/sites/extract';
import { findSite, matchesAny } from '@/lib/sites/match-pattern';
import { domSelectorChecker, parseSiteConfig, senderKinds, siteStatus, type SiteConfig } from '@/lib/sites/schema';

// Saved pages (verified) or pages rebuilt from public evidence (evidence-based) back the built-in
// configs (docs/site-config.md, "Built-in configs"): test/fixtures/sites/<config id>/<page>.html
// with <page>.expected.json = { url, snapshot }, the complete snapshotPage() result the config
// must read from that page at that URL. A message time the page shows in local time without a
// zone is written `{ "local": "YYYY-MM-DDTHH:mm:ss" }` (the suite runs in several time zones).

const dir = join(__dirname, '../fixtures/sites');
const configs = builtinSiteConfigs();
const byId = new Map(configs.map((c) => [c.id, c]));
/** The order of the published match index: records read through the "enabled" index, by id. */
const index = [...configs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

interface Fixture {
  configId: string;
  page: string;
  html: string;
  url: string;
  snapshot: PageSnapshot;
}

const fixtureDirs = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const fixtures: Fixture[] = fixtureDirs.flatMap((configId) =>
  readdirSync(join(dir, configId))
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const page = file.replace(/\.html$/, '');
      const expectedPath = join(dir, configId, `${page}.expected.json`);
      const expected = existsSync(expectedPath)
        ? (JSON.parse(readFileSync(expectedPath, 'utf8'), localTimes) as { url: string; snapshot: PageSnapshot })
        : { url: '', snapshot: undefined as unknown as PageSnapshot };
      return { configId, page, html: readFileSync(join(dir, configId, file), 'utf8'), ...expected };
    }),
);

/** JSON reviver: `{ "local": "2026-09-08T17:12:14" }` is that wall-clock time in this run's zone. */
function localTimes(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).join() === 'local') {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(String((value as { local: unknown }).local));
    if (!m) throw new Error(`bad local time ${JSON.stringify(value)}`);
    return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!).getTime();
  }
  return value;
}

/** The saved page as a Document; its stylesheet links are dropped (happy-dom would try to fetch them). */
function parse(html: string): Document {
  return new DOMParser().parseFromString(html.replace(/<link\b[^>]*>/gi, ''), 'text/html');
}

function configFor(id: string): SiteConfig {
  const config = byId.get(id);
  if (!config) throw new Error(`no built-in config "${id}"`);
  return config;
}

describe('saved and rebuilt pages of the built-in site configs', () => {
  it('has a fixture folder for every verified or evidence-based config, and only for those', () => {
    const backed = configs
      .filter((c) => siteStatus(c) !== 'unverified')
      .map((c) => c.id)
      .sort();
    expect(configs.filter((c) => c.verified).map((c) => c.id)).toEqual(['deskmate-demo']);
    expect(backed).toEqual(['chatwoot', 'deskmate-demo', 'douyin-feige', 'jd-dongdong', 'pinduoduo-chat', 'zendesk']);
    expect([...fixtureDirs].sort()).toEqual(backed);
  });

  it('has an expected snapshot and URL next to every saved page', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    for (const f of fixtures) {
      expect(f.snapshot, `${f.configId}/${f.page}.expected.json`).toBeDefined();
      expect(f.url, `${f.configId}/${f.page}.expected.json`).toMatch(/^https?:\/\//);
    }
  });

  it.each(fixtures.map((f) => [`${f.configId}/${f.page}`, f] as const))(
    '%s: the config applies to the URL and is the one picked',
    (_name, f) => {
      const config = configFor(f.configId);
      expect(matchesAny(config.matches, f.url)).toBe(true);
      expect(findSite(index, f.url)?.id).toBe(f.configId);
    },
  );

  it.each(fixtures.map((f) => [`${f.configId}/${f.page}`, f] as const))('%s: reads the expected snapshot', (_name, f) => {
    expect(snapshotPage(configFor(f.configId), parse(f.html), f.url)).toEqual(f.snapshot);
  });

  it('the Chatwoot pages exercise every sender kind and both message list generations', () => {
    const chatwoot = fixtures.filter((f) => f.configId === 'chatwoot');
    expect(chatwoot.map((f) => f.page).sort()).toEqual(['dashboard-v3-private-note', 'dashboard-v4', 'dashboard-v4-other-agent']);
    for (const f of chatwoot) {
      const senders = new Set(f.snapshot.messages.map((m) => m.sender));
      expect([...senders].sort()).toEqual([...senderKinds].sort());
      expect(f.snapshot.messages.every((m) => m.id && m.text)).toBe(true);
    }
  });

  it('the fixtures tell configs apart: another console’s selectors read nothing from a Chatwoot page', () => {
    const f = fixtures.find((x) => x.page === 'dashboard-v4');
    if (!f) throw new Error('missing chatwoot/dashboard-v4');
    const other = snapshotPage(configFor('deskmate-demo'), parse(f.html), f.url);
    expect(other).toMatchObject({ conversationId: null, buyerName: null, conversations: [], messages: [], hasComposer: false });
  });

  it('Zendesk: another open ticket’s pane (kept in the page) is not read as this ticket’s', () => {
    const f = fixtures.find((x) => x.page === 'ticket-1234');
    if (!f) throw new Error('missing zendesk/ticket-1234');
    const doc = parse(f.html);
    expect(doc.querySelector("[data-ticket-id='1230'] [data-test-id='omni-log-comment-item']")).not.toBeNull();
    const snap = snapshotPage(configFor('zendesk'), doc, f.url);
    expect(snap.messages.map((m) => m.text)).not.toContain('Can I change my delivery address?');
    expect(snap.buyerName).toBe('Maria Silva');
    // Opening ticket 1230 reads its pane instead.
    const other = snapshotPage(configFor('zendesk'), doc, 'https://acme.zendesk.com/agent/tickets/1230');
    expect(other.messages.map((m) => [m.sender, m.text])).toEqual([['customer', 'Can I change my delivery address?']]);
    expect(other.buyerName).toBe('Kenji Sato');
  });

  it('a private note is not an agent reply, and the note editor is not the reply composer (Chatwoot)', () => {
    const config = configFor('chatwoot');
    const v4 = fixtures.find((x) => x.page === 'dashboard-v4');
    if (!v4) throw new Error('missing chatwoot/dashboard-v4');
    const doc = parse(v4.html);
    const note = doc.getElementById('message88205');
    if (!note) throw new Error('missing private note');
    expect(snapshotPage(config, doc, v4.url).messages.find((m) => m.id === '88205')?.sender).toBe('system');
    // Switching the reply box to "Private Note" hides it from the lint.
    doc.querySelector('.reply-box')?.classList.add('is-private');
    expect(snapshotPage(config, doc, v4.url).hasComposer).toBe(false);
  });
});

describe('built-in site configs', () => {
  const check = domSelectorChecker(document);

  it('all parse with valid CSS selectors', () => {
    expect(configs.map((c) => c.id).sort()).toEqual([
      'chatwoot',
      'deskmate-demo',
      'douyin-feige',
      'jd-dongdong',
      'pinduoduo-chat',
      'zendesk',
    ]);
    for (const config of configs) expect(parseSiteConfig(config, check), config.id).toEqual({ ok: true, value: config });
  });

  it('sender selectors (which the schema check does not reach) are valid CSS too', () => {
    for (const config of configs) {
      const rule = config.selectors.messageSender;
      if (!rule || rule.attr) continue;
      for (const kind of senderKinds) for (const s of rule[kind] ?? []) expect(check(s), `${config.id} ${kind}: ${s}`).toBe(true);
    }
  });

  it('the configs written from public evidence say so, with their sources and date; none claims to be verified', () => {
    for (const id of ['chatwoot', 'jd-dongdong', 'pinduoduo-chat', 'douyin-feige', 'zendesk']) {
      const config = configFor(id);
      expect(siteStatus(config), id).toBe('evidence-based');
      expect(config.evidence?.sources.length, id).toBeGreaterThan(0);
      expect(config.evidence?.checked, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(siteStatus(configFor('deskmate-demo'))).toBe('verified');
  });

  it('no built-in config claims 千牛 (its desktop client cannot be reached)', () => {
    expect(findSite(index, 'https://myseller.taobao.com/home.htm/app-customer-service/toolpage/Message')).toBeUndefined();
    expect(findSite(index, 'https://qn.taobao.com/home.htm')).toBeUndefined();
  });

  it('each console is matched by its own config', () => {
    const cases: [string, string][] = [
      ['https://app.chatwoot.com/app/accounts/3/conversations/4127', 'chatwoot'],
      ['http://localhost:3000/app/accounts/1/conversations/9', 'chatwoot'],
      ['http://localhost:5174/index.html?conv=c-1001', 'deskmate-demo'],
      ['https://dongdong.jd.com/', 'jd-dongdong'],
      ['https://mms.pinduoduo.com/chat-merchant/index.html#/', 'pinduoduo-chat'],
      ['https://im.jinritemai.com/pc_seller_v2/main/workspace', 'douyin-feige'],
      ['https://acme.zendesk.com/agent/tickets/1234', 'zendesk'],
      ['https://www.taobao.com/', ''],
      ['https://acme.zendesk.com/hc/en-us', ''],
    ];
    for (const [url, id] of cases) expect(findSite(index, url)?.id ?? '', url).toBe(id);
  });

  it('the examples in docs/site-config.md are valid, and the complete one is the demo config', () => {
    const doc = readFileSync(join(__dirname, '../../docs/site-config.md'), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
    const whole = blocks.filter((b) => b.includes('"format": "deskmate/site-config"'));
    expect(whole).toHaveLength(1);
    expect(JSON.parse(whole[0] ?? '')).toEqual(
      JSON.parse(readFileSync(join(__dirname, '../../lib/sites/configs/deskmate-demo.json'), 'utf8')),
    );
    const counting = blocks.filter((b) => b.startsWith('"counting"'));
    expect(counting.length).toBeGreaterThanOrEqual(2);
    const demo = configFor('deskmate-demo');
    for (const b of counting)
      expect(parseSiteConfig({ ...demo, ...(JSON.parse(`{${b}}`) as object) }, check), b).toMatchObject({ ok: true });
  });

  it('names every config in English and Chinese', () => {
    for (const config of configs) expect(config.name, config.id).toEqual({ en: expect.any(String), 'zh-CN': expect.any(String) });
  });
});
