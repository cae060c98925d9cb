import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { TeachMode } from '@/components/teach/TeachMode';
import { translator, type MessageKey } from '@/lib/i18n';
import { extractValue } from '@/lib/sites/extract';
import { domSelectorChecker, parseSiteConfig, type SiteConfig } from '@/lib/sites/schema';
import {
  buildConfig,
  configIdFor,
  pathScope,
  siteOf,
  conversationIdFromUrl,
  deriveComposer,
  deriveConversationList,
  deriveMessageRule,
  deriveTitle,
  detect,
  emptyFields,
  fieldsToSelectors,
  isHashedClass,
  isStableId,
  selectorFor,
  selectorsToFields,
  stableClasses,
  type TeachSelectors,
} from '@/lib/sites/teach';

// Pages modelled on real consoles: what the agent clicks is usually an inner text span, class
// names are often generated, and lists are grouped or virtualised.

function page(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
}

function q(doc: Document, sel: string, i = 0): Element {
  const el = doc.querySelectorAll(sel)[i];
  if (!el) throw new Error(`no ${sel}[${i}] in the test page`);
  return el;
}

const check = (doc: Document) => domSelectorChecker(doc);

/** Teaches a page the way the agent would, and returns the saved config. */
function teach(
  doc: Document,
  clicks: { customer: Element; agent: Element; composer: Element; title?: Element; conversation?: Element },
  url = 'https://console.example.com/im',
): SiteConfig {
  const messages = deriveMessageRule(clicks.customer, clicks.agent, doc);
  expect(messages, 'message rule').not.toBeNull();
  const parts: Partial<TeachSelectors> = {
    message: messages!.message,
    messageSender: messages!.messageSender,
    messageId: messages!.messageId,
    messageTime: messages!.messageTime,
    messageText: messages!.messageText,
    composer: deriveComposer(clicks.composer, doc).composer,
  };
  if (clicks.title) {
    const title = deriveTitle(clicks.title, doc);
    parts.buyerName = title.buyerName;
    parts.conversationHeader = title.conversationHeader;
  }
  if (clicks.conversation) {
    const list = deriveConversationList(clicks.conversation, doc);
    expect(list, 'conversation list').not.toBeNull();
    parts.conversationItem = list!.conversationItem;
    parts.conversationItemId = list!.conversationItemId;
    parts.activeConversation = list!.activeConversation;
  }
  const config = buildConfig({ host: new URL(url).host, name: 'Test console', parts });
  const parsed = parseSiteConfig(config, check(doc));
  expect(parsed).toMatchObject({ ok: true });
  return config;
}

/** Every generated class on the page, and the generated segment of each. */
function hashedTokens(doc: Document): string[] {
  const out = new Set<string>();
  for (const el of Array.from(doc.querySelectorAll('[class]'))) {
    for (const c of Array.from(el.classList)) {
      if (!isHashedClass(c)) continue;
      out.add(c);
      const tail = c.split(/[-_]+/).pop();
      if (tail && tail.length >= 4) out.add(tail);
    }
  }
  return [...out];
}

function expectNoHashedClasses(config: SiteConfig, doc: Document) {
  const json = JSON.stringify(config.selectors);
  for (const token of hashedTokens(doc)) expect(json, `uses generated class token "${token}"`).not.toContain(token);
}

/** Marks a synthetic event as the browser marks the user's own (happy-dom leaves isTrusted unset). */
function trusted<E extends Event>(e: E): E {
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}

describe('class and id heuristics', () => {
  it('recognises generated class names', () => {
    for (const c of [
      'css-1x2y3z',
      'css-1x2y3z-MessageBubble',
      'sc-AxjAm',
      'sc-bdVaJa',
      'kPQfYn',
      'jxFRbj',
      'cMOLJb',
      'hOZsXB',
      'jss123',
      'makeStyles-root-12',
      '_3fGh2',
      'index_module_abc__x8s7d',
      'Message_row__q1W2e',
      'styles__title___3xYzA',
      'Chat-module--title--a1b2c',
      'x1n2onr6',
      'svelte-1x2y3z',
      'msg-1714550400',
      'ng-star-inserted',
    ])
      expect(isHashedClass(c), c).toBe(true);
    for (const c of [
      'msg',
      'msg-left',
      'chat__message',
      'chat__message--self',
      'ql-editor',
      'ReactVirtualized__Grid__innerScrollContainer',
      'ProseMirror',
      'public-DraftEditor-content',
      'col-md-6',
      'messageItem',
      'btn-primary',
      'h5',
      'ant-input',
      'icon-arrow2x',
      'iPhone',
      'ConvItem_item',
      'msgInOut',
      'bubble--buyer',
    ])
      expect(isHashedClass(c), c).toBe(false);
  });

  it('keeps only stable, non-state classes', () => {
    const doc = page('<div class="msg msg-left is-active ql-blank css-1x2y3z _3fGh2 unread Message_row__q1W2e"></div>');
    expect(stableClasses(q(doc, 'div'))).toEqual(['msg', 'msg-left']);
  });

  it('tells ids written by people from generated ones', () => {
    for (const id of ['composer-plain', 'messages', 'chat', 'app', '__next', 'chatInput']) expect(isStableId(id), id).toBe(true);
    for (const id of [
      'msg-123',
      ':r1:',
      'ember123',
      'react-select-2-input',
      'rc-tabs-0-tab-1',
      'a8f3c2e1',
      'el-id-1024-12',
      '123abc',
      'input-5',
      'mui-12345',
      '',
    ])
      expect(isStableId(id), id).toBe(false);
  });
});

