// Order detail page: order.html?order=<no>
import { orderTotals } from './data.js';
import { h, setChildren, fmtDateTime, money, hoursAgo } from './ui.js';
import { setupDetailPage, defList } from './detail.js';

const { order, conv, notice } = setupDetailPage();
const now = Date.now();
const totals = orderTotals(order);
const root = document.getElementById('page-root');
document.title = `订单详情 ${order.orderNo} · 演示`;

const itemRows = order.items.map((it) =>
  h(
    'tr',
    { class: 'order-item' },
    h(
      'td',
      {},
      h('div', { class: 'item-title', text: it.title }),
      h('div', { class: 'muted small' }, '货号 ', h('span', { class: 'item-sku', text: it.sku })),
    ),
    h(
      'td',
      { class: 'item-spec' },
      '颜色：',
      h('span', { class: 'item-color', text: it.color }),
      h('br'),
      '尺码：',
      h('span', { class: 'item-size', text: it.size }),
    ),
    h('td', { class: 'num' }, h('span', { class: 'item-price', dataset: { amount: it.price.toFixed(2) }, text: money(it.price) })),
    h('td', { class: 'num' }, h('span', { class: 'item-qty', text: String(it.qty) })),
    h('td', { class: 'num', text: money(it.price * it.qty) }),
  ),
);

const itemsCard = h(
  'section',
  { class: 'card', id: 'order-items' },
  h('h2', { text: '商品信息' }),
  h(
    'table',
    { class: 'items' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { text: '宝贝' }),
        h('th', { text: '颜色/尺码' }),
        h('th', { class: 'num', text: '单价' }),
        h('th', { class: 'num', text: '数量' }),
        h('th', { class: 'num', text: '小计' }),
      ),
    ),
    h('tbody', {}, itemRows),
  ),
  h(
    'div',
    { class: 'pay-summary', id: 'payment' },
    h('div', {}, '商品总额：', money(totals.goods)),
    h('div', {}, '运费：', money(totals.shipping)),
    totals.discount ? h('div', {}, `优惠（${order.discountLabel}）：-`, money(totals.discount)) : null,
    h(
      'div',
      {},
      '支付方式：',
      h('span', { id: 'pay-method', text: order.payMethod }),
      '　付款时间：',
      h('time', {
        datetime: new Date(hoursAgo(order.placedHoursAgo, now)).toISOString(),
        text: fmtDateTime(hoursAgo(order.placedHoursAgo, now)),
      }),
    ),
    h(
      'div',
      { class: 'total' },
      '实付款：',
      h('span', { id: 'pay-total', dataset: { amount: totals.paid.toFixed(2) }, text: money(totals.paid) }),
    ),
  ),
);

const addressCard = h(
  'section',
  { class: 'card', id: 'shipping-address' },
  h('h2', { text: '收货信息' }),
  defList([
    ['收货人', h('span', { id: 'receiver-name', text: order.address.name })],
    ['联系电话', h('span', { id: 'receiver-phone', text: order.address.phone })],
    ['收货地址', h('span', { id: 'receiver-address', text: `${order.address.region} ${order.address.detail}` })],
  ]),
);

const lg = order.logistics;
const logisticsCard = h(
  'section',
  { class: 'card', id: 'logistics' },
  h('h2', { text: '物流信息' }),
  defList([
    ['快递公司', h('span', { id: 'courier', dataset: { courier: lg.courier }, text: lg.courier || '—' })],
    ['运单号', h('span', { id: 'tracking-no', class: 'mono', dataset: { trackingNo: lg.trackingNo }, text: lg.trackingNo || '暂未发货' })],
  ]),
  lg.events.length
    ? h(
        'ol',
        { class: 'timeline', id: 'logistics-timeline', style: 'margin-top:14px' },
        lg.events
          .slice()
          .reverse()
          .map((ev) => {
            const ts = hoursAgo(ev.hoursAgo, now);
            return h('li', {}, h('time', { class: 'tl-time', datetime: new Date(ts).toISOString(), text: fmtDateTime(ts) }), ev.text);
          }),
      )
    : h('p', { class: 'muted', text: '商家尚未发货，暂无物流轨迹。' }),
);

const timelineCard = h(
  'section',
  { class: 'card' },
  h('h2', { text: '订单进度' }),
  h(
    'ol',
    { class: 'timeline', id: 'order-timeline' },
    order.timeline
      .slice()
      .reverse()
      .map((ev) => {
        const ts = hoursAgo(ev.hoursAgo, now);
        return h('li', {}, h('time', { class: 'tl-time', datetime: new Date(ts).toISOString(), text: fmtDateTime(ts) }), ev.text);
      }),
  ),
);

const q = `?order=${encodeURIComponent(order.orderNo)}`;
setChildren(
  root,
  h(
    'div',
    { class: 'page-head' },
    h('h1', { text: '订单详情' }),
    h(
      'div',
      { class: 'page-links' },
      conv ? h('a', { class: 'btn-secondary', href: `./index.html?conv=${encodeURIComponent(conv.id)}`, text: '联系买家' }) : null,
      h('a', { class: 'btn-secondary', id: 'link-refund', href: `./refund.html${q}`, text: '退款/纠纷' }),
    ),
  ),
  notice,
  h(
    'div',
    { class: 'page-head-meta' },
    h(
      'span',
      {},
      '订单号 ',
      h('strong', {}, h('span', { id: 'order-no', class: 'mono', dataset: { orderNo: order.orderNo }, text: order.orderNo })),
    ),
    h('span', {}, '买家 ', h('strong', { class: 'buyer-name', text: order.buyer })),
    h('span', {}, '昵称 ', h('span', { class: 'buyer-nick', text: order.buyerNick })),
    h('span', { class: 'buyer-level', text: order.memberLevel }),
  ),
  h(
    'div',
    { class: 'status-banner' },
    h('span', { class: 'muted', text: '订单状态' }),
    h('span', { class: 'status-text', id: 'order-status', dataset: { status: order.status }, text: order.statusLabel }),
  ),
  itemsCard,
  h('div', { class: 'grid-2' }, addressCard, logisticsCard),
  timelineCard,
);
document.body.dataset.demoReady = 'true';
