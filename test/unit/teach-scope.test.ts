import { describe, expect, it } from 'vitest';
import { deepQueryAll } from '@/lib/sites/deep-query';
import { snapshotPage } from '@/lib/sites/extract';
import { buildConfig, composedParent, deriveComposer, deriveMessageRule, scoped, scopeOf } from '@/lib/sites/teach';

// Picks inside open shadow roots at any depth: the derived selectors cross into them with the
// runtime's `>>>` steps, so the config reads what the agent picked.

/** <desk-app> → shadow: <chat-thread> → shadow: messages; <desk-app> → shadow: <chat-composer> → shadow: textarea. */
function nestedConsole(): { doc: Document; thread: ShadowRoot; composer: ShadowRoot } {
  document.body.replaceChildren();
  const app = document.createElement('desk-app');
  document.body.append(app);
  const appRoot = app.attachShadow({ mode: 'open' });
  const threadHost = document.createElement('chat-thread');
  const composerHost = document.createElement('chat-composer');
  appRoot.append(threadHost, composerHost);
  const thread = threadHost.attachShadow({ mode: 'open' });
  const list = document.createElement('div');
  list.className = 'msgs';
  for (const [who, text] of [
    ['in', '在吗'],
    ['out', '在的亲'],
    ['in', '发货了吗'],
    ['out', '今天发'],
  ] as const) {
    const msg = document.createElement('div');
    msg.className = `msg msg-${who}`;
    const span = document.createElement('span');
    span.className = 'text';
    span.textContent = text;
    msg.append(span);
    list.append(msg);
  }
  thread.append(list);
  const composer = composerHost.attachShadow({ mode: 'open' });
  const box = document.createElement('textarea');
  box.className = 'reply';
  composer.append(box);
  return { doc: document, thread, composer };
}

describe('teach: picks inside shadow roots', () => {
  it('derives message and composer selectors that cross the roots with >>>, and the config reads them', () => {
    const { doc, thread, composer } = nestedConsole();
    const customer = thread.querySelectorAll('.msg .text')[0]!;
    const agent = thread.querySelectorAll('.msg .text')[1]!;
    const scope = scopeOf(customer, doc);
    expect(scope.root).toBe(thread);
    expect(scope.prefix).toBe('desk-app >>> chat-thread >>> ');
    const d = deriveMessageRule(customer, agent, scope.root);
    expect(d).not.toBeNull();
    const message = scoped(scope.prefix, d!.message);
    expect(deepQueryAll(doc, message[0]!)).toHaveLength(4);

    const box = composer.querySelector('textarea')!;
    const cs = scopeOf(box, doc);
    expect(cs.prefix).toBe('desk-app >>> chat-composer >>> ');
    const composerSel = scoped(cs.prefix, deriveComposer(box, cs.root).composer);
    expect(deepQueryAll(doc, composerSel[0]!)).toEqual([box]);

    const config = buildConfig({ host: 'desk.example.com', parts: { message, messageSender: d!.messageSender, composer: composerSel } });
    const snap = snapshotPage(config, doc, 'https://desk.example.com/');
    expect(snap.messages.map((m) => m.sender)).toEqual(['customer', 'agent', 'customer', 'agent']);
    expect(snap.hasComposer).toBe(true);
  });

  it('an element of the page document has no steps; a step up from a shadow root top is its host', () => {
    const { doc, thread } = nestedConsole();
    const p = doc.createElement('p');
    doc.body.append(p);
    expect(scopeOf(p, doc)).toEqual({ root: doc, prefix: '' });
    const top = thread.firstElementChild!;
    expect(composedParent(top)).toBe(thread.host);
  });
});
