import { z } from 'zod';

// What a case records besides its checklist, for the weekly after-sales report and the KPIs
// (docs/after-sales.md): the item(s), the cause, the refund path ①–④, amounts (in cents, so sums
// are exact), a re-shipment's courier and tracking number, follow-up visits (回访) and review
// explanations. Every field is optional. A patch (`cases.update` `details`) sets the fields it
// names and removes those it sets to null; it is validated whole before anything is written.

/** Causes of a return or refund (the methodology's evidence cases and the playbook's reasons). */
export const caseCauses = ['quality', 'not-as-described', 'wrong-item', 'short-missing', 'logistics', 'seven-day', 'expectation', 'attitude', 'other'] as const;
export type CaseCause = (typeof caseCauses)[number];

/** What a bad review is about (the playbook's §五.4: the product's style, workmanship, size, batch, fabric; the courier; the agent). */
export const reviewCauses = ['style', 'workmanship', 'size', 'batch', 'fabric', 'courier', 'attitude', 'other'] as const;
export type ReviewCause = (typeof reviewCauses)[number];

/** Refund paths: ① not shipped, ② shipped not received, ③ received no return, ④ received and returned. */
export const refundPaths = [1, 2, 3, 4] as const;
export type RefundPath = (typeof refundPaths)[number];

/** Largest amount accepted: ¥10,000,000.00. */
export const MAX_CENTS = 1_000_000_000;

const cents = z.number().int('must be a whole number of cents').min(0, 'must not be negative').max(MAX_CENTS, 'is too large');
const instant = z.number().int().min(0);
const line = (max: number) => z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`);

export const visitSchema = z.object({ at: instant, finding: line(1000) }).strict();
export const reviewSchema = z.object({ at: instant, cause: z.enum(reviewCauses), text: line(1000) }).strict();

export const caseDetailsShape = {
  /** The item(s) concerned: title, 货号, colour/size, free text. */
  items: line(500),
  cause: z.enum(caseCauses),
  refundPath: z.union(refundPaths.map((p) => z.literal(p)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>]),
  refundCents: cents,
  compensationCents: cents,
  /** The value of the goods sent again (货款金额). */
  reshipAmountCents: cents,
  reshipFeeCents: cents,
  reshipCourier: line(50),
  reshipTrackingNo: z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, 'may only hold letters, digits and "-"'),
  /** When the re-shipment was recorded (set by the store when a courier, tracking number or fee is first given). */
  reshippedAt: instant,
  visits: z.array(visitSchema).max(50, 'holds more than 50 visits'),
  reviews: z.array(reviewSchema).max(50, 'holds more than 50 explanations'),
  /** A buyer's complaint: when it came in and when it was answered (target: within 48 h). */
  complaintAt: instant,
  complaintAnsweredAt: instant,
} as const;

type Shape = typeof caseDetailsShape;
export type CaseDetails = { -readonly [K in keyof Shape]?: z.output<Shape[K]> };
export type CaseDetailsPatch = { -readonly [K in keyof Shape]?: z.output<Shape[K]> | null };

export const caseDetailsSchema = z.object(Object.fromEntries(Object.entries(caseDetailsShape).map(([k, v]) => [k, v.optional()])) as { [K in keyof Shape]: z.ZodOptional<Shape[K]> }).strict();
export const caseDetailsPatchSchema = z
  .object(Object.fromEntries(Object.entries(caseDetailsShape).map(([k, v]) => [k, v.nullable().optional()])) as { [K in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[K]>> })
  .strict();

/** Applies a validated patch: a value sets the field, null removes it. */
export function applyDetailsPatch(details: CaseDetails | undefined, patch: CaseDetailsPatch, now: number): CaseDetails {
  const next: Record<string, unknown> = { ...(details ?? {}) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete next[k];
    else next[k] = v;
  }
  const d = next as CaseDetails;
  const reshipped = d.reshipCourier !== undefined || d.reshipTrackingNo !== undefined || d.reshipFeeCents !== undefined || d.reshipAmountCents !== undefined;
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
