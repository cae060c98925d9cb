import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskmateDB } from '@/lib/db/database';
import { siteMatchIndex } from '@/lib/settings';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import { syncBuiltinSiteConfigs } from '@/lib/sites/store';

// Built-in configs an earlier version shipped and this one does not (the guessed 千牛 config) are
// removed at sync, so they stop claiming a console; the agent's own configs are never touched.
let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`sync-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

describe('syncing the built-in site configs', () => {
  it('removes a built-in config no longer shipped, keeps the agent’s own under any id, and republishes the index', async () => {
    const demo = builtinSiteConfigs().find((c) => c.id === 'deskmate-demo')!;
    const old = { ...demo, id: 'taobao-qianniu', matches: ['https://qn.taobao.com/*'] };
    const mine = { ...demo, id: 'user-qianniu-history', matches: ['https://qn.taobao.com/*'] };
    await db.siteConfigs.bulkPut([
      { id: old.id, source: 'builtin', enabled: 1, config: old, updatedAt: 1 },
      { id: mine.id, source: 'user', enabled: 1, config: mine, updatedAt: 1 },
    ]);
    await syncBuiltinSiteConfigs(db, 1000);
    const ids = (await db.siteConfigs.toArray()).map((r) => r.id).sort();
    expect(ids).toEqual([...builtinSiteConfigs().map((c) => c.id), mine.id].sort());
    const index = await siteMatchIndex.getValue();
    expect(index.map((e) => e.id)).not.toContain('taobao-qianniu');
    expect(index.map((e) => e.id)).toContain('user-qianniu-history');
  });
});
