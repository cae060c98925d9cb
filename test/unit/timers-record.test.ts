import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskmateDB } from '@/lib/db/database';
import { pruneOlderThan } from '@/lib/metrics/retention';
import { badgeText, inQuietHours, openWaits } from '@/lib/timers/alerts';
import {
  HASHED_ID_WINDOW_MS,
  recordListActivity,
  recordObserved,
  RESUME_WINDOW_MS,
  waitingConversations,
  type ObserveBatch,
  type ObservedMessage,
} from '@/lib/timers/record';
import { builtinSiteConfigs } from '@/lib/sites/builtin';

let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`timers-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const T0 = new Date(2026, 11, 2, 10, 0, 0).getTime();
const sec = (n: number) => T0 + n * 1000;
const batch = (messages: ObservedMessage[], attachedAt = T0, conversationId = 'c-1'): ObserveBatch => ({
  siteId: 'demo',
  conversationId,
  profile: 'taobao',
  attachedAt,
  messages,
});
const live = (id: string, sender: ObservedMessage['sender'], at: number | null): ObservedMessage => ({ id, sender, at, live: true });
const history = (id: string, sender: ObservedMessage['sender'], at: number | null): ObservedMessage => ({ id, sender, at, live: false });

describe('recording observed messages', () => {
  it('never creates events from history older than the attach time', async () => {
    const r = await recordObserved(
      db,
      batch([history('m1', 'customer', sec(-600)), history('m2', 'agent', sec(-590)), history('m3', 'customer', sec(-60))]),
      sec(1),
    );
    expect(r).toEqual({ recorded: 0, waitingSince: 0, changed: false });
    expect(await db.rounds.count()).toBe(0);
    expect(await db.messageEvents.count()).toBe(0);
  });

  it('starts a wait at the first customer message, keeps later ones and bot replies in it, ends it at the human reply', async () => {
    await recordObserved(db, batch([live('m1', 'customer', sec(10))]), sec(10));
    await recordObserved(db, batch([live('m2', 'bot', sec(11)), live('m3', 'customer', sec(40))]), sec(40));
    expect(await waitingConversations(db, 'demo')).toEqual([{ conversationId: 'c-1', waitingSince: sec(10) }]);
    const r = await recordObserved(db, batch([live('m4', 'agent', sec(95))]), sec(95));
    expect(r.changed).toBe(true);
    const rounds = await db.rounds.toArray();
    expect(rounds).toMatchObject([{ conversationKey: 'demo:c-1', profile: 'taobao', startedAt: sec(10), endedAt: sec(95) }]);
    expect(await waitingConversations(db, 'demo')).toEqual([]);
  });

  it('marks a wait the bot replied to, once, and leaves it open until a human answers', async () => {
    await recordObserved(db, batch([live('m1', 'customer', sec(10)), live('m2', 'bot', sec(11))]), sec(11));
    await recordObserved(db, batch([live('m3', 'bot', sec(30))]), sec(30));
    expect(await db.rounds.toArray()).toMatchObject([{ startedAt: sec(10), endedAt: 0, bot: 1 }]);
    // Another buyer answered by a human only: no mark. A bot message while nobody waits marks nothing.
    await recordObserved(
      db,
      batch([live('n1', 'customer', sec(12)), live('n2', 'agent', sec(20)), live('n3', 'bot', sec(21))], T0, 'c-2'),
      sec(21),
    );
    const other = await db.rounds.where('conversationKey').equals('demo:c-2').toArray();
    expect(other).toHaveLength(1);
    expect(other[0]!.bot).toBeUndefined();
    // The next wait of the first buyer is marked afresh only when the bot replies to it.
    await recordObserved(db, batch([live('m4', 'agent', sec(40)), live('m5', 'customer', sec(50))]), sec(50));
    const mine = await db.rounds.where('conversationKey').equals('demo:c-1').sortBy('startedAt');
    expect(mine).toMatchObject([
      { startedAt: sec(10), endedAt: sec(40), bot: 1 },
      { startedAt: sec(50), endedAt: 0 },
    ]);
    expect(mine[1]!.bot).toBeUndefined();
    await recordObserved(db, batch([live('m6', 'bot', sec(51))]), sec(51));
    expect(await db.rounds.where('conversationKey').equals('demo:c-1').sortBy('startedAt')).toMatchObject([
      { bot: 1 },
      { startedAt: sec(50), bot: 1 },
    ]);
  });

  it('de-duplicates the same message reported by a reload, a switch back or a second tab', async () => {
    await recordObserved(db, batch([live('m1', 'customer', sec(10))]), sec(10));
    // tab 2 attached later sees m1 as history, and tab 1 reports it again after a reload
    await recordObserved(db, batch([history('m1', 'customer', sec(10))], sec(20)), sec(20));
    await recordObserved(db, batch([live('m1', 'customer', sec(10)), live('m2', 'agent', sec(30))]), sec(30));
    await recordObserved(db, batch([live('m2', 'agent', sec(30))], sec(5)), sec(31));
    expect(await db.messageEvents.count()).toBe(2);
    expect(await db.rounds.toArray()).toMatchObject([{ startedAt: sec(10), endedAt: sec(30) }]);
  });

  it('counts history newer than the attach time (a message that arrived while another conversation was open)', async () => {
    await recordObserved(db, batch([history('m1', 'customer', sec(50))], sec(0)), sec(60));
    expect(await db.rounds.toArray()).toMatchObject([{ startedAt: sec(50), endedAt: 0 }]);
  });

  it('resumes after a reload: messages that arrived in the gap count, but not after a long absence', async () => {
    await recordObserved(db, batch([history('m1', 'customer', sec(-100))], sec(0)), sec(0)); // seen, not counted
    // reload 20 s later; m2 arrived during the reload
    await recordObserved(db, batch([history('m1', 'customer', sec(-100)), history('m2', 'customer', sec(15))], sec(20)), sec(20));
    expect(await db.rounds.toArray()).toMatchObject([{ startedAt: sec(15) }]);
    // the next morning: a message from the night before is history
    await recordObserved(db, batch([history('y0', 'customer', sec(-50))], sec(0), 'c-2'), sec(0));
    const later = sec(0) + RESUME_WINDOW_MS + 3600_000;
    await recordObserved(db, batch([history('x1', 'customer', later - 1800_000)], later, 'c-2'), later);
    expect(await db.rounds.where('conversationKey').equals('demo:c-2').count()).toBe(0);
  });

  it('uses the moment it was seen for live messages without a usable page time', async () => {
    await recordObserved(db, batch([live('m1', 'customer', null)]), sec(5));
    await recordObserved(db, batch([live('m2', 'agent', sec(5) - 86_400_000)]), sec(65)); // page clock a day off
    expect(await db.rounds.toArray()).toMatchObject([{ startedAt: sec(5), endedAt: sec(65) }]);
  });

  it('processes a batch in time order (a reply reported with its question)', async () => {
    await recordObserved(db, batch([live('a', 'agent', sec(20)), live('q', 'customer', sec(10))]), sec(21));
    expect(await db.rounds.toArray()).toMatchObject([{ startedAt: sec(10), endedAt: sec(20) }]);
  });
});

describe('buyers waiting in conversations that are not open (the list)', () => {
  const list = (items: { conversationId: string; at: number | null; live: boolean }[], attachedAt = T0) => ({
    siteId: 'demo',
    profile: 'taobao' as const,
    attachedAt,
    items,
  });

  it('opens a wait from the list at the time it shows, once, and ends it at the reply after the agent opens it', async () => {
    await recordListActivity(db, list([{ conversationId: 'c-2', at: sec(20), live: true }]), sec(20.3));
    await recordListActivity(db, list([{ conversationId: 'c-2', at: sec(25), live: true }]), sec(25.3)); // the badge rose again
    expect(await waitingConversations(db, 'demo')).toEqual([{ conversationId: 'c-2', waitingSince: sec(20) }]);
    // The agent opens it: its messages are history with the console's times; the first one is
    // exact (the list showed minutes): the wait moves back to it, and is not opened twice.
    await recordObserved(db, batch([history('q1', 'customer', sec(19.6)), history('q2', 'customer', sec(25))], sec(0), 'c-2'), sec(28));
    await recordObserved(db, batch([live('a1', 'agent', sec(32))], sec(0), 'c-2'), sec(32));
    expect(await db.rounds.toArray()).toMatchObject([{ conversationKey: 'demo:c-2', startedAt: sec(19.6), endedAt: sec(32) }]);
  });

  it('takes the list at attach for history unless its time is newer than the attach', async () => {
    await recordListActivity(db, list([{ conversationId: 'c-3', at: sec(-3600), live: false }], sec(0)), sec(1));
    expect(await db.rounds.count()).toBe(0);
    await recordListActivity(db, list([{ conversationId: 'c-4', at: sec(5), live: false }], sec(0)), sec(10));
    expect(await waitingConversations(db, 'demo')).toEqual([{ conversationId: 'c-4', waitingSince: sec(5) }]);
  });

  it('leaves alone a conversation already answered after the time the list shows', async () => {
    await recordObserved(db, batch([live('m1', 'customer', sec(10)), live('m2', 'agent', sec(30))], T0, 'c-5'), sec(30));
    await recordListActivity(db, list([{ conversationId: 'c-5', at: sec(10), live: true }]), sec(31));
    expect(await waitingConversations(db, 'demo')).toEqual([]);
  });
});

describe('messages without a site id', () => {
  it('de-duplicates an identity only against recent events: the same "在吗" tomorrow opens a wait', async () => {
    await recordObserved(db, batch([live('h1abc.1', 'customer', sec(10)), live('h9xyz.1', 'agent', sec(20))]), sec(20));
    // A second tab reports the same messages at once: nothing new.
    expect((await recordObserved(db, batch([live('h1abc.1', 'customer', sec(10))]), sec(21))).recorded).toBe(0);
    const tomorrow = sec(20) + HASHED_ID_WINDOW_MS + 1000;
    const r = await recordObserved(db, batch([live('h1abc.1', 'customer', tomorrow)]), tomorrow);
    expect(r.recorded).toBe(1);
    expect(await db.rounds.count()).toBe(2);
  });
});

describe('late waits and alerts', () => {
  it('counts conversations past their site target for the badge', async () => {
    const [demo] = builtinSiteConfigs();
    await db.siteConfigs.put({
      id: 'demo',
      source: 'user',
      enabled: 1,
      config: { ...demo!, id: 'demo', counting: { targetSec: 60 } },
      updatedAt: 0,
    });
    await recordObserved(db, batch([live('m1', 'customer', sec(0))]), sec(0));
    await recordObserved(db, batch([live('n1', 'customer', sec(50))], T0, 'c-2'), sec(50));
    const waits = await openWaits(db, sec(70));
    expect(waits.map((w) => w.lateAt).sort()).toEqual([sec(60), sec(110)]);
    expect(badgeText(waits, sec(70))).toBe('1');
    expect(badgeText(waits, sec(110))).toBe('2');
    expect(badgeText(waits, sec(30))).toBe('');
    // a wait abandoned for more than a day is not an alarm any more
    expect(await openWaits(db, sec(0) + 25 * 3600_000)).toEqual([]);
  });

  it('knows quiet hours, also across midnight', () => {
    const s = (from: string, to: string) => ({ sound: true, notify: true, quiet: { enabled: true, from, to } });
    const at = (h: number, m = 0) => new Date(2026, 11, 2, h, m).getTime();
    expect(inQuietHours(s('23:00', '08:00'), at(23, 30))).toBe(true);
    expect(inQuietHours(s('23:00', '08:00'), at(7, 59))).toBe(true);
    expect(inQuietHours(s('23:00', '08:00'), at(8, 0))).toBe(false);
    expect(inQuietHours(s('12:00', '13:30'), at(13, 0))).toBe(true);
    expect(inQuietHours({ ...s('12:00', '13:30'), quiet: { enabled: false, from: '12:00', to: '13:30' } }, at(13, 0))).toBe(false);
  });
});

describe('retention', () => {
  it('prunes reply events, message identities, uses and lint events older than the setting', async () => {
    const day = 86_400_000;
    await db.rounds.bulkAdd([
      { conversationKey: 'a', siteId: 'demo', startedAt: T0 - 200 * day, endedAt: T0 - 200 * day + 1000 },
      { conversationKey: 'b', siteId: 'demo', startedAt: T0 - 10 * day, endedAt: T0 - 10 * day + 1000 },
    ]);
    await db.messageEvents.bulkAdd([
      { id: 'x', conversationKey: 'a', sender: 'customer', at: T0 - 200 * day },
      { id: 'y', conversationKey: 'b', sender: 'customer', at: T0 - 10 * day },
    ]);
    await db.templateUses.add({ templateId: 't', at: T0 - 181 * day, siteId: 'demo' });
    const r = await pruneOlderThan(db, 180, T0);
    expect(r).toMatchObject({ rounds: 1, messageEvents: 1, templateUses: 1 });
    expect((await db.rounds.toArray()).map((x) => x.conversationKey)).toEqual(['b']);
  });
});