describe('selectorFor', () => {
  const doc = page(`
    <div id="app"><div class="css-1x2y3z">
      <div class="chat-panel"><div class="toolbar"><button type="button" class="css-9z8y7x">Send</button></div></div>
      <div class="side"><div class="toolbar"><button type="button" class="css-9z8y7x">Other</button></div></div>
      <div id="composer-rich"><div class="ql-editor ql-blank" contenteditable="true"><p><br></p></div></div>
      <section class="_3fGh2"><div class="_1a2b3"><span>deep</span></div><div class="_1a2b3"><span>deeper</span></div></section>
    </div></div>`);

  it('is unique in the page and prefers stable attributes over generated classes', () => {
    const editor = q(doc, '.ql-editor');
    const sel = selectorFor(editor, doc);
    expect(sel).toBe('.ql-editor');
    expect(doc.querySelectorAll(sel)).toHaveLength(1);
    const send = q(doc, '.chat-panel button');
    const sendSel = selectorFor(send, doc);
    expect(doc.querySelectorAll(sendSel)).toHaveLength(1);
    expect(doc.querySelector(sendSel)).toBe(send);
    expect(sendSel).not.toMatch(/css-/);
  });

  it('falls back to structure, never to generated classes', () => {
    const deeper = q(doc, 'section span', 1);
    const sel = selectorFor(deeper, doc);
    expect(doc.querySelector(sel)).toBe(deeper);
    expect(doc.querySelectorAll(sel)).toHaveLength(1);
    expect(sel).not.toMatch(/_3fGh2|_1a2b3/);
  });
});

describe('teach: a console written with CSS modules (every class generated)', () => {
  const html = `
    <div id="root"><div class="App_layout__x8s7d">
      <aside class="Sidebar_sidebar__Wq1Zx">
        <ul class="Sidebar_list__Zq3xY">
          <li class="ConvItem_item__a1B2c ConvItem_active__k9Lm2" data-conversation-id="8812931"><img class="ConvItem_avatar__p0Oq1" alt=""><div class="ConvItem_body__r5T6y"><span class="ConvItem_name__u7I8o">王小姐</span><span class="ConvItem_preview__m3N4b">好的谢谢</span></div></li>
          <li class="ConvItem_item__a1B2c" data-conversation-id="8812932"><img class="ConvItem_avatar__p0Oq1" alt=""><div class="ConvItem_body__r5T6y"><span class="ConvItem_name__u7I8o">李先生</span><span class="ConvItem_preview__m3N4b">发货了吗</span></div></li>
          <li class="ConvItem_item__a1B2c" data-conversation-id="8812933"><img class="ConvItem_avatar__p0Oq1" alt=""><div class="ConvItem_body__r5T6y"><span class="ConvItem_name__u7I8o">赵女士</span><span class="ConvItem_preview__m3N4b">退款</span></div></li>
        </ul>
      </aside>
      <main class="Chat_main__h6J7k">
        <header class="Chat_header__v5B6n"><span class="Chat_name__c3D4f">王小姐</span></header>
        <div class="MessageList_scroller__Qe1Rt">
          <div class="Message_row__Tg7Hj Message_incoming__Yu8Ik"><img class="Message_avatar__Op9Lk" alt=""><div class="Message_bubble__Bn2Mx"><span class="Message_text__Qw3Er"><span>你好，</span><span>我的快递到哪了</span></span></div></div>
          <div class="Message_row__Tg7Hj Message_outgoing__As4Df"><div class="Message_bubble__Bn2Mx"><span class="Message_text__Qw3Er"><span>亲，帮您查一下</span></span></div></div>
          <div class="Message_row__Tg7Hj Message_incoming__Yu8Ik"><img class="Message_avatar__Op9Lk" alt=""><div class="Message_bubble__Bn2Mx"><span class="Message_text__Qw3Er"><span>好的</span></span></div></div>
          <div class="Message_row__Tg7Hj Message_outgoing__As4Df"><div class="Message_bubble__Bn2Mx"><span class="Message_text__Qw3Er"><span>已经到您所在城市了</span></span></div></div>
          <div class="Message_row__Tg7Hj Message_incoming__Yu8Ik"><img class="Message_avatar__Op9Lk" alt=""><div class="Message_bubble__Bn2Mx"><span class="Message_text__Qw3Er"><span>谢谢</span></span></div></div>
        </div>
        <div class="Composer_box__Zx5Cv"><div class="Composer_editor__Lk8Jh" contenteditable="true" role="textbox"><p><br></p></div><button class="Composer_send__Mn6Bv">发送</button></div>
      </main>
    </div></div>`;

  it('detects the messages, the composer, the title and the open conversation without generated classes', () => {
    const doc = page(html);
    const config = teach(doc, {
      customer: q(doc, '[class*="Message_text"] span', 1),
      agent: q(doc, '[class*="Message_outgoing"] [class*="Message_text"] span'),
      composer: q(doc, '[contenteditable] p'),
      title: q(doc, 'header span'),
      conversation: q(doc, 'li span', 2),
    });
    expectNoHashedClasses(config, doc);
    expect(detect(config, doc, 'https://console.example.com/im')).toMatchObject({
      customer: 3,
      agent: 2,
      bot: 0,
      system: 0,
      unknown: 0,
      total: 5,
      conversations: 3,
      conversationId: '8812931',
      buyerName: '王小姐',
      hasComposer: true,
    });
    expect(config.selectors.messageText).toBeDefined();
  });
});

