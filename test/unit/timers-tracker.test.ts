import { afterEach, describe, expect, it } from 'vitest';
import { builtinSiteConfigs } from '@/lib/sites/builtin';
import type { ListActivity } from '@/lib/timers/record';
import { createTracker, type TrackerBatch } from '@/lib/timers/tracker';

// The page side of the timers against a console-shaped DOM: what is history, what is live, and
// the single-page-app cases (conversation switch, virtualised lists recycling nodes, open shadow
// roots).

/** Epoch ms (page timestamps in seconds would be read as seconds). */
const T = 1_796_000_000_000;
const demo = builtinSiteConfigs().find((c) => c.id === 'deskmate-demo')!;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.replaceChildren();
});

function consoleDom(root: ParentNode & Node = document.body): HTMLOListElement {
  const chat = document.createElement('section');
  chat.id = 'chat';
  chat.dataset.activeConv = 'c-1';
  const list = document.createElement('ol');
  list.id = 'messages';
  chat.append(list);
  root.appendChild(chat);
  return list;
}

function message(id: string, sender: string, ts: number | null): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'msg';
  li.dataset.msgId = id;
  li.dataset.sender = sender;
  if (ts !== null) li.dataset.ts = String(T + ts);
  const text = document.createElement('div');
  text.className = 'msg-text';
  text.textContent = `text of ${id}`;
  li.append(text);
  return li;
}

function track(doc: Document = document) {
  const batches: TrackerBatch[] = [];
  let flush: (() => void) | undefined;
  const tracker = createTracker({
    config: demo,
    doc,
    url: () => 'http://127.0.0.1/',
    onBatch: (b) => batches.push(b),
    // Batches run when the test says so (the real one waits BATCH_MS).
    setTimeout: (fn) => {
      flush = fn;
      return 1;
    },
  });
  stop = () => tracker.stop();
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 0)); // mutation records are delivered
    const f = flush;
    flush = undefined;
    f?.();
  };
  return { batches, settle };
}

