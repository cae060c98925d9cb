import { z } from 'zod';
import { capErrors, parseJsonText, parseWith, type ParseResult } from '@/lib/validate';

// Evidence checklists and case deadlines as data (`deskmate/checklists` v1): platforms, deadline
// rules, case types (disputes and refund paths ①–④) with their evidence items, and upload limits.
// The shipped files are lib/cases/definitions/{zh-CN,en}.json; a file an agent imports goes
// through the same parser. Rule 6: a file is validated whole before anything is written, and
// every error names the field ("caseTypes.2.items.4.deadlineRule: unknown rule "x"").
// Messages are built in English (lib/validate.ts); lib/i18n/errors.ts renders them in Chinese.

export const CHECKLISTS_FORMAT = 'deskmate/checklists';
/** Largest checklist file accepted, in UTF-8 bytes. */
export const MAX_CHECKLISTS_BYTES = 2 * 1024 * 1024;
/** Longest deadline a rule may state: one year. */
export const MAX_RULE_HOURS = 24 * 366;

/** Platforms the shipped files know. A user file may add others (any valid id). */
export const knownPlatforms = ['taobao', 'pinduoduo', 'douyin', 'jd'] as const;

/** What starts a deadline's clock. The UI asks the agent for (or reads) this moment. */
export const startEvents = [
  'platformIntervened', // platform customer service (小二) stepped into the dispute
  'platformAskedSeller', // the platform asked the seller for something specific (举证要求)
  'refundRequested', // the buyer filed a refund request
  'returnRequested', // the buyer filed a return-and-refund request
  'orderPaid', // the buyer paid
  'buyerAsked', // the buyer asked or complained (e.g. a late-shipment complaint)
  'manual', // the agent sets the moment (a chase sent to the courier, the last tracking update…)
] as const;
export type StartEvent = (typeof startEvents)[number];

/**
 * deadline: act before it. window: something (e.g. the buyer's message) only counts if it happened
 * before it. wait: it becomes actionable once the time is up (e.g. no tracking movement for 5 days
 * counts as lost). The arithmetic is the same; the UI words and alerts differ.
 */
export const ruleKinds = ['deadline', 'window', 'wait'] as const;
export const caseKinds = ['dispute', 'refundPath'] as const;
export const evidenceKinds = ['image', 'pdf', 'screenshot', 'text'] as const;

const ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const ID_MESSAGE = 'must be 1–64 lowercase letters, digits, "_" or "-", starting with a letter or digit';