describe('teach: a data-attribute console (styled-components / emotion classes)', () => {
  const message = (role: string, id: string, at: string, text: string) =>
    `<li class="sc-htpNat eAbCdE" data-testid="message" data-message-id="${id}" data-author-role="${role}" data-created-at="${at}"><div class="css-2b3c4d"><p class="css-5f6a7b"><span>${text}</span></p></div></li>`;
  const html = `
    <div id="app"><div class="sc-AxjAm kPQfYn">
      <section class="css-1x2y3z" data-testid="conversation-view">
        <div class="css-9a8b7c" data-testid="conversation-header"><h2 class="css-4d5e6f" data-testid="requester-name">Li Wei</h2></div>
        <ol role="log" aria-label="Conversation" class="sc-bdVaJa hOZsXB">
          ${message('end-user', 'a8f3c2e1-9b7d-4c1e-8f2a-1b2c3d4e5f60', '2024-05-01T10:00:00Z', 'Hi, where is my parcel?')}
          ${message('agent', 'b1c2d3e4-0000-4c1e-8f2a-1b2c3d4e5f61', '2024-05-01T10:01:00Z', 'Let me check')}
          ${message('system', 'c1c2d3e4-0000-4c1e-8f2a-1b2c3d4e5f62', '2024-05-01T10:02:00Z', 'Conversation assigned')}
          ${message('bot', 'd1c2d3e4-0000-4c1e-8f2a-1b2c3d4e5f63', '2024-05-01T10:03:00Z', 'Rate us!')}
          ${message('end-user', 'e1c2d3e4-0000-4c1e-8f2a-1b2c3d4e5f64', '2024-05-01T10:04:00Z', 'Thanks')}
        </ol>
        <div class="css-8c9d0e" data-testid="composer"><textarea class="css-1f2a3b" data-testid="composer-input" aria-label="Reply"></textarea></div>
      </section>
    </div></div>`;

  it('reads the sender, id and time attributes and maps bot/system values', () => {
    const doc = page(html);
    const rule = deriveMessageRule(q(doc, 'li span', 0), q(doc, 'li span', 1), doc)!;
    expect(rule.messageSender).toEqual({
      attr: 'data-author-role',
      customer: ['end-user'],
      agent: ['agent'],
      bot: ['bot'],
      system: ['system'],
    });
    expect(rule.messageId).toEqual({ selector: [':scope'], attr: 'data-message-id' });
    expect(rule.messageTime).toEqual({ selector: [':scope'], attr: 'data-created-at' });
    expect(rule.message[0]).toMatch(/data-testid="message"/);
    expect(rule.problems).toEqual([]);
  });

  it('detects every kind and never uses generated classes', () => {
    const doc = page(html);
    const config = teach(doc, {
      customer: q(doc, 'li p', 0),
      agent: q(doc, 'li p', 1),
      composer: q(doc, 'textarea'),
      title: q(doc, 'h2'),
    });
    expectNoHashedClasses(config, doc);
    expect(config.selectors.composer?.[0]).toBe('[data-testid="composer-input"]');
    expect(config.selectors.conversationHeader).toEqual(['[data-testid="conversation-header"]']);
    expect(detect(config, doc, 'https://help.example.com/agent/tickets/4711')).toMatchObject({
      customer: 2,
      agent: 1,
      bot: 1,
      system: 1,
      unknown: 0,
      buyerName: 'Li Wei',
      hasComposer: true,
    });
  });
});

describe('teach: a left/right bubble console', () => {
  const row = (side: 'left' | 'right', text: string) =>
    side === 'left'
      ? `<div class="msg-item msg-left"><img class="avatar" alt=""><div class="msg-body"><div class="msg-bubble"><span class="msg-text">${text}</span></div></div></div>`
      : `<div class="msg-item msg-right"><div class="msg-body"><div class="msg-bubble"><span class="msg-text">${text}</span></div></div><img class="avatar" alt=""></div>`;
  const html = `
    <div id="app"><div class="im-container"><div class="chat-panel">
      <div class="chat-title"><span class="nick">tb_buyer_88</span><span class="shop-tag">旗舰店</span></div>
      <div class="message-list">
        <div class="time-divider">10:02</div>
        ${row('left', '在吗')}
        ${row('right', '亲，在的')}
        <div class="msg-item msg-center msg-system"><span class="tip">系统提示：买家已付款</span></div>
        ${row('left', '什么时候发货')}
        <div class="time-divider">10:05</div>
        ${row('right', '今天发出')}
        ${row('left', '好')}
      </div>
      <div class="editor-wrap"><textarea class="editor-textarea"></textarea><button>发送</button></div>
    </div></div></div>`;

  it('tells the sides apart by class and finds the system tips', () => {
    const doc = page(html);
    const rule = deriveMessageRule(q(doc, '.msg-text', 0), q(doc, '.msg-text', 1), doc)!;
    expect(rule.message).toEqual(['.message-list .msg-item']);
    expect(rule.messageSender).toEqual({ customer: ['.msg-left'], agent: ['.msg-right'], system: ['.msg-system'] });
    expect(rule.messageText).toEqual({ selector: ['.msg-text'] });
    expect(rule.customerItem).toBe(q(doc, '.msg-item', 0));
  });

  it('counts the right messages', () => {
    const doc = page(html);
    const config = teach(doc, {
      customer: q(doc, '.msg-left .msg-text', 2),
      agent: q(doc, '.msg-right .msg-bubble', 0),
      composer: q(doc, '.editor-textarea'),
      title: q(doc, '.nick'),
    });
    expect(config.selectors.composer?.[0]).toBe('.editor-textarea');
    expect(config.selectors.buyerName?.selector?.[0]).toBe('.nick');
    expect(config.selectors.conversationHeader).toEqual(['.chat-title']);
    expect(detect(config, doc, 'https://console.example.com/')).toMatchObject({
      customer: 3,
      agent: 2,
      system: 1,
      unknown: 0,
      buyerName: 'tb_buyer_88',
    });
  });
});

