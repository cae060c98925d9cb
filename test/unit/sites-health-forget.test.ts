import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DeskmateDB } from '@/lib/db/database';
import { siteHealth, type SiteHealthEntry } from '@/lib/settings';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import { missingKey } from '@/lib/sites/health';
import { removeUserSiteConfig, saveUserSiteConfigs } from '@/lib/sites/store';

// A config's health (what pages noticed it no longer finds) belongs to that config and its
// selectors (docs/site-config.md, "When a config stops working").
let db: DeskmateDB;
beforeEach(() => {
  fakeBrowser.reset();
  db = new DeskmateDB(`health-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const demo = builtinSiteConfigs().find((c) => c.id === 'deskmate-demo')!;
const failing: SiteHealthEntry = { failing: ['messages'], lastMatchAt: 1000, at: 2000 };

async function noticedFailing(id: string) {
  await siteHealth.setValue({ ...(await siteHealth.getValue()), [id]: failing });
  await fakeBrowser.storage.local.set({ [missingKey(id)]: { messages: 1000 } });
}
const state = async (id: string) => ({
  health: (await siteHealth.getValue())[id] ?? null,
  missing: (await fakeBrowser.storage.local.get(missingKey(id)))[missingKey(id)] ?? null,
});

describe('forgetting a config’s health', () => {
  it('a removed config of the agent leaves no warning on the built-in that takes its place', async () => {
    const mine = { ...demo, selectors: { ...demo.selectors, message: ['.new-msg'] } };
    await saveUserSiteConfigs(db, [mine]);
    await noticedFailing(demo.id);
    await noticedFailing('user-other');
    await removeUserSiteConfig(db, demo.id);
    expect(await state(demo.id)).toEqual({ health: null, missing: null });
    expect((await state('user-other')).health).not.toBeNull(); // other configs keep theirs
  });

  it('re-taught selectors start fresh; new counting numbers keep the warning', async () => {
    const mine = { ...demo, id: 'user-demo' };
    await saveUserSiteConfigs(db, [mine]);
    await noticedFailing(mine.id);
    await saveUserSiteConfigs(db, [{ ...mine, counting: { targetSec: 60 } }]);
    expect((await state(mine.id)).health).not.toBeNull();
    await saveUserSiteConfigs(db, [{ ...mine, selectors: { ...mine.selectors, message: ['.msg-v2'] } }]);
    expect(await state(mine.id)).toEqual({ health: null, missing: null });
  });
});