describe('message tracker', () => {
  it('reports what is on screen at attach as history, and new items as live', async () => {
    const list = consoleDom();
    list.append(message('m1', 'customer', 1000), message('m2', 'agent', 2000));
    const { batches, settle } = track();
    expect(batches).toEqual([
      {
        conversationId: 'c-1',
        messages: [
          { id: 'm1', sender: 'customer', at: T + 1000, live: false },
          { id: 'm2', sender: 'agent', at: T + 2000, live: false },
        ],
      },
    ]);
    list.append(message('m3', 'customer', 3000), message('m4', 'bot', 3100));
    await settle();
    expect(batches[1]).toEqual({
      conversationId: 'c-1',
      messages: [
        { id: 'm3', sender: 'customer', at: T + 3000, live: true },
        { id: 'm4', sender: 'bot', at: T + 3100, live: true },
      ],
    });
  });

  it('treats a conversation switch as history of the other conversation', async () => {
    const list = consoleDom();
    list.append(message('m1', 'customer', 1000));
    const { batches, settle } = track();
    document.getElementById('chat')!.dataset.activeConv = 'c-2';
    list.replaceChildren(message('n1', 'customer', 500), message('n2', 'agent', 600));
    await settle();
    expect(batches.at(-1)).toEqual({
      conversationId: 'c-2',
      messages: [
        { id: 'n1', sender: 'customer', at: T + 500, live: false },
        { id: 'n2', sender: 'agent', at: T + 600, live: false },
      ],
    });
  });

  it('a message a switch shows with a console time (it came while elsewhere) is put mid-span; at attach, at its start', async () => {
    const config = { ...demo, selectors: { ...demo.selectors, messageTime: { selector: ['.t'] } } };
    const at = (s: number) => new Date(2026, 8, 8, 17, 12, s).getTime();
    const timed = (id: string, sender: string, text: string) => {
      const li = message(id, sender, null);
      li.append(Object.assign(document.createElement('span'), { className: 't', textContent: text }));
      return li;
    };
    const list = consoleDom();
    list.append(timed('m1', 'customer', '2026-09-08 17:12:14'));
    const batches: TrackerBatch[] = [];
    let flush: (() => void) | undefined;
    const tracker = createTracker({
      config,
      doc: document,
      url: () => 'http://127.0.0.1/',
      now: () => at(40),
      onBatch: (b) => batches.push(b),
      setTimeout: (fn) => ((flush = fn), 1),
    });
    stop = () => tracker.stop();
    expect(batches[0]?.messages[0]).toMatchObject({ id: 'm1', at: at(14), live: false });
    document.getElementById('chat')!.dataset.activeConv = 'c-2';
    list.replaceChildren(timed('n1', 'customer', '2026-09-08 17:12:20'));
    await new Promise((r) => setTimeout(r, 0));
    flush?.();
    expect(batches.at(-1)).toEqual({ conversationId: 'c-2', messages: [{ id: 'n1', sender: 'customer', at: at(20) + 500, live: false }] });
  });

  it('keeps a reply sent just before a switch with the conversation it was sent in', async () => {
    const list = consoleDom();
    list.append(message('m1', 'customer', 1000));
    const { batches, settle } = track();
    // Within one batch: the agent's reply appears, then the agent opens another conversation.
    list.append(message('m2', 'agent', 2000));
    document.getElementById('chat')!.dataset.activeConv = 'c-2';
    list.replaceChildren(message('n1', 'customer', 500));
    await settle();
    expect(batches.slice(1)).toEqual([
      { conversationId: 'c-1', messages: [{ id: 'm2', sender: 'agent', at: T + 2000, live: true }] },
      { conversationId: 'c-2', messages: [{ id: 'n1', sender: 'customer', at: T + 500, live: false }] },
    ]);
  });

  it('sees a recycled node of a virtualised list as a new message, and a re-render of a known one as nothing', async () => {
    const list = consoleDom();
    const recycled = message('m1', 'customer', 1000);
    list.append(recycled);
    const { batches, settle } = track();
    // The list reuses the node for the next message: only attributes and text change.
    recycled.dataset.msgId = 'm9';
    recycled.dataset.ts = String(T + 9000);
    await settle();
    expect(batches.at(-1)?.messages).toEqual([{ id: 'm9', sender: 'customer', at: T + 9000, live: true }]);
    // The console re-renders m9 (same id): not reported again.
    const count = batches.length;
    list.replaceChildren(message('m9', 'customer', 9000));
    await settle();
    expect(batches.length).toBe(count);
  });

  it('follows messages rendered inside an open shadow root', async () => {
    const host = document.createElement('chat-app');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const list = consoleDom(shadow);
    list.append(message('m1', 'customer', 1000));
    const { batches, settle } = track();
    expect(batches[0]?.messages.map((m) => m.id)).toEqual(['m1']);
    list.append(message('m2', 'agent', 2000));
    await settle();
    expect(batches.at(-1)?.messages).toEqual([{ id: 'm2', sender: 'agent', at: T + 2000, live: true }]);
  });

  it('gives messages without an id a stable identity that is not their text', async () => {
    const config = { ...demo, selectors: { ...demo.selectors, messageId: undefined } };
    const list = consoleDom();
    list.append(message('x', 'customer', 1000));
    const batches: TrackerBatch[] = [];
    const tracker = createTracker({
      config,
      doc: document,
      url: () => 'http://127.0.0.1/',
      onBatch: (b) => batches.push(b),
      setTimeout: () => 1,
    });
    stop = () => tracker.stop();
    const id = batches[0]!.messages[0]!.id;
    expect(id).toMatch(/^h[0-9a-z]+\.1$/);
    expect(id).not.toContain('text');
  });

  it('an item lacking the id its config reads gets the keyed signature, stable when re-rendered later', async () => {
    let now = T + 5000;
    const list = consoleDom();
    const batches: TrackerBatch[] = [];
    let flush: (() => void) | undefined;
    const tracker = createTracker({
      config: { ...demo, selectors: { ...demo.selectors, message: ['#messages .msg'] } },
      doc: document,
      url: () => 'http://127.0.0.1/',
      onBatch: (b) => batches.push(b),
      now: () => now,
      identity: (sender, timeText, text) => `k-${sender}-${timeText}-${text.length}`,
      setTimeout: (fn) => ((flush = fn), 1),
    });
    stop = () => tracker.stop();
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 0));
      const f = flush;
      flush = undefined;
      f?.();
    };
    const idless = () => {
      const li = message('x', 'customer', 4000);
      delete li.dataset.msgId;
      return li;
    };
    list.append(idless());
    await settle();
    const first = batches.at(-1)!.messages;
    expect(first).toHaveLength(1);
    expect(first[0]!.id).toBe(`k-customer-${T + 4000}-${'text of x'.length}`); // the install's keyed identity, not an unkeyed hash
    // The console re-renders the same message a few seconds later: the same message, not a new one.
    now += 7000;
    list.replaceChildren(idless());
    await settle();
    expect(batches.at(-1)!.messages.map((m) => m.id)).not.toContain(undefined);
    expect(
      batches
        .flatMap((b) => b.messages)
        .filter((m) => m.live)
        .map((m) => m.id),
    ).toEqual([first[0]!.id]);
  });
});