describe('teach: messages grouped by day, clicks on nested spans', () => {
  const msg = (dir: string, id: string, ts: number, text: string) =>
    `<div class="message" data-direction="${dir}" data-mid="${id}" data-ts="${ts}"><div class="content"><span class="text"><span class="emoji">🙂</span><span>${text}</span></span></div><time>10:00</time></div>`;
  const html = `
    <div id="chat-history">
      <section class="day-group" data-date="2024-05-01"><div class="day-label">5月1日</div>
        ${msg('in', 'm1', 1714550400, '你好')}
        ${msg('out', 'm2', 1714550460, '您好')}
      </section>
      <section class="day-group" data-date="2024-05-02"><div class="day-label">5月2日</div>
        ${msg('in', 'm3', 1714636800, '还没到')}
        ${msg('in', 'm4', 1714636860, '怎么回事')}
        ${msg('out', 'm5', 1714636920, '马上处理')}
      </section>
    </div>
    <div class="reply"><textarea id="reply-box"></textarea></div>`;

  it('finds the message items across groups, not the groups', () => {
    const doc = page(html);
    const rule = deriveMessageRule(q(doc, '.message span span', 0), q(doc, '.message[data-direction="out"] .text span', 3), doc)!;
    expect(rule.customerItem).toBe(q(doc, '.message', 0));
    expect(rule.agentItem).toBe(q(doc, '.message', 4));
    expect(rule.messageSender).toEqual({ attr: 'data-direction', customer: ['in'], agent: ['out'] });
    expect(rule.messageId).toEqual({ selector: [':scope'], attr: 'data-mid' });
    expect(rule.messageTime).toEqual({ selector: [':scope'], attr: 'data-ts' });
    expect(rule.count).toBe(5);
  });

  it('still finds every group when both clicks are in the same one', () => {
    const doc = page(html);
    const config = teach(doc, {
      customer: q(doc, '.message .text span', 1),
      agent: q(doc, '.message[data-direction="out"] .text span', 1),
      composer: q(doc, '#reply-box'),
    });
    // A second, independent selector in case the id goes away.
    expect(config.selectors.composer).toEqual(['#reply-box', '.reply textarea']);
    const found = detect(config, doc, 'https://console.example.com/');
    expect(found).toMatchObject({ customer: 3, agent: 2, total: 5 });
  });
});

describe('teach: a virtualised list', () => {
  const row = (i: number, side: 'buyer' | 'seller', text: string) =>
    `<div data-index="${i}" style="position: absolute; top: ${i * 80}px; width: 100%"><div class="bubble bubble--${side}"><div class="bubble__content"><span>${text}</span></div></div></div>`;
  const html = `
    <div class="ReactVirtualized__Grid ReactVirtualized__List" role="grid" aria-label="消息列表">
      <div class="ReactVirtualized__Grid__innerScrollContainer" role="rowgroup" style="height: 4000px">
        ${row(40, 'buyer', '在吗')}${row(41, 'seller', '在的')}${row(42, 'buyer', '发票')}
      </div>
    </div>
    <div class="footer"><div data-slate-editor="true" contenteditable="true" role="textbox"><p><span data-slate-leaf="true">x</span></p></div></div>`;

  it('picks the bubbles (where the sender is), and keeps counting after the list re-renders', () => {
    const doc = page(html);
    const config = teach(doc, {
      customer: q(doc, '.bubble--buyer span'),
      agent: q(doc, '.bubble--seller span'),
      composer: q(doc, '[data-slate-leaf]'),
    });
    expect(config.selectors.message).toEqual(['[role="rowgroup"] .bubble']);
    expect(config.selectors.messageSender).toEqual({ customer: ['.bubble--buyer'], agent: ['.bubble--seller'] });
    expect(config.selectors.composer?.[0]).toBe('[data-slate-editor="true"]');
    expect(detect(config, doc, 'https://console.example.com/')).toMatchObject({ customer: 2, agent: 1 });
    // Scrolling: the library swaps the rendered rows.
    const inner = q(doc, '[role="rowgroup"]');
    for (const r of Array.from(inner.children)) r.remove();
    const fresh = page(`<div>${row(50, 'seller', 'a')}${row(51, 'seller', 'b')}${row(52, 'buyer', 'c')}${row(53, 'seller', 'd')}</div>`);
    for (const r of Array.from(q(fresh, 'div').children)) inner.append(doc.importNode(r, true));
    expect(detect(config, doc, 'https://console.example.com/')).toMatchObject({ customer: 1, agent: 3, unknown: 0 });
  });
});

describe('teach: a page like the demo workspace', () => {
  const msg = (sender: string, id: string, ts: number, text: string) =>
    `<li class="msg msg-${sender}" data-msg-id="${id}" data-sender="${sender}" data-ts="${ts}"><div class="msg-meta"><span class="msg-author">${sender}</span></div><div class="msg-text">${text}</div></li>`;
  const html = `
    <ul id="conversation-list" role="listbox">
      <li class="conv" role="option" data-conv-id="c-1001" aria-selected="false"><span class="conv-name">张三</span></li>
      <li class="conv" role="option" data-conv-id="c-1002" aria-selected="true"><span class="conv-name">李四</span></li>
    </ul>
    <section id="chat" data-active-conv="c-1002">
      <div class="chat-header"><div class="chat-title"><span class="buyer-name">李四</span></div></div>
      <ol id="messages">
        ${msg('customer', 'm-1002-1', 1714550400000, '在吗')}
        ${msg('bot', 'm-1002-2', 1714550401000, '您好，我是机器人')}
        ${msg('agent', 'm-1002-3', 1714550460000, '亲，在的')}
        ${msg('customer', 'm-1002-4', 1714550500000, '好')}
        ${msg('system', 'm-1002-5', 1714550600000, '会话已转接')}
      </ol>
      <div class="composer"><textarea id="composer-plain"></textarea></div>
    </section>`;

  it('derives what the hand-written demo config says', () => {
    const doc = page(html);
    const config = teach(doc, {
      customer: q(doc, '.msg-customer .msg-text'),
      agent: q(doc, '.msg-agent .msg-text'),
      composer: q(doc, '#composer-plain'),
      title: q(doc, '.buyer-name'),
      conversation: q(doc, '.conv-name', 0),
    });
    expect(config.selectors).toMatchObject({
      message: ['#messages .msg'],
      messageSender: { attr: 'data-sender', customer: ['customer'], agent: ['agent'], bot: ['bot'], system: ['system'] },
      messageId: { selector: [':scope'], attr: 'data-msg-id' },
      messageTime: { selector: [':scope'], attr: 'data-ts' },
      messageText: { selector: ['.msg-text'] },
      composer: ['#composer-plain', '.composer textarea'],
      buyerName: { selector: ['.buyer-name', '.chat-title span'] },
      conversationHeader: ['.chat-header'],
      conversationItemId: { selector: [':scope'], attr: 'data-conv-id' },
    });
    const detected = detect(config, doc, 'http://127.0.0.1/');
    // Each message on screen with the sender read for it (the page says it in data-sender).
    expect(detected.messages.map((m) => m.sender)).toEqual(detected.messages.map((m) => m.element.getAttribute('data-sender')));
    expect(detected.messages.map((m) => m.element)).toEqual(Array.from(doc.querySelectorAll('#messages .msg[data-msg-id]')));
    expect({ ...detected, messages: undefined }).toEqual({
      messages: undefined,
      customer: 2,
      agent: 1,
      bot: 1,
      system: 1,
      unknown: 0,
      total: 5,
      conversations: 2,
      conversationId: 'c-1002',
      buyerName: '李四',
      hasComposer: true,
    });
  });
});

