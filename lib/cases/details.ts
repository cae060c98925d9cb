import type { CaseDetails, CaseDetailsPatch } from './details-schema';

export type { CaseDetails, CaseDetailsPatch };

// What a case records besides its checklist, for the weekly after-sales report and the KPIs
// (docs/after-sales.md): the item(s), the cause, the refund path ①–④, amounts (in cents, so sums
// are exact), a re-shipment's courier and tracking number, follow-up visits (回访) and review
// explanations. Every field is optional. A patch (`cases.update` `details`) sets the fields it
// names and removes those it sets to null; it is validated whole before anything is written.

/** Causes of a return or refund (the methodology's evidence cases and the playbook's reasons). */
export const caseCauses = [
  'quality',
  'not-as-described',
  'wrong-item',
  'short-missing',
  'logistics',
  'seven-day',
  'expectation',
  'attitude',
  'other',
] as const;
export type CaseCause = (typeof caseCauses)[number];

/** What a bad review is about (the playbook's §五.4: the product's style, workmanship, size, batch, fabric; the courier; the agent). */
export const reviewCauses = ['style', 'workmanship', 'size', 'batch', 'fabric', 'courier', 'attitude', 'other'] as const;
export type ReviewCause = (typeof reviewCauses)[number];

/** Refund paths: ① not shipped, ② shipped not received, ③ received no return, ④ received and returned. */
export const refundPaths = [1, 2, 3, 4] as const;
export type RefundPath = (typeof refundPaths)[number];

/** Largest amount accepted: ¥10,000,000.00. */
export const MAX_CENTS = 1_000_000_000;

/** Applies a validated patch: a value sets the field, null removes it. */
export function applyDetailsPatch(details: CaseDetails | undefined, patch: CaseDetailsPatch, now: number): CaseDetails {
  const next: Record<string, unknown> = { ...(details ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete next[k];
    else next[k] = v;
  }
  const d = next as CaseDetails;
  const reshipped =
    d.reshipCourier !== undefined ||
    d.reshipTrackingNo !== undefined ||
    d.reshipFeeCents !== undefined ||
    d.reshipAmountCents !== undefined;
  if (reshipped && d.reshippedAt === undefined) d.reshippedAt = now;
  if (!reshipped) delete d.reshippedAt;
  return d;
}

/**
 * An amount typed by the agent, in yuan ("459", "459.5", "¥1,299.00"), as cents. Empty: null.
 * Not an amount (letters, more than two decimals, negative): undefined.
 */
export function parseYuan(text: string): number | null | undefined {
  const s = text.replace(/[¥￥,，\s元]/g, '');
  if (!s) return null;
  const m = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Cents as yuan with two decimals ("459.00"). */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The cause a case type implies (shipped ids; a shop's own types imply none). */
const CAUSE_OF_TYPE: Record<string, CaseCause> = {
  quality: 'quality',
  'counterfeit-not-as-described': 'not-as-described',
  'not-received': 'logistics',
  'seven-day-return': 'seven-day',
  'short-missing': 'short-missing',
};
/** The refund path a refund-path case type is (shipped ids). */
const PATH_OF_TYPE: Record<string, RefundPath> = {
  'refund-not-shipped': 1,
  'refund-not-received': 2,
  'refund-received-no-return': 3,
  'refund-with-return': 4,
};

/** Fields a new case starts with, from its type (cause, refund path). */
export function detailsFromType(caseTypeId: string): CaseDetails {
  const d: CaseDetails = {};
  if (Object.hasOwn(CAUSE_OF_TYPE, caseTypeId)) d.cause = CAUSE_OF_TYPE[caseTypeId];
  if (Object.hasOwn(PATH_OF_TYPE, caseTypeId)) d.refundPath = PATH_OF_TYPE[caseTypeId];
  return d;
}
