import { z } from 'zod';
import { errorMap, formatIssues, type ParseResult } from '@/lib/validate';
import { MAX_PATTERNS, parseMatchPattern } from './match-pattern';
import { EXTRACT_REGEX, regexProblem } from './safe-regex';
import { countingProfiles, senderKinds } from './kinds';
import { selectorProblems } from './selectors';

// One schema for every site adapter, built-in and user-made (rule 2: site knowledge is data).
// Documented with a complete example in docs/site-config.md.

/** Alternatives, tried in order: the first selector that finds something wins. */
const selectorList = z.array(z.string().min(1).max(500)).min(1).max(20);

const safeRegex = z.string().superRefine((s, ctx) => {
  // Checked exactly as lib/sites/extract.ts runs it (same engine and flags).
  const problem = regexProblem(s, 200, EXTRACT_REGEX);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** How to read one value: from an element's text or attribute, or from the URL. */
export const extractRule = z
  .object({
    selector: selectorList.optional(),
    attr: z.string().min(1).max(100).optional(),
    fromUrl: z.boolean().optional(),
    regex: safeRegex.optional(),
  })
  .strict()
  .refine((r) => r.selector || r.fromUrl, 'needs "selector" or "fromUrl"');

export { senderKinds, countingProfiles, type SenderKind, type CountingProfileKind } from './kinds';

/** Bounded like selector lists (docs/security.md S9). */
const senderValues = z.array(z.string().min(1).max(500)).max(20);

/** A sender told by text (a name, a label): checked before the attribute or selectors. */
const senderText = z
  .object({
    /** Where the text is, inside the item (`:scope` = the item itself). */
    selector: selectorList,
    /** Matches the text (RE2, case-sensitive, as extract rules). */
    regex: safeRegex,
    sender: z.enum(senderKinds),
  })
  .strict();

const senderRule = z
  .object({
    /** Items whose text matches are this sender, whatever the rest of the rule says. */
    byText: z.array(senderText).min(1).max(10).optional(),
    /** Attribute on the message item whose value names the sender. */
    attr: z.string().min(1).max(100).optional(),
    /** Attribute values (or, without attr, selectors the item matches) per sender kind. */
    customer: senderValues.optional(),
    agent: senderValues.optional(),
    bot: senderValues.optional(),
    system: senderValues.optional(),
    /** Who writes on each side of the thread, for items no rule above names (measured once per message). */
    side: z
      .object({ left: z.enum(senderKinds).optional(), right: z.enum(senderKinds).optional() })
      .strict()
      .optional(),
  })
  .strict();

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$|^24:00$/, 'must be a time "HH:MM" (00:00–24:00)');

/** Per-site overrides of the counting profile's numbers (defaults: lib/sites/counting.ts). */
export type SenderRule = z.output<typeof senderRule>;

export const countingOverrides = z
  .object({
    /** The reply target in seconds (3 min on Taobao/PDD/Douyin, 30 s on JD). */
    targetSec: z.number().int().min(1).max(86400).optional(),
    /** Taobao: each round's reply time is capped at this for the average. */
    capSec: z.number().int().min(1).max(86400).optional(),
    /** JD: a re-ask within this many seconds of the last message is the same session. */
    sessionGapSec: z.number().int().min(0).max(86400).optional(),
    /** Counted hours, local time; waits starting outside are not counted. */
    hours: z.object({ from: clock, to: clock }).strict().optional(),
    /** Help desk: count in calendar time or in the agent's business hours. */
    clock: z.enum(['calendar', 'business']).optional(),
  })
  .strict();

/** The public sources an evidence-based config was written from, and when they were read. */
const evidenceSchema = z
  .object({
    sources: z.array(z.string().min(1).max(200)).min(1).max(10),
    checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"'),
  })
  .strict();

export type SiteStatus = 'verified' | 'evidence-based' | 'unverified';

/** Verified (saved pages back it), evidence-based (public sources, no saved page), or unverified. */
export function siteStatus(config: { verified?: boolean; evidence?: unknown }): SiteStatus {
  if (config.verified) return 'verified';
  return config.evidence ? 'evidence-based' : 'unverified';
}

const localized = z.union([z.string().min(1).max(100), z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) }).strict()]);

export const siteConfigSchema = z
  .object({
    format: z.literal('deskmate/site-config'),
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2–64 lowercase letters, digits, ".", "_" or "-"'),
    name: localized,
    verified: z.boolean().default(false),
    /** Written from public evidence about the console (not a saved page): status "evidence-based". */
    evidence: evidenceSchema.optional(),
    matches: z
      .array(z.string())
      .min(1)
      .max(MAX_PATTERNS)
      .superRefine((patterns, ctx) => {
        patterns.forEach((p, i) => {
          const r = parseMatchPattern(p);
          if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: r, path: [i] });
        });
      }),
    profile: z.enum(countingProfiles).default('helpdesk'),
    counting: countingOverrides.optional(),
    selectors: z
      .object({
        conversationItem: selectorList.optional(),
        conversationItemId: extractRule.optional(),
        /** Per list item: its unread count or badge ("3", "99+"; absent or empty = none). */
        conversationUnread: extractRule.optional(),
        /** Per list item: the time of its last message, as the console shows it ("14:05"). */
        conversationLastTime: extractRule.optional(),
        /** Per list item: the last message's preview text (a change is new activity). */
        conversationPreview: extractRule.optional(),
        /** Per list item: who sent the last message, when the list shows it. */
        conversationLastSender: senderRule.optional(),
        activeConversation: extractRule.optional(),
        message: selectorList.optional(),
        /**
         * Consoles that keep several conversations' messages in the page (Zendesk's open tickets):
         * only messages inside an element whose `attr` equals the open conversation's id count.
         */
        messageScope: z
          .object({ attr: z.string().min(1).max(100) })
          .strict()
          .optional(),
        messageSender: senderRule.optional(),
        messageId: extractRule.optional(),
        messageTime: extractRule.optional(),
        messageText: extractRule.optional(),
        composer: selectorList.optional(),
        /** Where the active conversation's chip goes (its header); defaults to beside buyerName. */
        conversationHeader: selectorList.optional(),
        buyerName: extractRule.optional(),
        orderNo: extractRule.optional(),
        disputeType: extractRule.optional(),
        /** When the platform's clock for the dispute started (平台介入时间); read like message times. */
        disputeStartedAt: extractRule.optional(),
        trackingNo: extractRule.optional(),
      })
      .strict(),
  })
  .strict();

export type SiteConfig = z.output<typeof siteConfigSchema>;
export type ExtractRule = z.output<typeof extractRule>;

/**
 * Validates a whole config. `checkSelector` (given where a DOM exists) rejects selectors the
 * browser cannot parse.
 */
export function parseSiteConfig(input: unknown, checkSelector?: (s: string) => boolean): ParseResult<SiteConfig> {
  const r = siteConfigSchema.safeParse(input, { error: errorMap });
  if (!r.success) return { ok: false, errors: formatIssues(r.error) };
  if (checkSelector) {
    const bad = selectorProblems(r.data, checkSelector);
    if (bad.length) return { ok: false, errors: bad };
  }
  return { ok: true, value: r.data };
}

export { domSelectorChecker } from './selectors';