describe('consoles unlike the demo', () => {
  const noIds = { ...demo, selectors: { ...demo.selectors, messageId: undefined, messageTime: undefined } };
  const bare = (sender: string, text: string) => {
    const li = document.createElement('li');
    li.className = 'msg';
    li.dataset.msgId = 'ignored';
    li.dataset.sender = sender;
    const t = document.createElement('div');
    t.className = 'msg-text';
    t.textContent = text;
    li.append(t);
    return li;
  };
  function trackWith(config: typeof demo, now = () => T) {
    const batches: TrackerBatch[] = [];
    const lists: ListActivity[][] = [];
    let flush: (() => void) | undefined;
    const tracker = createTracker({
      config,
      doc: document,
      url: () => 'http://127.0.0.1/',
      onBatch: (b) => batches.push(b),
      onList: (l) => lists.push(l),
      now,
      setTimeout: (fn) => ((flush = fn), 1),
    });
    stop = () => tracker.stop();
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 0));
      const f = flush;
      flush = undefined;
      f?.();
    };
    return { batches, lists, settle };
  }

  it('without ids, the same text in a new round is a new message, and a re-render is none', async () => {
    const list = consoleDom();
    list.append(bare('customer', '在吗'), bare('agent', '亲，在的'));
    const { batches, settle } = trackWith(noIds);
    expect(batches[0]!.messages.map((m) => m.live)).toEqual([false, false]);
    list.append(bare('customer', '在吗'));
    await settle();
    list.append(bare('agent', '亲，在的'));
    await settle();
    const live = batches.slice(1).flatMap((b) => b.messages);
    expect(live.map((m) => [m.sender, m.live])).toEqual([
      ['customer', true],
      ['agent', true],
    ]);
    // Identities differ from the first round's.
    expect(new Set([...batches[0]!.messages, ...live].map((m) => m.id)).size).toBe(4);
    // The console re-renders the whole thread: nothing new.
    const count = batches.length;
    list.replaceChildren(bare('customer', '在吗'), bare('agent', '亲，在的'), bare('customer', '在吗'), bare('agent', '亲，在的'));
    await settle();
    expect(batches.length).toBe(count);
  });

  it('without ids, a recycled row of a virtualised thread showing a new message is new', async () => {
    const list = consoleDom();
    const rows = ['一', '二', '三'].map((t) => bare('agent', t));
    list.append(...rows);
    const { batches, settle } = trackWith(noIds);
    // The oldest row is reused (text only) for the buyer's new message.
    rows[0]!.dataset.sender = 'customer';
    rows[0]!.querySelector('.msg-text')!.firstChild!.nodeValue = '在吗';
    await settle();
    expect(batches.at(-1)!.messages).toMatchObject([{ sender: 'customer', live: true }]);
  });

  it('finds messages in a shadow root inside a shadow root, with a selector crossing both', async () => {
    const app = document.createElement('desk-app');
    const appRoot = app.attachShadow({ mode: 'open' });
    const thread = document.createElement('chat-thread');
    appRoot.append(thread);
    const threadRoot = thread.attachShadow({ mode: 'open' });
    const list = consoleDom(threadRoot);
    list.append(message('m1', 'customer', 1000));
    document.body.append(app); // rendered before it was added, as custom elements do
    const deep = {
      ...demo,
      selectors: {
        ...demo.selectors,
        message: ['desk-app >>> chat-thread >>> #messages .msg'],
        activeConversation: { selector: ['desk-app >>> chat-thread >>> #chat'], attr: 'data-active-conv' },
      },
    };
    const { batches, settle } = trackWith(deep);
    expect(batches[0]).toMatchObject({ conversationId: 'c-1', messages: [{ id: 'm1', live: false }] });
    list.append(message('m2', 'agent', 2000));
    await settle();
    expect(batches.at(-1)!.messages).toEqual([{ id: 'm2', sender: 'agent', at: T + 2000, live: true }]);
  });

  it('reports a list item that gains unread customer activity, at the time the list shows', async () => {
    const ul = document.createElement('ul');
    ul.id = 'conversation-list';
    const item = (id: string, unread: number, time: string) => {
      const li = document.createElement('li');
      li.dataset.convId = id;
      const badge = document.createElement('span');
      badge.className = 'unread';
      badge.textContent = unread ? String(unread) : '';
      const t = document.createElement('span');
      t.className = 'time';
      t.textContent = time;
      li.append(badge, t);
      return li;
    };
    const other = item('c-2', 0, '09:00');
    ul.append(item('c-1', 0, '09:00'), other);
    document.body.append(ul);
    consoleDom();
    const config = {
      ...demo,
      selectors: { ...demo.selectors, conversationUnread: { selector: ['.unread'] }, conversationLastTime: { selector: ['.time'] } },
    };
    const seenAt = new Date(2026, 11, 6, 14, 5, 37).getTime();
    const { lists, settle } = trackWith(config, () => seenAt);
    expect(lists).toEqual([]); // nobody waiting at attach
    other.querySelector('.unread')!.textContent = '1';
    other.querySelector('.time')!.textContent = '14:05';
    await settle();
    expect(lists).toEqual([[{ conversationId: 'c-2', at: seenAt, live: true }]]);
    // A second message raises the badge again: reported (the background keeps the first start).
    other.querySelector('.unread')!.textContent = '2';
    await settle();
    expect(lists).toHaveLength(2);
    // The open conversation's own item is the thread's business, not the list's.
    (ul.firstElementChild!.querySelector('.unread') as HTMLElement).textContent = '5';
    await settle();
    expect(lists).toHaveLength(2);
  });

  it('finds messages and list items inside a group the console adds whole, and nothing that only looks like one elsewhere', async () => {
    // Consoles append a day's group of messages, or a page of the list, as one subtree; the
    // tracker looks inside it by the item's last compound and checks the whole selector.
    const ul = document.createElement('ul');
    ul.id = 'conversation-list';
    document.body.append(ul);
    const list = consoleDom();
    const config = { ...demo, selectors: { ...demo.selectors, conversationUnread: { selector: ['.unread'] } } };
    const { batches, lists, settle } = trackWith(config);
    const group = document.createElement('div');
    group.className = 'day-group';
    group.append(message('g1', 'customer', 1000), message('g2', 'agent', 2000));
    list.append(group);
    // A look-alike outside the thread (a quoted message in a side panel): not the thread's.
    const aside = document.createElement('aside');
    aside.append(message('x1', 'customer', 3000));
    document.body.append(aside);
    const page = document.createElement('div');
    const li = document.createElement('li');
    li.dataset.convId = 'c-7';
    const badge = document.createElement('span');
    badge.className = 'unread';
    li.append(badge);
    page.append(li);
    ul.append(page);
    // A look-alike list item outside the list: never a conversation.
    const stray = li.cloneNode(true) as HTMLLIElement;
    stray.dataset.convId = 'c-8';
    aside.append(stray);
    await settle();
    expect(batches.at(-1)).toEqual({
      conversationId: 'c-1',
      messages: [
        { id: 'g1', sender: 'customer', at: T + 1000, live: true },
        { id: 'g2', sender: 'agent', at: T + 2000, live: true },
      ],
    });
    badge.textContent = '1';
    stray.querySelector('.unread')!.textContent = '3';
    await settle();
    expect(lists).toEqual([[{ conversationId: 'c-7', at: T, live: true }]]);
  });

  it("a switch in the same batch as the agent's reply: the row just left is not a buyer writing (a list that never says who wrote)", async () => {
    // 咚咚-like: rows show a preview and a time, no badge and no sender, so any change of a row that
    // is not open counts as the buyer. The row of the conversation the agent leaves changes with
    // the reply it shows; that change arrives in the batch that switches conversation.
    const ul = document.createElement('ul');
    ul.id = 'conversation-list';
    const row = (id: string) => {
      const li = document.createElement('li');
      li.dataset.convId = id;
      const p = document.createElement('span');
      p.className = 'preview';
      p.textContent = '在吗';
      li.append(p);
      return li;
    };
    const first = row('c-1');
    const second = row('c-2');
    const third = row('c-3');
    ul.append(first, second, third);
    document.body.append(ul);
    consoleDom();
    const config = {
      ...demo,
      selectors: {
        ...demo.selectors,
        conversationUnread: undefined,
        conversationLastTime: undefined,
        conversationPreview: { selector: ['.preview'] },
        conversationLastSender: { customer: ['[data-conv-id]'] },
      },
    };
    const { lists, settle } = trackWith(config);
    first.querySelector('.preview')!.textContent = '好的，马上为您处理';
    document.getElementById('chat')!.dataset.activeConv = 'c-2';
    third.querySelector('.preview')!.textContent = '还有一个问题';
    await settle();
    // (At attach every row says "the buyer wrote last": history without a time, never a wait.)
    expect(lists.flat().filter((a) => a.live)).toEqual([{ conversationId: 'c-3', at: T, live: true }]);
  });

  it('follows the list through its second alternative when the first finds nothing (a redesigned console)', async () => {
    const ul = document.createElement('ul');
    ul.id = 'conversation-list';
    const row = (id: string) => {
      const li = document.createElement('li');
      li.className = 'card-new';
      li.dataset.convId = id;
      li.append(Object.assign(document.createElement('sup'), { className: 'unread', textContent: '' }));
      return li;
    };
    const other = row('c-2');
    ul.append(row('c-1'), other);
    document.body.append(ul);
    consoleDom();
    const config = {
      ...demo,
      selectors: {
        ...demo.selectors,
        conversationItem: ["[data-qa-id='conv-item']", 'li.card-new'],
        conversationUnread: { selector: ['.unread'] },
      },
    };
    const seenAt = new Date(2026, 11, 6, 14, 5, 37).getTime();
    const { lists, settle } = trackWith(config, () => seenAt);
    other.querySelector('.unread')!.textContent = '1';
    await settle();
    expect(lists).toEqual([[{ conversationId: 'c-2', at: seenAt, live: true }]]);
  });
});

describe('selector split for detached nodes', () => {
  it('separates the item compound from its container', async () => {
    const { splitSelector } = await import('@/lib/timers/selector-parts');
    expect(splitSelector('#messages .msg[data-msg-id]')).toEqual({ item: '.msg[data-msg-id]', container: '#messages' });
    expect(splitSelector('ul.panel > li[data-x="a b"]')).toEqual({ item: 'li[data-x="a b"]', container: 'ul.panel' });
    expect(splitSelector('.msg')).toEqual({ item: '.msg', container: '' });
    expect(splitSelector('a, b')).toEqual({ item: 'a, b', container: '' });
  });
});
