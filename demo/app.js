// Deskmate demo workspace — fake agent chat console (SPA, vanilla JS).
// DOM contract: see demo/README.md. Text is only ever set through textContent / text nodes.

import {
  SHOP,
  AGENT,
  BOT_NAME,
  SYSTEM_NAME,
  CONVERSATIONS,
  DISPUTE_TYPES,
  REFUND_PATHS,
  findOrder,
  botReplyFor,
  orderTotals,
} from './data.js';
import { h, setChildren, fmtTime, fmtHM, fmtRelative, money, hoursAgo, initialOf, colourIndex } from './ui.js';

// ---------------------------------------------------------------------------
// Settings from the URL
// ---------------------------------------------------------------------------
const params = new URLSearchParams(location.search);
const SCHEDULE_ON = params.get('schedule') !== 'off';
const SPEED = (() => {
  const n = Number(params.get('speed'));
  return Number.isFinite(n) && n > 0 ? n : 1;
})();
const STORAGE_KEY = 'deskmate-demo:console:v1';
const SEED = 20240611;
const SENDERS = ['customer', 'agent', 'bot', 'system'];

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------
const convNumber = (id) => id.replace(/^c-/, '');

function seedState(now = Date.now()) {
  const convs = {};
  for (const c of CONVERSATIONS) {
    const num = convNumber(c.id);
    let prev = 0;
    const messages = c.history.map((m, i) => {
      // a little deterministic jitter so the seconds don't all match; keep order strictly increasing
      const jitter = ((i * 13 + Number(num)) % 19) * 1000;
      let ts = now - Math.round(m.minAgo * 60000) - jitter;
      if (ts <= prev) ts = prev + 1000;
      prev = ts;
      return { id: `m-${num}-${i + 1}`, sender: m.sender, text: m.text, ts };
    });
    convs[c.id] = {
      id: c.id,
      buyer: c.buyer,
      orderNo: c.orderNo,
      bot: c.bot,
      unread: c.unread,
      queuePos: 0,
      seq: messages.length,
      messages,
    };
  }
  const order = Object.keys(convs).sort((a, b) => lastTs(convs[b]) - lastTs(convs[a]));
  return { v: 1, rng: SEED, convs, order, active: null };
}

function lastTs(conv) {
  const last = conv.messages[conv.messages.length - 1];
  return last ? last.ts : 0;
}

function isValidState(s) {
  return (
    s &&
    s.v === 1 &&
    typeof s.rng === 'number' &&
    Array.isArray(s.order) &&
    s.convs &&
    s.order.length === CONVERSATIONS.length &&
    CONVERSATIONS.every((c) => s.convs[c.id] && Array.isArray(s.convs[c.id].messages) && s.order.includes(c.id))
  );
}

function loadState() {
  try {
    if (params.has('reset')) sessionStorage.removeItem(STORAGE_KEY);
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw) {
      const parsed = JSON.parse(raw);
      if (isValidState(parsed)) return parsed;
    }
  } catch {
    // sessionStorage unavailable or corrupt: start fresh
  }
  return seedState(seedTime());
}

/**
 * The moment the seeded history is relative to, shared by every tab of the workspace (like a
 * real console's server-side history: two tabs show the same messages at the same times).
 * Kept 12 h; `?reset` starts a new one.
 */
function seedTime() {
  const KEY = 'deskmate-demo-seed-at';
  try {
    const saved = Number(localStorage.getItem(KEY));
    if (!params.has('reset') && saved > Date.now() - 12 * 3600_000 && saved <= Date.now()) return saved;
    const now = Date.now();
    localStorage.setItem(KEY, String(now));
    return now;
  } catch {
    return Date.now();
  }
}

function saveState() {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // ignore (quota / disabled storage)
  }
}

let state = loadState();

