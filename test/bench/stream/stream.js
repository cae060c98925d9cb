// The page's own work per message is what a light chat console does: build the item, append,
// keep the list scrolled, update the conversation's preview in the list.
const params = new URLSearchParams(location.search);
const N = Number(params.get('n') || 5000);
const RATE = Number(params.get('rate') || 20);
// ?shape=shadow: the same console built of custom elements, each part inside its own open shadow
// root inside the app's (desk-app >>> chat-list / chat-thread), as consoles built with web
// components are; the bench's config for it crosses the roots with `>>>` (docs/site-config.md).
function shadowConsole() {
  const app = document.createElement('desk-app');
  const appRoot = app.attachShadow({ mode: 'open' });
  const listHost = document.createElement('chat-list');
  const listRoot = listHost.attachShadow({ mode: 'open' });
  const ul = document.createElement('ul');
  ul.className = 'list';
  listRoot.append(ul);
  const thread = document.createElement('chat-thread');
  thread.dataset.activeConv = 'c-1';
  const threadRoot = thread.attachShadow({ mode: 'open' });
  const ol = document.createElement('ol');
  ol.id = 'messages';
  ol.style.cssText = 'overflow:auto;margin:0;padding:8px;list-style:none;height:calc(100vh - 40px)';
  threadRoot.append(ol);
  appRoot.append(listHost, thread);
  document.getElementById('conversation-list').remove();
  document.getElementById('chat').remove();
  document.body.append(app);
  return { list: ul, messages: ol };
}
const shape = params.get('shape') === 'shadow' ? shadowConsole() : null;
const list = shape?.list ?? document.getElementById('conversation-list');
const messages = shape?.messages ?? document.getElementById('messages');
const senders = ['customer', 'customer', 'agent', 'bot'];
let seq = 0;

const previews = [];
for (let i = 1; i <= 30; i++) {
  const li = document.createElement('li');
  li.dataset.convId = `c-${i}`;
  const name = document.createElement('div');
  name.textContent = `买家 ${i}`;
  const preview = document.createElement('div');
  preview.className = 'conv-preview';
  li.append(name, preview);
  list.append(li);
  previews.push(preview);
}

function render(sender, ts) {
  seq += 1;
  const li = document.createElement('li');
  li.className = `msg msg--${sender}`;
  li.dataset.msgId = `m-${seq}`;
  li.dataset.sender = sender;
  li.dataset.ts = String(ts);
  const body = document.createElement('div');
  body.className = 'msg-body';
  const meta = document.createElement('div');
  meta.className = 'msg-meta';
  const time = document.createElement('time');
  time.textContent = new Date(ts).toLocaleTimeString('zh-CN');
  meta.append(time);
  const text = document.createElement('div');
  text.className = 'msg-text';
  text.textContent = `第 ${seq} 条消息：亲，请问这款有现货吗？什么时候发货呀`;
  body.append(meta, text);
  li.append(body);
  return li;
}

const start = Date.now() - N * 1000;
const frag = document.createDocumentFragment();
for (let i = 0; i < N; i++) frag.append(render(senders[i % senders.length], start + i * 1000));
messages.append(frag);

window.stream = { count: () => seq, running: false };
window.startStream = (ms) =>
  new Promise((resolve) => {
    window.stream.running = true;
    const end = performance.now() + ms;
    const timer = setInterval(() => {
      const sender = senders[seq % senders.length];
      messages.append(render(sender, Date.now()));
      if (messages.childElementCount > N) messages.firstElementChild.remove(); // a virtualised window
      messages.scrollTop = messages.scrollHeight;
      previews[seq % previews.length].textContent = `第 ${seq} 条消息`;
      if (performance.now() >= end) {
        clearInterval(timer);
        window.stream.running = false;
        resolve(seq);
      }
    }, 1000 / RATE);
  });
document.body.dataset.demoReady = 'true';