describe('teach: when nothing stable tells the senders apart', () => {
  it('falls back on the generated classes that differ, with a warning, and the message selector still uses none', () => {
    const doc = page(`
      <div id="root"><div class="sc-AxjAm kPQfYn">
        <div class="sc-bdVaJa hOZsXB"><div class="sc-htpNat eAbCdE"><span>hello</span></div></div>
        <div class="sc-bdVaJa hOZsXB"><div class="sc-htpNat fGhIjK"><span>hi there</span></div></div>
        <div class="sc-bdVaJa hOZsXB"><div class="sc-htpNat eAbCdE"><span>ok</span></div></div>
      </div></div>`);
    const rule = deriveMessageRule(q(doc, 'span', 0), q(doc, 'span', 1), doc)!;
    expect(rule.problems).toEqual(['hashedSender']);
    expect(rule.messageSender).toEqual({ customer: ['.eAbCdE'], agent: ['.fGhIjK'] });
    expect(rule.count).toBe(3);
    const json = JSON.stringify(rule.message);
    for (const token of hashedTokens(doc)) expect(json).not.toContain(token);
    const config = buildConfig({
      host: 'x.example.com',
      parts: { message: rule.message, messageSender: rule.messageSender, composer: ['textarea'] },
    });
    expect(detect(config, doc, 'https://x.example.com/').messages.map((m) => [m.sender, m.text])).toEqual([
      ['customer', 'hello'],
      ['agent', 'hi there'],
      ['customer', 'ok'],
    ]);
  });

  it('says so when not even a class tells the senders apart', () => {
    const doc = page(
      `<div id="list"><div class="_a1b2"><span>hello</span></div><div class="_a1b2"><span>hi there</span></div><div class="_a1b2"><span>ok</span></div></div>`,
    );
    const rule = deriveMessageRule(q(doc, 'span', 0), q(doc, 'span', 1), doc)!;
    expect(rule.problems).toContain('noSender');
    expect(rule.messageSender).toBeUndefined();
  });

  it('refuses two clicks on the same message', () => {
    const doc = page('<div class="m"><span>a</span></div><div class="m"><span>b</span></div>');
    expect(deriveMessageRule(q(doc, '.m'), q(doc, '.m span'), doc)).toBeNull();
    expect(deriveMessageRule(q(doc, 'span'), q(doc, 'span'), doc)).toBeNull();
  });
});

describe('conversation id from the URL', () => {
  it('reads ids from query, path and hash routes', () => {
    const cases: [string, string | null][] = [
      ['https://im.example.com/chat?conversationId=8812931&tab=1', '8812931'],
      ['https://im.example.com/im/chat/8812931/', '8812931'],
      ['https://desk.example.com/#/session/a8f3c2e19b7d', 'a8f3c2e19b7d'],
      ['https://desk.example.com/agent/tickets/4711', '4711'],
      ['https://desk.example.com/inbox', null],
    ];
    for (const [url, id] of cases) {
      const rule = conversationIdFromUrl(url);
      expect(rule ? extractValue(rule, document, url) : null, url).toBe(id);
    }
  });
});

