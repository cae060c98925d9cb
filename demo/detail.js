// Shared bits of the order and refund pages: pick the order from ?order=, fill the top bar.
import { SHOP, findOrder, getOrder, conversationForOrder } from './data.js';
import { h } from './ui.js';

export function setupDetailPage() {
  const requested = new URLSearchParams(location.search).get('order');
  const order = getOrder(requested);
  const fellBack = !findOrder(requested);
  const conv = conversationForOrder(order.orderNo);

  document.getElementById('shop-name').textContent = SHOP.name;
  const back = document.getElementById('back-to-chat');
  back.href = conv ? `./index.html?conv=${encodeURIComponent(conv.id)}` : './index.html';
  if (!conv) back.textContent = '← 返回工作台';

  const notice =
    fellBack && requested
      ? h('p', { class: 'notice', attrs: { role: 'status' }, text: `未找到订单「${requested}」，已显示默认订单。` })
      : null;
  return { order, conv, notice };
}

/** Labelled definition list from [label, valueNode|string] pairs (null pairs skipped). */
export function defList(pairs) {
  const dl = h('dl', { class: 'dl' });
  for (const pair of pairs) {
    if (!pair) continue;
    const [label, value] = pair;
    dl.append(h('dt', { text: label }), h('dd', {}, value));
  }
  return dl;
}
