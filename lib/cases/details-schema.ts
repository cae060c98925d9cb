import { z } from 'zod';
import { caseCauses, MAX_CENTS, refundPaths, reviewCauses } from './details';

// The schemas of a case's details (lib/cases/details.ts says what they are): used where input
// is validated — the background's messages, restored backups. Kept apart from details.ts so that
// the overlay's case form, which needs the lists and the amount helpers but validates nothing
// itself (the background does), does not carry zod into every console (docs/performance.md).

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

export const caseDetailsSchema = z
  .object(
    Object.fromEntries(Object.entries(caseDetailsShape).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof Shape]: z.ZodOptional<Shape[K]>;
    },
  )
  .strict();
export const caseDetailsPatchSchema = z
  .object(
    Object.fromEntries(Object.entries(caseDetailsShape).map(([k, v]) => [k, v.nullable().optional()])) as {
      [K in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[K]>>;
    },
  )
  .strict();
