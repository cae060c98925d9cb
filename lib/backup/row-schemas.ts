import { z } from 'zod';
import { caseDetailsSchema } from '@/lib/cases/details-schema';
import { startEvents } from '@/lib/cases/schema';
import { templateDraft } from '@/lib/templates/draft';
import { countingProfiles, senderKinds, siteConfigSchema } from '@/lib/sites/schema';
import type {
  AttachmentRecord,
  CaseRecord,
  ConversationRecord,
  LintEventRecord,
  MessageEventRecord,
  WaitRecord,
  SiteConfigRecord,
  TemplateRecord,
  TemplateUseRecord,
} from '@/lib/db/records';

// Every table's record (lib/db/records.ts) as a schema, built from the schemas the live writes
// use (the `templates.save`, `timers.observe`, `cases.*` message inputs, the site-config schema):
// what a restore may put in a table is what Deskmate itself could have written there. Strict:
// an unknown field is refused, naming it. Attachments' bytes are checked by content in
// lib/backup/backup.ts. Options page only (zod).

const time = z.number().int().min(0);
const id = (max = 100) => z.string().min(1).max(max);
const draft = templateDraft.shape;

export const rowSchemas = {
  templates: z
    .object({
      id: id(),
      title: draft.title,
      body: draft.body,
      shortcode: draft.shortcode,
      folder: z.string().max(200),
      tags: z.array(z.string().min(1).max(50)).max(50),
      sites: z.array(z.string().min(1).max(64)).max(100),
      language: z.string().max(20),
      builtinId: id().optional(),
      createdAt: time,
      updatedAt: time,
      useCount: z.number().int().min(0),
      lastUsedAt: time,
      py: z.string().max(5000).optional(),
      pyi: z.string().max(5000).optional(),
    })
    .strict(),
  templateUses: z
    .object({
      id: z.number().int().min(1).optional(),
      templateId: id(),
      at: time,
      siteId: id(255),
      chars: z.number().int().min(0).max(1_000_000).optional(),
    })
    .strict(),
  conversations: z
    .object({
      id: id(400),
      siteId: id(64),
      conversationId: id(300),
      buyerName: z.string().max(300).optional(),
      waitingSince: time,
      lastCustomerAt: time,
      lastAgentAt: time,
      seenUntil: time.optional(),
      botSince: time.optional(),
      updatedAt: time,
    })
    .strict(),
  messageEvents: z.object({ id: id(800), conversationKey: id(400), sender: z.enum(senderKinds), at: time }).strict(),
  rounds: z
    .object({
      id: z.number().int().min(1).optional(),
      conversationKey: id(400),
      siteId: id(64),
      profile: z.enum(countingProfiles).optional(),
      startedAt: time,
      endedAt: time,
      bot: z.literal(1).optional(),
    })
    .strict(),
  cases: z
    .object({
      id: id(),
      orderNo: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[\p{L}\p{N}_-]+$/u, 'order number may only hold letters, digits, "_" and "-"'),
      disputeType: id(64),
      caseTypeTitle: z.string().max(200).optional(),
      language: z.enum(['zh-CN', 'en']).optional(),
      platform: id(32),
      siteId: id(64),
      status: z.enum(['open', 'closed']),
      outcome: z.enum(['won', 'lost', 'refunded', 'withdrawn']).optional(),
      startedAt: time,
      startSource: z.enum(['page', 'agent']).optional(),
      startEvent: z.enum(startEvents).optional(),
      details: caseDetailsSchema.optional(),
      deadlineAt: time,
      items: z
        .array(z.object({ itemId: id(64), done: z.union([z.literal(0), z.literal(1)]), note: z.string().max(5000), doneAt: time }).strict())
        .max(200),
      createdAt: time,
      updatedAt: time,
      closedAt: time,
      completedAt: time.optional(),
    })
    .strict(),
  attachments: z
    .object({
      id: id(),
      caseId: id(),
      itemId: id(64),
      name: z.string().min(1).max(255),
      type: z.string().max(100),
      size: z.number().int().min(1),
      sourceUrl: z.string().max(8192),
      createdAt: time,
      preview: z.string().max(2_000_000).startsWith('data:image/', 'must be a data:image URL').optional(),
      blob: z.object({ $blob: z.string(), type: z.string().max(100) }).strict(),
    })
    .strict(),
  siteConfigs: z
    .object({
      id: id(64),
      source: z.enum(['builtin', 'user']),
      enabled: z.union([z.literal(0), z.literal(1)]),
      config: siteConfigSchema,
      updatedAt: time,
    })
    .strict()
    .refine((r) => r.id === r.config.id, { message: 'must equal config.id', path: ['id'] }),
  lintEvents: z
    .object({ id: z.number().int().min(1).optional(), at: time, ruleId: id(), kind: z.enum(['shown', 'fixed']), siteId: id(255) })
    .strict(),
} satisfies Record<string, z.ZodType>;

export type TableName = keyof typeof rowSchemas;

// Kept in step with lib/db/records.ts: a field added to a record type must be added here (or the
// restore of a backup holding it would be refused). Compile-time check: no record field unknown here.
type Unlisted<R, T extends TableName> = Exclude<keyof R, keyof z.input<(typeof rowSchemas)[T]>>;
type None<K> = [K] extends [never] ? true : false;
const inStep: {
  templates: None<Unlisted<TemplateRecord, 'templates'>>;
  templateUses: None<Unlisted<TemplateUseRecord, 'templateUses'>>;
  conversations: None<Unlisted<ConversationRecord, 'conversations'>>;
  messageEvents: None<Unlisted<MessageEventRecord, 'messageEvents'>>;
  rounds: None<Unlisted<WaitRecord, 'rounds'>>;
  cases: None<Unlisted<CaseRecord, 'cases'>>;
  attachments: None<Unlisted<AttachmentRecord, 'attachments'>>;
  siteConfigs: None<Unlisted<SiteConfigRecord, 'siteConfigs'>>;
  lintEvents: None<Unlisted<LintEventRecord, 'lintEvents'>>;
} = {
  templates: true,
  templateUses: true,
  conversations: true,
  messageEvents: true,
  rounds: true,
  cases: true,
  attachments: true,
  siteConfigs: true,
  lintEvents: true,
};
void inStep;
