// Refund / dispute page: refund.html?order=<no>
import { DISPUTE_TYPES, REFUND_PATHS } from './data.js';
import { h, setChildren, fmtDateTime, fmtRelative, money, hoursAgo } from './ui.js';
import { setupDetailPage, defList } from './detail.js';

const ROLE_LABELS = { buyer: '买家', seller: '商家', platform: '平台', system: '系统' };

const { order, conv, notice } = setupDetailPage();
const now = Date.now();
const refund = order.refund;
const root = document.getElementById('page-root');
document.title = `退款详情 ${order.orderNo} · 演示`;

const isoAt = (hAgo) => new Date(hoursAgo(hAgo, now)).toISOString();
const timeEl = (hAgo, props = {}) =>
  h('time', {
    ...props,
    attrs: { datetime: isoAt(hAgo) },
    text: fmtDateTime(hoursAgo(hAgo, now)),
  });

const intervened = refund.intervenedHoursAgo != null;
// The platform's own countdown: the seller has 48 h from the intervention to give evidence
// (Taobao). Deskmate's case deadline must agree with it (site config key disputeStartedAt).
const EVIDENCE_HOURS = 48;
const evidenceLeft = intervened ? hoursAgo(refund.intervenedHoursAgo, now) + EVIDENCE_HOURS * 3600_000 - now : null;
const countdownText = (ms) => {
  if (ms <= 0) return '举证已超时';
  const h = Math.floor(ms / 3600_000);
  const m = Math.floor((ms % 3600_000) / 60_000);
  return `举证剩余 ${h > 0 ? `${h}小时` : ''}${m}分`;
};

const banner = h(
  'div',
  { class: `status-banner${intervened ? ' is-warn' : ''}` },
  h('span', { class: 'muted', text: '退款状态' }),
  h('span', { class: 'status-text', id: 'refund-status', text: refund.statusLabel }),
  intervened
    ? h(
        'span',
        { class: 'intervention' },
        '平台介入时间：',
        timeEl(refund.intervenedHoursAgo, { id: 'intervened-at' }),
        ' ',
        h('span', { class: 'badge warn', text: fmtRelative(hoursAgo(refund.intervenedHoursAgo, now), now) }),
        ' ',
        h('span', {
          class: 'badge warn',
          id: 'evidence-countdown',
          dataset: { deadline: new Date(now + evidenceLeft).toISOString() },
          text: countdownText(evidenceLeft),
        }),
      )
    : h('span', { class: 'badge', text: '平台未介入' }),
);

const lg = order.logistics;
const refundCard = h(
  'section',
  { class: 'card', id: 'refund-info' },
  h('h2', { text: '退款信息' }),
  defList([
    ['纠纷类型', h('span', { id: 'dispute-type', dataset: { disputeType: refund.type }, text: DISPUTE_TYPES[refund.type] })],
    ['退款路径', h('span', { id: 'refund-path', dataset: { refundPath: String(refund.path) }, text: REFUND_PATHS[refund.path] })],
    ['退款金额', h('span', { id: 'refund-amount', dataset: { amount: refund.amount.toFixed(2) }, text: money(refund.amount) })],
    ['申请时间', timeEl(refund.requestedHoursAgo, { id: 'requested-at' })],
    ['退款原因', h('span', { id: 'refund-reason', text: refund.reason })],
    ['问题描述', h('span', { id: 'refund-description', text: refund.description })],
  ]),
);

const orderCard = h(
  'section',
  { class: 'card', id: 'refund-order' },
  h('h2', { text: '订单信息' }),
  defList([
    ['订单号', h('span', { id: 'order-no', class: 'mono', dataset: { orderNo: order.orderNo }, text: order.orderNo })],
    ['买家', h('span', { class: 'buyer-name', text: order.buyer })],
    ['订单状态', order.statusLabel],
    ['宝贝', order.items.map((it) => h('div', { text: `${it.title}（${it.color} / ${it.size}，货号 ${it.sku}）×${it.qty}` }))],
    ['快递', lg.courier || '—'],
    ['运单号', h('span', { id: 'tracking-no', class: 'mono', dataset: { trackingNo: lg.trackingNo }, text: lg.trackingNo || '暂未发货' })],
  ]),
);

// Evidence upload: only lists the chosen file names; nothing is uploaded.
const evidenceList = h('ul', { id: 'evidence-list', attrs: { 'aria-live': 'polite' } });
const evidenceInput = h('input', {
  type: 'file',
  id: 'evidence-input',
  multiple: true,
  accept: 'image/*,.pdf',
  on: {
    change: () => {
      const files = Array.from(evidenceInput.files ?? []);
      evidenceList.replaceChildren(...files.map((f) => h('li', { class: 'evidence-file', text: f.name })));
    },
  },
});
const evidenceCard = h(
  'section',
  { class: 'card', id: 'evidence' },
  h('h2', { text: '上传凭证' }),
  h(
    'div',
    { class: 'evidence-drop' },
    h('label', { attrs: { for: 'evidence-input' }, text: '选择凭证文件（图片 / PDF）' }),
    evidenceInput,
    evidenceList,
    h('p', { class: 'hint', text: '每次最多 5 张图片，单张不超过 5MB；聊天记录截图需完整、未经编辑。演示页面不会真正上传文件。' }),
  ),
);

const historyCard = h(
  'section',
  { class: 'card' },
  h('h2', { text: '协商历史' }),
  h(
    'ol',
    { class: 'timeline', id: 'negotiation-history' },
    refund.history
      .slice()
      .reverse()
      .map((ev) =>
        h(
          'li',
          { class: 'nego-item', dataset: { role: ev.role } },
          timeEl(ev.hoursAgo, { class: 'tl-time' }),
          h('span', { class: `tl-role role-${ev.role}`, text: ROLE_LABELS[ev.role] ?? ev.role }),
          h('span', { class: 'nego-action', text: ev.action }),
          h('div', { class: 'nego-text', text: ev.text }),
        ),
      ),
  ),
);

const q = `?order=${encodeURIComponent(order.orderNo)}`;
setChildren(
  root,
  h(
    'div',
    { class: 'page-head' },
    h('h1', { text: '退款详情' }),
    h(
      'div',
      { class: 'page-links' },
      conv ? h('a', { class: 'btn-secondary', href: `./index.html?conv=${encodeURIComponent(conv.id)}`, text: '联系买家' }) : null,
      h('a', { class: 'btn-secondary', id: 'link-order', href: `./order.html${q}`, text: '订单详情' }),
    ),
  ),
  notice,
  banner,
  h('div', { class: 'grid-2' }, refundCard, orderCard),
  evidenceCard,
  historyCard,
);
document.body.dataset.demoReady = 'true';
