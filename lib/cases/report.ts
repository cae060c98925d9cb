import type { CaseRecord } from './record';
import type { Translate } from '@/lib/i18n';
import { caseCauses, formatYuan, refundPaths, reviewCauses, type CaseCause, type RefundPath, type ReviewCause } from './details';
import type { StartEvent } from './schema';

// The after-sales playbook's weekly report and the methodology's KPIs, computed from cases
// (docs/after-sales.md). Pure: cases, a range and "now" in, figures out. Every time used is one
// the case stored (opened, closed, re-shipped, visited, explained, complained, answered).

export interface Range {
  from: number;
  to: number;
}

const HOUR = 3_600_000;
/** Complaints are answered within 48 h (the service standard). */
export const COMPLAINT_REPLY_MS = 48 * HOUR;
/** Start events that mean the platform stepped in (a dispute in the methodology's sense). */
const PLATFORM_EVENTS: readonly StartEvent[] = ['platformIntervened', 'platformAskedSeller'];

const within = (t: number | undefined, r: Range): t is number => t !== undefined && t > 0 && t >= r.from && t < r.to;

// ---- the four tables -------------------------------------------------------------------------

export interface ReturnsRow {
  /** The item(s) as the agent wrote them ('' when not given). */
  item: string;
  cause: CaseCause | null;
  count: number;
  refundCents: number;
}

/** §五.1: which items come back and why. Cases opened in range that name an item or a cause. */
export function returnsByItemAndCause(cases: readonly CaseRecord[], range: Range): ReturnsRow[] {
  const rows = new Map<string, ReturnsRow>();
  for (const c of cases) {
    const d = c.details;
    if (!within(c.createdAt, range) || (!d?.items && !d?.cause)) continue;
    const item = d.items?.trim() ?? '';
    const cause = d.cause ?? null;
    const key = `${item}\u0000${cause ?? ''}`;
    const row = rows.get(key) ?? { item, cause, count: 0, refundCents: 0 };
    row.count++;
    row.refundCents += d.refundCents ?? 0;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => b.count - a.count || a.item.localeCompare(b.item) || (a.cause ?? '').localeCompare(b.cause ?? ''),
  );
}

export interface VisitRow {
  at: number;
  orderNo: string;
  finding: string;
}

/** §五.2: follow-up visits (回访) made in range and what they found, oldest first. */
export function followUpVisits(cases: readonly CaseRecord[], range: Range): VisitRow[] {
  return cases
    .flatMap((c) =>
      (c.details?.visits ?? []).filter((v) => within(v.at, range)).map((v) => ({ at: v.at, orderNo: c.orderNo, finding: v.finding })),
    )
    .sort((a, b) => a.at - b.at || a.orderNo.localeCompare(b.orderNo));
}

export interface ReshipRow {
  at: number;
  orderNo: string;
  courier: string;
  trackingNo: string;
  amountCents: number;
  feeCents: number;
}

export interface Reshipments {
  rows: ReshipRow[];
  amountCents: number;
  feeCents: number;
}

/** §五.3: re-shipments recorded in range (order number, amount, courier fee), with their sums. */
export function reshipments(cases: readonly CaseRecord[], range: Range): Reshipments {
  const rows = cases
    .filter((c) => within(c.details?.reshippedAt, range))
    .map((c) => {
      const d = c.details!;
      return {
        at: d.reshippedAt!,
        orderNo: c.orderNo,
        courier: d.reshipCourier ?? '',
        trackingNo: d.reshipTrackingNo ?? '',
        amountCents: d.reshipAmountCents ?? 0,
        feeCents: d.reshipFeeCents ?? 0,
      };
    })
    .sort((a, b) => a.at - b.at || a.orderNo.localeCompare(b.orderNo));
  return { rows, amountCents: rows.reduce((s, r) => s + r.amountCents, 0), feeCents: rows.reduce((s, r) => s + r.feeCents, 0) };
}

export interface ReviewGroup {
  cause: ReviewCause;
  count: number;
  explanations: { at: number; orderNo: string; text: string }[];
}

