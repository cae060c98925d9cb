import { z } from 'zod';
import { caseDetailsPatchSchema, caseDetailsSchema } from '@/lib/cases/details-schema';
import { templateDraft } from '@/lib/templates/draft';
import { listBatchSchema, observeBatchSchema } from '@/lib/timers/observe';

// The one typed message protocol between content scripts / extension pages and the background.
// Inputs are validated on the receiving side (rule 6); a message that fails validation gets an
// error naming the field and nothing is written.

const orderNo = z
  .string()
  .trim()
  .min(1, 'order number is empty')
  .max(64)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'order number may only hold letters, digits, "_" and "-"');

export const requests = {
  ping: { input: z.object({}).strict() },
  'templates.list': {
    input: z.object({ limit: z.number().int().min(1).max(100000).default(200) }).strict(),
  },
  'templates.save': { input: templateDraft },
  'templates.count': { input: z.object({}).strict() },
  /** Everything the picker indexes (no usage history, no page data). */
  'templates.picker': { input: z.object({}).strict() },
  'templates.recordUse': {
    input: z
      .object({ templateId: z.string().min(1).max(100), siteId: z.string().min(1).max(255), chars: z.number().int().min(0).max(1_000_000) })
      .strict(),
  },
  /** The content-script loader asks for the overlay to be injected into its own frame. */
  'overlay.inject': { input: z.object({ reason: z.enum(['site', 'trigger', 'command']) }).strict() },
  'lint.record': {
    input: z.object({ ruleId: z.string().min(1).max(100), kind: z.enum(['shown', 'fixed']), siteId: z.string().min(1).max(255) }).strict(),
  },
  'sites.get': { input: z.object({ id: z.string().min(1).max(64) }).strict() },
  /** A page's config health (lib/sites/health.ts): parts failing, the last time everything was found. */
  'sites.health': {
    input: z
      .object({
        siteId: z.string().min(1).max(64),
        failing: z.array(z.enum(['messages', 'senders', 'conversation', 'composer'])).max(4),
        lastMatchAt: z.number().int().min(0).nullable(),
      })
      .strict(),
  },
  /** The agent's choice of config for a page where several match (null: back to the default). */
  'sites.choose': { input: z.object({ url: z.string().min(1).max(2000), id: z.string().min(1).max(64).nullable() }).strict() },
  /** Messages a watcher saw in one conversation (ids, senders and times only: never text). */
  'timers.observe': { input: observeBatchSchema },
  /** Conversations of the list (not the open one) where the buyer wrote (lib/timers/tracker). */
  'timers.list': { input: listBatchSchema },
  /** From the popup: open "Teach this site" in a tab (injecting the overlay first when needed). */
  'teach.start': { input: z.object({ tabId: z.number().int().min(0) }).strict() },
  /** From the popup or side panel: bring the tab of a waiting conversation forward (the longest wait by default). */
  'waits.show': { input: z.object({ key: z.string().min(1).max(400).optional() }).strict() },
  /** Saves a site config the agent taught Deskmate (validated whole again here). */
  'sites.save': { input: z.object({ config: z.unknown() }).strict() },
  /** The active checklist definitions in the agent's language (case types, items, deadline rules). */
  'cases.definitions': { input: z.object({ language: z.enum(['zh-CN', 'en']).optional() }).strict() },
  'cases.forOrder': { input: z.object({ orderNo: orderNo }).strict() },
  'cases.open': {
    input: z
      .object({
        orderNo: orderNo,
        caseTypeId: z.string().min(1).max(64),
        platform: z.string().min(1).max(32),
        siteId: z.string().min(1).max(64),
        /** The platform's start (read from the page or typed by the agent); absent: unknown, asked later. */
        startedAt: z.number().int().min(1).optional(),
        startSource: z.enum(['page', 'agent']).optional(),
        details: caseDetailsSchema.optional(),
        /** The language of the agent's UI: the case keeps its type's title in it. */
        language: z.enum(['zh-CN', 'en']).optional(),
      })
      .strict(),
  },
  'cases.update': {
    input: z
      .object({
        id: z.string().min(1).max(100),
        items: z
          .array(
            z.object({ itemId: z.string().min(1).max(64), done: z.boolean().optional(), note: z.string().max(5000).optional() }).strict(),
          )
          .max(200)
          .optional(),
        startedAt: z.number().int().min(1).optional(),
        startSource: z.enum(['page', 'agent']).optional(),
        platform: z.string().min(1).max(32).optional(),
        details: caseDetailsPatchSchema.optional(),
      })
      .strict(),
  },
  'cases.close': {
    input: z.object({ id: z.string().min(1).max(100), outcome: z.enum(['won', 'lost', 'refunded', 'withdrawn']) }).strict(),
  },
  'cases.reopen': { input: z.object({ id: z.string().min(1).max(100) }).strict() },
  'cases.attachments': { input: z.object({ caseId: z.string().min(1).max(100) }).strict() },
  /** Captures the visible part of the sender's tab as evidence for one item. */
  'cases.captureTab': { input: z.object({ caseId: z.string().min(1).max(100), itemId: z.string().min(1).max(64) }).strict() },
  /** Opens the full case page (attachments, files, export) in a tab. */
  'cases.openPage': { input: z.object({ caseId: z.string().min(1).max(100) }).strict() },
  /** An extension page changed cases or attachments directly: alarms and badge follow. */
  'cases.changed': { input: z.object({}).strict() },
} as const;

export type RequestType = keyof typeof requests;
export type RequestInput<T extends RequestType> = z.input<(typeof requests)[T]['input']>;
export type ParsedInput<T extends RequestType> = z.output<(typeof requests)[T]['input']>;

export interface Envelope {
  deskmate: 1;
  type: string;
  input: unknown;
}

/** `code: 'quota'`: the write was refused for lack of storage (lib/quota.ts). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string; code?: 'quota' };

export function isEnvelope(message: unknown): message is Envelope {
  return !!message && typeof message === 'object' && (message as Envelope).deskmate === 1 && typeof (message as Envelope).type === 'string';
}