describe('buildConfig', () => {
  it('makes a valid, unverified config for the host', () => {
    const config = buildConfig({ host: 'shop.example.com', parts: { composer: ['textarea'], message: [' .msg ', '.msg', ''] } });
    expect(config).toMatchObject({
      format: 'deskmate/site-config',
      version: 1,
      id: 'user-shop.example.com',
      name: 'shop.example.com',
      verified: false,
      matches: ['https://shop.example.com/*'],
      profile: 'helpdesk',
      selectors: { composer: ['textarea'], message: ['.msg'] },
    });
    expect(parseSiteConfig(config, check(document))).toEqual({ ok: true, value: config });
  });

  it('keeps the protocol, drops the port, takes a profile and a name', () => {
    const config = buildConfig({ host: 'localhost:5173', protocol: 'http:', name: '  我的工作台 ', profile: 'taobao', parts: {} });
    expect(config).toMatchObject({ id: 'user-localhost', name: '我的工作台', matches: ['http://localhost/*'], profile: 'taobao' });
    expect(parseSiteConfig(config).ok).toBe(true);
  });

  it('makes ids the schema accepts from any host', () => {
    for (const host of ['A.B.example.COM', 'xn--fiqs8s.example', 'a'.repeat(80) + '.com', '127.0.0.1:8080']) {
      const id = configIdFor(host);
      expect(id, host).toMatch(/^[a-z0-9][a-z0-9._-]{1,63}$/);
    }
  });

  it("matches the console's host and path, not the whole host", () => {
    const at = (url: string) => {
      const site = siteOf(url);
      return buildConfig({ host: site.host, protocol: site.protocol, path: site.path, parts: {} });
    };
    expect(at('http://127.0.0.1:5175/classic-noid/index.html?reset')).toMatchObject({
      id: 'user-127.0.0.1-classic-noid',
      matches: ['http://127.0.0.1/classic-noid/*'],
    });
    expect(at('https://desk.example.com/chat/c-1001')).toMatchObject({
      id: 'user-desk.example.com-chat',
      matches: ['https://desk.example.com/chat/*'],
    });
    // At the root, or a first folder that is an id: the whole host.
    expect(at('https://desk.example.com/index.html#/c/1')).toMatchObject({
      id: 'user-desk.example.com',
      matches: ['https://desk.example.com/*'],
    });
    expect(at('https://desk.example.com/123456/inbox')).toMatchObject({ matches: ['https://desk.example.com/*'] });
    expect(pathScope('/a%2Fb/x')).toBe('/');
    for (const url of ['http://127.0.0.1:5175/classic-noid/index.html', 'https://desk.example.com/chat/c-1001'])
      expect(parseSiteConfig(at(url)).ok, url).toBe(true);
  });

  it('drops empty rules and sender lists', () => {
    const config = buildConfig({
      host: 'x.example.com',
      parts: {
        messageSender: { attr: ' ', customer: [''] },
        buyerName: { selector: [''] },
        activeConversation: { fromUrl: true, regex: '/chat/([^/?#&]+)' },
      },
    });
    expect(config.selectors).toEqual({ activeConversation: { fromUrl: true, regex: '/chat/([^/?#&]+)' } });
  });
});

describe('form fields', () => {
  it('round-trip the selectors the form edits', () => {
    const selectors: TeachSelectors = {
      message: ['#messages .msg', '.msg'],
      messageSender: { attr: 'data-sender', customer: ['customer'], agent: ['agent'], bot: ['bot'] },
      messageId: { selector: [':scope'], attr: 'data-msg-id' },
      messageTime: { selector: ['time[datetime]'], attr: 'datetime' },
      messageText: { selector: ['.msg-text'] },
      composer: ['#composer'],
      buyerName: { selector: ['.buyer-name'] },
      conversationHeader: ['.chat-header'],
      conversationItem: ['#list li'],
      conversationItemId: { selector: [':scope'], attr: 'data-id' },
      activeConversation: { fromUrl: true, regex: '/chat/([^/?#&]+)' },
    };
    const fields = selectorsToFields(selectors);
    expect(fields.message).toBe('#messages .msg\n.msg');
    expect(fields.activeConversationUrl).toBe('/chat/([^/?#&]+)');
    expect(fieldsToSelectors(fields)).toEqual(selectors);
    expect(fieldsToSelectors(emptyFields)).toEqual({});
  });

  it('only replaces the fields a derivation gives', () => {
    const base = selectorsToFields({ composer: ['#composer'] });
    const next = selectorsToFields({ message: ['.msg'] }, base);
    expect(next.composer).toBe('#composer');
    expect(next.message).toBe('.msg');
  });
});