// Seeded PRNG (mulberry32); its state is part of `state` so reloads continue the same sequence.
function random() {
  state.rng = (state.rng + 0x6d2b79f5) >>> 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// ---------------------------------------------------------------------------
// DOM references
// ---------------------------------------------------------------------------
const $ = (sel) => document.querySelector(sel);
const listEl = $('#conversation-list');
const chatEl = $('#chat');
const headerNameEl = $('#chat .chat-header .buyer-name');
const headerOrderEl = $('#chat .chat-header .chat-order');
const headerAvatarEl = $('#chat-avatar');
const messagesEl = $('#messages');
const plainEl = $('#composer-plain');
const sendBtn = $('#send');
const linkOrder = $('#link-order');
const linkRefund = $('#link-refund');
const panelEl = $('#order-panel');

$('#shop-name').textContent = SHOP.name;
$('#agent-name').textContent = `${AGENT.name}（工号 ${AGENT.jobNo}）`;
$('#conv-count').textContent = String(CONVERSATIONS.length);

// ---------------------------------------------------------------------------
// Conversation list
// ---------------------------------------------------------------------------
const convItems = new Map(); // id -> { li, buyer, preview, time, unread }

function avatar(name, extraClass = '') {
  return h('span', {
    class: `avatar avatar--c${colourIndex(name)} ${extraClass}`.trim(),
    text: initialOf(name),
    attrs: { 'aria-hidden': 'true' },
  });
}

function buildConvItem(conv) {
  const buyer = h('span', { class: 'conv-buyer', text: conv.buyer });
  const time = h('time', { class: 'conv-time' });
  const preview = h('span', { class: 'conv-preview' });
  const unread = h('span', { class: 'conv-unread', attrs: { 'aria-label': '未读消息数' } });
  const li = h(
    'li',
    {
      class: 'conv-item',
      tabIndex: 0,
      attrs: { role: 'option', 'aria-selected': 'false' },
      dataset: { convId: conv.id },
      on: {
        click: () => switchTo(conv.id, { push: true }),
        keydown: (e) => onConvKeydown(e, conv.id),
      },
    },
    avatar(conv.buyer),
    h('div', { class: 'conv-main' }, h('div', { class: 'conv-top' }, buyer, time), h('div', { class: 'conv-bottom' }, preview, unread)),
  );
  const refs = { li, buyer, preview, time, unread };
  convItems.set(conv.id, refs);
  updateConvItem(conv.id);
  return refs;
}

function updateConvItem(id) {
  const conv = state.convs[id];
  const refs = convItems.get(id);
  if (!conv || !refs) return;
  const last = conv.messages[conv.messages.length - 1];
  refs.preview.textContent = last ? (last.sender === 'bot' ? `[自动回复] ${last.text}` : last.text) : '';
  refs.time.textContent = last ? fmtHM(last.ts) : '';
  if (last) refs.time.setAttribute('datetime', new Date(last.ts).toISOString());
  refs.unread.textContent = String(conv.unread);
  refs.unread.hidden = conv.unread === 0;
  refs.li.setAttribute('aria-selected', String(id === state.active));
  refs.li.classList.toggle('is-active', id === state.active);
  refs.li.classList.toggle('has-unread', conv.unread > 0);
}

function renderList() {
  listEl.replaceChildren(...state.order.map((id) => convItems.get(id).li));
}

function moveToTop(id) {
  state.order = [id, ...state.order.filter((x) => x !== id)];
  const li = convItems.get(id).li;
  if (listEl.firstElementChild !== li) {
    const hadFocus = document.activeElement === li;
    listEl.prepend(li);
    if (hadFocus) li.focus({ preventScroll: true });
  }
}

function onConvKeydown(e, id) {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    switchTo(id, { push: true });
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const li = convItems.get(id).li;
    const next = e.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling;
    if (next) next.focus();
  }
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------
function authorOf(conv, sender) {
  switch (sender) {
    case 'customer':
      return conv.buyer;
    case 'agent':
      return AGENT.name;
    case 'bot':
      return BOT_NAME;
    default:
      return SYSTEM_NAME;
  }
}

function renderMessage(conv, msg) {
  const author = authorOf(conv, msg.sender);
  const meta = h(
    'div',
    { class: 'msg-meta' },
    h('span', { class: 'msg-author', text: author }),
    msg.sender === 'bot' ? h('span', { class: 'msg-tag', text: '自动回复' }) : null,
    h('time', { class: 'msg-time', text: fmtTime(msg.ts), attrs: { datetime: new Date(msg.ts).toISOString() } }),
  );
  const text = h('div', { class: 'msg-text', text: msg.text });
  const avatarName = msg.sender === 'customer' ? conv.buyer : msg.sender === 'bot' ? '机' : AGENT.name;
  return h(
    'li',
    {
      class: `msg msg--${msg.sender}`,
      dataset: { msgId: msg.id, sender: msg.sender, ts: msg.ts },
    },
    msg.sender === 'system' ? null : avatar(avatarName, 'msg-avatar'),
    h('div', { class: 'msg-body' }, meta, text),
  );
}

function renderMessages() {
  const conv = state.convs[state.active];
  messagesEl.replaceChildren(...conv.messages.map((m) => renderMessage(conv, m)));
  scrollToBottom();
}

function scrollToBottom() {
  messagesEl.scrollTop = messagesEl.scrollHeight;
}

function addMessage(convId, sender, text) {
  const conv = state.convs[convId];
  if (!conv) throw new Error(`Unknown conversation: ${convId}`);
  if (!SENDERS.includes(sender)) throw new Error(`Unknown sender: ${sender}`);
  const body = String(text ?? '');
  conv.seq += 1;
  let ts = Date.now();
  const prev = conv.messages[conv.messages.length - 1];
  if (prev && ts <= prev.ts) ts = prev.ts + 1;
  const msg = { id: `m-${convNumber(convId)}-${conv.seq}`, sender, text: body, ts };
  conv.messages.push(msg);
  if (convId === state.active) {
    messagesEl.appendChild(renderMessage(conv, msg));
    scrollToBottom();
  } else if (sender === 'customer') {
    conv.unread += 1;
  }
  moveToTop(convId);
  updateConvItem(convId);
  saveState();
  return msg.id;
}

// ---------------------------------------------------------------------------
// Active conversation
// ---------------------------------------------------------------------------
function conversationUrl(id) {
  const url = new URL(location.href);
  url.searchParams.set('conv', id);
  url.searchParams.delete('reset');
  return `${url.pathname}${url.search}${url.hash}`;
}

function switchTo(id, { push = false, replace = false } = {}) {
  const conv = state.convs[id];
  if (!conv) return false;
  const changed = state.active !== id;
  const prevId = state.active;
  state.active = id;
  conv.unread = 0;
  if (prevId && prevId !== id) updateConvItem(prevId);
  updateConvItem(id);

  if (changed || !messagesEl.firstChild) {
    chatEl.dataset.activeConv = id;
    headerNameEl.textContent = conv.buyer;
    headerAvatarEl.textContent = initialOf(conv.buyer);
    headerAvatarEl.className = `avatar avatar--c${colourIndex(conv.buyer)}`;
    headerOrderEl.textContent = `订单号 ${conv.orderNo}`;
    headerOrderEl.dataset.orderNo = conv.orderNo;
    const q = `?order=${encodeURIComponent(conv.orderNo)}`;
    linkOrder.href = `./order.html${q}`;
    linkRefund.href = `./refund.html${q}`;
    document.title = `${conv.buyer} - 客服工作台（演示）`;
    renderMessages();
    renderPanel(conv);
  }

  if (push && changed) history.pushState({ conv: id }, '', conversationUrl(id));
  else if (replace) history.replaceState({ conv: id }, '', conversationUrl(id));
  saveState();
  return true;
}

// ---------------------------------------------------------------------------
// Right-hand order panel
// ---------------------------------------------------------------------------
function panelCard(title, ...children) {
  return h('section', { class: 'panel-card' }, h('h2', { class: 'panel-title', text: title }), ...children);
}

function kv(label, value, extraClass = '', valueAttrs = {}) {
  return h(
    'div',
    { class: `kv ${extraClass}`.trim() },
    h('span', { class: 'kv-label', text: label }),
    h('span', { ...valueAttrs, class: 'kv-value', text: value }),
  );
}

function renderPanel(conv) {
  const order = findOrder(conv.orderNo);
  if (!order) {
    panelEl.replaceChildren(panelCard('订单信息', h('p', { class: 'muted', text: '未找到订单' })));
    return;
  }
  const totals = orderTotals(order);
  const refund = order.refund;
  const q = `?order=${encodeURIComponent(order.orderNo)}`;
  setChildren(
    panelEl,
    panelCard(
      '买家信息',
      h(
        'div',
        { class: 'panel-buyer' },
        avatar(order.buyer),
        h(
          'div',
          {},
          h('div', { class: 'panel-buyer-name', text: order.buyer }),
          h('div', { class: 'muted small', text: order.memberLevel }),
        ),
      ),
    ),
    panelCard(
      '订单信息',
      kv('订单号', order.orderNo, 'kv--mono'),
      kv('状态', order.statusLabel),
      kv('下单时间', fmtRelative(hoursAgo(order.placedHoursAgo))),
      h(
        'ul',
        { class: 'panel-items' },
        order.items.map((it) =>
          h(
            'li',
            {},
            h('div', { class: 'panel-item-title', text: it.title }),
            h('div', { class: 'muted small', text: `${it.color} / ${it.size} · 货号 ${it.sku} · ×${it.qty} · ${money(it.price)}` }),
          ),
        ),
      ),
      kv('实付款', money(totals.paid), 'kv--strong'),
    ),
    panelCard(
      '物流',
      order.logistics.trackingNo
        ? [
            kv('快递', order.logistics.courier),
            kv('运单号', order.logistics.trackingNo, 'kv--mono', {
              id: 'panel-tracking-no',
              'data-tracking-no': order.logistics.trackingNo,
            }),
            kv('最新', order.logistics.events[order.logistics.events.length - 1]?.text ?? '—'),
          ]
        : h('p', { class: 'muted', text: '暂未发货' }),
    ),
    refund
      ? panelCard(
          '售后',
          kv('纠纷类型', DISPUTE_TYPES[refund.type]),
          kv('退款路径', REFUND_PATHS[refund.path]),
          kv('退款金额', money(refund.amount)),
          kv('进度', refund.statusLabel),
          refund.intervenedHoursAgo != null ? kv('平台介入', fmtRelative(hoursAgo(refund.intervenedHoursAgo)), 'kv--warn') : null,
        )
      : null,
    h(
      'div',
      { class: 'panel-actions' },
      h('a', { class: 'btn-secondary', href: `./order.html${q}`, text: '查看订单详情' }),
      h('a', { class: 'btn-secondary', href: `./refund.html${q}`, text: '处理退款/纠纷' }),
    ),
  );
}

// ---------------------------------------------------------------------------
// Composer (plain textarea + Quill)
// ---------------------------------------------------------------------------
let quill = null;

function sendFromComposer({ plain = true, rich = true } = {}) {
  const ids = [];
  if (plain) {
    const text = plainEl.value.trim();
    if (text) {
      ids.push(addMessage(state.active, 'agent', text));
      plainEl.value = '';
    }
  }
  if (rich && quill) {
    const text = quill.getText().trim();
    if (text) {
      ids.push(addMessage(state.active, 'agent', text));
      quill.setText('');
    }
  }
  return ids;
}

plainEl.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey) return;
  if (e.isComposing || e.keyCode === 229) return; // IME candidate confirmation, not a send
  e.preventDefault();
  sendFromComposer({ plain: true, rich: false });
});