/** §五.4: explanations of bad reviews written in range, by cause (in the playbook's order). */
export function reviewsByCause(cases: readonly CaseRecord[], range: Range): ReviewGroup[] {
  const groups = new Map<ReviewCause, ReviewGroup>();
  for (const c of cases)
    for (const r of c.details?.reviews ?? []) {
      if (!within(r.at, range)) continue;
      const g = groups.get(r.cause) ?? { cause: r.cause, count: 0, explanations: [] };
      g.count++;
      g.explanations.push({ at: r.at, orderNo: c.orderNo, text: r.text });
      groups.set(r.cause, g);
    }
  return reviewCauses.flatMap((cause) => {
    const g = groups.get(cause);
    return g ? [{ ...g, explanations: g.explanations.sort((a, b) => a.at - b.at) }] : [];
  });
}

// ---- KPIs ------------------------------------------------------------------------------------

export interface AfterSalesKpis {
  /** 退款完结时长 by path: closed cases in range with that path, mean hours from the case's start to closing. */
  completionByPath: Record<RefundPath, { count: number; meanHours: number | null }>;
  /** Cases closed in range. */
  closed: number;
  /** Closed by the shop itself (refunded, or withdrawn by the buyer), not by a platform ruling. */
  selfCompleted: number;
  selfCompletionRate: number | null;
  /** Closed cases in which the platform stepped in (its start was the platform's, or it ruled won/lost). */
  disputes: number;
  disputeRate: number | null;
  /** Complaints received in range: answered within 48 h, answered late or unanswered past 48 h, still inside 48 h. */
  complaints: { received: number; inTime: number; late: number; pending: number; rate: number | null };
}

/** Whether the platform stepped into a case. */
export function platformStepped(c: CaseRecord): boolean {
  return (c.startEvent !== undefined && PLATFORM_EVENTS.includes(c.startEvent)) || c.outcome === 'won' || c.outcome === 'lost';
}

export function afterSalesKpis(cases: readonly CaseRecord[], range: Range, now: number): AfterSalesKpis {
  const sums = new Map<RefundPath, { count: number; hours: number }>();
  let closed = 0;
  let selfCompleted = 0;
  let disputes = 0;
  const complaints = { received: 0, inTime: 0, late: 0, pending: 0 };
  for (const c of cases) {
    if (c.status === 'closed' && within(c.closedAt, range)) {
      closed++;
      if (c.outcome === 'refunded' || c.outcome === 'withdrawn') selfCompleted++;
      if (platformStepped(c)) disputes++;
      const path = c.details?.refundPath;
      if (path) {
        const start = c.startedAt || c.createdAt;
        const s = sums.get(path) ?? { count: 0, hours: 0 };
        s.count++;
        s.hours += Math.max(0, c.closedAt - start) / HOUR;
        sums.set(path, s);
      }
    }
    const at = c.details?.complaintAt;
    if (within(at, range)) {
      complaints.received++;
      const answered = c.details?.complaintAnsweredAt;
      if (answered !== undefined && answered >= at) {
        if (answered - at <= COMPLAINT_REPLY_MS) complaints.inTime++;
        else complaints.late++;
      } else if (now - at > COMPLAINT_REPLY_MS) complaints.late++;
      else complaints.pending++;
    }
  }
  const completionByPath = Object.fromEntries(
    refundPaths.map((p) => {
      const s = sums.get(p);
      return [p, { count: s?.count ?? 0, meanHours: s ? s.hours / s.count : null }];
    }),
  ) as AfterSalesKpis['completionByPath'];
  const judged = complaints.inTime + complaints.late;
  return {
    completionByPath,
    closed,
    selfCompleted,
    selfCompletionRate: closed ? selfCompleted / closed : null,
    disputes,
    disputeRate: closed ? disputes / closed : null,
    complaints: { ...complaints, rate: judged ? complaints.inTime / judged : null },
  };
}

// ---- the weekly report's tables (screen, CSV and JSON) -----------------------------------------

export interface AfterSalesWeek {
  returns: ReturnsRow[];
  visits: VisitRow[];
  reshipments: Reshipments;
  reviews: ReviewGroup[];
}