describe('TeachMode (in a shadow root, on a live page)', () => {
  const msg = (sender: string, id: string, text: string) =>
    `<li class="msg" data-msg-id="${id}" data-sender="${sender}"><div class="msg-text"><span>${text}</span></div></li>`;
  const html = `
    <section id="chat">
      <div class="chat-header"><span class="buyer-name">李四</span></div>
      <ol id="messages">${msg('customer', 'm1', '在吗')}${msg('agent', 'm2', '在的')}${msg('customer', 'm3', '发货了吗')}</ol>
      <div class="composer"><textarea id="composer-plain"></textarea></div>
    </section>`;

  /** The string in either language (the test does not depend on the browser's language). */
  const either = (key: MessageKey, params?: Record<string, string | number>) => [
    translator('en')(key, params),
    translator('zh-CN')(key, params),
  ];

  async function mount() {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const pageRoot = document.createElement('div');
    for (const n of Array.from(new DOMParser().parseFromString(html, 'text/html').body.childNodes))
      pageRoot.append(document.importNode(n, true));
    document.body.append(pageRoot);
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    shadow.append(container);
    const onSave = vi.fn<(config: SiteConfig) => void>();
    const onCancel = vi.fn();
    const root = createRoot(container);
    await act(async () => {
      root.render(
        createElement(TeachMode, { doc: document, url: 'https://im.example.com/workbench?conversationId=c-1002', onSave, onCancel }),
      );
    });
    const button = (key: MessageKey, step?: MessageKey) => {
      // Step buttons are named "<action>: <step>"; the others by their text.
      const names = step
        ? (['en', 'zh-CN'] as const).map((l) => translator(l)('teach.buttonFor', { action: translator(l)(key), step: translator(l)(step) }))
        : either(key);
      const found = Array.from(shadow.querySelectorAll('button')).find((b) =>
        names.includes(b.getAttribute('aria-label') ?? b.textContent ?? ''),
      );
      if (!found) throw new Error(`no button ${key} ${step ?? ''}`);
      return found;
    };
    const field = (key: MessageKey) => {
      const label = Array.from(shadow.querySelectorAll('label')).find((l) => either(key).includes(l.textContent ?? ''));
      const el = label && shadow.getElementById(label.htmlFor);
      if (!el) throw new Error(`no field ${key}`);
      return el as HTMLInputElement | HTMLTextAreaElement;
    };
    const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 300)));
    const cleanup = () => {
      act(() => root.unmount());
      pageRoot.remove();
      host.remove();
    };
    return { shadow, button, field, settle, cleanup, onSave, onCancel, pageRoot };
  }

  it('picks by clicking (the page never sees the clicks), shows what it detects live, and saves', async () => {
    const ui = await mount();
    let pageClicks = 0;
    const countClick = () => pageClicks++;
    ui.pageRoot.addEventListener('click', countClick);
    ui.pageRoot.addEventListener('mousedown', countClick);
    const click = (el: Element) =>
      act(async () => void el.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }))));
    try {
      await act(async () => ui.button('teach.pick', 'teach.stepCustomer').click());
      expect(ui.button('teach.stopPicking', 'teach.stepCustomer').getAttribute('aria-pressed')).toBe('true');
      // Hovering outlines the element under the pointer.
      await act(async () => {
        q(document, '#messages .msg-text span').dispatchEvent(trusted(new PointerEvent('pointermove', { bubbles: true, composed: true })));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      });
      expect((ui.shadow.querySelector('.dm-teach-outline') as HTMLElement).hidden).toBe(false);
      await act(
        async () =>
          void q(document, '#messages .msg-text span', 0).dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true })),
      );
      await click(q(document, '#messages .msg-text span', 0));
      await act(async () => ui.button('teach.pick', 'teach.stepAgent').click());
      await click(q(document, '#messages .msg-text span', 1));
      await act(async () => ui.button('teach.pick', 'teach.stepComposer').click());
      await click(q(document, '#composer-plain'));
      expect(pageClicks).toBe(0);
      expect(ui.field('teach.fieldMessage').value).toBe('#messages .msg');
      expect(ui.field('teach.fieldSenderAttr').value).toBe('data-sender');
      expect(ui.field('teach.fieldComposer').value.split('\n')[0]).toBe('#composer-plain');
      expect(ui.field('teach.fieldActiveUrl').value).toBe('[?&]conversationId=([^&#]+)');

      await ui.settle();
      const detectText = () => ui.shadow.querySelector('.dm-teach-detect')?.textContent ?? '';
      expect(either('teach.detectMessages', { customer: 2, agent: 1 }).some((s) => detectText().includes(s))).toBe(true);
      // The page changes: the line follows (one batched observer).
      await act(async () => {
        const li = q(document, '#messages .msg', 0).cloneNode(true) as Element;
        li.setAttribute('data-msg-id', 'm4');
        q(document, '#messages').append(li);
      });
      await ui.settle();
      expect(either('teach.detectMessages', { customer: 3, agent: 1 }).some((s) => detectText().includes(s))).toBe(true);

      // A correction in a field is what gets saved.
      await act(async () => {
        const input = ui.field('teach.fieldName') as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        setter?.call(input, '我的工作台');
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      // The platform: JD offers its own target (30 s) and hours (09:00–23:00); the agent's shop answers within 20 s.
      const type = (key: MessageKey, value: string) =>
        act(async () => {
          const el = ui.field(key) as unknown as HTMLInputElement | HTMLSelectElement;
          const proto = el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
          Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
          el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
        });
      expect(ui.field('teach.fieldTarget').value).toBe('3600');
      await type('teach.fieldProfile', 'jd');
      expect(ui.field('teach.fieldTarget').value).toBe('30');
      expect(ui.field('teach.fieldHoursFrom').value).toBe('09:00');
      await type('teach.fieldTarget', '0');
      await act(async () => ui.button('common.save').click());
      expect(ui.onSave).not.toHaveBeenCalled();
      await type('teach.fieldTarget', '20');
      await act(async () => ui.button('common.save').click());
      expect(ui.onSave).toHaveBeenCalledTimes(1);
      const config = ui.onSave.mock.calls[0]?.[0] as SiteConfig;
      expect(config).toMatchObject({
        id: 'user-im.example.com',
        name: '我的工作台',
        matches: ['https://im.example.com/*'],
        verified: false,
        profile: 'jd',
        counting: { targetSec: 20 },
      });
      expect(config.counting?.hours).toBeUndefined();
      expect(parseSiteConfig(config, check(document)).ok).toBe(true);
    } finally {
      ui.pageRoot.removeEventListener('click', countClick);
      ui.cleanup();
    }
  });

  it('lists the sender read for every message on screen; a click on one corrects the pick', async () => {
    const ui = await mount();
    const click = (el: Element) =>
      act(async () => void el.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }))));
    try {
      await act(async () => ui.button('teach.pick', 'teach.stepCustomer').click());
      await click(q(document, '#messages .msg-text span', 0));
      await act(async () => ui.button('teach.pick', 'teach.stepAgent').click());
      await click(q(document, '#messages .msg-text span', 1));
      await ui.settle();
      const lines = () => Array.from(ui.shadow.querySelectorAll('.dm-teach-senders li > span')).map((s) => s.textContent ?? '');
      const line = (sender: MessageKey, text: string) =>
        either('teach.senderLine', { sender: '§', text }).map((s) => s.replace('§', either(sender)[s.includes('：') ? 1 : 0]!));
      expect(lines()).toHaveLength(3);
      expect(line('teach.senderCustomer', '在吗')).toContain(lines()[0]);
      expect(line('teach.senderAgent', '在的')).toContain(lines()[1]);
      expect(line('teach.senderCustomer', '发货了吗')).toContain(lines()[2]);
      // "This one is mine" on the third message: it becomes the agent pick (and the rule is derived again).
      const mark = Array.from(ui.shadow.querySelectorAll('.dm-teach-senders button')).find((b) =>
        either('teach.markAgentFor', { text: '发货了吗' }).includes(b.getAttribute('aria-label') ?? ''),
      );
      expect(mark).toBeDefined();
      await act(async () => (mark as HTMLButtonElement).click());
      const picked = ui.shadow.querySelectorAll('.dm-teach-steps li')[1]?.textContent ?? '';
      expect(picked).toContain('发货了吗');
    } finally {
      ui.cleanup();
    }
  });

  // docs/security.md S2 (round 2): the picking listeners sit on the page's window; a page script's
  // el.click(), synthetic pointer moves and keys (isTrusted false) must not pick, move or stop.
  it('ignores clicks, pointer moves and keys a page script makes', async () => {
    const ui = await mount();
    try {
      await act(async () => ui.button('teach.pick', 'teach.stepComposer').click());
      const before = ui.field('teach.fieldComposer').value;
      await act(async () => {
        q(document, '#messages .msg-text span').dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true }));
        (q(document, '#messages .msg-text span', 0) as HTMLElement).click();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      });
      expect(ui.field('teach.fieldComposer').value).toBe(before);
      expect((ui.shadow.querySelector('.dm-teach-outline') as HTMLElement | null)?.hidden ?? true).toBe(true);
      expect(ui.button('teach.stopPicking', 'teach.stepComposer').getAttribute('aria-pressed')).toBe('true'); // still picking
    } finally {
      ui.cleanup();
    }
  });

  it('picks with the keyboard, stops on Escape, and refuses to save without messages', async () => {
    const ui = await mount();
    try {
      (q(document, '#composer-plain') as HTMLTextAreaElement).focus();
      await act(async () => ui.button('teach.pick', 'teach.stepComposer').click());
      const key = (k: string) =>
        act(async () => void window.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: k, bubbles: true }))));
      const outlined = () => ui.shadow.querySelector('.dm-teach-notice')?.textContent ?? '';
      await key('ArrowUp'); // starts at the focused element
      expect(outlined()).toContain('textarea#composer-plain');
      await key('ArrowUp');
      expect(outlined()).toContain('div.composer');
      await key('ArrowDown');
      expect(outlined()).toContain('textarea#composer-plain');
      await key('Enter');
      expect(ui.field('teach.fieldComposer').value.split('\n')[0]).toBe('#composer-plain');

      await act(async () => ui.button('teach.pick', 'teach.stepTitle').click());
      expect(ui.button('teach.stopPicking', 'teach.stepTitle').getAttribute('aria-pressed')).toBe('true');
      await act(async () => void window.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))));
      expect(ui.button('teach.pick', 'teach.stepTitle').getAttribute('aria-pressed')).toBe('false');

      await act(async () => ui.button('common.save').click());
      expect(ui.onSave).not.toHaveBeenCalled();
      const alert = ui.shadow.querySelector('[role="alert"]')?.textContent ?? '';
      expect(either('teach.needMessages').some((s) => alert.includes(s))).toBe(true);
      await act(async () => ui.button('common.cancel').click());
      expect(ui.onCancel).toHaveBeenCalled();
    } finally {
      ui.cleanup();
    }
  });
});