sendBtn.addEventListener('click', () => {
  sendFromComposer();
});

if (typeof window.Quill === 'function') {
  const sendRich = () => {
    sendFromComposer({ plain: false, rich: true });
    return false;
  };
  quill = new window.Quill('#composer-rich', {
    theme: 'snow',
    placeholder: '富文本回复（Ctrl+Enter 发送）',
    modules: {
      toolbar: [
        ['bold', 'italic'],
        [{ list: 'ordered' }, { list: 'bullet' }],
      ],
      keyboard: {
        bindings: {
          deskmateSendCtrl: { key: 'Enter', ctrlKey: true, handler: sendRich },
          deskmateSendMeta: { key: 'Enter', metaKey: true, handler: sendRich },
        },
      },
    },
  });
  quill.root.setAttribute('aria-label', '富文本输入');
  window.demoQuill = quill;
} else {
  console.warn('[demo] Quill not loaded; rich composer disabled');
}

// ---------------------------------------------------------------------------
// Simulated customers (seeded scheduler)
// ---------------------------------------------------------------------------
const scriptedQueues = new Map(CONVERSATIONS.map((c) => [c.id, c.queue]));
let schedulerTimer = null;
let schedulerRunning = false;
const botTimers = new Set();

function pendingConversations() {
  return state.order
    .slice()
    .sort()
    .filter((id) => state.convs[id].queuePos < (scriptedQueues.get(id)?.length ?? 0));
}

