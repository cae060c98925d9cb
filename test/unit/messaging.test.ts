import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskmateDB } from '@/lib/db/database';
import { send } from '@/lib/messaging/client';
import { dispatch, listen, type Handlers } from '@/lib/messaging/server';
import { createHandlers } from '@/lib/messaging/handlers';
import { browser } from 'wxt/browser';

let db: DeskmateDB;
let stop: () => void;

function handlers(): Handlers {
  return createHandlers(db, { injectOverlay: async () => false });
}

beforeEach(() => {
  db = new DeskmateDB(`test-${crypto.randomUUID()}`);
  // The fake runtime names no sender; these requests come from an extension page.
  const h = handlers();
  const listener = (message: unknown) => dispatch(h, message, { url: browser.runtime.getURL('/options.html') });
  browser.runtime.onMessage.addListener(listener as never);
  stop = () => browser.runtime.onMessage.removeListener(listener as never);
});
afterEach(async () => {
  stop();
  await db.delete();
});

describe('typed messaging', () => {
  it('writes a template through a message and reads it back', async () => {
    const saved = await send('templates.save', { title: '欢迎语', body: '您好，{{买家|亲}}', shortcode: 'hyy' });
    expect(saved).toMatchObject({ title: '欢迎语', shortcode: 'hyy', folder: '', tags: [], useCount: 0 });
    expect(await db.templates.get(saved.id)).toMatchObject({ body: '您好，{{买家|亲}}' });
    expect(await send('templates.count', {})).toBe(1);
  });

  it('refuses invalid input, names the field, and writes nothing', async () => {
    await expect(send('templates.save', { title: '  ', body: 'x' })).rejects.toThrow(/templates\.save: title: title is empty/);
    await expect(send('templates.save', { title: 'a', body: 'x', extra: 1 } as never)).rejects.toThrow(/extra/);
    expect(await db.templates.count()).toBe(0);
  });

  it('refuses a shortcode that is already taken', async () => {
    await send('templates.save', { title: 'A', body: 'a', shortcode: 'qd' });
    await expect(send('templates.save', { title: 'B', body: 'b', shortcode: 'qd' })).rejects.toThrow(
      /shortcode "qd" is already used by “A”/,
    );
    expect(await db.templates.count()).toBe(1);
  });

  it('records a use without any message text and serves the picker list with pinyin keys', async () => {
    const saved = await send('templates.save', { title: '欢迎语', body: '您好', shortcode: 'hyy' });
    await send('templates.recordUse', { templateId: saved.id, siteId: 'deskmate-demo', chars: 2 });
    const [picker] = await send('templates.picker', {});
    expect(picker).toMatchObject({ id: saved.id, useCount: 1, py: 'huanyingyu', pyi: 'hyy' });
    expect(await db.templateUses.toArray()).toEqual([
      { id: 1, templateId: saved.id, siteId: 'deskmate-demo', chars: 2, at: expect.any(Number) },
    ]);
  });

  it('listen() answers through the runtime, and refuses a sender that says nowhere it comes from', async () => {
    stop();
    stop = listen(handlers());
    await expect(send('ping', {})).rejects.toThrow(/ping: unknown sender/);
  });

  it('ignores messages that are not ours and unknown types', async () => {
    const h = handlers();
    expect(await dispatch(h, { hello: 1 }, {})).toEqual({ ok: false, error: 'not a Deskmate message' });
    expect(await dispatch(h, { deskmate: 1, type: 'drop.tables', input: {} }, {})).toEqual({
      ok: false,
      error: 'unknown message type "drop.tables"',
    });
  });
});