describe('conversation list: per-item badge and time', () => {
  it('finds the unread badge an item shows while teaching and the times of all items', () => {
    const doc = page(`<ul class="conv-list">
      <li class="conv-item active" data-conv-id="c-1"><span class="conv-name">林晓雨</span><span class="conv-time">14:05</span><span class="conv-preview">在吗</span></li>
      <li class="conv-item" data-conv-id="c-2"><span class="conv-name">王建国</span><span class="conv-time">昨天 09:12</span><span class="conv-preview">好的</span><span class="unread">3</span></li>
      <li class="conv-item" data-conv-id="c-3"><span class="conv-name">陈思琪</span><span class="conv-time">12-01 10:00</span><span class="conv-preview">谢谢</span></li>
    </ul>`);
    const d = deriveConversationList(q(doc, '.conv-name', 0), doc);
    expect(d?.conversationUnread).toEqual({ selector: ['.unread'] });
    expect(d?.conversationLastTime).toEqual({ selector: ['.conv-time'] });
    const items = Array.from(doc.querySelectorAll('.conv-item'));
    expect(items.map((i) => extractValue(d!.conversationUnread!, i))).toEqual([null, '3', null]);
  });

  it('without a badge on screen there is no unread rule (never a guess)', () => {
    const doc = page(
      `<ul><li class="item" data-id="a1"><b class="n">A</b><i class="t">14:05</i></li><li class="item" data-id="b2"><b class="n">B</b><i class="t">14:06</i></li></ul>`,
    );
    const d = deriveConversationList(q(doc, '.n', 1), doc);
    expect(d?.conversationUnread).toBeUndefined();
    expect(d?.conversationLastTime).toEqual({ selector: ['.t'] });
  });
});

describe('conversation list: links with generated classes only', () => {
  it('picked on the item that shows a badge: items, ids from the links, badge and time by their place', () => {
    const doc = page(`<div class="_a1"><nav class="_n5d2">
      <a class="_q8m2" href="#/chat/c-1004"><div class="_p4l0">张浩然</div><span class="_j7w5">14:05</span><div class="_e6u3">还在吗</div><span class="_z2c9">1</span></a>
      <a class="_q8m2 _x1v7" href="#/chat/c-1001"><div class="_p4l0">林晓雨</div><span class="_j7w5">12:05</span><div class="_e6u3">好</div></a>
      <a class="_q8m2" href="#/chat/c-1002"><div class="_p4l0">王建国</div><span class="_j7w5">11:05</span><div class="_e6u3">嗯</div></a>
    </nav></div>`);
    const d = deriveConversationList(q(doc, '._p4l0', 0), doc)!;
    expect(d.count).toBe(3);
    expect(d.conversationItemId).toEqual({ selector: [':scope'], attr: 'href' });
    const items = Array.from(doc.querySelectorAll('a'));
    expect(items.map((i) => extractValue(d.conversationUnread!, i))).toEqual(['1', null, null]);
    expect(items.map((i) => extractValue(d.conversationLastTime!, i))).toEqual(['14:05', '12:05', '11:05']);
    expect(JSON.stringify(d)).not.toMatch(/_q8m2|_z2c9|_j7w5/);
  });
});