const id = z.string().regex(ID_RE, ID_MESSAGE);
const text = (max: number) => z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`);
const hours = z.number().positive('must be more than 0').max(MAX_RULE_HOURS, `must be at most ${MAX_RULE_HOURS}`);
const days = z.number().int('must be a whole number').min(1, 'must be at least 1').max(366, 'must be at most 366');

export const platformSchema = z.object({ id, name: text(100) }).strict();

export const deadlineRuleSchema = z
  .object({
    id,
    title: text(200),
    description: text(2000).optional(),
    kind: z.enum(ruleKinds).default('deadline'),
    start: z.enum(startEvents),
    /** Elapsed time: the deadline is start + hours, an absolute instant (what platform countdowns do). */
    hours: hours.optional(),
    /** Calendar days: the same local clock time N days later (differs from N×24 h across a DST change). */
    days: days.optional(),
    /** Per-platform amounts, in the rule's unit (hours or days). Keys must be declared platforms. */
    perPlatform: z.record(z.string(), z.number()).optional(),
    /** When to remind, in hours before the deadline. Omitted: 12 h, 2 h and 30 min. */
    reminderHoursBefore: z.array(hours).max(10, 'holds more than 10 reminders').optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.hours === undefined) === (r.days === undefined))
      ctx.addIssue({ code: 'custom', message: 'needs either "hours" or "days" (exactly one)' });
    const amount = r.days === undefined ? hours : days;
    for (const [platform, value] of Object.entries(r.perPlatform ?? {})) {
      const v = amount.safeParse(value);
      if (!v.success)
        ctx.addIssue({ code: 'custom', message: v.error.issues[0]?.message ?? 'is not a valid amount', path: ['perPlatform', platform] });
    }
  });

export const checklistItemSchema = z
  .object({
    id,
    title: text(200),
    /** What makes this evidence acceptable: what it must show, what gets it rejected. */
    guidance: text(2000),
    required: z.boolean(),
    /** A deadline of its own (e.g. the courier's 2 h reply), else the case's. */
    deadlineRule: id.optional(),
    accepts: z.array(z.enum(evidenceKinds)).min(1, 'is empty').max(evidenceKinds.length).optional(),
  })
  .strict();

export const caseTypeSchema = z
  .object({
    id,
    title: text(200),
    kind: z.enum(caseKinds),
    description: text(2000),
    /** Texts a platform shows for this dispute reason, to pick the case type from a page. */
    keywords: z.array(text(100)).max(50, 'holds more than 50 keywords').optional(),
    deadlineRule: id,
    items: z.array(checklistItemSchema).min(1, 'is empty').max(100, 'holds more than 100 items'),
  })
  .strict();

export const uploadLimitSchema = z
  .object({
    maxFiles: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').optional(),
    maxFileMB: z.number().positive('must be more than 0').max(1024, 'must be at most 1024').optional(),
    /** How many times evidence can be submitted (Pinduoduo: once). Omitted: not limited / unknown. */
    submissions: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').optional(),
    note: text(500),
  })
  .strict();

export const checklistsSchema = z
  .object({
    format: z.literal(CHECKLISTS_FORMAT, { error: `must be "${CHECKLISTS_FORMAT}"` }),
    version: z.literal(1, { error: 'must be 1' }),
    language: z.enum(['zh-CN', 'en']),
    platforms: z.array(platformSchema).min(1, 'is empty').max(50, 'holds more than 50 platforms'),
    deadlineRules: z.array(deadlineRuleSchema).min(1, 'is empty').max(200, 'holds more than 200 rules'),
    caseTypes: z.array(caseTypeSchema).min(1, 'is empty').max(200, 'holds more than 200 case types'),
    uploadLimits: z.record(z.string(), uploadLimitSchema).default({}),
  })
  .strict();

export type Checklists = z.output<typeof checklistsSchema>;
export type ChecklistsInput = z.input<typeof checklistsSchema>;
export type Platform = Checklists['platforms'][number];
export type DeadlineRule = Checklists['deadlineRules'][number];
export type CaseType = Checklists['caseTypes'][number];
export type ChecklistItem = CaseType['items'][number];
export type UploadLimit = z.output<typeof uploadLimitSchema>;
export type RuleKind = (typeof ruleKinds)[number];
export type CaseKind = (typeof caseKinds)[number];
export type EvidenceKind = (typeof evidenceKinds)[number];

/** Ids must be unique in their list; every reference must point at something declared. */
export function crossReferenceErrors(c: Checklists): string[] {
  const errors: string[] = [];
  const unique = (list: readonly { id: string }[], at: (i: number) => string): Set<string> => {
    const first = new Map<string, number>();
    list.forEach((x, i) => {
      const j = first.get(x.id);
      if (j === undefined) first.set(x.id, i);
      else errors.push(`${at(i)}.id: "${x.id}" is also used by ${at(j)}`);
    });
    return new Set(first.keys());
  };
  const platforms = unique(c.platforms, (i) => `platforms.${i}`);
  const rules = unique(c.deadlineRules, (i) => `deadlineRules.${i}`);
  unique(c.caseTypes, (i) => `caseTypes.${i}`);

  c.deadlineRules.forEach((r, i) => {
    for (const p of Object.keys(r.perPlatform ?? {}))
      if (!platforms.has(p)) errors.push(`deadlineRules.${i}.perPlatform.${p}: unknown platform "${p}"`);
  });
  c.caseTypes.forEach((t, i) => {
    if (!rules.has(t.deadlineRule)) errors.push(`caseTypes.${i}.deadlineRule: unknown rule "${t.deadlineRule}"`);
    unique(t.items, (j) => `caseTypes.${i}.items.${j}`);
    t.items.forEach((item, j) => {
      if (item.deadlineRule !== undefined && !rules.has(item.deadlineRule))
        errors.push(`caseTypes.${i}.items.${j}.deadlineRule: unknown rule "${item.deadlineRule}"`);
    });
  });
  for (const p of Object.keys(c.uploadLimits)) if (!platforms.has(p)) errors.push(`uploadLimits.${p}: unknown platform "${p}"`);
  return errors;
}

/** Validates a whole checklist file (already parsed from JSON). Nothing is returned unless all of it is valid. */
export function parseChecklists(input: unknown): ParseResult<Checklists> {
  const r = parseWith(checklistsSchema, input);
  if (!r.ok) return { ok: false, errors: capErrors(r.errors) };
  const errors = crossReferenceErrors(r.value);
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return r;
}

/** Parses and validates checklist JSON text (an imported file), with a size limit. */
export function parseChecklistsText(text: string): ParseResult<Checklists> {
  const json = parseJsonText(text, MAX_CHECKLISTS_BYTES);
  return json.ok ? parseChecklists(json.value) : json;
}