export function afterSalesWeek(cases: readonly CaseRecord[], range: Range): AfterSalesWeek {
  return {
    returns: returnsByItemAndCause(cases, range),
    visits: followUpVisits(cases, range),
    reshipments: reshipments(cases, range),
    reviews: reviewsByCause(cases, range),
  };
}

export type Cell = string | number;
export interface ReportTable {
  id: 'returns' | 'visits' | 'reshipments' | 'reviews';
  title: string;
  columns: string[];
  rows: Cell[][];
}

const day = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** The four tables, this week beside last, in the agent's language. Amounts in yuan ("459.00"). */
export function afterSalesTables(week: AfterSalesWeek, prev: AfterSalesWeek, t: Translate): ReportTable[] {
  const cause = (c: CaseCause | null) => (c ? t(`afterSales.cause.${c}`) : '–');
  const returnKey = (r: ReturnsRow) => `${r.item}\u0000${r.cause ?? ''}`;
  const before = new Map(prev.returns.map((r) => [returnKey(r), r]));
  const returns: Cell[][] = week.returns.map((r) => [
    r.item || '–',
    cause(r.cause),
    r.count,
    before.get(returnKey(r))?.count ?? 0,
    formatYuan(r.refundCents),
  ]);
  const shown = new Set(week.returns.map(returnKey));
  for (const r of prev.returns) if (!shown.has(returnKey(r))) returns.push([r.item || '–', cause(r.cause), 0, r.count, formatYuan(0)]);

  const visits: Cell[][] = [
    ...week.visits.map((v) => [t('dash.thisWeek'), day(v.at), v.orderNo, v.finding]),
    ...prev.visits.map((v) => [t('dash.lastWeek'), day(v.at), v.orderNo, v.finding]),
  ];

  const reshipTotal = (label: 'afterSales.totalThisWeek' | 'afterSales.totalLastWeek', w: AfterSalesWeek): Cell[] => [
    t(label, { n: w.reshipments.rows.length }),
    '',
    '',
    '',
    formatYuan(w.reshipments.amountCents),
    formatYuan(w.reshipments.feeCents),
  ];
  const reship: Cell[][] = [
    ...week.reshipments.rows.map((r) => [day(r.at), r.orderNo, r.courier, r.trackingNo, formatYuan(r.amountCents), formatYuan(r.feeCents)]),
    reshipTotal('afterSales.totalThisWeek', week),
    reshipTotal('afterSales.totalLastWeek', prev),
  ];

  const prevReviews = new Map(prev.reviews.map((g) => [g.cause, g.count]));
  const reviewRows: Cell[][] = reviewCauses
    .filter((c) => week.reviews.some((g) => g.cause === c) || prevReviews.has(c))
    .map((c) => {
      const g = week.reviews.find((x) => x.cause === c);
      return [
        t(`afterSales.review.${c}`),
        g?.count ?? 0,
        prevReviews.get(c) ?? 0,
        (g?.explanations ?? []).map((e) => `${e.orderNo}: ${e.text}`).join('；'),
      ];
    });

  return [
    {
      id: 'returns',
      title: t('afterSales.table.returns'),
      columns: [
        t('afterSales.col.item'),
        t('afterSales.col.cause'),
        t('dash.thisWeek'),
        t('dash.lastWeek'),
        t('afterSales.col.refundThisWeek'),
      ],
      rows: returns,
    },
    {
      id: 'visits',
      title: t('afterSales.table.visits', { now: week.visits.length, before: prev.visits.length }),
      columns: [t('afterSales.col.week'), t('afterSales.col.date'), t('afterSales.col.order'), t('afterSales.col.finding')],
      rows: visits,
    },
    {
      id: 'reshipments',
      title: t('afterSales.table.reshipments'),
      columns: [
        t('afterSales.col.date'),
        t('afterSales.col.order'),
        t('afterSales.col.courier'),
        t('afterSales.col.trackingNo'),
        t('afterSales.col.amount'),
        t('afterSales.col.fee'),
      ],
      rows: reship,
    },
    {
      id: 'reviews',
      title: t('afterSales.table.reviews'),
      columns: [t('afterSales.col.reviewCause'), t('dash.thisWeek'), t('dash.lastWeek'), t('afterSales.col.explanations')],
      rows: reviewRows,
    },
  ];
}

export { caseCauses };