function scheduleNext() {
  if (!schedulerRunning) return;
  if (pendingConversations().length === 0) {
    schedulerRunning = false; // every customer queue ran out
    return;
  }
  const delay = (6000 + random() * 9000) / SPEED;
  saveState();
  schedulerTimer = setTimeout(tick, delay);
}

function tick() {
  schedulerTimer = null;
  const pending = pendingConversations();
  if (pending.length === 0) {
    schedulerRunning = false;
    return;
  }
  const id = pending[Math.floor(random() * pending.length)];
  const conv = state.convs[id];
  const text = scriptedQueues.get(id)[conv.queuePos];
  conv.queuePos += 1;
  addMessage(id, 'customer', text);
  if (conv.bot) {
    const botDelay = (800 + random() * 400) / SPEED;
    const timer = setTimeout(() => {
      botTimers.delete(timer);
      addMessage(id, 'bot', botReplyFor(text));
    }, botDelay);
    botTimers.add(timer);
  }
  scheduleNext();
}

function startScheduler() {
  if (schedulerRunning) return;
  schedulerRunning = true;
  scheduleNext();
}

// ---------------------------------------------------------------------------
// Test hooks
// ---------------------------------------------------------------------------
function requireText(text) {
  if (typeof text !== 'string' || text.trim() === '') throw new Error('text must be a non-empty string');
  return text;
}

