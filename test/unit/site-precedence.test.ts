import { describe, expect, it } from 'vitest';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import { patternSpecificity, rankSites, resolveSite, type SiteEntry } from '@/lib/sites/precedence';

// Which config reads a page when several match (docs/site-config.md, "Which config applies").
const builtins: SiteEntry[] = builtinSiteConfigs().map((c) => ({ id: c.id, matches: c.matches, source: 'builtin' }));
const taught: SiteEntry = { id: 'user-127.0.0.1-classic', matches: ['http://127.0.0.1/classic/*'], source: 'user' };
const console = 'http://127.0.0.1:5175/classic/index.html?reset';

describe('site precedence', () => {
  it("the agent's taught config wins over the built-in demo config that also matches the host", () => {
    // The match index is ordered by id: "deskmate-demo" comes before "user-…".
    const index = [...builtins, taught].sort((a, b) => a.id.localeCompare(b.id));
    const r = resolveSite(index, console);
    expect(r?.entry.id).toBe('user-127.0.0.1-classic');
    expect(r?.reason).toBe('own');
    expect(r?.candidates.map((c) => c.id)).toEqual(['user-127.0.0.1-classic', 'deskmate-demo']);
    // Elsewhere on the host the taught config does not match: the demo's reads the page alone.
    const demo = resolveSite(index, 'http://127.0.0.1:5174/index.html?conv=c-1001');
    expect(demo).toMatchObject({ entry: { id: 'deskmate-demo' }, reason: 'only' });
  });

  it('an imported config of the agent wins even when a built-in one is more specific', () => {
    const imported: SiteEntry = { id: 'acme-chatwoot', matches: ['http://localhost/*'], source: 'user' };
    const r = resolveSite([...builtins, imported], 'http://localhost:3000/app/accounts/1/conversations/9');
    expect(r?.entry.id).toBe('acme-chatwoot');
    expect(r?.reason).toBe('own');
  });

  it('among configs of the same source, the most specific match wins (host, then path), then the id', () => {
    // Chatwoot's "http://localhost/app/*" over the demo's "http://localhost/*".
    expect(resolveSite(builtins, 'http://localhost:3000/app/accounts/1/conversations/9')).toMatchObject({
      entry: { id: 'chatwoot' },
      reason: 'specific',
    });
    const mine: SiteEntry[] = [
      { id: 'user-a', matches: ['https://*/*'], source: 'user' },
      { id: 'user-b', matches: ['https://*.example.com/*'], source: 'user' },
      { id: 'user-c', matches: ['https://desk.example.com/*'], source: 'user' },
      { id: 'user-d', matches: ['https://desk.example.com/chat/*'], source: 'user' },
    ];
    expect(rankSites(mine, 'https://desk.example.com/chat/1').map((e) => e.id)).toEqual(['user-d', 'user-c', 'user-b', 'user-a']);
    expect(rankSites(mine, 'https://desk.example.com/inbox').map((e) => e.id)).toEqual(['user-c', 'user-b', 'user-a']);
    const tie: SiteEntry[] = [
      { id: 'user-z', matches: ['https://desk.example.com/*'], source: 'user' },
      { id: 'user-y', matches: ['https://desk.example.com/*'], source: 'user' },
    ];
    expect(resolveSite(tie, 'https://desk.example.com/')).toMatchObject({ entry: { id: 'user-y' }, reason: 'first' });
  });

  it("the agent's choice wins while that config matches the page, and only then", () => {
    const index = [...builtins, taught];
    expect(resolveSite(index, console, 'deskmate-demo')).toMatchObject({ entry: { id: 'deskmate-demo' }, reason: 'chosen' });
    // A choice of a config that does not match this page (or no longer exists) is ignored.
    expect(resolveSite(index, console, 'zendesk')).toMatchObject({ entry: { id: 'user-127.0.0.1-classic' }, reason: 'own' });
    expect(resolveSite(index, 'http://127.0.0.1/other/', 'user-127.0.0.1-classic')).toMatchObject({
      entry: { id: 'deskmate-demo' },
      reason: 'only',
    });
  });

  it('entries of an index published before sources were kept count as built-in', () => {
    const old = [{ id: 'aaa', matches: ['http://127.0.0.1/*'] }, taught];
    expect(resolveSite(old, console)?.entry.id).toBe(taught.id);
  });

  it('specificity: exact host over *. host over any host; longer literal path; no match is null', () => {
    const url = 'https://a.example.com/chat/1';
    expect(patternSpecificity('https://a.example.com/*', url)).toEqual([2, 1]);
    expect(patternSpecificity('https://*.example.com/chat/*', url)?.[0]).toBeGreaterThan(1);
    expect(patternSpecificity('*://*/*', url)).toEqual([0, 1]);
    expect(patternSpecificity('https://b.example.com/*', url)).toBeNull();
    expect(patternSpecificity('http://a.example.com/*', url)).toBeNull();
    expect(patternSpecificity('not a pattern', url)).toBeNull();
  });
});
