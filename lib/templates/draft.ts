import { z } from 'zod';

// A template as the editor saves it (the `templates.save` message's input, lib/messaging/protocol.ts),
// validated whole in the background before it is written (rule 6); a restored template row is
// checked against the same fields (lib/backup/row-schemas.ts).

export const templateDraft = z
  .object({
    id: z.string().min(1).max(100).optional(),
    title: z.string().trim().min(1, 'title is empty').max(200),
    body: z.string().min(1, 'body is empty').max(20000),
    shortcode: z
      .string()
      .trim()
      .max(32)
      .regex(/^[\p{L}\p{N}_-]*$/u, 'shortcode may only hold letters, digits, "_" and "-"')
      .optional(),
    folder: z.string().max(200).default(''),
    tags: z.array(z.string().min(1).max(50)).max(50).default([]),
    sites: z.array(z.string().min(1).max(64)).max(100).default([]),
    language: z.string().max(20).default('zh-CN'),
  })
  .strict();

export type TemplateDraft = z.output<typeof templateDraft>;