window.demo = Object.freeze({
  pushCustomerMessage(convId, text) {
    return addMessage(convId, 'customer', requireText(text));
  },
  pushBotMessage(convId, text) {
    return addMessage(convId, 'bot', requireText(text));
  },
  pushSystemMessage(convId, text) {
    return addMessage(convId, 'system', requireText(text));
  },
  sendAgentMessage(text) {
    return addMessage(state.active, 'agent', requireText(text));
  },
  switchTo(convId) {
    return switchTo(convId, { push: true });
  },
  activeConversation() {
    return state.active;
  },
  conversations() {
    return JSON.parse(
      JSON.stringify(
        state.order.map((id) => {
          const c = state.convs[id];
          return {
            id: c.id,
            buyer: c.buyer,
            orderNo: c.orderNo,
            bot: c.bot,
            unread: c.unread,
            active: c.id === state.active,
            remainingScripted: (scriptedQueues.get(id)?.length ?? 0) - c.queuePos,
            messages: c.messages.map((m) => ({ ...m, author: authorOf(c, m.sender) })),
          };
        }),
      ),
    );
  },
  settings: Object.freeze({ schedule: SCHEDULE_ON, speed: SPEED }),
  schedulerRunning() {
    return schedulerRunning;
  },
  reset() {
    if (schedulerTimer) clearTimeout(schedulerTimer);
    schedulerTimer = null;
    for (const t of botTimers) clearTimeout(t);
    botTimers.clear();
    schedulerRunning = false;
    const active = state.active;
    state = seedState();
    renderList();
    for (const id of state.order) updateConvItem(id);
    messagesEl.replaceChildren();
    switchTo(state.convs[active] ? active : state.order[0]);
    if (SCHEDULE_ON) startScheduler();
    return true;
  },
});

// ---------------------------------------------------------------------------
// Boot
// ---------------------------------------------------------------------------
for (const id of state.order) buildConvItem(state.convs[id]);
renderList();

const requested = params.get('conv');
const landing = state.convs[state.active] ? state.active : state.order[0];
if (requested && state.convs[requested]) {
  switchTo(requested);
} else {
  switchTo(landing, { replace: Boolean(requested) });
}

window.addEventListener('popstate', () => {
  const id = new URLSearchParams(location.search).get('conv');
  switchTo(id && state.convs[id] ? id : landing);
});

if (SCHEDULE_ON) startScheduler();
document.body.dataset.demoReady = 'true';
